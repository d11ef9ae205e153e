#pragma once

#include "graph/graphheat.h"
#include "graph/graphmarks.h"

#include <QGraphicsItem>
#include <QStringList>
#include <ptscope/graph/graphview.h>

// One box of the drawing: an op, a collapsed module (double border, "N nodes"), or an input or
// output oval. Paints itself in one go rather than through child text items, and skips its text
// when zoomed out too far to read it, so a graph of thousands of boxes pans smoothly.
class GraphBoxItem : public QGraphicsItem
{
public:
    enum
    {
        Type = UserType + 1
    };

    GraphBoxItem(const ptscope::ViewItem& item, int index, const QRectF& rect);

    int type() const override { return Type; }
    int index() const { return m_index; }
    ptscope::ViewItemKind kind() const { return m_kind; }
    QRectF boxRect() const { return m_rect; }
    QString text() const { return m_lines.join(QLatin1Char('\n')); }

    void setSelectedBox(bool selected);
    bool isSelectedBox() const { return m_selected; }
    void setHit(bool hit);
    bool isHit() const { return m_hit; }
    // The heat map's fill and time tag in place of the category colour; nullopt restores it.
    void setHeat(const std::optional<HeatMark>& mark);
    const std::optional<HeatMark>& heat() const { return m_heat; }
    // An outline and tag of its own colour, over whatever else the box shows; nullopt removes it.
    void setMark(const std::optional<GraphMark>& mark);
    const std::optional<GraphMark>& mark() const { return m_mark; }

    QRectF boundingRect() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

private:
    void paintShape(QPainter* painter, bool simple) const;
    void paintText(QPainter* painter) const;
    void paintHeatTag(QPainter* painter) const;
    void paintMark(QPainter* painter, bool withTag) const;

    int m_index;
    ptscope::ViewItemKind m_kind;
    QRectF m_rect;
    QColor m_fill;
    QStringList m_lines;
    qreal m_textScale = 1; // < 1 when our font runs wider than the one Graphviz measured
    bool m_selected = false;
    bool m_hit = false;
    std::optional<HeatMark> m_heat;
    std::optional<GraphMark> m_mark;
    qreal m_markTagWidth = 0;
    QString m_toolTip; // the box's own, restored when the heat map goes
};
