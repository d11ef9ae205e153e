#include "ptscope/graph/graphdot.h"

#include "ptscope/graph/graphlayout.h"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <map>
#include <set>

namespace ptscope {

const char* opCategoryColor(OpCategory category)
{
    switch (category) {
    case OpCategory::ConvLinear: return "#8fb8e8";
    case OpCategory::Activation: return "#f5c77e";
    case OpCategory::Normalization: return "#b5d99c";
    case OpCategory::Pooling: return "#c9a7e0";
    case OpCategory::Elementwise: return "#f3e79b";
    case OpCategory::ShapeView: return "#dcdcdc";
    case OpCategory::ControlFlow: return "#f4a6a6";
    case OpCategory::Constant: return "#f7f7f7";
    case OpCategory::Call: return "#a6e0e0";
    case OpCategory::Other: return "#ffffff";
    }
    return "#ffffff";
}

const char* moduleBoxColor()
{
    return "#e3e7f6";
}

namespace {

std::string quoted(const std::string& text)
{
    std::string out = "\"";
    for (char c : text) {
        if (c == '"' || c == '\\')
            out += '\\';
        if (c == '\n') {
            out += "\\n";
            continue;
        }
        out += c;
    }
    return out + "\"";
}

// Graphviz's default ranking lays clusters out one inside the other and fails ("trouble in
// init_rank", then crashes while routing edges) when the clusters' own order has a cycle.
// newrank=true copes with that but costs 4-5x more on big graphs, so it is used only then.
bool clusterOrderHasCycle(const GraphView& view)
{
    // Units: clusters as themselves, items as ~index. An edge links the two units just below the
    // nearest cluster holding both ends.
    auto chainOf = [&view](int cluster) {
        std::vector<int> chain;
        for (int c = cluster; c >= 0; c = view.clusters[c].parent)
            chain.push_back(c);
        chain.push_back(-1);
        return chain;
    };
    std::map<int, std::set<int>> next;
    for (const ViewEdge& edge : view.edges) {
        if (edge.backEdge)
            continue;
        const auto a = chainOf(view.items[edge.from].cluster);
        const auto b = chainOf(view.items[edge.to].cluster);
        const std::set<int> aSet(a.begin(), a.end());
        size_t bi = 0;
        while (!aSet.count(b[bi]))
            ++bi;
        const int lca = b[bi];
        const size_t ai = std::find(a.begin(), a.end(), lca) - a.begin();
        const int unitA = ai == 0 ? ~edge.from : a[ai - 1];
        const int unitB = bi == 0 ? ~edge.to : b[bi - 1];
        if (unitA != unitB)
            next[unitA].insert(unitB);
    }
    std::map<int, int> state; // 1: on the DFS stack, 2: done
    std::function<bool(int)> cyclic = [&](int unit) {
        state[unit] = 1;
        for (int n : next[unit]) {
            const int st = state[n];
            if (st == 1 || (st == 0 && cyclic(n)))
                return true;
        }
        state[unit] = 2;
        return false;
    };
    for (const auto& entry : next)
        if (state[entry.first] == 0 && cyclic(entry.first))
            return true;
    return false;
}

} // namespace

std::string dotItemAttributes(const ViewItem& item)
{
    switch (item.kind) {
    case ViewItemKind::Op:
        return fmt::format("label={}, fillcolor=\"{}\"", quoted(item.label), opCategoryColor(item.category));
    case ViewItemKind::Module:
        return fmt::format("label={}, shape=box3d, style=filled, fillcolor=\"{}\", penwidth=1.2",
                           quoted(item.label + "\n" + std::to_string(item.memberCount) + " nodes"), moduleBoxColor());
    case ViewItemKind::Input:
    case ViewItemKind::Output:
        break;
    }
    return fmt::format("label={}, shape=oval, style=filled, fillcolor=\"#ffffff\"", quoted(item.label));
}

std::string dotQuoted(const std::string& text)
{
    return quoted(text);
}

namespace {

class DotWriter
{
public:
    DotWriter(const Graph& graph, const GraphView& view, const DotOptions& options)
        : m_graph(graph)
        , m_view(view)
        , m_options(options)
    {
    }

    std::string write()
    {
        m_out += "digraph ptscope {\n";
        if (m_options.positions)
            m_out += fmt::format("  graph [bb=\"0,0,{:.2f},{:.2f}\"];\n", m_options.positions->width,
                                 m_options.positions->height);
        m_out += std::string("  graph [") + (clusterOrderHasCycle(m_view) ? "newrank=true, " : "") + "rankdir=TB, fontname=\"Helvetica\", fontsize=10, nodesep=0.25, ranksep=0.3];\n";
        m_out += "  node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\", fontsize=10, height=0.3, "
                 "margin=\"0.08,0.03\", penwidth=0.8];\n";
        m_out += "  edge [fontname=\"Helvetica\", fontsize=8, arrowsize=0.6, color=\"#606060\"];\n";
        for (size_t i = 0; i < m_view.items.size(); ++i)
            if (m_view.items[i].cluster < 0)
                writeItem(static_cast<int>(i), "  ");
        for (size_t c = 0; c < m_view.clusters.size(); ++c)
            if (m_view.clusters[c].parent < 0)
                writeCluster(static_cast<int>(c), "  ");
        for (size_t e = 0; e < m_view.edges.size(); ++e)
            writeEdge(m_view.edges[e], e);
        m_out += "}\n";
        return std::move(m_out);
    }

private:
    void writeItem(int index, const std::string& indent)
    {
        std::string position;
        if (m_options.positions) {
            const LayoutRect& r = m_options.positions->items[index];
            position = fmt::format(", pos=\"{:.2f},{:.2f}!\", width={:.4f}, height={:.4f}, fixedsize=true",
                                   r.x + r.width / 2, flipped(r.y + r.height / 2), r.width / 72, r.height / 72);
        }
        m_out += fmt::format("{}i{} [{}{}];\n", indent, index, dotItemAttributes(m_view.items[index]), position);
    }

    void writeCluster(int index, const std::string& indent)
    {
        const ViewCluster& cluster = m_view.clusters[index];
        const bool block = cluster.kind == ClusterKind::Block;
        m_out += fmt::format("{}subgraph cluster_{} {{\n", indent, index);
        const std::string inner = indent + "  ";
        m_out += fmt::format("{}label={}; labeljust=l; fontsize=9; style=\"{}\"; color=\"{}\"; fillcolor=\"{}\";\n",
                             inner, quoted(cluster.label), block ? "dashed,filled" : "rounded,filled",
                             block ? "#c07070" : "#a8acc0", block ? "#fdf3f3" : "#f5f6fb");
        if (m_options.positions) {
            const LayoutRect& r = m_options.positions->clusters[index];
            m_out += fmt::format("{}bb=\"{:.2f},{:.2f},{:.2f},{:.2f}\"; lp=\"{:.2f},{:.2f}\";\n", inner, r.x,
                                 flipped(r.y + r.height), r.x + r.width, flipped(r.y),
                                 r.x + 8 + 2.5 * static_cast<double>(cluster.label.size()), flipped(r.y + 9));
        }
        for (int item : cluster.items)
            writeItem(item, inner);
        for (int child : cluster.children)
            writeCluster(child, inner);
        m_out += indent + "}\n";
    }

    void writeEdge(const ViewEdge& edge, size_t index)
    {
        std::string attrs;
        if (m_options.edgeKeys)
            attrs += "key=e" + std::to_string(index);
        if (m_options.edgeLabels && !edge.label.empty())
            attrs += std::string(attrs.empty() ? "" : ", ") + "label=" + quoted(edge.label);
        if (edge.backEdge)
            attrs += std::string(attrs.empty() ? "" : ", ") + "style=dashed, constraint=false";
        if (edge.ordering)
            attrs += std::string(attrs.empty() ? "" : ", ") + "style=invis";
        if (edge.values > 1)
            attrs += std::string(attrs.empty() ? "" : ", ") + "penwidth=1.6";
        if (m_options.positions && !m_options.positions->edges[index].path.empty()) {
            const EdgeLayout& layout = m_options.positions->edges[index];
            std::string pos = layout.hasArrowHead
                                  ? fmt::format("e,{:.2f},{:.2f}", layout.arrowTip.x, flipped(layout.arrowTip.y))
                                  : std::string();
            for (const LayoutPoint& p : layout.path)
                pos += fmt::format("{}{:.2f},{:.2f}", pos.empty() ? "" : " ", p.x, flipped(p.y));
            attrs += std::string(attrs.empty() ? "" : ", ") + "pos=\"" + pos + "\"";
            if (!layout.hasArrowHead)
                attrs += ", arrowhead=none";
        }
        m_out += fmt::format("  i{} -> i{}{};\n", edge.from, edge.to, attrs.empty() ? "" : " [" + attrs + "]");
    }

    // Graphviz's y grows upwards; a layout's downwards.
    double flipped(double y) const { return m_options.positions->height - y; }

    const Graph& m_graph;
    const GraphView& m_view;
    const DotOptions& m_options;
    std::string m_out;
};

} // namespace

std::string graphViewToDot(const Graph& graph, const GraphView& view, const DotOptions& options)
{
    return DotWriter(graph, view, options).write();
}

} // namespace ptscope
