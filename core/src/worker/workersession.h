#pragma once

// Internal to core: the worker's requests that work on a model (docs/worker-protocol.md).

#include "ptscope/common/canceltoken.h"
#include "ptscope/load/model.h"
#include "ptscope/run/runspec.h"
#include "worker/workerinspector.h"

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <nlohmann/json.hpp>

namespace ptscope {

class WorkerSession
{
public:
    explicit WorkerSession(ModelSlot& slot) : m_slot(slot) {}

    using Emit = std::function<void(const nlohmann::ordered_json&)>;

    // The result object of `open` (one model at a time: a new open replaces the old model).
    nlohmann::ordered_json open(const nlohmann::json& request);
    // The result object of `run`; emit receives progress events while it runs.
    nlohmann::ordered_json run(const nlohmann::json& request, const CancelToken& cancel, const Emit& emit);
    // The result object of `profile`: the profile document, or with output_file a summary and
    // the file holding the document with every run's timeline.
    nlohmann::ordered_json profile(const nlohmann::json& request, const CancelToken& cancel, const Emit& emit);

    // The result object of `compare`: the comparison document (ptscope/compare/comparereport.h),
    // or with output_file a summary and the file holding it. The second model is opened here too.
    nlohmann::ordered_json compare(const nlohmann::json& request, const CancelToken& cancel, const Emit& emit);

    // Loads an operator library into the worker (the window never loads one itself).
    nlohmann::ordered_json loadLibrary(const nlohmann::json& request);

private:
    Model current(const nlohmann::json& request) const;
    // The second model of a comparison, kept while its file stays as it was.
    Model secondModel(const std::string& path);

    ModelSlot& m_slot;
    std::string m_device = "cpu";
    struct Second
    {
        std::string path;
        std::string stamp; // size and modification time
        Model model;
    };
    std::optional<Second> m_second;
};

// The inputs fields every request that runs the model shares (inputs, inputs_file, seed).
RunInputs workerInputs(const nlohmann::json& request);

// Progress lines at most ten times a second, plus the last of each phase.
class ProgressThrottle
{
public:
    ProgressThrottle(const nlohmann::json& request, const WorkerSession::Emit& emit);
    void operator()(const std::string& phase, int done, int total, const std::string& what = {});

private:
    nlohmann::json m_id;
    const WorkerSession::Emit& m_emit;
    std::chrono::steady_clock::time_point m_last{};
};

} // namespace ptscope
