#pragma once

#include "ptscope/load/modelinfo.h"

namespace torch::jit {
struct Module;
} // namespace torch::jit

namespace ptscope {

// Everything ModelInfo says about a loaded module: its tree, tensors, attributes, methods and
// code; not the forward graph's size (hasForward, graphNodes), which Model::open adds.
ModelInfo inspectModule(const torch::jit::Module& root, ArchiveInfo archive);

} // namespace ptscope
