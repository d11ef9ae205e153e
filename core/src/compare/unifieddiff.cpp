#include "ptscope/compare/review.h"

#include <algorithm>
#include <fmt/format.h>
#include <regex>
#include <sstream>

namespace ptscope {

namespace {

std::vector<std::string> linesOf(const std::string& text)
{
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);)
        lines.push_back(line);
    return lines;
}

enum class Op { Same, Del, Add };

// The edit script of a longest common subsequence; past a size where its table would not fit, the
// common head and tail are kept and everything between is replaced.
std::vector<std::pair<Op, size_t>> editScript(const std::vector<std::string>& a, const std::vector<std::string>& b)
{
    size_t head = 0;
    while (head < a.size() && head < b.size() && a[head] == b[head])
        ++head;
    size_t tail = 0;
    while (tail < a.size() - head && tail < b.size() - head && a[a.size() - 1 - tail] == b[b.size() - 1 - tail])
        ++tail;
    const size_t n = a.size() - head - tail, m = b.size() - head - tail;
    std::vector<std::pair<Op, size_t>> script;
    for (size_t i = 0; i < head; ++i)
        script.emplace_back(Op::Same, i);
    if (n * m <= 25'000'000) {
        std::vector<uint32_t> t((n + 1) * (m + 1), 0);
        const auto at = [&](size_t i, size_t j) -> uint32_t& { return t[i * (m + 1) + j]; };
        for (size_t i = n; i-- > 0;)
            for (size_t j = m; j-- > 0;)
                at(i, j) = a[head + i] == b[head + j] ? at(i + 1, j + 1) + 1 : std::max(at(i + 1, j), at(i, j + 1));
        size_t i = 0, j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && a[head + i] == b[head + j]) {
                script.emplace_back(Op::Same, head + i);
                ++i;
                ++j;
            } else if (j == m || (i < n && at(i + 1, j) >= at(i, j + 1))) {
                script.emplace_back(Op::Del, head + i++);
            } else {
                script.emplace_back(Op::Add, head + j++);
            }
        }
    } else {
        for (size_t i = 0; i < n; ++i)
            script.emplace_back(Op::Del, head + i);
        for (size_t j = 0; j < m; ++j)
            script.emplace_back(Op::Add, head + j);
    }
    for (size_t i = 0; i < tail; ++i)
        script.emplace_back(Op::Same, a.size() - tail + i);
    return script;
}

} // namespace

std::string withoutMangling(const std::string& text)
{
    static const std::regex mangle("___torch_mangle_[0-9]+\\.");
    return std::regex_replace(text, mangle, "");
}

std::string unifiedDiff(const std::string& textA, const std::string& textB, const std::string& nameA,
                        const std::string& nameB)
{
    if (textA == textB)
        return {};
    const std::vector<std::string> a = linesOf(textA), b = linesOf(textB);
    const auto script = editScript(a, b);
    constexpr size_t kContext = 3;
    std::string out = "--- " + nameA + "\n+++ " + nameB + "\n";
    // Line numbers in a and b before each step.
    std::vector<size_t> lineA(script.size() + 1), lineB(script.size() + 1);
    for (size_t k = 0; k < script.size(); ++k) {
        lineA[k + 1] = lineA[k] + (script[k].first != Op::Add ? 1 : 0);
        lineB[k + 1] = lineB[k] + (script[k].first != Op::Del ? 1 : 0);
    }
    size_t k = 0;
    while (k < script.size()) {
        while (k < script.size() && script[k].first == Op::Same)
            ++k;
        if (k == script.size())
            break;
        const size_t start = k >= kContext ? k - kContext : 0;
        size_t end = k; // past the hunk's last change, merging changes closer than 2 contexts
        for (size_t j = k; j < script.size(); ++j) {
            if (script[j].first != Op::Same) {
                end = j + 1;
                continue;
            }
            if (j - end >= 2 * kContext)
                break;
        }
        const size_t stop = std::min(script.size(), end + kContext);
        const size_t countA = lineA[stop] - lineA[start], countB = lineB[stop] - lineB[start];
        out += fmt::format("@@ -{},{} +{},{} @@\n", countA ? lineA[start] + 1 : lineA[start], countA,
                           countB ? lineB[start] + 1 : lineB[start], countB);
        for (size_t j = start; j < stop; ++j) {
            const auto& [op, index] = script[j];
            out += op == Op::Same ? " " + a[index] : op == Op::Del ? "-" + a[index] : "+" + b[index];
            out += "\n";
        }
        k = stop;
    }
    // Texts that differ only in a last line's newline have the same lines: no change to show.
    return out.find("\n@@") == std::string::npos ? std::string() : out;
}

} // namespace ptscope
