#include "graphcounting.h"

#include <torch/csrc/jit/api/module.h>
#include <torch/csrc/jit/passes/inliner.h>

namespace ptscope {

std::shared_ptr<torch::jit::Graph> inlinedForwardGraph(const torch::jit::Module& module)
{
    auto method = module.find_method("forward");
    if (!method)
        return nullptr;
    std::shared_ptr<torch::jit::Graph> graph = method->graph()->copy();
    torch::jit::Inline(*graph);
    return graph;
}

int64_t countNodesRecursive(const torch::jit::Block* block)
{
    int64_t count = 0;
    for (const torch::jit::Node* node : block->nodes()) {
        ++count;
        for (const torch::jit::Block* inner : node->blocks())
            count += countNodesRecursive(inner);
    }
    return count;
}

} // namespace ptscope
