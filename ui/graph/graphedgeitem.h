#pragma once

#include <QGraphicsItem>
#include <QPainterPath>
#include <QPolygonF>
#include <ptscope/graph/graphlayout.h>

// One edge along Graphviz's Bézier route, with its arrow head. Back edges (a block's result
// returning to its if or loop) are dashed. The value's shape or type is written next to the
// middle of the edge once zoomed in far enough to read it; Graphviz was not asked to place these
// labels, as they would double the size of the drawing.
class GraphEdgeItem : public QGraphicsItem
{
public:
    enum
    {
        Type = UserType + 3
    };

    GraphEdgeItem(const ptscope::ViewEdge& edge, const ptscope::EdgeLayout& layout);

    int type() const override { return Type; }
    QString label() const { return m_label; }
    // The heat map's shape from the profiled run in place of the static label; empty restores it.
    void setRunLabel(const QString& label);
    QString runLabel() const { return m_runLabel; }
    void setHighlighted(bool highlighted);

    QRectF boundingRect() const override { return m_bounds; }
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

private:
    QPainterPath m_path;
    QPolygonF m_arrow;
    QString m_label;
    QString m_runLabel;
    QPointF m_labelPos;
    QRectF m_bounds;
    bool m_backEdge;
    bool m_thick; // stands for several values
    bool m_highlighted = false;
    void updateBounds();
};
