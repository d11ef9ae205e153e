#pragma once

#include "ptscope/modelinfo.h"

#include <memory>

namespace torch::jit {
struct Graph;
struct Module;
} // namespace torch::jit

namespace ptscope {

// Everything ModelInfo says about a loaded module: its tree, tensors, attributes, methods, code
// and the size of its inlined forward graph (null when there is no forward).
ModelInfo inspectModule(const torch::jit::Module& root, ArchiveInfo archive,
                        const std::shared_ptr<torch::jit::Graph>& inlinedForward);

} // namespace ptscope
