#pragma once

// The pieces of a composed layout. Every expanded scope (module call, If/Loop block) and the top
// level is one piece: its own items, and its child scopes as fixed-size boxes. An edge that
// crosses a scope's frame is cut there: inside, it runs to (or from) a port node on the frame;
// outside, it runs from (or to) the scope's box. Each piece is laid out alone, so a layout costs
// what its pieces cost, and pieces of the same content are laid out once (LayoutCache).

#include "ptscope/graph/graphlayout.h"
#include "ptscope/graph/graphview.h"

#include <string>
#include <vector>

namespace ptscope {

struct PieceEdge
{
    int from = -1; // piece nodes: members, then ports
    int to = -1;
    bool constraint = true; // false for back edges only
    bool visible = true;    // false for ordering edges only
    bool arrow = true;      // the edge ends at a real item here (not a port or a child's box)
};

struct PiecePort
{
    int member = -1; // the member the port's edge reaches
    bool in = true;  // in: from the frame's top into the member; out: from the member to the bottom
};

struct Piece
{
    int cluster = -1;          // view cluster, -1 for the top level
    std::vector<int> items;    // members 0..items-1: view items directly inside
    std::vector<int> children; // members items..: child clusters, drawn as boxes
    std::vector<PiecePort> ports;
    std::vector<PieceEdge> edges;

    int memberCount() const { return static_cast<int>(items.size() + children.size()); }
    int nodeCount() const { return memberCount() + static_cast<int>(ports.size()); }
};

// One leg of a view edge's route: piece (index into the pieces) and the edge in it.
struct RouteLeg
{
    int piece = -1;
    int edge = -1;
};

struct PieceSet
{
    std::vector<Piece> pieces;              // children before parents, the top level last
    std::vector<int> pieceOfCluster;        // view cluster -> piece
    std::vector<std::vector<RouteLeg>> routes; // view edge -> legs, from its source to its target
};

PieceSet splitIntoPieces(const GraphView& view);

// A piece laid out, relative to the top-left of its content, y growing downwards.
struct PieceLayout
{
    double width = 0;
    double height = 0;
    std::vector<LayoutRect> nodes; // members, then ports (a port is a point: zero size)
    std::vector<EdgeLayout> edges; // by piece edge
    bool fallback = false;         // not Graphviz's: the simple placement
    double seconds = 0;            // in Graphviz
};

// Where a child scope's box has its content: the frame's padding and the header with its label.
constexpr double kFramePadding = 8;
constexpr double kFrameHeader = 14;
// The frame of a child whose content is `content`, at least wide enough for its label.
LayoutRect frameAround(const PieceLayout& content, const std::string& label);

// The cache key: everything the piece's layout depends on (member sizes and labels, ports, edges).
std::string pieceKey(const Piece& piece, const GraphView& view, const std::vector<LayoutRect>& childFrames);

// Graphviz dot on one piece. Throws ptscope::Error when Graphviz fails.
PieceLayout layoutPieceWithDot(const Piece& piece, const GraphView& view,
                               const std::vector<LayoutRect>& childFrames);

// Rows by longest path, boxes side by side, straight edges: instant at any size, for pieces too big
// for one Graphviz call or that Graphviz failed on.
PieceLayout placeSimply(const Piece& piece, const GraphView& view, const std::vector<LayoutRect>& childFrames);

} // namespace ptscope
