#pragma once

#include "ptscope/graph/graph.h"
#include "ptscope/graph/graphlayout.h"
#include "ptscope/graph/graphview.h"
#include "ptscope/load/modelinfo.h"

#include <string>

namespace ptscope {

// The worker hands the window what it extracted from a model (its facts, a graph, a layout) as
// these documents: every field of the value types, so the window rebuilds exactly what the worker
// holds (the window builds views itself, and a layout's boxes are matched to its view by index).
// Readers check what they read (types, and every index against what it points into), because a
// worker's output is the output of a process that was fed someone else's file: a malformed
// document is a ProtocolError, never a crash later on. Writers never throw on bytes that are not
// UTF-8 (they become U+FFFD).

std::string modelInfoToWire(const ModelInfo& info);
ModelInfo modelInfoFromWire(const std::string& text);

struct GraphVariantWire
{
    Graph graph;
    VariantSummary summary; // against the inlined graph
};
std::string graphVariantToWire(const Graph& graph, const VariantSummary& summary);
GraphVariantWire graphVariantFromWire(const std::string& text);

std::string layoutToWire(const GraphLayout& layout);
// Checked against the view it was laid out for: one box per item, one path per edge.
GraphLayout layoutFromWire(const std::string& text, const GraphView& view);

// The view options of a layout or render request.
std::string viewOptionsToWire(const ViewOptions& options);
ViewOptions viewOptionsFromWire(const std::string& text);

} // namespace ptscope
