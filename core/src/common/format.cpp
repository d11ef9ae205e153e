#include "ptscope/common/format.h"

#include <fmt/format.h>

namespace ptscope {

std::string formatBytes(int64_t bytes)
{
    static const char* const units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
    if (bytes < 1024)
        return fmt::format("{} B", bytes);
    double value = static_cast<double>(bytes);
    int unit = 0;
    while (value >= 1024.0 && unit < 4) {
        value /= 1024.0;
        ++unit;
    }
    return fmt::format("{:.1f} {}", value, units[unit]);
}

std::string formatCount(int64_t count)
{
    std::string digits = std::to_string(count < 0 ? -count : count);
    std::string out;
    const int lead = static_cast<int>(digits.size()) % 3;
    for (size_t i = 0; i < digits.size(); ++i) {
        if (i != 0 && (static_cast<int>(i) - lead) % 3 == 0)
            out += ',';
        out += digits[i];
    }
    return count < 0 ? "-" + out : out;
}

std::string formatShape(const std::vector<int64_t>& shape)
{
    return fmt::format("[{}]", fmt::join(shape, ", "));
}

std::string formatNumber(double value)
{
    return fmt::format("{:g}", value);
}

} // namespace ptscope
