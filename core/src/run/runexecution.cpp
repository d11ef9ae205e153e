#include "run/argumentcheck.h"
#include "run/forwardarguments.h"
#include "run/inputmaterializer.h"
#include "load/modelimpl.h"
#include "io/outputfiles.h"
#include "run/outputflatten.h"
#include "run/runsupport.h"
#include "ptscope/common/error.h"
#include "ptscope/run/runner.h"
#include "run/scripterror.h"
#include "io/tensorfiles.h"
#include "run/tensormapping.h"
#include "common/torchnames.h"

#include <ATen/Parallel.h>
#include <algorithm>
#include <optional>
#include <chrono>
#include <mutex>
#include <torch/csrc/api/include/torch/cuda.h>
#include <torch/csrc/jit/runtime/jit_exception.h>

namespace ptscope {

namespace {

void validate(const RunOptions& options)
{
    if (options.repeat < 1)
        throw Error(ErrorKind::InvalidArgument, "The number of repeats must be at least 1.");
    if (options.threads < 0)
        throw Error(ErrorKind::InvalidArgument, "The number of threads cannot be negative.");
}

class Execution
{
public:
    Execution(const Model& model, const RunOptions& options, const CancelToken& cancel,
              const RunProgressCallback& progress)
        : m_model(model), m_options(options), m_cancel(cancel), m_progress(progress)
    {}

    RunResult run(const RunInputs& inputs)
    {
        const Model::Impl& impl = m_model.impl();
        const torch::jit::Method loadedForward = forwardMethod(impl.module, impl.entry);
        const std::vector<ArgumentSpec> specs = argumentSpecs(loadedForward);
        std::vector<Sample> samples = materializeInputs(inputs, specs);
        for (Sample& sample : samples) {
            checkArguments(loadedForward.function().getSchema(), specs, sample);
            for (c10::IValue& v : sample.values)
                v = mapTensors(v, [&](const at::Tensor& t) { return t.to(impl.device); });
        }
        m_cancel.throwIfCancelled();

        RunResult result;
        result.model = impl.info.archive.path;
        result.device = impl.device.str();
        result.training = m_options.training;
        result.grad = m_options.grad;
        result.seed = inputs.seed;
        result.warmup = m_options.warmup >= 0 ? m_options.warmup : (m_options.repeat > 1 ? 2 : 0);
        result.batch = samples.size() > 1 || !samples.front().name.empty();
        for (size_t i = 0; i < specs.size(); ++i)
            result.inputs.push_back(
                describeInput(specs[i], samples.front().values[i], samples.front().sources[i]));

        m_generator.emplace();
        const torch::jit::Module module = moduleFor(impl.module, m_options.training);
        torch::jit::Method forward = forwardMethod(module, impl.entry);
        const ThreadsGuard threads(m_options.threads);
        const c10::AutoGradMode gradMode(m_options.grad);
        result.threads = at::get_num_threads();
        result.blas = blasDescription();

        std::vector<c10::IValue> outputs(samples.size());
        for (int i = 0; i < result.warmup; ++i) {
            timedCall(forward, samples.front());
            report("warmup", i + 1, result.warmup);
        }
        for (int r = 0; r < m_options.repeat; ++r) {
            double seconds = 0;
            for (size_t s = 0; s < samples.size(); ++s) {
                outputs[s] = c10::IValue();
                auto [value, elapsed] = timedCall(forward, samples[s]);
                outputs[s] = std::move(value);
                seconds += elapsed;
            }
            result.seconds.push_back(seconds);
            report("run", r + 1, m_options.repeat);
        }
        result.medianSeconds = median(result.seconds);

        for (size_t s = 0; s < samples.size(); ++s) {
            FlatOutputs flat = flattenOutputs(outputs[s]);
            if (!m_options.outputFolder.empty())
                writeOutputTensors(flat, m_options.outputFolder,
                                   result.batch ? "s" + std::to_string(s) + "_" : "");
            result.samples.push_back(SampleResult{samples[s].name, std::move(flat.outputs)});
        }
        if (!m_options.saveOutputs.empty()) {
            if (result.batch) {
                c10::impl::GenericList all(c10::AnyType::get());
                for (const c10::IValue& o : outputs)
                    all.push_back(o);
                writePtFile(m_options.saveOutputs, all);
            } else {
                writePtFile(m_options.saveOutputs, outputs.front());
            }
            result.savedOutputs = m_options.saveOutputs;
        }
        return result;
    }

private:
    std::pair<c10::IValue, double> timedCall(torch::jit::Method& forward, const Sample& sample)
    {
        m_cancel.throwIfCancelled();
        std::vector<c10::IValue> stack = copyForRun(sample.values);
        m_generator->restore();
        const bool cuda = m_model.impl().device.is_cuda();
        const auto start = std::chrono::steady_clock::now();
        c10::IValue output;
        try {
            output = forward(std::move(stack));
            if (cuda)
                torch::cuda::synchronize();
        } catch (const torch::jit::JITException& e) {
            throw scriptErrorFromText(e.what());
        } catch (const c10::Error& e) {
            throw scriptErrorFromText(e.what_without_backtrace());
        } catch (const std::bad_alloc&) {
            throw Error(ErrorKind::OutOfMemory, "The model ran out of memory.",
                        "Try smaller inputs, or fewer threads.");
        } catch (const std::exception& e) {
            throw scriptErrorFromText(e.what());
        }
        const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
        return {std::move(output), elapsed.count()};
    }

    void report(const char* phase, int done, int total)
    {
        if (m_progress)
            m_progress(RunProgress{phase, done, total});
    }

    const Model& m_model;
    const RunOptions& m_options;
    const CancelToken& m_cancel;
    const RunProgressCallback& m_progress;
    std::optional<GeneratorSnapshot> m_generator;
};

} // namespace

RunResult runModel(const Model& model, const RunInputs& inputs, const RunOptions& options,
                   const CancelToken& cancel, const RunProgressCallback& progress)
{
    validate(options);
    configureBlasThreads();
    std::lock_guard<std::mutex> lock(runMutex());
    try {
        return Execution(model, options, cancel, progress).run(inputs);
    } catch (const Error&) {
        throw;
    } catch (const std::bad_alloc&) {
        throw Error(ErrorKind::OutOfMemory, "Ran out of memory while preparing the run.");
    } catch (const c10::Error& e) {
        throw Error(ErrorKind::Internal, "The run failed: " + std::string(e.msg()), {},
                    e.what_without_backtrace());
    } catch (const std::exception& e) {
        throw Error(ErrorKind::Internal, std::string("The run failed: ") + e.what());
    }
}

} // namespace ptscope
