#include "profile/profilestats.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace ptscope {

TimingStats timingStats(const std::vector<double>& ms)
{
    TimingStats s;
    if (ms.empty())
        return s;
    std::vector<double> sorted = ms;
    std::sort(sorted.begin(), sorted.end());
    const size_t mid = sorted.size() / 2;
    s.median = sorted.size() % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    s.min = sorted.front();
    s.max = sorted.back();
    double sum = 0;
    for (double v : ms)
        sum += v;
    s.mean = sum / static_cast<double>(ms.size());
    double squares = 0;
    for (double v : ms)
        squares += (v - s.mean) * (v - s.mean);
    s.std = ms.size() > 1 ? std::sqrt(squares / static_cast<double>(ms.size() - 1)) : 0;
    return s;
}

int medianRunIndex(const ProfileResult& result)
{
    const auto& runs = result.executorRunsMs.empty() ? result.forwardRunsMs : result.executorRunsMs;
    if (runs.empty())
        return -1;
    std::vector<int> order(runs.size());
    for (size_t i = 0; i < order.size(); ++i)
        order[i] = static_cast<int>(i);
    std::sort(order.begin(), order.end(), [&](int a, int b) { return runs[a] < runs[b]; });
    return order[(order.size() - 1) / 2];
}

namespace {

void add(GroupProfile& g, const NodeProfile& n)
{
    ++g.nodes;
    g.calls += n.calls;
    g.medianMs += n.ms.median;
    g.flops += n.flops * static_cast<double>(n.calls);
    g.bytes += (n.bytesRead + n.bytesWritten) * static_cast<double>(n.calls);
}

std::string parentScope(const std::string& scope)
{
    const size_t dot = scope.rfind('.');
    return dot == std::string::npos ? std::string() : scope.substr(0, dot);
}

} // namespace

std::vector<GroupProfile> groupByKind(const std::vector<NodeProfile>& nodes, double totalMs)
{
    std::map<std::string, GroupProfile> groups;
    for (const NodeProfile& n : nodes) {
        if (n.control)
            continue;
        GroupProfile& g = groups[n.kind];
        g.key = n.kind;
        add(g, n);
    }
    std::vector<GroupProfile> result;
    for (auto& [kind, g] : groups) {
        g.share = totalMs > 0 ? g.medianMs / totalMs : 0;
        g.leafMs = g.medianMs;
        result.push_back(std::move(g));
    }
    std::stable_sort(result.begin(), result.end(),
                     [](const GroupProfile& a, const GroupProfile& b) { return a.medianMs > b.medianMs; });
    return result;
}

std::vector<GroupProfile> groupByModule(const std::vector<NodeProfile>& nodes, double totalMs)
{
    std::map<std::string, GroupProfile> groups;
    for (const NodeProfile& n : nodes) {
        if (n.control)
            continue;
        groups[n.scope].leafMs += n.ms.median;
        for (std::string scope = n.scope;; scope = parentScope(scope)) {
            GroupProfile& g = groups[scope];
            g.key = scope;
            add(g, n);
            if (scope.empty())
                break;
        }
    }
    std::vector<GroupProfile> result;
    for (auto& [scope, g] : groups) {
        g.share = totalMs > 0 ? g.medianMs / totalMs : 0;
        result.push_back(std::move(g));
    }
    return result;
}

} // namespace ptscope
