#include "run/argumentcheck.h"

#include "ptscope/common/error.h"
#include "ptscope/run/runner.h"
#include "run/tensormapping.h"

#include <optional>

namespace ptscope {

namespace {

std::vector<c10::IValue> elementsOf(const c10::IValue& v)
{
    if (v.isTuple())
        return v.toTupleRef().elements().vec();
    if (v.isList())
        return v.toListRef().vec();
    return {};
}

// The value as forward's type wants it, or nothing when it does not fit.
std::optional<c10::IValue> coerce(const c10::IValue& v, const c10::TypePtr& type)
{
    switch (type->kind()) {
    case c10::TypeKind::AnyType:
        return v;
    case c10::TypeKind::OptionalType:
        if (v.isNone())
            return v;
        return coerce(v, type->castRaw<c10::OptionalType>()->getElementType());
    case c10::TypeKind::TensorType:
        if (v.isTensor())
            return v;
        return std::nullopt;
    case c10::TypeKind::FloatType:
        if (v.isDouble())
            return v;
        if (v.isInt())
            return c10::IValue(static_cast<double>(v.toInt()));
        return std::nullopt;
    case c10::TypeKind::ListType: {
        if (!v.isList() && !v.isTuple())
            return std::nullopt;
        const c10::TypePtr element = type->castRaw<c10::ListType>()->getElementType();
        c10::impl::GenericList out(element);
        for (const c10::IValue& e : elementsOf(v)) {
            auto converted = coerce(e, element);
            if (!converted)
                return std::nullopt;
            out.push_back(std::move(*converted));
        }
        return c10::IValue(out);
    }
    case c10::TypeKind::TupleType: {
        if (!v.isList() && !v.isTuple())
            return std::nullopt;
        const auto* tuple = type->castRaw<c10::TupleType>();
        const std::vector<c10::IValue> elements = elementsOf(v);
        if (elements.size() != tuple->elements().size())
            return std::nullopt;
        std::vector<c10::IValue> out;
        for (size_t i = 0; i < elements.size(); ++i) {
            auto converted = coerce(elements[i], tuple->elements()[i]);
            if (!converted)
                return std::nullopt;
            out.push_back(std::move(*converted));
        }
        if (tuple->schema())
            return c10::IValue(c10::ivalue::Tuple::createNamed(std::move(out), type->cast<c10::TupleType>()));
        return c10::IValue(c10::ivalue::Tuple::create(std::move(out)));
    }
    case c10::TypeKind::DictType: {
        if (!v.isGenericDict())
            return std::nullopt;
        const auto* dictType = type->castRaw<c10::DictType>();
        c10::impl::GenericDict out(dictType->getKeyType(), dictType->getValueType());
        for (const auto& entry : v.toGenericDict()) {
            auto key = coerce(entry.key(), dictType->getKeyType());
            auto value = coerce(entry.value(), dictType->getValueType());
            if (!key || !value)
                return std::nullopt;
            out.insert(std::move(*key), std::move(*value));
        }
        return c10::IValue(out);
    }
    default:
        if (v.type()->isSubtypeOf(*type))
            return v;
        return std::nullopt;
    }
}

std::string plural(size_t n, const char* word)
{
    return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

std::string argumentList(const std::vector<ArgumentSpec>& specs, size_t from)
{
    std::string out;
    for (size_t i = from; i < specs.size(); ++i)
        out += (out.empty() ? "" : ", ") + specs[i].name + ": " + specs[i].type;
    return out;
}

const char* const kInputsHint =
    "Give one input per argument, e.g. float32[1,3,224,224]:randn, int:3, str:text, none or @file.npy.";

} // namespace

void checkArguments(const c10::FunctionSchema& schema, const std::vector<ArgumentSpec>& specs, Sample& sample)
{
    const auto& arguments = schema.arguments();
    const size_t expected = specs.size();
    const size_t given = sample.values.size();
    if (given > expected)
        throw Error(ErrorKind::InvalidInput, "forward takes " + plural(expected, "input") + " (" +
                                                 argumentList(specs, 0) + "); got " + std::to_string(given) +
                                                 ".");

    // Trailing arguments left out: the schema's default, or a traced example.
    for (size_t i = given; i < expected; ++i) {
        const c10::Argument& argument = arguments[i + 1];
        if (argument.default_value()) {
            sample.values.push_back(*argument.default_value());
            sample.sources.push_back("default");
        } else if (specs[i].exampleShape) {
            InputSource example;
            example.dtype = specs[i].exampleDtype;
            example.shape = *specs[i].exampleShape;
            sample.values.push_back(generateTensor(example));
            sample.sources.push_back("traced example");
        } else if (given == 0) {
            throw Error(ErrorKind::InvalidInput,
                        "No inputs given, and " + describeArguments(specs) +
                            " has no example inputs to fall back on.",
                        kInputsHint);
        } else {
            throw Error(ErrorKind::InvalidInput,
                        "forward needs a value for " + argumentList(specs, i) + "; got " +
                            plural(given, "input") + ".",
                        "It takes " + describeArguments(specs) + ".");
        }
    }

    for (size_t i = 0; i < expected; ++i) {
        const c10::Argument& argument = arguments[i + 1];
        if (sample.sources[i] == "default" && argument.default_value())
            sample.values[i] = *argument.default_value();
        auto converted = coerce(sample.values[i], argument.type());
        if (converted) {
            sample.values[i] = std::move(*converted);
            continue;
        }
        const bool scalarForTensor =
            argument.type()->kind() == c10::TypeKind::TensorType &&
            (sample.values[i].isInt() || sample.values[i].isDouble() || sample.values[i].isBool());
        throw Error(ErrorKind::InvalidInput,
                    "Input " + std::to_string(i + 1) + " (" + sample.sources[i] +
                        ") does not fit forward's argument " + specs[i].name + ": " + specs[i].type +
                        "; it is " + describeValue(sample.values[i]) + ".",
                    scalarForTensor ? "A 0-d tensor is written like float32[]:2.5."
                                    : "It takes " + describeArguments(specs) + ".");
    }
}

} // namespace ptscope
