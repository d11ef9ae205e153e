#pragma once

// Internal to core: statistics over measured runs (no torch).

#include "ptscope/profile/profile.h"

#include <vector>

namespace ptscope {

TimingStats timingStats(const std::vector<double>& ms);

// Per-kind and per-scope totals from the nodes (leaf nodes only, so nothing counts twice);
// shares against totalMs.
std::vector<GroupProfile> groupByKind(const std::vector<NodeProfile>& nodes, double totalMs);
std::vector<GroupProfile> groupByModule(const std::vector<NodeProfile>& nodes, double totalMs);

} // namespace ptscope
