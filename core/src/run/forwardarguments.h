#pragma once

// Internal to core: forward's schema, as the run engine needs it.

#include "ptscope/run/runspec.h"

#include <torch/csrc/jit/api/module.h>
#include <vector>

namespace ptscope {

// forward's method; throws ptscope::Error (NoSuchMethod) when the module has none.
torch::jit::Method forwardMethod(const torch::jit::Module& module);

// Arguments after self, with the specs people see.
std::vector<ArgumentSpec> argumentSpecs(const torch::jit::Method& forward);

} // namespace ptscope
