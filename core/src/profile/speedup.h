#pragma once

// Internal to core: the speed-ups TorchScript's JIT offers one model on this machine.

#include "load/modelimpl.h"
#include "ptscope/common/canceltoken.h"
#include "ptscope/profile/profile.h"
#include "run/runsupport.h"

#include <functional>

namespace ptscope {

struct SpeedupSettings
{
    bool training = false;
    int warmup = 3;
    int runs = 10;
};

// The same inputs (forward's arguments, on the model's device) timed as saved, frozen and
// optimized for inference, under LibTorch's profiling executor, its legacy executor and with the
// executor's optimizations off, at one thread and at all cores; then the first ten forwards
// after loading the file afresh. Each configuration runs on its own fresh copy of the module
// (LibTorch fixes a method's executor at its first call). progress(done, total) after each row.
SpeedupReport measureSpeedup(const Model::Impl& impl, const std::vector<c10::IValue>& arguments,
                             const SpeedupSettings& settings, const GeneratorSnapshot& generator,
                             const CancelToken& cancel, const std::function<void(int, int)>& progress);

} // namespace ptscope
