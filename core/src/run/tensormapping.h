#pragma once

// Internal to core: walking the tensors inside TorchScript values.

#include "common/tensorwalk.h"

#include <ATen/core/ivalue.h>
#include <functional>
#include <string>

namespace ptscope {

// A copy of value with every tensor inside tuples, lists, dicts and optionals replaced by
// fn(tensor); containers keep their element types. Other values are shared, not copied.
c10::IValue mapTensors(const c10::IValue& value, const std::function<at::Tensor(const at::Tensor&)>& fn);

// "Tensor float32[1, 10]", "int", "a list of 2 values", ...: how messages name what a user gave.
std::string describeValue(const c10::IValue& value);

} // namespace ptscope
