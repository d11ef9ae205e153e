#pragma once

// Internal to core: LibTorch's own operator events (RecordFunction) during plain forward runs,
// mapped to the graph's nodes.

#include "profile/nodeprogram.h"

#include <ATen/record_function.h>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace ptscope {

// Keys each node with an operator by what the interpreter reports while the operator runs: its
// kind, the source ranges of its inlined call stack and its own, and the module instance names
// along that stack. Nodes the JIT runs get the same key (the optimized graph keeps the nodes'
// source ranges and call stacks); unrolled calls of one module's code differ by instance name.
class EventCapture
{
public:
    explicit EventCapture(const NodeProgram& program);
    ~EventCapture();

    // Between begin and end, top-level operator events on this thread are recorded as one run.
    void begin();
    void end();

    struct NodeEvents
    {
        std::vector<double> runsMs; // per captured run (0 where it did not run)
        std::vector<int64_t> calls;
    };
    // By node id; nodes no event mapped to are absent.
    const std::unordered_map<int, NodeEvents>& nodes() const { return m_nodes; }
    struct Unmatched
    {
        std::vector<double> runsMs;
        std::vector<int64_t> calls;
    };
    const std::unordered_map<std::string, Unmatched>& unmatched() const { return m_unmatched; }
    int runs() const { return m_runs; }
    std::vector<int64_t> eventsPerRun() const { return m_eventsPerRun; }
    std::vector<int64_t> matchedPerRun() const { return m_matchedPerRun; }
    std::vector<double> totalMsPerRun() const { return m_totalMsPerRun; }

    // Called from the RecordFunction callbacks.
    struct Pending
    {
        std::string name;
        std::string key;
        int64_t startNs = 0;
        int64_t durationNs = -1;
    };
    std::vector<Pending>& pending() { return m_pending; }
    int& depth() { return m_depth; }
    bool mayBeNode(const std::string& name) const;

private:
    static std::string keyOfNode(const torch::jit::Node* node);
    void fold();

    std::unordered_set<std::string> m_kinds; // of nodes with an operator
    std::unordered_map<std::string, int> m_nodeOfKey;
    std::unordered_map<std::string, int> m_nodeOfPlace; // key without the kind; -1 when not unique
    std::unordered_map<int, NodeEvents> m_nodes;
    std::unordered_map<std::string, Unmatched> m_unmatched;
    std::vector<int64_t> m_eventsPerRun;
    std::vector<int64_t> m_matchedPerRun;
    std::vector<double> m_totalMsPerRun;
    std::vector<Pending> m_pending;
    int m_depth = 0;
    int m_runs = 0;
    at::CallbackHandle m_handle = 0;
    bool m_active = false;
};

} // namespace ptscope
