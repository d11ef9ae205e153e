#include "run/forwardarguments.h"

#include "load/modelimpl.h"
#include "ptscope/common/error.h"
#include "ptscope/run/inputspec.h"
#include "ptscope/load/model.h"
#include "ptscope/run/runner.h"
#include "common/torchnames.h"

#include <sstream>

namespace ptscope {

namespace {

std::string kindOf(const c10::TypePtr& type)
{
    switch (type->kind()) {
    case c10::TypeKind::TensorType:
        return "tensor";
    case c10::TypeKind::IntType:
        return "int";
    case c10::TypeKind::FloatType:
        return "float";
    case c10::TypeKind::BoolType:
        return "bool";
    case c10::TypeKind::StringType:
        return "str";
    case c10::TypeKind::ListType:
        return "list";
    case c10::TypeKind::TupleType:
        return "tuple";
    case c10::TypeKind::DictType:
        return "dict";
    case c10::TypeKind::OptionalType:
        return "optional";
    default:
        return "other";
    }
}

// The default as the input grammar writes it; empty when the grammar has no form for it
// (a list default, say), in which case the schema default is still used when the argument is left out.
std::string specOf(const c10::IValue& value)
{
    InputSource s;
    if (value.isNone()) {
        s.kind = InputSource::Kind::None;
    } else if (value.isBool()) {
        s.kind = InputSource::Kind::Bool;
        s.boolValue = value.toBool();
    } else if (value.isInt()) {
        s.kind = InputSource::Kind::Int;
        s.intValue = value.toInt();
    } else if (value.isDouble()) {
        s.kind = InputSource::Kind::Float;
        s.floatValue = value.toDouble();
    } else if (value.isString()) {
        s.kind = InputSource::Kind::String;
        s.text = value.toStringRef();
    } else {
        return {};
    }
    return formatInputSpec(s);
}

} // namespace

torch::jit::Method forwardMethod(const torch::jit::Module& module, const std::string& name)
{
    if (auto method = module.find_method(name))
        return *method;
    if (name != "forward")
        throw Error(ErrorKind::NoSuchMethod, "The model has no method " + name + ".",
                    "Its methods: " + methodNames(module) + ".");
    throw Error(ErrorKind::NoSuchMethod, "The model has no forward method, so it cannot be run as it is.",
                "Choose one of its methods with --method NAME (in the window: the Run tab's method): " +
                    methodNames(module) + ".");
}

std::vector<ArgumentSpec> argumentSpecs(const torch::jit::Method& forward)
{
    const c10::FunctionSchema& schema = forward.function().getSchema();
    const auto graphInputs = forward.graph()->inputs();
    std::vector<ArgumentSpec> specs;
    for (size_t i = 1; i < schema.arguments().size(); ++i) {
        const c10::Argument& argument = schema.arguments()[i];
        ArgumentSpec spec;
        spec.name = argument.name();
        spec.type = argument.type()->annotation_str();
        spec.kind = kindOf(argument.type());
        if (argument.default_value()) {
            spec.hasDefault = true;
            std::ostringstream os;
            os << *argument.default_value();
            spec.defaultValue = os.str();
            spec.defaultSpec = specOf(*argument.default_value());
        }
        if (i < graphInputs.size()) {
            if (const auto tensorType = graphInputs[i]->type()->cast<c10::TensorType>()) {
                const auto sizes = tensorType->sizes().concrete_sizes();
                if (sizes && tensorType->scalarType()) {
                    spec.exampleShape = *sizes;
                    spec.exampleDtype = dtypeName(*tensorType->scalarType());
                }
            }
        }
        specs.push_back(std::move(spec));
    }
    return specs;
}

std::vector<ArgumentSpec> forwardArguments(const Model& model)
{
    return methodArguments(model, model.impl().entry);
}

std::vector<ArgumentSpec> methodArguments(const Model& model, const std::string& method)
{
    try {
        return argumentSpecs(forwardMethod(model.impl().module, method));
    } catch (const Error&) {
        throw;
    } catch (const c10::Error& e) {
        throw Error(ErrorKind::Internal, "Could not read the arguments of " + method + ".", {},
                    e.what_without_backtrace());
    }
}

std::string describeArguments(const std::vector<ArgumentSpec>& arguments, const std::string& method)
{
    std::string out = method + "(";
    for (size_t i = 0; i < arguments.size(); ++i) {
        out += (i ? ", " : "") + arguments[i].name + ": " + arguments[i].type;
        if (arguments[i].hasDefault)
            out += " = " + arguments[i].defaultValue;
    }
    return out + ")";
}

} // namespace ptscope
