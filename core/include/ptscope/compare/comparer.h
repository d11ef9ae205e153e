#pragma once

#include "ptscope/common/canceltoken.h"
#include "ptscope/compare/outputdiff.h"
#include "ptscope/run/runspec.h"

#include <functional>
#include <string>

namespace ptscope {

class Model;

struct CompareOptions
{
    Tolerances tolerances;
    // Generated inputs made this many times, with seeds seed, seed + 1, ... (inputs read from
    // files are the same in every trial).
    int trials = 1;
    // Instead of a second model: a .pt (torch.save) or .npy file of forward's outputs, or a folder
    // of them matched by file name to a folder of inputs.
    std::string reference;
    int threads = 0; // intra-op threads; 0 keeps LibTorch's
};

using CompareProgressCallback = std::function<void(int done, int total)>;

// Runs both models (or the model, against the reference) on the same inputs, each call after
// putting torch's generators back to the state right after the inputs were made (a stochastic
// model draws the same numbers in both), in eval mode without gradients, and compares their
// outputs path by path. b is null with a reference. An input on which one model raises and the
// other does not disagrees; both raising the same way agree, but when both raise on every input
// nothing was compared and the first model's error is thrown. Throws ptscope::Error (InvalidInput,
// ScriptError, FileNotFound, Cancelled, ...).
OutputComparison compareOutputs(const Model& a, const Model* b, const RunInputs& inputs,
                                const CompareOptions& options, const CancelToken& cancel = {},
                                const CompareProgressCallback& progress = {});

} // namespace ptscope
