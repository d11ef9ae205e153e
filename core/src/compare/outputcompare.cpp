#include "compare/outputcompare.h"

#include "common/torchnames.h"
#include "ptscope/common/format.h"
#include "run/outputflatten.h"

#include <ATen/ATen.h>
#include <cmath>
#include <map>
#include <sstream>

namespace ptscope {

namespace {

std::vector<int64_t> unravel(int64_t flat, const std::vector<int64_t>& shape)
{
    std::vector<int64_t> index(shape.size(), 0);
    for (size_t d = shape.size(); d-- > 0;) {
        if (shape[d] == 0)
            break;
        index[d] = flat % shape[d];
        flat /= shape[d];
    }
    return index;
}

int64_t count(const at::Tensor& mask)
{
    return mask.sum().item<int64_t>();
}

// Cosine of the two as flat vectors over the places where both are finite.
double cosineOf(const at::Tensor& x, const at::Tensor& y, const at::Tensor& finite)
{
    at::Tensor a = x, b = y;
    if (a.is_complex()) {
        a = at::view_as_real(a);
        b = at::view_as_real(b);
    }
    at::Tensor mask = finite;
    if (x.is_complex())
        mask = finite.unsqueeze(-1).expand_as(a);
    a = a.masked_fill(mask.logical_not(), 0.0);
    b = b.masked_fill(mask.logical_not(), 0.0);
    const double na = a.norm().item<double>(), nb = b.norm().item<double>();
    if (na == 0 && nb == 0)
        return 1;
    if (na == 0 || nb == 0)
        return 0;
    return std::clamp((a * b).sum().item<double>() / (na * nb), -1.0, 1.0);
}

std::vector<int64_t> diffHistogram(const at::Tensor& diff, const at::Tensor& valid)
{
    constexpr int bins = DiffHistogram::kBins;
    const at::Tensor d = diff.masked_select(valid);
    // Bin 0 for exact equality; the rest by the power of ten, clamped to the ends.
    at::Tensor bin = (d.log10().floor() - DiffHistogram::kFirstExponent + 1).clamp(1, bins - 1);
    bin = bin.masked_fill(d == 0, 0).to(at::kLong);
    const at::Tensor counts = at::bincount(bin, {}, bins);
    std::vector<int64_t> out(bins);
    for (int i = 0; i < bins; ++i)
        out[static_cast<size_t>(i)] = counts[i].item<int64_t>();
    return out;
}

void measure(OutputDiff& d, const at::Tensor& a, const at::Tensor& b)
{
    const bool complex = a.is_complex() || b.is_complex();
    const at::ScalarType wide = complex ? at::kComplexDouble : at::kDouble;
    const at::Tensor x = a.detach().cpu().to(wide).resolve_conj();
    const at::Tensor y = b.detach().cpu().to(wide).resolve_conj();
    const at::Tensor nanX = x.isnan(), nanY = y.isnan();
    const at::Tensor bothNan = nanX.logical_and(nanY);
    const at::Tensor valid = nanX.logical_or(nanY).logical_not();
    // Equal values (the same infinity included) differ by nothing; inf - inf would be NaN.
    const at::Tensor same = (x == y).logical_or(bothNan);
    const at::Tensor diff = (x - y).abs().masked_fill(same.logical_or(valid.logical_not()), 0.0);
    const at::Tensor magY = y.abs();
    const at::Tensor bound = magY * d.tolerance.rtol + d.tolerance.atol;
    const at::Tensor close = same.logical_or(diff.le(bound).logical_and(valid));

    d.nanMismatched = count(nanX.logical_xor(nanY));
    d.mismatched = count(close.logical_not());
    const int64_t validCount = count(valid);
    if (validCount > 0) {
        const at::Tensor flat = diff.reshape({-1});
        const int64_t at = flat.argmax().item<int64_t>();
        d.maxAbs = flat[at].item<double>();
        d.maxAbsIndex = unravel(at, d.shapeA);
        d.meanAbs = diff.sum().item<double>() / static_cast<double>(validCount);
        const at::Tensor scale = at::maximum(x.abs(), magY);
        const at::Tensor rel = (diff / scale).masked_fill(scale.eq(0), 0.0).nan_to_num(2.0, 2.0, 2.0);
        d.maxRel = rel.max().item<double>();
    }
    d.cosine = cosineOf(x, y, x.isfinite().logical_and(y.isfinite()));
    d.histogram.counts = diffHistogram(diff, valid);
}

std::string valueText(const OutputInfo& info)
{
    switch (info.kind) {
    case OutputInfo::Kind::None:
        return "None";
    case OutputInfo::Kind::Bool:
        return std::get<bool>(info.value) ? "True" : "False";
    case OutputInfo::Kind::Int:
        return std::to_string(std::get<int64_t>(info.value));
    case OutputInfo::Kind::Float:
        return formatNumber(std::get<double>(info.value));
    case OutputInfo::Kind::String:
        return std::get<std::string>(info.value);
    case OutputInfo::Kind::Tuple:
    case OutputInfo::Kind::List:
    case OutputInfo::Kind::Dict:
        return std::string(outputKindId(info.kind)) + " of " + std::to_string(info.size);
    case OutputInfo::Kind::Tensor:
        return "a tensor " + formatShape(info.tensor.shape) + " " + info.tensor.dtype;
    case OutputInfo::Kind::Other:
        break;
    }
    const auto* text = std::get_if<std::string>(&info.value);
    return text ? *text : info.type;
}

OutputDiff compareNonTensors(const OutputInfo& a, const OutputInfo& b, const Tolerance& tolerance)
{
    OutputDiff d;
    d.path = a.path;
    d.kind = OutputDiff::Kind::Value;
    d.tolerance = tolerance;
    d.valueA = valueText(a);
    d.valueB = valueText(b);
    d.comparable = a.kind == b.kind;
    if (a.kind == OutputInfo::Kind::Float && b.kind == OutputInfo::Kind::Float) {
        const double x = std::get<double>(a.value), y = std::get<double>(b.value);
        d.maxAbs = std::isnan(x) && std::isnan(y) ? 0 : (x == y ? 0 : std::abs(x - y));
        d.matches = (std::isnan(x) && std::isnan(y)) || x == y ||
                    d.maxAbs <= tolerance.atol + tolerance.rtol * std::abs(y);
    } else {
        d.matches = a.kind == b.kind && d.valueA == d.valueB;
    }
    if (!d.matches)
        d.problem = "the values differ: " + d.valueA + " and " + d.valueB;
    return d;
}

OutputDiff onlyIn(const OutputInfo& info, bool inA)
{
    OutputDiff d;
    d.path = info.path;
    d.kind = inA ? OutputDiff::Kind::OnlyInA : OutputDiff::Kind::OnlyInB;
    (inA ? d.valueA : d.valueB) = valueText(info);
    d.problem = std::string("only ") + (inA ? "the first" : "the second") + " has this output (" +
                valueText(info) + ")";
    return d;
}

} // namespace

OutputDiff compareTensors(const std::string& path, const at::Tensor& a, const at::Tensor& b,
                          const Tolerance& tolerance)
{
    OutputDiff d;
    d.path = path;
    d.kind = OutputDiff::Kind::Tensor;
    d.tolerance = tolerance;
    d.dtypeA = dtypeName(a.scalar_type());
    d.dtypeB = dtypeName(b.scalar_type());
    d.shapeA = a.sizes().vec();
    d.shapeB = b.sizes().vec();
    d.comparable = d.shapeA == d.shapeB;
    if (!d.comparable) {
        d.problem = "the shapes differ: " + formatShape(d.shapeA) + " and " + formatShape(d.shapeB);
        return d;
    }
    d.total = a.numel();
    const at::Tensor x = a.is_quantized() ? a.dequantize() : a;
    const at::Tensor y = b.is_quantized() ? b.dequantize() : b;
    if (d.total > 0)
        measure(d, x, y);
    d.matches = d.mismatched == 0 && d.dtypeA == d.dtypeB;
    if (d.mismatched > 0) {
        std::ostringstream os;
        os << d.mismatched << " of " << d.total << " elements differ by more than atol + rtol * |b| ("
           << formatNumber(d.tolerance.atol) << " + " << formatNumber(d.tolerance.rtol) << " * |b|)";
        if (d.nanMismatched > 0)
            os << ", " << d.nanMismatched << " of them NaN on one side only";
        if (d.maxAbs > 0)
            os << "; the largest difference is " << formatNumber(d.maxAbs) << " at "
               << formatShape(d.maxAbsIndex);
        d.problem = os.str();
    } else if (d.dtypeA != d.dtypeB) {
        d.problem = "the dtypes differ: " + d.dtypeA + " and " + d.dtypeB;
    }
    return d;
}

std::vector<OutputDiff> compareValues(const c10::IValue& a, const c10::IValue& b,
                                      const Tolerances& tolerances)
{
    const FlatOutputs flatA = flattenOutputs(a);
    const FlatOutputs flatB = flattenOutputs(b);
    std::map<size_t, const at::Tensor*> tensorsA, tensorsB;
    for (const auto& [index, tensor] : flatA.tensors)
        tensorsA[index] = &tensor;
    for (const auto& [index, tensor] : flatB.tensors)
        tensorsB[index] = &tensor;
    std::map<std::string, size_t> pathsB;
    for (size_t i = 0; i < flatB.outputs.size(); ++i)
        pathsB.emplace(flatB.outputs[i].path, i);

    std::vector<OutputDiff> diffs;
    std::vector<bool> seenB(flatB.outputs.size(), false);
    for (size_t i = 0; i < flatA.outputs.size(); ++i) {
        const OutputInfo& oa = flatA.outputs[i];
        const auto found = pathsB.find(oa.path);
        if (found == pathsB.end()) {
            diffs.push_back(onlyIn(oa, true));
            continue;
        }
        seenB[found->second] = true;
        const OutputInfo& ob = flatB.outputs[found->second];
        const Tolerance& tolerance = tolerances.forPath(oa.path);
        if (oa.kind == OutputInfo::Kind::Tensor && ob.kind == OutputInfo::Kind::Tensor)
            diffs.push_back(compareTensors(oa.path, *tensorsA.at(i), *tensorsB.at(found->second), tolerance));
        else
            diffs.push_back(compareNonTensors(oa, ob, tolerance));
    }
    for (size_t i = 0; i < flatB.outputs.size(); ++i)
        if (!seenB[i])
            diffs.push_back(onlyIn(flatB.outputs[i], false));
    return diffs;
}

} // namespace ptscope
