#pragma once

// Internal to core.

#include <torch/csrc/jit/ir/ir.h>

#include <memory>

namespace torch::jit {
struct Module;
}

namespace ptscope {

// A copy of the module's forward graph with every method call inlined; null without forward.
std::shared_ptr<torch::jit::Graph> inlinedForwardGraph(const torch::jit::Module& module);

// Nodes of the block and, recursively, of the blocks nested in them (prim::If, prim::Loop).
int64_t countNodesRecursive(const torch::jit::Block* block);

} // namespace ptscope
