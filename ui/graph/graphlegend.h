#pragma once

#include "graph/graphdrawing.h"

#include <QFrame>

class OpLegendModel;
class QLabel;
class QListView;

// The colour legend floating over the canvas: a swatch and a name for each op category the
// drawing has boxes of, sized to exactly its rows.
class GraphLegend : public QFrame
{
    Q_OBJECT
public:
    explicit GraphLegend(QWidget* parent = nullptr);

    OpLegendModel* model() const { return m_model; }
    void setDrawing(const GraphDrawingPtr& drawing);
    // The user's choice; an empty legend hides anyway.
    void setWanted(bool wanted);
    // Under the heat map the colours mean time, not category: the legend says so.
    void setHeatScale(bool on);
    bool showsHeatScale() const { return m_heatOn; }

private:
    void fitToRows();

    OpLegendModel* m_model;
    QListView* m_view;
    QLabel* m_heat;
    bool m_wanted = true;
    bool m_heatOn = false;
};
