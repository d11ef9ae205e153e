#pragma once

#include "graph/graphdrawing.h"

#include <QWidget>

class NodeInspectorModel;
class QLabel;
class QPushButton;
class QTreeView;

// The selected graph node in full: a header (label, kind, module), the inspector tree, and a
// button that opens the node's source line in the Code tab. For a collapsed module's box it
// shows what the box holds and offers to expand it.
class NodeInspector : public QWidget
{
    Q_OBJECT
public:
    explicit NodeInspector(QWidget* parent = nullptr);

    // note: a line under the header, e.g. that the node is drawn inside a collapsed module.
    void showNode(const GraphPtr& graph, int node, const QString& note = {});
    void showModuleBox(const GraphDrawingPtr& drawing, int item);
    void clear();
    NodeInspectorModel* model() const { return m_model; }
    QString headerText() const;

signals:
    void openSourceRequested(const QString& file, int line);
    void expandRequested(const QString& scope);

private:
    void setSource(const QString& file, int line);

    NodeInspectorModel* m_model;
    QLabel* m_header;
    QTreeView* m_view;
    QPushButton* m_source;
    QPushButton* m_expand;
    QString m_file;
    int m_line = 0;
    QString m_scope;
};
