#pragma once

// Internal to core: visiting the tensors inside TorchScript values.

#include <ATen/core/Dict.h>
#include <ATen/core/ivalue.h>

namespace ptscope {

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

} // namespace ptscope
