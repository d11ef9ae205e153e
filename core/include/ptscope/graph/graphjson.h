#pragma once

#include "ptscope/graph/graph.h"

#include <string>

namespace ptscope {

// `ptscope-cli graph --format json` without --depth: every node of the graph, including nodes
// inside blocks, with `id`, `kind`, `scope`, `inputs`, `outputs`, `block` (its owner when nested)
// and the value-level `edges`.
std::string graphToJson(const Graph& graph);

} // namespace ptscope

#include "ptscope/graph/graphview.h"

namespace ptscope {

struct GraphLayout;

// A drawn view as JSON: `nodes` are the boxes (ops, collapsed modules, inputs, output) with the
// graph nodes they stand for, `edges` connect them, `clusters` nest them. With a layout, every box
// and cluster has `x`, `y`, `width`, `height` in points (origin top left), every edge its `path`
// (cubic Bézier points) and the document the picture's `width` and `height`.
std::string graphViewToJson(const Graph& graph, const GraphView& view, const GraphLayout* layout = nullptr);

} // namespace ptscope
