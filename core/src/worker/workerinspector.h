#pragma once

// Internal to core: the worker's requests that look at the open model without running it
// (docs/worker-protocol.md): graphs, layouts, renders, source records. They run on their own
// thread beside runs and profiles, so the window can draw while a profile goes on.

#include "ptscope/common/canceltoken.h"
#include "ptscope/graph/graph.h"
#include "ptscope/graph/graphlayout.h"
#include "ptscope/load/model.h"

#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>

namespace ptscope {

// The model the worker holds, shared by its two lanes. open replaces it; each request takes the
// one current when it starts.
class ModelSlot
{
public:
    void set(std::optional<Model> model);
    // The model and a number that changes with every open.
    std::pair<std::optional<Model>, uint64_t> get() const;

private:
    mutable std::mutex m_mutex;
    std::optional<Model> m_model;
    uint64_t m_generation = 0;
};

class WorkerInspector
{
public:
    explicit WorkerInspector(const ModelSlot& slot) : m_slot(slot) {}

    static bool handles(const std::string& cmd);
    // Layouts and renders stop between pieces once `cancel` is cancelled.
    nlohmann::ordered_json handle(const std::string& cmd, const nlohmann::json& request, const CancelToken& cancel);

private:
    Model current();
    const Graph& graph(GraphVariant variant);
    nlohmann::ordered_json graphRequest(const nlohmann::json& request);
    nlohmann::ordered_json layoutRequest(const nlohmann::json& request, const CancelToken& cancel);
    nlohmann::ordered_json renderRequest(const nlohmann::json& request, const CancelToken& cancel);
    nlohmann::ordered_json sourceRequest(const nlohmann::json& request);

    const ModelSlot& m_slot;
    std::optional<Model> m_model;
    uint64_t m_generation = 0;
    std::map<GraphVariant, Graph> m_graphs; // of m_model, made on first use
    // Kept across views, variants and models: an expand lays out only what changed.
    LayoutCache m_layoutCache;
};

} // namespace ptscope
