#pragma once

#include "ptscope/graph/graphview.h"

#include <string>
#include <vector>

namespace ptscope {

struct LayoutPoint
{
    double x = 0;
    double y = 0;
};

// In points, origin top left, y growing downwards (screen coordinates).
struct LayoutRect
{
    double x = 0;
    double y = 0;
    double width = 0;
    double height = 0;
};

struct EdgeLayout
{
    // Cubic Bézier control points: start, then three points per segment.
    std::vector<LayoutPoint> path;
    bool hasArrowHead = false;
    LayoutPoint arrowTip;
};

struct GraphLayout
{
    double width = 0;
    double height = 0;
    std::vector<LayoutRect> items;    // by view item index
    std::vector<EdgeLayout> edges;    // by view edge index
    std::vector<LayoutRect> clusters; // by view cluster index
    double seconds = 0;               // time spent in Graphviz
};

// Lays a view out with Graphviz's dot engine, in process (libgvc). Throws ptscope::Error.
GraphLayout layoutGraphView(const Graph& graph, const GraphView& view);

// Renders a view with Graphviz: format "svg", "png" or "dot" (DOT with positions).
std::string renderGraphView(const Graph& graph, const GraphView& view, const std::string& format);

} // namespace ptscope
