#pragma once

// Internal to core: what running forward and profiling it share.

#include "ptscope/run/runresult.h"
#include "ptscope/run/runspec.h"

#include <ATen/core/Generator.h>
#include <ATen/core/Tensor.h>
#include <ATen/core/ivalue.h>
#include <mutex>
#include <torch/csrc/jit/api/module.h>
#include <vector>

namespace ptscope {

// Thread counts, grad mode and the JIT's executor settings are process-wide: one run or
// profile at a time in a process.
std::mutex& runMutex();

// Sets LibTorch's intra-op threads for a scope (0 keeps them).
class ThreadsGuard
{
public:
    explicit ThreadsGuard(int threads);
    ~ThreadsGuard();
    ThreadsGuard(const ThreadsGuard&) = delete;
    ThreadsGuard& operator=(const ThreadsGuard&) = delete;

private:
    int m_previous;
    bool m_changed;
};

// The module to run. Model promises the loaded module stays as loaded, so a run that needs other
// mode flags runs on a copy; so does every training run, which may update BatchNorm statistics.
torch::jit::Module moduleFor(const torch::jit::Module& loaded, bool training);

// forward may change its input tensors in place (x += 1 is aten::add_); every run starts from
// the inputs as given.
std::vector<c10::IValue> copyForRun(const std::vector<c10::IValue>& values);

// The default generators' state right after the inputs were made, put back before every call
// so a stochastic model draws the same numbers in every run (and as Python does after seeding
// and making the same inputs).
class GeneratorSnapshot
{
public:
    GeneratorSnapshot();
    void restore() const;

private:
    // Generators are handles; restoring writes through them.
    mutable std::vector<std::pair<at::Generator, at::Tensor>> m_states;
};

double median(std::vector<double> values);

InputInfo describeInput(const ArgumentSpec& spec, const c10::IValue& value, const std::string& source);

} // namespace ptscope
