#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace ptscope {

// "1.2 KiB", "44.6 MiB"
std::string formatBytes(int64_t bytes);
// "11,689,512"
std::string formatCount(int64_t count);
// "[1, 3, 224, 224]"
std::string formatShape(const std::vector<int64_t>& shape);
// "1e-05", "0.25", "3.14159", "inf": six significant digits, as %g.
std::string formatNumber(double value);

} // namespace ptscope
