#include "compare/nodealignment.h"

#include <ptscope/compare/alignment.h>
#include <string>
#include <vector>

namespace {

// Constants and attribute reads are not operators anybody looks for a partner of, and there are
// many of them: leaving them out keeps the alignment small and about the ops.
bool isOperator(const ptscope::GraphNode& node)
{
    return node.category != ptscope::OpCategory::Constant;
}

void keysOf(const ptscope::Graph& graph, std::vector<std::string>& keys, std::vector<int>& nodes)
{
    for (size_t i = 0; i < graph.nodes.size(); ++i) {
        const ptscope::GraphNode& node = graph.nodes[i];
        if (!isOperator(node))
            continue;
        keys.push_back(ptscope::alignmentKind(node.kind) + '|' + node.scope);
        nodes.push_back(int(i));
    }
}

} // namespace

NodeAlignment NodeAlignment::fromGraphs(const ptscope::Graph& a, const ptscope::Graph& b)
{
    std::vector<std::string> keysA, keysB;
    std::vector<int> nodesA, nodesB;
    keysOf(a, keysA, nodesA);
    keysOf(b, keysB, nodesB);
    NodeAlignment alignment;
    for (const auto& [i, j] : ptscope::alignSequences(keysA, keysB)) {
        alignment.m_aToB.insert(nodesA[i], nodesB[j]);
        alignment.m_bToA.insert(nodesB[j], nodesA[i]);
    }
    return alignment;
}

void NodeAlignment::addPair(int nodeA, int nodeB)
{
    if (nodeA < 0 || nodeB < 0)
        return;
    // Whatever either was paired with before loses its partner: pairs stay one to one.
    if (const int oldB = m_aToB.value(nodeA, -1); oldB >= 0)
        m_bToA.remove(oldB);
    if (const int oldA = m_bToA.value(nodeB, -1); oldA >= 0)
        m_aToB.remove(oldA);
    m_aToB.insert(nodeA, nodeB);
    m_bToA.insert(nodeB, nodeA);
}

void NodeAlignment::addPairs(const ptscope::NodeComparison& comparison)
{
    for (const ptscope::StructuralCause& cause : comparison.causes)
        addPair(cause.a.node, cause.b.node);
    if (comparison.diverged)
        addPair(comparison.divergentA.node, comparison.divergentB.node);
}
