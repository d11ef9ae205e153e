#pragma once

// Internal to core's compare part: calling one model's forward on a sample the way every
// comparison does (eval, the generators put back first, errors as text).

#include "ptscope/compare/outputdiff.h"
#include "ptscope/run/runspec.h"
#include "run/inputmaterializer.h"

#include <optional>
#include <string>
#include <torch/script.h>
#include <vector>

namespace ptscope {

class Model;
class GeneratorSnapshot;

struct ModelSide
{
    const Model* model = nullptr;
    std::optional<torch::jit::Module> module;
    std::optional<torch::jit::Method> forward;
    std::vector<ArgumentSpec> specs;
};

ModelSide modelSide(const Model& model);

// forward's value, or what it raised, for people.
struct ModelCall
{
    c10::IValue value;
    std::string error;
};

// Checks the sample against forward, moves it to the model's device, restores the generators and
// calls. Throws only for running out of memory.
ModelCall callModel(ModelSide& side, const Sample& sample, const GeneratorSnapshot& generators);

// The two calls on one input judged: what each raised, their outputs compared path by path, and
// whether they agree (both returning the same within tolerance, or both raising the same error).
void judgeCalls(const ModelCall& a, const ModelCall& b, const Tolerances& tolerances, InputDiff& diff);

} // namespace ptscope
