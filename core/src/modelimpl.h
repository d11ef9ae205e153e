#pragma once

// Internal to core: the torch side of ptscope::Model.

#include "ptscope/model.h"

#include <torch/script.h>

namespace ptscope {

struct Model::Impl
{
    torch::jit::Module module;
    c10::Device device = c10::Device(c10::kCPU);
    ModelInfo info;
};

} // namespace ptscope
