#include "layoutpiece.h"

#include "graphvizcontext.h"
#include "ptscope/common/error.h"
#include "ptscope/graph/graphdot.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <fstream>

namespace ptscope {

namespace {

std::string nodeName(int node)
{
    return "n" + std::to_string(node);
}

std::string pieceDot(const Piece& piece, const GraphView& view, const std::vector<LayoutRect>& childFrames)
{
    std::string dot = "digraph piece {\n";
    // newrank: the default ranking of Graphviz 2.43 reads freed memory in decompose() once enough
    // graphs with rank=source/sink sets went through one context (found by valgrind on vit_b_16).
    dot += "  graph [newrank=true, rankdir=TB, nodesep=0.25, ranksep=0.3";
    // Network simplex and crossing minimisation dominate on big pieces: cheaper settings there.
    // Network simplex placing the long edges' virtual nodes dominates from about a hundred boxes
    // (a 128-box piece of fasterrcnn with its constants: 3 s, 0.5 s with nslimit=1), then
    // crossing minimisation: cheaper settings there.
    if (piece.nodeCount() > 1200)
        dot += ", nslimit=1, nslimit1=2, mclimit=0.3, searchsize=20";
    else if (piece.nodeCount() > 500)
        dot += ", nslimit=1, mclimit=0.5";
    else if (piece.nodeCount() > 60)
        dot += ", nslimit=1";
    dot += "];\n";
    dot += "  node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\", fontsize=10, height=0.3, "
           "margin=\"0.08,0.03\", penwidth=0.8];\n";
    dot += "  edge [arrowsize=0.6];\n";
    for (size_t m = 0; m < piece.items.size(); ++m)
        dot += fmt::format("  n{} [{}];\n", m, dotItemAttributes(view.items[piece.items[m]]));
    for (size_t c = 0; c < piece.children.size(); ++c) {
        const LayoutRect& frame = childFrames[piece.children[c]];
        dot += fmt::format("  n{} [shape=box, fixedsize=true, label=\"\", width={:.4f}, height={:.4f}];\n",
                           piece.items.size() + c, frame.width / 72.0, frame.height / 72.0);
    }
    std::string ins, outs;
    for (size_t p = 0; p < piece.ports.size(); ++p) {
        const std::string name = nodeName(piece.memberCount() + static_cast<int>(p));
        dot += "  " + name + " [shape=point, width=0.05, height=0.05, label=\"\"];\n";
        (piece.ports[p].in ? ins : outs) += " " + name + ";";
    }
    if (!ins.empty())
        dot += "  { rank=source;" + ins + " }\n";
    if (!outs.empty())
        dot += "  { rank=sink;" + outs + " }\n";
    for (size_t e = 0; e < piece.edges.size(); ++e) {
        const PieceEdge& edge = piece.edges[e];
        std::string attrs = "key=e" + std::to_string(e);
        if (!edge.constraint)
            attrs += ", constraint=false";
        if (!edge.visible)
            attrs += ", style=invis";
        if (!edge.arrow)
            attrs += ", arrowhead=none";
        dot += fmt::format("  n{} -> n{} [{}];\n", edge.from, edge.to, attrs);
    }
    dot += "}\n";
    return dot;
}

} // namespace

LayoutRect frameAround(const PieceLayout& content, const std::string& label)
{
    // Helvetica at the header's 9 pt is about 5 pt a character.
    const double labelWidth = 5.0 * static_cast<double>(label.size()) + 8;
    return {0, 0, std::max(content.width, labelWidth) + 2 * kFramePadding,
            content.height + kFrameHeader + 2 * kFramePadding};
}

std::string pieceKey(const Piece& piece, const GraphView& view, const std::vector<LayoutRect>& childFrames)
{
    std::string key;
    key.reserve(64 * static_cast<size_t>(piece.nodeCount() + 1));
    for (int item : piece.items) {
        const ViewItem& it = view.items[item];
        key += fmt::format("i{},{},{},{}\x1f", static_cast<int>(it.kind), static_cast<int>(it.category),
                           it.memberCount, it.label);
    }
    for (int child : piece.children)
        key += fmt::format("c{:.2f},{:.2f}\x1f", childFrames[child].width, childFrames[child].height);
    for (const PiecePort& port : piece.ports)
        key += fmt::format("p{}{}\x1f", port.member, port.in ? 'i' : 'o');
    for (const PieceEdge& edge : piece.edges)
        key += fmt::format("e{},{},{}{}{}\x1f", edge.from, edge.to, edge.constraint, edge.visible, edge.arrow);
    return key;
}

PieceLayout layoutPieceWithDot(const Piece& piece, const GraphView& view, const std::vector<LayoutRect>& childFrames)
{
    PieceLayout out;
    out.nodes.resize(piece.nodeCount());
    out.edges.resize(piece.edges.size());
    if (piece.nodeCount() == 0)
        return out;
    const std::string dot = pieceDot(piece, view, childFrames);
    // For reporting a Graphviz failure: PTSCOPE_PIECE_DOT=FILE collects every piece given to Graphviz.
    static const char* const keep = std::getenv("PTSCOPE_PIECE_DOT"); // read once, not per piece
    if (keep)
        std::ofstream(keep, std::ios::app) << dot;

    std::lock_guard<std::mutex> lock(graphviz::mutex());
    GVC_t* gvc = graphviz::context();
    graphviz::GraphPtr g = graphviz::parse(dot);
    const auto start = std::chrono::steady_clock::now();
    if (gvLayout(gvc, g.get(), "dot") != 0)
        throw Error(ErrorKind::Internal, "Graphviz could not lay the scope out.", {}, graphviz::lastError());
    out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

    const boxf bb = GD_bb(g.get());
    out.width = bb.UR.x - bb.LL.x;
    out.height = bb.UR.y - bb.LL.y;
    const auto x = [&](double gx) { return gx - bb.LL.x; };
    const auto y = [&](double gy) { return bb.UR.y - gy; };
    std::vector<Agnode_t*> nodes(piece.nodeCount());
    for (int n = 0; n < piece.nodeCount(); ++n) {
        nodes[n] = agnode(g.get(), const_cast<char*>(nodeName(n).c_str()), 0);
        if (!nodes[n])
            continue;
        const bool port = n >= piece.memberCount();
        const double w = port ? 0 : ND_width(nodes[n]) * 72.0;
        const double h = port ? 0 : ND_height(nodes[n]) * 72.0;
        out.nodes[n] = {x(ND_coord(nodes[n]).x) - w / 2, y(ND_coord(nodes[n]).y) - h / 2, w, h};
    }
    for (size_t e = 0; e < piece.edges.size(); ++e) {
        Agnode_t* from = nodes[piece.edges[e].from];
        Agnode_t* to = nodes[piece.edges[e].to];
        const std::string key = "e" + std::to_string(e);
        Agedge_t* edge = (from && to) ? agedge(g.get(), from, to, const_cast<char*>(key.c_str()), 0) : nullptr;
        if (!edge || !ED_spl(edge) || ED_spl(edge)->size == 0)
            continue;
        const bezier& bz = ED_spl(edge)->list[0];
        EdgeLayout& path = out.edges[e];
        for (size_t p = 0; p < bz.size; ++p)
            path.path.push_back({x(bz.list[p].x), y(bz.list[p].y)});
        if (bz.eflag) {
            path.hasArrowHead = true;
            path.arrowTip = {x(bz.ep.x), y(bz.ep.y)};
        }
    }
    gvFreeLayout(gvc, g.get());
    return out;
}

} // namespace ptscope
