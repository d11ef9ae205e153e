#pragma once

// Internal to core: forward's return value as a flat list with statistics.

#include "ptscope/run/runresult.h"

#include <ATen/core/ivalue.h>
#include <vector>

namespace ptscope {

struct FlatOutputs
{
    std::vector<OutputInfo> outputs;
    // Each tensor output's index in outputs, and the tensor itself (on the CPU, detached).
    std::vector<std::pair<size_t, at::Tensor>> tensors;
};

// The rules are documented on OutputInfo.
FlatOutputs flattenOutputs(const c10::IValue& value);

// Statistics over the finite elements, in float64, a chunk at a time so a large output does not
// need a float64 copy of itself.
TensorStats tensorStats(const at::Tensor& tensor);

} // namespace ptscope
