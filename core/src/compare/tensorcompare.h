#pragma once

// Internal to core: comparing tensors exactly, as profiling's and comparison's checks need.

#include <ATen/core/Tensor.h>

namespace ptscope {

// Same dtype, shape and elements; NaN equals NaN.
bool tensorsEqual(const at::Tensor& a, const at::Tensor& b);

// The largest |a - b| over elements (in float64), positions where both are NaN or both the same
// infinity counting as 0; NaN when NaNs sit in different places. Shapes must match.
double maxAbsDifference(const at::Tensor& a, const at::Tensor& b);

} // namespace ptscope
