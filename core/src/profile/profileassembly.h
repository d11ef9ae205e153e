#pragma once

// Internal to core: from the executor's raw records to ProfileResult's nodes, groups, memory,
// timelines and the cross-check with LibTorch's events.

#include "profile/eventcapture.h"
#include "profile/nodeexecutor.h"
#include "profile/shapeobserver.h"
#include "ptscope/graph/graph.h"
#include "ptscope/profile/profile.h"

#include <vector>

namespace ptscope {

class ProfileAssembly
{
public:
    ProfileAssembly(Graph graph, size_t nodes);

    void setObservation(const ShapeObserver& shapes, const MemoryProfile& memory);
    void addRun(const RunRecord& record);
    void setEvents(const EventCapture& events);

    // Fills nodes, groups, memory, timelines, leafSumMs and events; executorRunsMs must be set.
    void finish(ProfileResult& result);

private:
    Graph m_graph;
    std::vector<ShapeObserver::NodeCost> m_costs;
    MemoryProfile m_memory;
    std::vector<std::vector<double>> m_runsMs; // by node, one per run
    std::vector<int64_t> m_calls;              // by node, of the last run
    std::vector<uint8_t> m_ran;
    std::vector<uint8_t> m_control;
    std::vector<int> m_depth;
    std::vector<RunTimeline> m_timelines;
    std::vector<double> m_leafFractions;
    const EventCapture* m_events = nullptr;
};

} // namespace ptscope
