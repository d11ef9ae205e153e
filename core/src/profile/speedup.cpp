#include "profile/speedup.h"

#include "ptscope/common/error.h"
#include "ptscope/run/runner.h"
#include "compare/tensorcompare.h"
#include "profile/profilestats.h"
#include "run/tensormapping.h"

#include <ATen/Parallel.h>
#include <torch/csrc/jit/api/module.h>
#include <torch/csrc/api/include/torch/cuda.h>
#include <torch/csrc/jit/python/update_graph_executor_opt.h>
#include <torch/csrc/jit/runtime/graph_executor.h>
#include <torch/csrc/jit/serialization/import.h>
#include <torch/script.h>

#include <chrono>
#include <cmath>
#include <thread>

namespace ptscope {

namespace {

struct ExecutorMode
{
    const char* id;
    bool newExecutor;
    bool profiling;
    bool optimize;
};

constexpr ExecutorMode kModes[] = {
    {"profiling", true, true, true},
    {"legacy", false, false, true},
    {"no-optimization", true, true, false},
};

// LibTorch's executor switches are process-wide atomics read when a method first runs.
class ExecutorModeGuard
{
public:
    explicit ExecutorModeGuard(const ExecutorMode& mode)
        : m_executor(torch::jit::getExecutorMode().load()), m_profiling(torch::jit::getProfilingMode().load()),
          m_optimize(torch::jit::getGraphExecutorOptimize())
    {
        torch::jit::getExecutorMode() = mode.newExecutor;
        torch::jit::getProfilingMode() = mode.profiling;
        torch::jit::setGraphExecutorOptimize(mode.optimize);
    }
    ~ExecutorModeGuard()
    {
        torch::jit::getExecutorMode() = m_executor;
        torch::jit::getProfilingMode() = m_profiling;
        torch::jit::setGraphExecutorOptimize(m_optimize);
    }

private:
    bool m_executor;
    bool m_profiling;
    bool m_optimize;
};

std::vector<at::Tensor> tensorsOf(const c10::IValue& value)
{
    std::vector<at::Tensor> tensors;
    mapTensors(value, [&](const at::Tensor& t) {
        tensors.push_back(t);
        return t;
    });
    return tensors;
}

void compare(const c10::IValue& reference, const c10::IValue& value, SpeedupRow& row)
{
    const auto a = tensorsOf(reference);
    const auto b = tensorsOf(value);
    if (a.size() != b.size()) {
        row.error = "its outputs hold " + std::to_string(b.size()) + " tensors, not " + std::to_string(a.size());
        return;
    }
    double worst = 0;
    bool equal = true;
    for (size_t i = 0; i < a.size(); ++i) {
        if (a[i].defined() != b[i].defined() || (a[i].defined() && !a[i].sizes().equals(b[i].sizes()))) {
            row.error = "output shapes differ";
            return;
        }
        if (!a[i].defined())
            continue;
        equal = equal && tensorsEqual(a[i], b[i]);
        const double d = maxAbsDifference(a[i], b[i]);
        worst = std::isnan(d) || std::isnan(worst) ? std::nan("") : std::max(worst, d);
    }
    row.maxAbsDiff = worst;
    row.bitwiseEqual = equal;
}

class Timer
{
public:
    Timer(const std::vector<c10::IValue>& arguments, const GeneratorSnapshot& generator, bool cuda)
        : m_arguments(arguments), m_generator(generator), m_cuda(cuda)
    {
    }

    // Milliseconds of one forward, and its output.
    std::pair<double, c10::IValue> call(torch::jit::Module& module) const
    {
        std::vector<c10::IValue> stack = copyForRun(m_arguments);
        m_generator.restore();
        const auto start = std::chrono::steady_clock::now();
        c10::IValue out = module.forward(std::move(stack));
        if (m_cuda)
            torch::cuda::synchronize();
        return {std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count(),
                std::move(out)};
    }

private:
    const std::vector<c10::IValue>& m_arguments;
    const GeneratorSnapshot& m_generator;
    bool m_cuda;
};

torch::jit::Module variantModule(const torch::jit::Module& loaded, const std::string& variant, bool training)
{
    torch::jit::Module copy = loaded.clone();
    copy.train(training);
    if (variant == "frozen")
        return torch::jit::freeze(copy);
    if (variant == "optimized")
        return torch::jit::optimize_for_inference(copy);
    return copy;
}

} // namespace

SpeedupReport measureSpeedup(const Model::Impl& impl, const std::vector<c10::IValue>& arguments,
                             const SpeedupSettings& settings, const GeneratorSnapshot& generator,
                             const CancelToken& cancel, const std::function<void(int, int)>& progress)
{
    SpeedupReport report;
    report.defaultThreads = at::get_num_threads();
    report.maxThreads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    report.blas = blasDescription();
    report.runs = settings.runs;
    std::vector<int> threadCounts{1};
    if (report.maxThreads > 1)
        threadCounts.push_back(report.maxThreads);
    std::vector<std::string> variants{"as-saved"};
    if (!settings.training) {
        variants.push_back("frozen");
        variants.push_back("optimized");
    }
    const Timer timer(arguments, generator, impl.device.is_cuda());
    const int total = static_cast<int>(threadCounts.size() * std::size(kModes) * variants.size()) + 1;
    int done = 0;

    for (int threads : threadCounts) {
        const ThreadsGuard threadsGuard(threads);
        c10::IValue reference;
        for (const ExecutorMode& mode : kModes) {
            for (const std::string& variant : variants) {
                cancel.throwIfCancelled();
                SpeedupRow row;
                row.variant = variant;
                row.executor = mode.id;
                row.threads = threads;
                try {
                    const ExecutorModeGuard modeGuard(mode);
                    torch::jit::Module module = variantModule(impl.module, variant, settings.training);
                    for (int i = 0; i < settings.warmup; ++i)
                        timer.call(module);
                    std::vector<double> ms;
                    c10::IValue out;
                    for (int i = 0; i < settings.runs; ++i) {
                        cancel.throwIfCancelled();
                        auto [elapsed, value] = timer.call(module);
                        ms.push_back(elapsed);
                        out = std::move(value);
                    }
                    row.ms = timingStats(ms);
                    if (reference.isNone() && variant == "as-saved" && std::string(mode.id) == "profiling")
                        reference = out;
                    compare(reference, out, row);
                } catch (const Error&) {
                    throw;
                } catch (const c10::Error& e) {
                    row.error = e.msg().substr(0, e.msg().find('\n'));
                } catch (const std::exception& e) {
                    row.error = std::string(e.what()).substr(0, std::string(e.what()).find('\n'));
                }
                report.rows.push_back(std::move(row));
                if (progress)
                    progress(++done, total);
            }
        }
    }

    // What a program that loads the model and calls it at once sees: the JIT's first runs.
    cancel.throwIfCancelled();
    report.firstRunsThreads = at::get_num_threads();
    report.firstRunsExecutor = torch::jit::getExecutorMode() ? (torch::jit::getProfilingMode() ? "profiling" : "simple")
                                                             : "legacy";
    try {
        torch::jit::Module fresh = torch::jit::load(impl.info.archive.path, impl.device);
        fresh.train(settings.training);
        for (int i = 0; i < 10; ++i)
            report.firstRunsMs.push_back(timer.call(fresh).first);
    } catch (const std::exception&) {
        report.firstRunsMs.clear();
    }
    if (progress)
        progress(++done, total);
    return report;
}

} // namespace ptscope
