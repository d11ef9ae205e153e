#pragma once

// Internal to core: the torch graph behind each GraphVariant, for the parts of core that run it
// (the node executor) and must number its nodes as extractGraph does.

#include "load/modelimpl.h"
#include "ptscope/graph/graph.h"

#include <memory>

namespace ptscope {

struct VariantGraph
{
    // The module the graph's `self` is: the loaded one (as-saved, inlined), or the frozen or
    // optimized eval-mode clone.
    torch::jit::Module module;
    std::shared_ptr<torch::jit::Graph> graph;
};

// Throws ptscope::Error (NoSuchMethod without forward; Internal when LibTorch cannot freeze).
VariantGraph makeVariantGraph(const Model::Impl& impl, GraphVariant variant);

// The plain Graph of a torch graph, nodes numbered in program order (each node, then the nodes
// of its blocks): the ids every view and the profile share. withText: also print the IR.
Graph buildGraph(const Model& model, const torch::jit::Graph& graph, GraphVariant variant, bool withText = true);

} // namespace ptscope
