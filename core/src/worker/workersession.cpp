#include "worker/workersession.h"

#include "ptscope/common/error.h"
#include "ptscope/run/inputspec.h"
#include "ptscope/load/operatorlibrary.h"
#include "ptscope/run/runjson.h"
#include "ptscope/run/runner.h"

#include <chrono>

namespace ptscope {

namespace {

using json = nlohmann::json;
using ordered = nlohmann::ordered_json;

ordered modelSummary(const ModelInfo& info)
{
    ordered methods = ordered::array();
    for (const MethodInfo& m : info.methods)
        methods.push_back({{"name", m.name}, {"schema", m.schema}});
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

// A request field, or fallback when absent; a field of the wrong type is the client's mistake.
template <typename T> T requestField(const json& request, const char* name, const T& fallback)
{
    const auto it = request.find(name);
    if (it == request.end() || it->is_null())
        return fallback;
    try {
        return it->get<T>();
    } catch (const json::exception&) {
        throw Error(ErrorKind::ProtocolError,
                    std::string("Request field '") + name + "' has the wrong type.");
    }
}

} // namespace

ordered WorkerSession::open(const json& request)
{
    const std::string path = requestField<std::string>(request, "path", "");
    if (path.empty())
        throw Error(ErrorKind::ProtocolError, "open needs a 'path'.");
    for (const std::string& library : requestField<std::vector<std::string>>(request, "libraries", {}))
        loadOperatorLibrary(library);
    LoadOptions options;
    options.device = requestField<std::string>(request, "device", "cpu");
    m_model.reset();
    Model model = Model::open(path, options);
    ordered result = {{"model", modelSummary(model.info())}};
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
    m_model = std::move(model);
    return result;
}

ordered WorkerSession::run(const json& request, const CancelToken& cancel, const Emit& emit)
{
    if (!m_model)
        throw Error(ErrorKind::ProtocolError, "No model is open; send open first.");
    RunInputs inputs;
    for (const std::string& spec : requestField<std::vector<std::string>>(request, "inputs", {}))
        inputs.arguments.push_back(parseInputSpec(spec));
    inputs.allArgumentsFile = requestField<std::string>(request, "inputs_file", "");
    inputs.seed = requestField<uint64_t>(request, "seed", 0);
    RunOptions options;
    options.training = requestField<bool>(request, "train", false);
    options.grad = requestField<bool>(request, "grad", false);
    options.threads = requestField<int>(request, "threads", 0);
    options.repeat = requestField<int>(request, "repeat", 1);
    options.warmup = requestField<int>(request, "warmup", -1);
    options.outputFolder = requestField<std::string>(request, "output_dir", "");
    options.saveOutputs = requestField<std::string>(request, "save_outputs", "");

    // Progress lines at most ten times a second, plus the last of each phase.
    auto last = std::chrono::steady_clock::time_point{};
    const json id = request.contains("id") ? request["id"] : json(nullptr);
    const RunProgressCallback progress = [&](const RunProgress& p) {
        const auto now = std::chrono::steady_clock::now();
        if (p.done != p.total && now - last < std::chrono::milliseconds(100))
            return;
        last = now;
        emit(ordered{
            {"id", id}, {"event", "progress"}, {"phase", p.phase}, {"done", p.done}, {"total", p.total}});
    };
    return ordered::parse(runResultToJson(runModel(*m_model, inputs, options, cancel, progress)));
}

} // namespace ptscope
