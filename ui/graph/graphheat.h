#pragma once

#include "profileresultptr.h"

#include <QColor>
#include <QHash>
#include <QString>
#include <optional>
#include <ptscope/graph/graph.h>

// How a box or a module frame looks under the profile's heat map: filled by its share of the
// run, with its time written beside it.
struct HeatMark
{
    QColor fill;
    QString text;    // "1.24 ms · 8.1%"
    QString toolTip; // with calls, spread and output shapes
};

// A profile as marks for the graph of the variant it ran: nodes by id, modules (collapsed boxes
// and expanded frames) by scope with their totals. Nodes the profile never ran (the other arm of
// an `if`) are marked as such. Computed once per profile; drawing only looks marks up.
class GraphHeat
{
public:
    GraphHeat() = default;
    explicit GraphHeat(const ProfileResultPtr& result);

    bool isEmpty() const { return !m_result; }
    const ProfileResultPtr& result() const { return m_result; }
    ptscope::GraphVariant variant() const { return m_variant; }

    std::optional<HeatMark> markOfNode(int node) const;
    std::optional<HeatMark> markOfScope(const std::string& scope) const;
    // The shape a node's output had in the profiled run, as edges write shapes ("1×64×56×56",
    // "scalar"); empty for other values and nodes that did not run.
    QString edgeLabelOfOutput(int node, int output) const;

    // The ramp: 0 (no time) pale yellow to 1 (the hottest) deep red.
    static QColor colorOf(double heat);
    static QColor notRunColor();

private:
    const ptscope::NodeProfile* nodeOf(int node) const; // null when it did not run

    ProfileResultPtr m_result;
    ptscope::GraphVariant m_variant = ptscope::GraphVariant::Inlined;
    QHash<int, int> m_nodeIndex;           // node id -> index in result->nodes
    QHash<QString, int> m_scopeIndex;      // scope -> index in result->byModule
    double m_hottestNodeMs = 0;
    double m_hottestScopeShare = 0;
};
