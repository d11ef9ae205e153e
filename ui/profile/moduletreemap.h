#pragma once

#include "profileresultptr.h"

#include <QRectF>
#include <QVector>
#include <QWidget>

// Time by module as a squarified treemap: each module a rectangle with area in proportion to its
// time per run, its submodules inside it, the space they leave being its own nodes' time. Reads
// better than nested bars for a deep model: layer4 being a quarter of the picture is visible at
// once. Clicking a module asks for its nodes (the panel filters its table to it).
class ModuleTreemap : public QWidget
{
    Q_OBJECT
public:
    struct Cell
    {
        int group = -1; // index into result.byModule
        QRectF rect;
        int depth = 0;
        bool labelled = false;
    };

    explicit ModuleTreemap(QWidget* parent = nullptr);

    void setResult(const ProfileResultPtr& result);
    void clear();
    // Outlines the module the node belongs to (or its closest drawn ancestor).
    void setSelectedScope(const QString& scope);
    void clearSelectedScope();

    // Cells drawn, parents before their children; laid out for the current size.
    const QVector<Cell>& cells() const;
    // The deepest module drawn at pos; -1 outside every cell.
    int groupAt(const QPointF& pos) const;

    QSize sizeHint() const override { return {600, 400}; }

signals:
    void moduleClicked(const QString& scope);

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    bool event(QEvent* event) override;

private:
    void buildTree();
    void layOut() const;
    void layOutGroup(int group, const QRectF& rect, int depth, QColor color) const;
    QString toolTipOf(int group) const;

    ProfileResultPtr m_result;
    QVector<QVector<int>> m_children; // per group, most time first
    QVector<int> m_roots;
    QString m_selectedScope;
    bool m_hasSelection = false;
    mutable QVector<Cell> m_cells;
    mutable QVector<QColor> m_colors; // per cell
    mutable bool m_laidOut = false;
};
