#include "profile/profileassembly.h"

#include "profile/profilestats.h"

#include <algorithm>
#include <cmath>

namespace ptscope {

namespace {

// Smaller differences are the clocks' own noise (two reads per node, ~20 ns each) and the
// executor's bookkeeping around a node, not a disagreement.
constexpr double kEventFloorMs = 0.002;

double spreadOf(const std::vector<double>& ms)
{
    if (ms.size() < 2)
        return 0;
    const auto [lo, hi] = std::minmax_element(ms.begin(), ms.end());
    return *hi - *lo;
}

} // namespace

ProfileAssembly::ProfileAssembly(Graph graph, size_t nodes)
    : m_graph(std::move(graph)), m_costs(nodes), m_runsMs(nodes), m_calls(nodes, 0), m_ran(nodes, 0),
      m_control(nodes, 0), m_depth(nodes, 0)
{
    for (size_t i = 0; i < nodes && i < m_graph.nodes.size(); ++i) {
        const std::string& kind = m_graph.nodes[i].kind;
        m_control[i] = kind == "prim::If" || kind == "prim::Loop";
        for (int block = m_graph.nodes[i].block; block > 0; block = m_graph.nodes[m_graph.blocks[block].owner].block)
            ++m_depth[i];
    }
}

void ProfileAssembly::setObservation(const ShapeObserver& shapes, const MemoryProfile& memory)
{
    m_costs = shapes.nodes();
    m_memory = memory;
}

void ProfileAssembly::addRun(const RunRecord& record)
{
    int64_t leafNs = 0;
    for (size_t i = 0; i < m_runsMs.size(); ++i) {
        if (!m_control[i])
            leafNs += record.selfNs[i];
        const int64_t ns = m_control[i] ? record.inclusiveNs[i] : record.selfNs[i];
        m_runsMs[i].push_back(static_cast<double>(ns) / 1e6);
        m_calls[i] = record.calls[i];
        if (record.calls[i] > 0)
            m_ran[i] = 1;
    }
    if (record.totalNs > 0)
        m_leafFractions.push_back(static_cast<double>(leafNs) / static_cast<double>(record.totalNs));
    RunTimeline timeline;
    timeline.totalUs = static_cast<double>(record.totalNs) / 1e3;
    timeline.truncated = record.truncated;
    timeline.events.reserve(record.events.size());
    for (const RunRecord::Event& e : record.events)
        timeline.events.push_back(
            {e.node, e.depth, static_cast<double>(e.startNs) / 1e3, static_cast<double>(e.durationNs) / 1e3});
    m_timelines.push_back(std::move(timeline));
}

void ProfileAssembly::setEvents(const EventCapture& events)
{
    m_events = &events;
}

void ProfileAssembly::finish(ProfileResult& result)
{
    result.executorMs = timingStats(result.executorRunsMs);
    const double total = result.executorMs.median;
    result.nodes.clear();
    result.leafSumMs = 0;
    for (size_t i = 0; i < m_runsMs.size(); ++i) {
        if (!m_ran[i])
            continue;
        NodeProfile n;
        n.id = static_cast<int>(i);
        if (i < m_graph.nodes.size()) {
            n.kind = m_graph.nodes[i].kind;
            n.scope = m_graph.nodes[i].scope;
            n.label = m_graph.nodes[i].label;
        }
        n.control = m_control[i];
        n.depth = m_depth[i];
        n.calls = m_calls[i];
        n.runsMs = m_runsMs[i];
        n.ms = timingStats(n.runsMs);
        n.share = total > 0 ? n.ms.median / total : 0;
        const ShapeObserver::NodeCost& cost = m_costs[i];
        n.outputs = cost.outputs;
        if (cost.calls > 0) {
            const double calls = static_cast<double>(cost.calls);
            n.flops = cost.flops / calls;
            n.bytesRead = cost.bytesRead / calls;
            n.bytesWritten = cost.bytesWritten / calls;
        }
        n.hasFlopFormula = cost.known;
        if (!n.control)
            result.leafSumMs += n.ms.median;
        result.nodes.push_back(std::move(n));
    }
    result.leafFraction = timingStats(m_leafFractions).median;
    result.byKind = groupByKind(result.nodes, total);
    result.byModule = groupByModule(result.nodes, total);
    result.memory = m_memory;
    result.timelines = std::move(m_timelines);

    if (!m_events)
        return;
    EventCheck& check = result.events;
    check.available = true;
    check.runs = m_events->runs();
    auto medianOf = [](std::vector<int64_t> v) -> int64_t {
        if (v.empty())
            return 0;
        std::sort(v.begin(), v.end());
        return v[v.size() / 2];
    };
    check.events = medianOf(m_events->eventsPerRun());
    check.matched = medianOf(m_events->matchedPerRun());
    check.eventMs = timingStats(m_events->totalMsPerRun()).median;
    for (NodeProfile& n : result.nodes) {
        const auto it = m_events->nodes().find(n.id);
        if (it == m_events->nodes().end())
            continue;
        const TimingStats events = timingStats(it->second.runsMs);
        n.eventMs = events.median;
        n.eventCalls = it->second.calls.empty() ? 0 : it->second.calls.back();
        const double spread = std::max({spreadOf(n.runsMs), spreadOf(it->second.runsMs), kEventFloorMs});
        n.eventDisagrees = std::abs(events.median - n.ms.median) > spread;
        if (n.eventDisagrees)
            ++check.flagged;
    }
    for (const auto& [name, u] : m_events->unmatched()) {
        EventCheck::Unmatched entry;
        entry.name = name;
        entry.calls = u.calls.empty() ? 0 : u.calls.back();
        entry.ms = timingStats(u.runsMs).median;
        check.unmatched.push_back(std::move(entry));
    }
    std::sort(check.unmatched.begin(), check.unmatched.end(),
              [](const EventCheck::Unmatched& a, const EventCheck::Unmatched& b) { return a.ms > b.ms; });
}

} // namespace ptscope
