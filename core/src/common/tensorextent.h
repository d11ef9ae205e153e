#pragma once

// Internal to core: whether a tensor's view stays inside its storage. LibTorch's unpickler takes
// a tensor's size, stride and offset from the file as they are, so a damaged or forged file makes
// tensors that read (and, cloned, copy) memory past their storage.

#include <ATen/core/Tensor.h>
#include <string>

namespace ptscope {

// Empty when every element the tensor can address lies inside its storage; otherwise what is
// wrong, for people ("size [1048576] at offset 0 needs 4.0 MiB, its storage holds 16 bytes").
std::string tensorExtentProblem(const at::Tensor& tensor);

} // namespace ptscope
