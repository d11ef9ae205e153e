#include "ptscope/profile/profiler.h"

#include "compare/tensorcompare.h"
#include "graph/variantgraph.h"
#include "io/tensorfiles.h"
#include "load/modelimpl.h"
#include "profile/eventcapture.h"
#include "profile/machinepeaks.h"
#include "profile/memoryledger.h"
#include "profile/nodeexecutor.h"
#include "profile/profileassembly.h"
#include "profile/profilestats.h"
#include "profile/shapeobserver.h"
#include "profile/speedup.h"
#include "ptscope/common/error.h"
#include "ptscope/run/runner.h"
#include "run/argumentcheck.h"
#include "run/forwardarguments.h"
#include "run/inputmaterializer.h"
#include "run/outputflatten.h"
#include "run/runsupport.h"
#include "run/scripterror.h"
#include "run/tensormapping.h"

#include <ATen/Parallel.h>
#include <chrono>
#include <optional>
#include <torch/csrc/api/include/torch/cuda.h>
#include <torch/csrc/jit/runtime/jit_exception.h>

namespace ptscope {

namespace {

void validate(const ProfileOptions& options)
{
    if (options.runs < 1)
        throw Error(ErrorKind::InvalidArgument, "The number of measured runs must be at least 1.");
    if (options.warmup < 0)
        throw Error(ErrorKind::InvalidArgument, "The number of warm-up runs cannot be negative.");
    if (options.threads < 0)
        throw Error(ErrorKind::InvalidArgument, "The number of threads cannot be negative.");
    if (options.training &&
        (options.variant == GraphVariant::Frozen || options.variant == GraphVariant::Optimized))
        throw Error(ErrorKind::InvalidArgument,
                    std::string("The ") + graphVariantId(options.variant) + " graph runs in eval mode only.",
                    "Profile the inlined graph to profile training mode.");
}

int forwardRunCount(const ProfileOptions& options)
{
    if (options.forwardRuns >= 0)
        return options.forwardRuns;
    // Two for the default 20 runs: enough for a median beside the executor's and for LibTorch's
    // events, while a whole profile costs little more than the runs it measures.
    return std::max(2, options.runs / 10);
}

// Run failures worded as `run` words them.
template <typename F> auto asScriptError(F&& f)
{
    try {
        return f();
    } catch (const Error&) {
        throw;
    } catch (const torch::jit::JITException& e) {
        throw scriptErrorFromText(e.what());
    } catch (const c10::Error& e) {
        throw scriptErrorFromText(e.what_without_backtrace());
    } catch (const std::bad_alloc&) {
        throw Error(ErrorKind::OutOfMemory, "The model ran out of memory.", "Try smaller inputs, or fewer threads.");
    } catch (const std::exception& e) {
        throw scriptErrorFromText(e.what());
    }
}

std::string firstLine(const std::string& text)
{
    const size_t start = text.find_first_not_of("\n ");
    if (start == std::string::npos)
        return {};
    return text.substr(start, text.find('\n', start) - start);
}

bool sameOutputs(const c10::IValue& a, const c10::IValue& b)
{
    std::vector<at::Tensor> ta, tb;
    mapTensors(a, [&](const at::Tensor& t) { ta.push_back(t); return t; });
    mapTensors(b, [&](const at::Tensor& t) { tb.push_back(t); return t; });
    if (ta.size() != tb.size())
        return false;
    for (size_t i = 0; i < ta.size(); ++i) {
        if (ta[i].defined() != tb[i].defined())
            return false;
        if (ta[i].defined() && !tensorsEqual(ta[i], tb[i]))
            return false;
    }
    return true;
}

class Session
{
public:
    Session(const Model& model, const ProfileOptions& options, const CancelToken& cancel,
            const ProfileProgressCallback& progress)
        : m_model(model), m_impl(model.impl()), m_options(options), m_cancel(cancel), m_progress(progress)
    {
    }

    ProfileResult run(const RunInputs& inputs)
    {
        const torch::jit::Method loadedForward = forwardMethod(m_impl.module, m_impl.entry);
        const std::vector<ArgumentSpec> specs = argumentSpecs(loadedForward);
        std::vector<Sample> samples = materializeInputs(inputs, specs);
        if (samples.size() != 1 || !samples.front().name.empty())
            throw Error(ErrorKind::InvalidInput, "A profile runs on one set of inputs, not a folder of samples.",
                        "Give one .npy or .pt file per argument (or one --inputs file).");
        Sample& sample = samples.front();
        checkArguments(loadedForward.function().getSchema(), specs, sample);
        for (c10::IValue& v : sample.values)
            v = mapTensors(v, [&](const at::Tensor& t) { return t.to(m_impl.device); });
        m_arguments = sample.values;
        m_cancel.throwIfCancelled();

        ProfileResult result;
        result.model = m_impl.info.archive.path;
        result.device = m_impl.device.str();
        result.variant = graphVariantId(m_options.variant);
        result.training = m_options.training;
        result.grad = m_options.grad;
        result.seed = inputs.seed;
        result.warmup = m_options.warmup;
        result.runs = m_options.runs;
        for (size_t i = 0; i < specs.size(); ++i)
            result.inputs.push_back(describeInput(specs[i], sample.values[i], sample.sources[i]));

        m_generator.emplace();
        prepareVariant();
        const ThreadsGuard threads(m_options.threads);
        const c10::AutoGradMode gradMode(m_options.grad);
        result.threads = at::get_num_threads();
        result.blas = blasDescription();

        report("probe", 0, 1);
        result.peaks = machinePeaks(result.threads);
        report("probe", 1, 1);

        warmUp();
        measure(result);

        if (m_executor) {
            m_assembly->finish(result);
        } else {
            result.nodeLevel = false;
            result.fallbackReason = m_fallback;
        }
        result.forwardMs = timingStats(result.forwardRunsMs);
        result.executorMs = timingStats(result.executorRunsMs);

        const c10::IValue& outputs = m_executor ? m_lastExecutorOutput : m_lastForwardOutput;
        if (m_executor && !m_lastForwardOutput.isNone())
            result.outputsEqualForward = sameOutputs(m_lastExecutorOutput, m_lastForwardOutput);
        result.outputs = flattenOutputs(outputs).outputs;
        if (!m_options.saveOutputs.empty()) {
            writePtFile(m_options.saveOutputs, outputs);
            result.savedOutputs = m_options.saveOutputs;
        }

        if (m_options.speedup) {
            SpeedupSettings settings;
            settings.training = m_options.training;
            result.speedup = measureSpeedup(m_impl, m_arguments, settings, *m_generator, m_cancel,
                                            [this](int done, int total) { report("speedup", done, total); });
        }
        return result;
    }

private:
    void prepareVariant()
    {
        VariantGraph made = makeVariantGraph(m_impl, m_options.variant);
        // Inlined and as-saved graphs read the mode from the module, so a copy in the mode asked
        // for runs them; frozen and optimized modules are eval-mode clones already.
        m_module = m_options.variant == GraphVariant::Frozen || m_options.variant == GraphVariant::Optimized
                       ? made.module
                       : moduleFor(made.module, m_options.training);
        m_forward.emplace(forwardMethod(m_module, m_impl.entry));
        try {
            NodeProgram program = compileProgram(made.graph);
            m_assembly.emplace(buildGraph(m_model, *made.graph, m_options.variant, false), program.nodes.size());
            m_executor.emplace(std::move(program));
        } catch (const UnsupportedNode& unsupported) {
            m_fallback = "the graph has a " + unsupported.kind + " node (" + unsupported.reason +
                         "); only whole forwards were timed";
        }
    }

    std::vector<c10::IValue> executorInputs() const
    {
        std::vector<c10::IValue> stack = copyForRun(m_arguments);
        stack.insert(stack.begin(), m_module._ivalue());
        m_forward->function().getSchema().checkAndNormalizeInputs(stack, {});
        return stack;
    }

    double forwardOnce(EventCapture* events)
    {
        m_cancel.throwIfCancelled();
        std::vector<c10::IValue> stack = copyForRun(m_arguments);
        m_generator->restore();
        m_lastForwardOutput = c10::IValue();
        if (events)
            events->begin();
        const auto start = std::chrono::steady_clock::now();
        try {
            m_lastForwardOutput = asScriptError([&] {
                c10::IValue out = (*m_forward)(std::move(stack));
                if (m_impl.device.is_cuda())
                    torch::cuda::synchronize();
                return out;
            });
        } catch (...) {
            if (events)
                events->end();
            throw;
        }
        const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
        if (events)
            events->end();
        return ms;
    }

    // One executor run; false (and the executor dropped) when the executor fails where the plain
    // forward did not, so the rest of the profile times whole forwards.
    bool executorOnce(RunRecord* record, StepObserver* observer, MemoryLedger* ledger)
    {
        m_cancel.throwIfCancelled();
        std::vector<c10::IValue> stack = executorInputs();
        if (ledger)
            for (size_t i = 1; i < stack.size(); ++i)
                ledger->pinInput(stack[i]);
        m_generator->restore();
        m_lastExecutorOutput = c10::IValue();
        try {
            m_lastExecutorOutput = m_executor->run(std::move(stack), record, observer, ledger);
            if (m_impl.device.is_cuda())
                torch::cuda::synchronize();
            return true;
        } catch (const std::bad_alloc&) {
            throw Error(ErrorKind::OutOfMemory, "The model ran out of memory.", "Try smaller inputs, or fewer threads.");
        } catch (const std::exception& e) {
            const int node = m_executor->failedNode();
            const std::string kind =
                node >= 0 ? m_executor->program().nodes[static_cast<size_t>(node)]->kind().toQualString() : "?";
            const std::string what = firstLine(dynamic_cast<const c10::Error*>(&e)
                                                   ? dynamic_cast<const c10::Error*>(&e)->what_without_backtrace()
                                                   : e.what());
            m_fallback = "node " + std::to_string(node) + " (" + kind + ") failed in the node executor (" + what +
                         ") where forward ran; only whole forwards were timed";
            m_executor.reset();
            m_assembly.reset();
            return false;
        }
    }

    // Plain forwards first (the JIT profiles on its first call and optimizes on its second),
    // executor runs between them; the first executor run is the observed one (shapes, costs,
    // memory), so it costs no measured run. Without a warm-up executor turn it comes after.
    void warmUp()
    {
        const int total = m_options.warmup;
        bool observed = false;
        for (int i = 0; i < total; ++i) {
            if (m_executor && i % 2 == 1) {
                if (!observed)
                    observed = observe();
                else
                    executorOnce(nullptr, nullptr, nullptr);
            } else {
                forwardOnce(nullptr);
            }
            report("warmup", i + 1, total);
        }
        if (m_executor && !observed)
            observe();
    }

    bool observe()
    {
        ShapeObserver shapes(m_executor->nodeCount());
        MemoryLedger ledger;
        ledger.pinParameters(*m_module._ivalue());
        for (const auto& [reg, value] : m_executor->program().constants)
            ledger.pinParameter(value);
        if (!executorOnce(nullptr, &shapes, &ledger))
            return false;
        m_assembly->setObservation(shapes, ledger.profile());
        return true;
    }

    void measure(ProfileResult& result)
    {
        const int runs = m_options.runs;
        const int forwards = forwardRunCount(m_options);
        std::optional<EventCapture>& events = m_events;
        // Freezing removes the methods the frozen graph's inlined call stacks point at, and
        // LibTorch 1.13 reads those freed functions' names when asked where the interpreter is
        // (a crash seen on optimized resnet18): events are mapped on the inlined graph only.
        if (m_executor && m_options.variant == GraphVariant::Inlined)
            events.emplace(m_executor->program());
        else if (m_executor)
            result.events.unavailableReason =
                std::string("LibTorch cannot say where in the ") + graphVariantId(m_options.variant) +
                " graph its events come from; profile the inlined graph to compare with its events";
        // Forward runs spread evenly between the executor runs.
        std::vector<int> forwardAfter;
        for (int j = 0; j < forwards; ++j)
            forwardAfter.push_back((j + 1) * runs / (forwards + 1));
        const int total = runs + forwards;
        int done = 0;
        size_t nextForward = 0;
        RunRecord record;
        record.eventLimit = m_options.timelineLimit;
        for (int r = 0; r < runs; ++r) {
            while (nextForward < forwardAfter.size() && forwardAfter[nextForward] == r) {
                result.forwardRunsMs.push_back(forwardOnce(m_executor && events ? &*events : nullptr));
                ++nextForward;
                report("run", ++done, total);
            }
            if (m_executor && executorOnce(&record, nullptr, nullptr)) {
                result.executorRunsMs.push_back(static_cast<double>(record.totalNs) / 1e6);
                m_assembly->addRun(record);
            } else {
                // No executor (or it just gave up): every measured run is a plain forward.
                result.forwardRunsMs.push_back(forwardOnce(nullptr));
            }
            report("run", ++done, total);
        }
        while (nextForward++ < forwardAfter.size()) {
            result.forwardRunsMs.push_back(forwardOnce(m_executor && events ? &*events : nullptr));
            report("run", ++done, total);
        }
        if (m_executor && events)
            m_assembly->setEvents(*events);
        if (!m_executor)
            result.executorRunsMs.clear();
    }

    void report(const char* phase, int done, int total)
    {
        if (m_progress)
            m_progress(ProfileProgress{phase, done, total});
    }

    const Model& m_model;
    const Model::Impl& m_impl;
    const ProfileOptions& m_options;
    const CancelToken& m_cancel;
    const ProfileProgressCallback& m_progress;
    std::vector<c10::IValue> m_arguments;
    std::optional<GeneratorSnapshot> m_generator;
    torch::jit::Module m_module;
    std::optional<torch::jit::Method> m_forward;
    std::optional<NodeExecutor> m_executor;
    std::optional<ProfileAssembly> m_assembly;
    std::optional<EventCapture> m_events; // read by m_assembly when it finishes
    std::string m_fallback;
    c10::IValue m_lastExecutorOutput;
    c10::IValue m_lastForwardOutput;
};

} // namespace

ProfileResult profileModel(const Model& model, const RunInputs& inputs, const ProfileOptions& options,
                           const CancelToken& cancel, const ProfileProgressCallback& progress)
{
    validate(options);
    configureBlasThreads();
    std::lock_guard<std::mutex> lock(runMutex());
    try {
        return Session(model, options, cancel, progress).run(inputs);
    } catch (const Error&) {
        throw;
    } catch (const std::bad_alloc&) {
        throw Error(ErrorKind::OutOfMemory, "Ran out of memory while preparing the profile.");
    } catch (const c10::Error& e) {
        throw Error(ErrorKind::Internal, "The profile failed: " + firstLine(e.msg()), {}, e.what_without_backtrace());
    } catch (const std::exception& e) {
        throw Error(ErrorKind::Internal, std::string("The profile failed: ") + firstLine(e.what()));
    }
}

} // namespace ptscope
