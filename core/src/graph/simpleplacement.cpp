#include "layoutpiece.h"

#include <algorithm>
#include <climits>
#include <cmath>
#include <numeric>

namespace ptscope {

namespace {

constexpr double kRankGap = 22; // dot's ranksep of 0.3 in
constexpr double kNodeGap = 18; // dot's nodesep of 0.25 in

// What dot would make of a box's label: Helvetica 10 pt is about 6 pt a character, plus margins.
LayoutRect estimatedBox(const ViewItem& item)
{
    std::string text = item.label;
    if (item.kind == ViewItemKind::Module)
        text += "\n" + std::to_string(item.memberCount) + " nodes";
    size_t lines = 1, longest = 0, current = 0;
    for (char c : text) {
        if (c == '\n') {
            ++lines;
            current = 0;
            continue;
        }
        longest = std::max(longest, ++current);
    }
    const double width = std::max(54.0, 6.0 * static_cast<double>(longest) + 12);
    const double height = std::max(21.6, 12.0 * static_cast<double>(lines) + 6);
    return {0, 0, item.kind == ViewItemKind::Op ? width : width + 8, height};
}

// The first item inside a cluster, nested ones included: where the cluster sits in program order.
int firstItem(const GraphView& view, int cluster)
{
    const ViewCluster& c = view.clusters[cluster];
    int first = c.items.empty() ? INT_MAX : *std::min_element(c.items.begin(), c.items.end());
    for (int child : c.children)
        first = std::min(first, firstItem(view, child));
    return first;
}

} // namespace

PieceLayout placeSimply(const Piece& piece, const GraphView& view, const std::vector<LayoutRect>& childFrames)
{
    const int n = piece.nodeCount();
    PieceLayout out;
    out.fallback = true;
    out.nodes.resize(n);
    out.edges.resize(piece.edges.size());
    for (size_t m = 0; m < piece.items.size(); ++m)
        out.nodes[m] = estimatedBox(view.items[piece.items[m]]);
    for (size_t c = 0; c < piece.children.size(); ++c)
        out.nodes[piece.items.size() + c] = childFrames[piece.children[c]];

    // Ranks by longest path over the constraining edges, in the order the view lists them (program
    // order), an edge that points backwards in that order being ignored: no cycle can stall it.
    std::vector<std::vector<int>> next(n);
    for (const PieceEdge& e : piece.edges)
        if (e.constraint && e.from != e.to)
            next[e.from].push_back(e.to);
    std::vector<int> rank(n, 0);
    std::vector<int> programOrder(n, -1); // ports first
    for (size_t m = 0; m < piece.items.size(); ++m)
        programOrder[m] = piece.items[m];
    for (size_t c = 0; c < piece.children.size(); ++c)
        programOrder[piece.items.size() + c] = firstItem(view, piece.children[c]);
    const auto orderOf = [&](int node) { return programOrder[node]; };
    std::vector<int> order(n);
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return orderOf(a) < orderOf(b); });
    std::vector<int> position(n);
    for (int i = 0; i < n; ++i)
        position[order[i]] = i;
    for (int node : order)
        for (int to : next[node])
            if (position[to] > position[node])
                rank[to] = std::max(rank[to], rank[node] + 1);
    int last = 0;
    for (int node = 0; node < piece.memberCount(); ++node)
        last = std::max(last, rank[node]);
    for (size_t p = 0; p < piece.ports.size(); ++p) // in-ports above everything, out-ports below
        rank[piece.memberCount() + p] = piece.ports[p].in ? 0 : last + 2;
    for (int node = 0; node < piece.memberCount(); ++node)
        rank[node] += piece.ports.empty() ? 0 : 1;

    const int ranks = *std::max_element(rank.begin(), rank.end()) + 1;
    std::vector<std::vector<int>> rows(ranks);
    for (int node : order)
        rows[rank[node]].push_back(node);
    std::vector<double> rowWidth(ranks, 0), rowHeight(ranks, 0);
    for (int r = 0; r < ranks; ++r) {
        for (int node : rows[r]) {
            rowWidth[r] += out.nodes[node].width + (rowWidth[r] > 0 ? kNodeGap : 0);
            rowHeight[r] = std::max(rowHeight[r], out.nodes[node].height);
        }
        out.width = std::max(out.width, rowWidth[r]);
    }
    double top = 0;
    for (int r = 0; r < ranks; ++r) {
        double left = (out.width - rowWidth[r]) / 2;
        for (int node : rows[r]) {
            LayoutRect& box = out.nodes[node];
            box.x = left;
            box.y = top + (rowHeight[r] - box.height) / 2;
            left += box.width + kNodeGap;
        }
        top += rowHeight[r] + (rows[r].empty() ? 0 : kRankGap);
    }
    out.height = std::max(0.0, top - kRankGap);

    for (size_t e = 0; e < piece.edges.size(); ++e) {
        const PieceEdge& edge = piece.edges[e];
        if (!edge.visible)
            continue;
        const LayoutRect& a = out.nodes[edge.from];
        const LayoutRect& b = out.nodes[edge.to];
        const LayoutPoint start{a.x + a.width / 2, a.y + a.height};
        LayoutPoint end{b.x + b.width / 2, b.y};
        EdgeLayout& path = out.edges[e];
        if (edge.arrow) {
            path.hasArrowHead = true;
            path.arrowTip = end;
            const double dx = end.x - start.x, dy = end.y - start.y;
            const double length = std::max(1.0, std::hypot(dx, dy));
            end = {end.x - 6 * dx / length, end.y - 6 * dy / length};
        }
        path.path = {start,
                     {start.x + (end.x - start.x) / 3, start.y + (end.y - start.y) / 3},
                     {start.x + 2 * (end.x - start.x) / 3, start.y + 2 * (end.y - start.y) / 3},
                     end};
    }
    return out;
}

} // namespace ptscope
