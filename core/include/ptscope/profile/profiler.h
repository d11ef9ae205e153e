#pragma once

#include "ptscope/common/canceltoken.h"
#include "ptscope/profile/profile.h"
#include "ptscope/run/runspec.h"

#include <functional>
#include <string>

namespace ptscope {

class Model;

struct ProfileProgress
{
    std::string phase; // "probe", "warmup", "run", "speedup"
    int done = 0;
    int total = 0;
};
using ProfileProgressCallback = std::function<void(const ProfileProgress&)>;

// Times every node of forward's graph (the variant in options) over repeated runs with the node
// executor, interleaved with plain module.forward runs, on the same inputs `run` takes; records
// memory, shapes, FLOPs, LibTorch's own events and this machine's peaks (see ProfileResult).
// The generator is reset to its state after the inputs were made before every call, so a
// stochastic model gives the same outputs in each run, and as `run` gives. Cancel is checked
// between runs. Throws ptscope::Error only (InvalidInput, ScriptError, OutOfMemory, Cancelled,
// InvalidArgument for options that do not fit, ...).
ProfileResult profileModel(const Model& model, const RunInputs& inputs, const ProfileOptions& options,
                           const CancelToken& cancel = {}, const ProfileProgressCallback& progress = {});

} // namespace ptscope
