#include "worker/workersession.h"

#include "ptscope/io/wire.h"
#include "worker/requestfield.h"

#include "ptscope/common/error.h"
#include "ptscope/run/inputspec.h"
#include "ptscope/load/operatorlibrary.h"
#include "ptscope/run/runjson.h"
#include "ptscope/run/runner.h"
#include "ptscope/io/atomicfile.h"
#include "ptscope/profile/profilejson.h"
#include "ptscope/profile/profiler.h"

#include <chrono>

namespace ptscope {

namespace {

using json = nlohmann::json;
using ordered = nlohmann::ordered_json;

// Each method with the arguments a request naming it as "method" takes, so a client can offer
// them when there is no forward (a scripted nn.LSTM has only forward__0 and forward__1).
ordered methodSummary(const Model& model, const MethodInfo& method)
{
    ordered summary = {{"name", method.name}, {"schema", method.schema}};
    try {
        const std::vector<ArgumentSpec> arguments = methodArguments(model, method.name);
        summary["signature"] = describeArguments(arguments, method.name);
        summary["arguments"] = ordered::parse(argumentSpecsToJson(arguments));
    } catch (const Error&) {
        summary["signature"] = nullptr; // listed, but not offered to run
        summary["arguments"] = nullptr;
    }
    return summary;
}

ordered modelSummary(const Model& model)
{
    const ModelInfo& info = model.info();
    ordered methods = ordered::array();
    for (const MethodInfo& m : info.methods)
        methods.push_back(methodSummary(model, m));
    return {{"file", info.archive.path},
            {"root_type", info.rootType},
            {"training", info.training},
            {"num_parameters", info.numParameters},
            {"parameter_bytes", info.parameterBytes},
            {"num_buffers", info.numBuffers},
            {"buffer_bytes", info.bufferBytes},
            {"has_forward", info.hasForward},
            {"graph_nodes", info.graphNodes ? ordered(*info.graphNodes) : ordered(nullptr)},
            {"methods", methods}};
}

} // namespace

RunInputs workerInputs(const json& request)
{
    RunInputs inputs;
    for (const std::string& spec : requestField<std::vector<std::string>>(request, "inputs", {}))
        inputs.arguments.push_back(parseInputSpec(spec));
    inputs.allArgumentsFile = requestField<std::string>(request, "inputs_file", "");
    inputs.seed = requestField<uint64_t>(request, "seed", 0);
    return inputs;
}

ProgressThrottle::ProgressThrottle(const json& request, const WorkerSession::Emit& emit)
    : m_id(request.contains("id") ? request["id"] : json(nullptr)), m_emit(emit)
{
}

void ProgressThrottle::operator()(const std::string& phase, int done, int total, const std::string& what)
{
    const auto now = std::chrono::steady_clock::now();
    if (done != total && now - m_last < std::chrono::milliseconds(100))
        return;
    m_last = now;
    ordered event{{"id", m_id}, {"event", "progress"}, {"phase", phase}, {"done", done}, {"total", total}};
    if (!what.empty())
        event["what"] = what;
    m_emit(event);
}

ordered WorkerSession::open(const json& request)
{
    const std::string path = requestField<std::string>(request, "path", "");
    if (path.empty())
        throw Error(ErrorKind::ProtocolError, "open needs a 'path'.");
    for (const std::string& library : requestField<std::vector<std::string>>(request, "libraries", {}))
        loadOperatorLibrary(library);
    LoadOptions options;
    options.device = requestField<std::string>(request, "device", "cpu");
    // The model before goes first: two at once may not fit.
    m_slot.set(std::nullopt);
    m_second.reset();
    m_device = options.device;
    Model model = Model::open(path, options);
    // The window's copy of the model's facts (megabytes with every module's code) goes to a file.
    const std::string infoFile = requestField<std::string>(request, "info_file", "");
    if (!infoFile.empty())
        writeFileAtomically(infoFile, modelInfoToWire(model.info()));
    ordered result = {{"model", modelSummary(model)}};
    try {
        const std::vector<ArgumentSpec> arguments = forwardArguments(model);
        result["forward"] = describeArguments(arguments);
        result["arguments"] = ordered::parse(argumentSpecsToJson(arguments));
    } catch (const Error& e) {
        if (e.kind() != ErrorKind::NoSuchMethod)
            throw;
        result["forward"] = nullptr;
        result["arguments"] = nullptr;
    }
    if (!infoFile.empty())
        result["info_file"] = infoFile;
    m_slot.set(std::move(model));
    return result;
}

Model WorkerSession::current(const json& request) const
{
    std::optional<Model> model = m_slot.get().first;
    if (!model)
        throw Error(ErrorKind::ProtocolError, "No model is open; send open first.");
    // A request may run another method of the open model in forward's place.
    return model->withMethod(requestField<std::string>(request, "method", ""));
}

ordered WorkerSession::loadLibrary(const json& request)
{
    loadOperatorLibrary(requiredString(request, "path", "load_library"));
    return {{"loaded", loadedOperatorLibraries()}};
}

ordered WorkerSession::run(const json& request, const CancelToken& cancel, const Emit& emit)
{
    const Model model = current(request);
    const RunInputs inputs = workerInputs(request);
    RunOptions options;
    options.training = requestField<bool>(request, "train", false);
    options.grad = requestField<bool>(request, "grad", false);
    options.threads = requestField<int>(request, "threads", 0);
    options.repeat = requestField<int>(request, "repeat", 1);
    options.warmup = requestField<int>(request, "warmup", -1);
    options.outputFolder = requestField<std::string>(request, "output_dir", "");
    options.saveOutputs = requestField<std::string>(request, "save_outputs", "");

    ProgressThrottle throttle(request, emit);
    const RunProgressCallback progress = [&](const RunProgress& p) { throttle(p.phase, p.done, p.total); };
    return ordered::parse(runResultToJson(runModel(model, inputs, options, cancel, progress)));
}

ordered WorkerSession::profile(const json& request, const CancelToken& cancel, const Emit& emit)
{
    const Model model = current(request);
    const RunInputs inputs = workerInputs(request);
    ProfileOptions options;
    const std::string variant = requestField<std::string>(request, "variant", "inlined");
    const auto parsed = parseGraphVariant(variant);
    if (!parsed)
        throw Error(ErrorKind::ProtocolError, "Unknown graph variant '" + variant + "'.");
    options.variant = *parsed;
    options.warmup = requestField<int>(request, "warmup", options.warmup);
    options.runs = requestField<int>(request, "runs", options.runs);
    options.forwardRuns = requestField<int>(request, "forward_runs", options.forwardRuns);
    options.threads = requestField<int>(request, "threads", 0);
    options.training = requestField<bool>(request, "train", false);
    options.grad = requestField<bool>(request, "grad", false);
    options.speedup = requestField<bool>(request, "speedup", false);
    options.saveOutputs = requestField<std::string>(request, "save_outputs", "");
    const std::string file = requestField<std::string>(request, "output_file", "");

    ProgressThrottle throttle(request, emit);
    const ProfileProgressCallback progress = [&](const ProfileProgress& p) { throttle(p.phase, p.done, p.total); };
    const ProfileResult result = profileModel(model, inputs, options, cancel, progress);
    if (file.empty())
        return ordered::parse(profileResultToJson(result));
    // Timelines make the full document large: it goes to a file the client reads off its UI thread.
    writeFileAtomically(file, profileResultToJson(result, ProfileJsonOptions{true}));
    return {{"file", file},
            {"nodes", result.nodes.size()},
            {"forward_ms", result.forwardMs.median},
            {"executor_ms", result.nodeLevel ? ordered(result.executorMs.median) : ordered(nullptr)}};
}

} // namespace ptscope
