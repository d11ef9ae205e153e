#include "ptscope/compare/outputdiff.h"

#include <cmath>

namespace ptscope {

const Tolerance& Tolerances::forPath(const std::string& path) const
{
    const auto it = byPath.find(path);
    return it == byPath.end() ? defaults : it->second;
}

double DiffHistogram::lowerBound(int bin)
{
    return bin <= 0 ? 0.0 : std::pow(10.0, bin - 1 + kFirstExponent);
}

double InputDiff::mismatchedRatio() const
{
    if (!errorA.empty() || !errorB.empty())
        return 1;
    double worst = 0;
    for (const OutputDiff& o : outputs) {
        if (o.matches)
            continue;
        // A path missing or of another shape disagrees everywhere.
        if (o.kind != OutputDiff::Kind::Tensor || !o.comparable || o.total == 0)
            return 1;
        worst = std::max(worst, static_cast<double>(o.mismatched) / static_cast<double>(o.total));
    }
    return worst;
}

double InputDiff::maxAbs() const
{
    double worst = 0;
    for (const OutputDiff& o : outputs)
        if (o.comparable && !std::isnan(o.maxAbs))
            worst = std::max(worst, o.maxAbs);
    return worst;
}

bool worseThan(const InputDiff& a, const InputDiff& b)
{
    if (a.matches != b.matches)
        return !a.matches;
    const double ra = a.mismatchedRatio(), rb = b.mismatchedRatio();
    if (ra != rb)
        return ra > rb;
    return a.maxAbs() > b.maxAbs();
}

void summarize(OutputComparison& comparison)
{
    comparison.matches = true;
    comparison.worstInput = comparison.inputs.empty() ? -1 : 0;
    for (size_t i = 0; i < comparison.inputs.size(); ++i) {
        const InputDiff& input = comparison.inputs[i];
        comparison.matches = comparison.matches && input.matches;
        if (worseThan(input, comparison.inputs[static_cast<size_t>(comparison.worstInput)]))
            comparison.worstInput = static_cast<int>(i);
    }
}

} // namespace ptscope
