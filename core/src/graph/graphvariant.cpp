#include "ptscope/graph/graph.h"

#include <map>

namespace ptscope {

const char* graphVariantId(GraphVariant variant)
{
    switch (variant) {
    case GraphVariant::AsSaved: return "as-saved";
    case GraphVariant::Inlined: return "inlined";
    case GraphVariant::Frozen: return "frozen";
    case GraphVariant::Optimized: return "optimized";
    }
    return "inlined";
}

std::optional<GraphVariant> parseGraphVariant(const std::string& id)
{
    for (GraphVariant v : {GraphVariant::AsSaved, GraphVariant::Inlined, GraphVariant::Frozen, GraphVariant::Optimized})
        if (id == graphVariantId(v))
            return v;
    return std::nullopt;
}

VariantSummary summarizeVariant(const Graph& inlined, const Graph& variant)
{
    std::map<std::string, int64_t> before;
    std::map<std::string, int64_t> after;
    for (const GraphNode& n : inlined.nodes)
        ++before[n.kind];
    for (const GraphNode& n : variant.nodes)
        ++after[n.kind];

    VariantSummary summary;
    summary.variant = variant.variant;
    summary.nodes = static_cast<int64_t>(variant.nodes.size());
    summary.inlinedNodes = static_cast<int64_t>(inlined.nodes.size());
    std::map<std::string, int64_t> changes;
    for (const auto& [kind, count] : before)
        changes[kind] -= count;
    for (const auto& [kind, count] : after)
        changes[kind] += count;
    for (const auto& [kind, delta] : changes)
        if (delta != 0)
            summary.kindChanges.emplace_back(kind, delta);

    // The as-saved graph only hides nodes behind calls; nothing was folded or removed.
    if (variant.variant != GraphVariant::Frozen && variant.variant != GraphVariant::Optimized)
        return summary;

    auto count = [](const std::map<std::string, int64_t>& m, const char* kind) {
        const auto it = m.find(kind);
        return it == m.end() ? int64_t(0) : it->second;
    };
    const int64_t bnBefore = count(before, "aten::batch_norm");
    const int64_t bnAfter = count(after, "aten::batch_norm");
    if (bnBefore > bnAfter)
        summary.notes.push_back("batch_norm folded into convolutions: " + std::to_string(bnBefore - bnAfter));
    const int64_t attrBefore = count(before, "prim::GetAttr");
    const int64_t attrAfter = count(after, "prim::GetAttr");
    if (attrBefore > attrAfter)
        summary.notes.push_back("attribute reads turned into constants: " + std::to_string(attrBefore - attrAfter));
    int64_t mkldnn = 0;
    for (const auto& [kind, n] : after)
        if (kind.find("mkldnn") != std::string::npos || kind.find("prepacked") != std::string::npos)
            mkldnn += n;
    if (mkldnn > 0)
        summary.notes.push_back("ops using MKLDNN / prepacked weights: " + std::to_string(mkldnn));
    const int64_t removed = summary.inlinedNodes - summary.nodes;
    if (removed > 0)
        summary.notes.push_back("nodes removed: " + std::to_string(removed));
    return summary;
}

} // namespace ptscope
