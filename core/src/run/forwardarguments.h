#pragma once

// Internal to core: forward's schema, as the run engine needs it.

#include "ptscope/run/runspec.h"

#include <torch/csrc/jit/api/module.h>
#include <string>
#include <vector>

namespace ptscope {

// The method standing for forward (Model::Impl::entry); throws ptscope::Error (NoSuchMethod),
// naming the methods there are, when the module has none of that name.
torch::jit::Method forwardMethod(const torch::jit::Module& module, const std::string& name = "forward");

// Arguments after self, with the specs people see.
std::vector<ArgumentSpec> argumentSpecs(const torch::jit::Method& forward);

} // namespace ptscope
