#pragma once

#include <QHash>
#include <ptscope/compare/nodediff.h>
#include <ptscope/graph/graph.h>

// Which node of B goes with which node of A, for selecting a node's partner in the other graph
// pane: the pairs the comparison named (the first divergent node, the structural causes), and
// for every other node the longest common subsequence of both inlined graphs' operator nodes by
// kind and scope in program order (as the node by node comparison aligns what ran). Plain value;
// computing it from two big graphs belongs on a job.
class NodeAlignment
{
public:
    NodeAlignment() = default;
    static NodeAlignment fromGraphs(const ptscope::Graph& a, const ptscope::Graph& b);

    // The comparison's own pairs win over the graphs' alignment; a pair with a side of -1 is
    // skipped.
    void addPair(int nodeA, int nodeB);
    void addPairs(const ptscope::NodeComparison& comparison);

    int partnerInB(int nodeA) const { return m_aToB.value(nodeA, -1); }
    int partnerInA(int nodeB) const { return m_bToA.value(nodeB, -1); }
    int size() const { return int(m_aToB.size()); }

private:
    QHash<int, int> m_aToB;
    QHash<int, int> m_bToA;
};
