#pragma once

// Internal to core: the worker's requests that work on a model (docs/worker-protocol.md).

#include "ptscope/common/canceltoken.h"
#include "ptscope/load/model.h"
#include "worker/workerinspector.h"

#include <functional>
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

    // Loads an operator library into the worker (the window never loads one itself).
    nlohmann::ordered_json loadLibrary(const nlohmann::json& request);

private:
    Model current() const;
    ModelSlot& m_slot;
};

} // namespace ptscope
