#include "compare/modelcall.h"

#include "compare/outputcompare.h"
#include "load/modelimpl.h"
#include "ptscope/common/error.h"
#include "ptscope/load/model.h"
#include "run/argumentcheck.h"
#include "run/forwardarguments.h"
#include "run/runsupport.h"
#include "run/scripterror.h"
#include "run/tensormapping.h"

#include <algorithm>
#include <torch/csrc/jit/runtime/jit_exception.h>

namespace ptscope {

ModelSide modelSide(const Model& model)
{
    ModelSide side;
    side.model = &model;
    side.module = moduleFor(model.impl().module, false);
    side.forward = forwardMethod(*side.module, model.impl().entry);
    side.specs = argumentSpecs(*side.forward);
    return side;
}

ModelCall callModel(ModelSide& side, const Sample& given, const GeneratorSnapshot& generators)
{
    Sample sample = given;
    try {
        checkArguments(side.forward->function().getSchema(), side.specs, sample);
    } catch (const Error& e) {
        return {{}, e.message()};
    }
    const c10::Device device = side.model->impl().device;
    std::vector<c10::IValue> stack = copyForRun(sample.values);
    for (c10::IValue& v : stack)
        v = mapTensors(v, [&](const at::Tensor& t) { return t.to(device); });
    generators.restore();
    try {
        return {(*side.forward)(std::move(stack)), {}};
    } catch (const torch::jit::JITException& e) {
        return {{}, scriptErrorFromText(e.what()).message()};
    } catch (const c10::Error& e) {
        return {{}, scriptErrorFromText(e.what_without_backtrace()).message()};
    } catch (const std::bad_alloc&) {
        throw Error(ErrorKind::OutOfMemory, "A model ran out of memory while being compared.",
                    "Try smaller inputs, or fewer threads.");
    } catch (const std::exception& e) {
        return {{}, scriptErrorFromText(e.what()).message()};
    }
}

void judgeCalls(const ModelCall& a, const ModelCall& b, const Tolerances& tolerances, InputDiff& diff)
{
    diff.errorA = a.error;
    diff.errorB = b.error;
    if (a.error.empty() && b.error.empty()) {
        diff.outputs = compareValues(a.value, b.value, tolerances);
        diff.matches = std::all_of(diff.outputs.begin(), diff.outputs.end(),
                                   [](const OutputDiff& o) { return o.matches; });
    } else {
        diff.matches = a.error == b.error;
    }
}

} // namespace ptscope
