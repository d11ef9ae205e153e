#include "graph/graphcounting.h"

#include <ATen/autocast_mode.h>
#include <torch/csrc/jit/api/function_impl.h>
#include <torch/csrc/jit/api/module.h>
#include <torch/csrc/jit/passes/inliner.h>
#include <torch/csrc/jit/runtime/graph_executor.h>

#include <vector>

namespace ptscope {

std::shared_ptr<torch::jit::Graph> inlinedForwardGraph(const torch::jit::Module& module, const std::string& name)
{
    auto method = module.find_method(name);
    if (!method)
        return nullptr;
    std::shared_ptr<torch::jit::Graph> graph = method->graph()->copy();
    torch::jit::Inline(*graph);
    return graph;
}

OptimizationSettings OptimizationSettings::current()
{
    return {torch::jit::getGraphExecutorOptimize(), at::autocast::is_enabled(), at::autocast::is_cpu_enabled()};
}

void prepareInlining(const torch::jit::Module& module, const OptimizationSettings& inliningThread)
{
    // Optimized graphs are cached per setting of these thread-local flags: made under other
    // settings, they would be made for nothing.
    if (!(OptimizationSettings::current() == inliningThread))
        return;
    std::vector<torch::jit::Module> modules;
    for (const torch::jit::Module& m : module.modules())
        modules.push_back(m);
    // Pre-order reversed: a module's submodules come before it, so each graph made here finds
    // its callees' graphs made. The root's own forward is copied and inlined, never optimized.
    for (size_t i = modules.size(); i-- > 1;) {
        const auto method = modules[i].find_method("forward");
        if (!method)
            continue;
        if (torch::jit::GraphFunction* function = torch::jit::tryToGraphFunction(method->function()))
            function->optimized_graph();
    }
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
