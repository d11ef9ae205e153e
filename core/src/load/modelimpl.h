#pragma once

// Internal to core: the torch side of ptscope::Model.

#include "ptscope/load/model.h"

#include <torch/script.h>

namespace ptscope {

struct Model::Impl
{
    torch::jit::Module module;
    // The forward graph with every call inlined, made once at open; read-only afterwards.
    std::shared_ptr<torch::jit::Graph> inlinedForward;
    c10::Device device = c10::Device(c10::kCPU);
    ModelInfo info;
};

} // namespace ptscope
