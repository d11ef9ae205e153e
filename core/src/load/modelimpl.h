#pragma once

// Internal to core: the torch side of ptscope::Model.

#include "ptscope/load/model.h"

#include <string>
#include <torch/script.h>

namespace ptscope {

struct Model::Impl
{
    torch::jit::Module module;
    // The method run and drawn as "forward" (LoadOptions::method).
    std::string entry = "forward";
    // The entry method's graph with every call inlined, made once at open; read-only afterwards.
    std::shared_ptr<torch::jit::Graph> inlinedForward;
    c10::Device device = c10::Device(c10::kCPU);
    ModelInfo info;
};

// "forward__0, forward__1": a module's own methods, for messages that ask the user to pick one.
inline std::string methodNames(const torch::jit::Module& module)
{
    std::string names;
    for (const torch::jit::Method& m : module.get_methods())
        names += (names.empty() ? "" : ", ") + m.name();
    return names.empty() ? std::string("none") : names;
}

} // namespace ptscope
