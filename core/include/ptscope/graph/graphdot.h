#pragma once

#include "ptscope/graph/graphview.h"

#include <string>

namespace ptscope {

struct GraphLayout;

struct DotOptions
{
    bool edgeLabels = true; // value shapes/types on edges; the interactive view draws its own
    bool edgeKeys = false;  // name edge N "eN" (cgraph's key), so a layout maps back onto view.edges
    // Positions for every box, frame and edge (Graphviz's pos and bb, for its nop2 engine), so
    // Graphviz draws a layout made elsewhere.
    const GraphLayout* positions = nullptr;
};

// Graphviz DOT of what a view draws: module scopes and control-flow blocks as nested clusters,
// collapsed modules as single boxes, ops coloured by category. Items are named "i<index>" and
// clusters "cluster_<index>", so a layout maps straight back onto the view.
std::string graphViewToDot(const Graph& graph, const GraphView& view, const DotOptions& options = {});

// The attributes of an item's node (label, shape, colours), which set its size: the whole-view DOT
// and the per-scope layouts write the same boxes.
std::string dotItemAttributes(const ViewItem& item);

// A DOT string literal.
std::string dotQuoted(const std::string& text);

// "#RRGGBB" fill colour of a category, shared by DOT, the scene and the legend.
const char* opCategoryColor(OpCategory category);
const char* moduleBoxColor();

} // namespace ptscope
