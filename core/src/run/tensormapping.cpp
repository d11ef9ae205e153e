#include "run/tensormapping.h"

#include "ptscope/common/format.h"
#include "common/torchnames.h"

namespace ptscope {

c10::IValue mapTensors(const c10::IValue& value, const std::function<at::Tensor(const at::Tensor&)>& fn)
{
    if (value.isTensor())
        return fn(value.toTensor());
    if (value.isTuple()) {
        std::vector<c10::IValue> elements;
        for (const c10::IValue& e : value.toTupleRef().elements())
            elements.push_back(mapTensors(e, fn));
        return c10::ivalue::Tuple::create(std::move(elements));
    }
    if (value.isList()) {
        const c10::List<c10::IValue> list = value.toList();
        c10::impl::GenericList out(list.elementType());
        out.reserve(list.size());
        for (const c10::IValue& e : list)
            out.push_back(mapTensors(e, fn));
        return out;
    }
    if (value.isGenericDict()) {
        const c10::Dict<c10::IValue, c10::IValue> dict = value.toGenericDict();
        c10::impl::GenericDict out(dict.keyType(), dict.valueType());
        for (const auto& entry : dict)
            out.insert(entry.key(), mapTensors(entry.value(), fn));
        return out;
    }
    return value;
}

std::string describeValue(const c10::IValue& value)
{
    if (value.isTensor()) {
        const at::Tensor& t = value.toTensor();
        return "Tensor " + dtypeName(t.scalar_type()) + formatShape(t.sizes().vec());
    }
    if (value.isNone())
        return "None";
    if (value.isBool())
        return "bool";
    if (value.isInt())
        return "int";
    if (value.isDouble())
        return "float";
    if (value.isString())
        return "str";
    if (value.isTuple())
        return "a tuple of " + std::to_string(value.toTupleRef().elements().size()) + " values";
    if (value.isList())
        return "a list of " + std::to_string(value.toListRef().size()) + " values";
    if (value.isGenericDict())
        return "a dict of " + std::to_string(value.toGenericDict().size()) + " entries";
    return value.type()->annotation_str();
}

} // namespace ptscope
