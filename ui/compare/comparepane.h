#pragma once

#include "graph/graphdrawing.h"
#include "modelinfoptr.h"

#include <QWidget>

class CodeView;
class GraphController;
class GraphPanel;
class ModelWorker;
class QLabel;
class QStackedWidget;
class SourceController;

// One side of the Compare mode: its model's title, the graph drawn by a GraphController on that
// model's worker (or a message in its place), and a code view below showing the source of the
// node selected or focused. Focusing a node waits for the inlined drawing when another variant
// (or nothing yet) is shown: NodeRef ids are the inlined graph's.
class ComparePane : public QWidget
{
    Q_OBJECT
public:
    // side: "A" or "B", for titles and object names.
    ComparePane(const QString& side, ModelWorker* worker, QWidget* parent = nullptr);

    GraphPanel* panel() const { return m_panel; }
    GraphController* controller() const { return m_controller; }
    CodeView* codeView() const { return m_code; }
    // The inlined graph of the model drawn, once extracted; null before.
    GraphPtr inlinedGraph() const { return m_inlined; }

    void setTitle(const QString& text, const QString& toolTip = {});
    // Draws this model's graph in place of any message.
    void setModel(const ModelInfoPtr& info);
    // A message in place of the graph (opening, no graph, failed).
    void showMessage(const QString& text);
    bool isShowingGraph() const;
    QString message() const;
    // Forgets the model drawn: the graph, the code, what was to be focused.
    void forget();

    // Selects the node and brings it into sight (expanding a collapsed module around it).
    void focusNode(int node);
    // True while focusNode selects: the selection was not the user's.
    bool isFocusing() const { return m_focusing; }
    void showSource(const QString& file, int line);
    void clearCode();

signals:
    void inlinedGraphAvailable(const GraphPtr& graph);
    // The user (or focusNode) selected a node of the drawing.
    void nodeSelected(int node);
    // Zoomed or panned.
    void viewChanged();

private:
    void onLayoutAvailable();

    QString m_side;
    GraphController* m_controller;
    GraphPanel* m_panel;
    SourceController* m_sources;
    CodeView* m_code;
    QLabel* m_title;
    QLabel* m_codeTitle;
    QStackedWidget* m_stack;
    QLabel* m_message;
    GraphPtr m_inlined;
    int m_pendingFocus = -1; // focused once the inlined drawing is there
    bool m_focusing = false;
};
