#pragma once

// Internal to core.

#include <torch/csrc/jit/ir/ir.h>

#include <memory>

namespace torch::jit {
struct Module;
}

namespace ptscope {

// A copy of the module's forward graph with every method call inlined; null without forward.
std::shared_ptr<torch::jit::Graph> inlinedForwardGraph(const torch::jit::Module& module,
                                                       const std::string& method = "forward");

// Inlining a call inlines the callee's *optimized* graph, which LibTorch makes once per method
// (inlining its own calls, peephole, constant propagation and pooling) and caches on it: that,
// not the inlining, is most of inlinedForwardGraph's time. This makes those graphs for every
// submodule's forward, deepest and last modules first, so that a second thread can do it while
// inlinedForwardGraph works from the first call on; LibTorch locks each method while making
// its graph, and the graphs are the same whichever thread makes them. Inlining still works
// (just slower) without it. Does nothing when this thread's optimization settings differ from
// those of the thread that inlines (given).
struct OptimizationSettings
{
    bool optimize = true;
    bool autocast = false;
    bool autocastCpu = false;
    static OptimizationSettings current();
    bool operator==(const OptimizationSettings& o) const
    {
        return optimize == o.optimize && autocast == o.autocast && autocastCpu == o.autocastCpu;
    }
};
void prepareInlining(const torch::jit::Module& module, const OptimizationSettings& inliningThread);

// Nodes of the block and, recursively, of the blocks nested in them (prim::If, prim::Loop).
int64_t countNodesRecursive(const torch::jit::Block* block);

} // namespace ptscope
