#pragma once

// Internal to core: walking the tensors inside TorchScript values.

#include <ATen/core/Dict.h>
#include <ATen/core/ivalue.h>
#include <functional>
#include <string>

namespace ptscope {

// A copy of value with every tensor inside tuples, lists, dicts and optionals replaced by
// fn(tensor); containers keep their element types. Other values are shared, not copied.
c10::IValue mapTensors(const c10::IValue& value, const std::function<at::Tensor(const at::Tensor&)>& fn);

// Calls f on every defined tensor inside value (tuples, lists, dicts' keys and values); objects
// (modules, user classes) are not walked.
template <typename F> void forEachTensor(const c10::IValue& value, const F& f)
{
    if (value.isTensor()) {
        if (value.toTensor().defined())
            f(value.toTensor());
    } else if (value.isTensorList()) {
        for (const at::Tensor& t : value.toTensorList().vec())
            if (t.defined())
                f(t);
    } else if (value.isList()) {
        for (const c10::IValue& v : value.toListRef())
            forEachTensor(v, f);
    } else if (value.isTuple()) {
        for (const c10::IValue& v : value.toTupleRef().elements())
            forEachTensor(v, f);
    } else if (value.isGenericDict()) {
        for (const auto& entry : value.toGenericDict()) {
            forEachTensor(entry.key(), f);
            forEachTensor(entry.value(), f);
        }
    }
}

// "Tensor float32[1, 10]", "int", "a list of 2 values", ...: how messages name what a user gave.
std::string describeValue(const c10::IValue& value);

} // namespace ptscope
