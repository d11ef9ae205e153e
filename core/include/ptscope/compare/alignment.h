#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace ptscope {

// Pairs of equal keys, in order in both sequences: their longest common subsequence (greedy, within
// a window, past a size where the table would not fit in memory). Aligns two models' nodes by
// "kind|scope" in execution order.
std::vector<std::pair<size_t, size_t>> alignSequences(const std::vector<std::string>& a,
                                                      const std::vector<std::string>& b);

} // namespace ptscope
