#pragma once

// What changed between two versions of a model: plain values, which `ptscope-cli review` prints and
// the Compare mode shows.

#include "ptscope/graph/graph.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ptscope {

struct ModuleChange
{
    std::string name;   // module path, "" for the root
    std::string change; // "added", "removed", "type_changed"
    std::string typeA, typeB; // TorchScript class names without ___torch_mangle_N
};

struct ParameterChange
{
    std::string name;   // qualified, "layer1.0.conv1.weight"
    std::string change; // "added", "removed", "shape", "values"
    bool buffer = false;
    std::vector<int64_t> shapeA, shapeB;
    std::string dtypeA, dtypeB;
    // Same-shaped tensors: max |a - b|, and max over elements of |a - b| / max(|a|, |b|) (0 where
    // both are 0), as the output diff measures.
    double maxAbs = 0;
    double maxRel = 0;
};

struct OpCountChange
{
    std::string kind;
    int64_t countA = 0, countB = 0;
};

struct CodeChange
{
    std::string module;               // the first module whose code is this
    std::vector<std::string> modules; // every module path with the same change
    std::string diff;                 // unified, a's code to b's
};

// An aligned node of both profiles, slower or faster in the second.
struct NodeTimingChange
{
    std::string kind;
    std::string scope;
    double msA = 0, msB = 0; // medians per run
};

struct Review
{
    std::string modelA, modelB;
    std::vector<ModuleChange> modules;
    std::vector<ParameterChange> parameters;
    std::vector<OpCountChange> ops;
    std::vector<CodeChange> code;
    bool timed = false; // both were profiled
    double forwardMsA = 0, forwardMsB = 0;
    std::vector<NodeTimingChange> timings; // the largest differences first

    bool identical() const { return modules.empty() && parameters.empty() && ops.empty() && code.empty(); }
};

std::string reviewToJson(const Review& review);
Review reviewFromJson(const std::string& json); // throws ProtocolError
std::string reviewToText(const Review& review);

// "___torch_mangle_12." taken out of TorchScript class names and code: the same class saved twice
// gets different numbers, which are no change.
std::string withoutMangling(const std::string& text);

// A unified diff (3 lines of context, "@@ -a,b +c,d @@" hunks); empty when the texts are equal.
std::string unifiedDiff(const std::string& a, const std::string& b, const std::string& nameA,
                        const std::string& nameB);

} // namespace ptscope
