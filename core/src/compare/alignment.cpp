#include "ptscope/compare/alignment.h"

#include <algorithm>
#include <cstdint>

namespace ptscope {

std::string alignmentKind(const std::string& kind)
{
    static const char* const convolutions[] = {"aten::_convolution", "aten::convolution", "aten::conv1d",
                                               "aten::conv2d", "aten::conv3d"};
    for (const char* c : convolutions)
        if (kind == c)
            return "aten::convolution";
    if (kind.size() > 7 && kind.back() == '_' && kind.rfind("aten::", 0) == 0 && kind[kind.size() - 2] != '_')
        return kind.substr(0, kind.size() - 1);
    return kind;
}

std::vector<std::pair<size_t, size_t>> alignSequences(const std::vector<std::string>& ka,
                                                      const std::vector<std::string>& kb)
{
    const size_t n = ka.size(), m = kb.size();
    std::vector<std::pair<size_t, size_t>> pairs;
    if (n * m > 50'000'000) {
        size_t j = 0;
        for (size_t i = 0; i < n; ++i)
            for (size_t k = j; k < m && k < j + 64; ++k)
                if (ka[i] == kb[k]) {
                    pairs.emplace_back(i, k);
                    j = k + 1;
                    break;
                }
        return pairs;
    }
    std::vector<uint32_t> table((n + 1) * (m + 1), 0);
    const auto at = [&](size_t i, size_t j) -> uint32_t& { return table[i * (m + 1) + j]; };
    for (size_t i = n; i-- > 0;)
        for (size_t j = m; j-- > 0;)
            at(i, j) = ka[i] == kb[j] ? at(i + 1, j + 1) + 1 : std::max(at(i + 1, j), at(i, j + 1));
    for (size_t i = 0, j = 0; i < n && j < m;) {
        if (ka[i] == kb[j]) {
            pairs.emplace_back(i, j);
            ++i;
            ++j;
        } else if (at(i + 1, j) >= at(i, j + 1)) {
            ++i;
        } else {
            ++j;
        }
    }
    return pairs;
}

} // namespace ptscope
