#pragma once

#include "ptscope/graph/graphview.h"

#include <string>

namespace ptscope {

struct DotOptions
{
    bool edgeLabels = true; // value shapes/types on edges; the interactive view draws its own
    bool edgeKeys = false;  // name edge N "eN" (cgraph's key), so a layout maps back onto view.edges
};

// Graphviz DOT of what a view draws: module scopes and control-flow blocks as nested clusters,
// collapsed modules as single boxes, ops coloured by category. Items are named "i<index>" and
// clusters "cluster_<index>", so a layout maps straight back onto the view.
std::string graphViewToDot(const Graph& graph, const GraphView& view, const DotOptions& options = {});

// "#RRGGBB" fill colour of a category, shared by DOT, the scene and the legend.
const char* opCategoryColor(OpCategory category);
const char* moduleBoxColor();

} // namespace ptscope
