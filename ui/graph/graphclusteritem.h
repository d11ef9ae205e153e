#pragma once

#include "graph/graphheat.h"

#include <QGraphicsItem>
#include <ptscope/graph/graphview.h>

// A module's expanded insides ("layer1 (Sequential)") or a control-flow block ("if: then",
// dashed and reddish) as a rounded frame with its label in the header, where Graphviz left room
// for it. Module clusters show a collapse mark at the header's right end; a click on the header
// collapses the module back into one box.
class GraphClusterItem : public QGraphicsItem
{
public:
    enum
    {
        Type = UserType + 2
    };

    GraphClusterItem(const ptscope::ViewCluster& cluster, int index, int depth, const QRectF& rect);

    int type() const override { return Type; }
    int index() const { return m_index; }
    bool isModule() const { return m_module; }
    QString label() const { return m_label; }
    QRectF frameRect() const { return m_rect; }
    bool headerContains(const QPointF& scenePos) const;

    void setSelectedCluster(bool selected);
    bool isSelectedCluster() const { return m_selected; }
    // A module frame under the heat map: its total beside the label, a tint of its heat.
    void setHeat(const std::optional<HeatMark>& mark);
    const std::optional<HeatMark>& heat() const { return m_heat; }

    QRectF boundingRect() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

private:
    QRectF toggleRect() const;

    int m_index;
    bool m_module;
    int m_depth;
    QRectF m_rect;
    QString m_label;
    bool m_selected = false;
    std::optional<HeatMark> m_heat;
    QString m_toolTip;
};
