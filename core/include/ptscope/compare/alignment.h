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

// An op kind as two builds of one model may spell it differently: a trace records
// aten::_convolution where a script calls aten::conv2d, and in-place variants (aten::relu_) do
// what their out-of-place ones do. Alignment keys use this.
std::string alignmentKind(const std::string& kind);

} // namespace ptscope
