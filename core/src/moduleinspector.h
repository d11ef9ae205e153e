#pragma once

#include "ptscope/modelinfo.h"

namespace torch::jit {
struct Module;
}

namespace ptscope {

// Everything ModelInfo says about a loaded module: its tree, tensors, attributes, methods, code
// and the size of its inlined forward graph.
ModelInfo inspectModule(const torch::jit::Module& root, ArchiveInfo archive);

} // namespace ptscope
