#include "run/outputflatten.h"

#include "common/torchnames.h"

#include <ATen/Functions.h>
#include <cmath>
#include <sstream>

namespace ptscope {

namespace {

constexpr int64_t kStatsChunk = 1 << 20;

// Running count, mean and sum of squared deviations, merged chunk by chunk (Chan et al.).
struct Moments
{
    int64_t count = 0;
    double mean = 0;
    double m2 = 0;
    double min = 0;
    double max = 0;

    void merge(int64_t n, double chunkMean, double chunkM2, double chunkMin, double chunkMax)
    {
        if (n == 0)
            return;
        if (count == 0) {
            min = chunkMin;
            max = chunkMax;
        } else {
            min = std::min(min, chunkMin);
            max = std::max(max, chunkMax);
        }
        const int64_t total = count + n;
        const double delta = chunkMean - mean;
        mean += delta * static_cast<double>(n) / static_cast<double>(total);
        m2 += chunkM2 + delta * delta * static_cast<double>(count) * static_cast<double>(n) /
                            static_cast<double>(total);
        count = total;
    }
};

std::string keyText(const c10::IValue& key)
{
    if (key.isString())
        return key.toStringRef();
    if (key.isInt())
        return std::to_string(key.toInt());
    std::ostringstream os;
    os << key;
    return os.str();
}

std::string join(const std::string& path, const std::string& key)
{
    return path.empty() ? key : path + "." + key;
}

void flatten(const c10::IValue& value, const std::string& path, FlatOutputs& out);

void flattenChildren(const c10::IValue& value, const std::string& path, FlatOutputs& out)
{
    if (value.isTuple()) {
        const auto& elements = value.toTupleRef().elements();
        for (size_t i = 0; i < elements.size(); ++i)
            flatten(elements[i], join(path, std::to_string(i)), out);
    } else if (value.isList()) {
        const auto elements = value.toListRef();
        for (size_t i = 0; i < elements.size(); ++i)
            flatten(elements[i], join(path, std::to_string(i)), out);
    } else if (value.isGenericDict()) {
        for (const auto& entry : value.toGenericDict())
            flatten(entry.value(), join(path, keyText(entry.key())), out);
    }
}

bool isContainer(const c10::IValue& value)
{
    return value.isTuple() || value.isList() || value.isGenericDict();
}

void flatten(const c10::IValue& value, const std::string& path, FlatOutputs& out)
{
    OutputInfo info;
    info.path = path;
    info.type = value.type()->annotation_str();
    if (value.isTensor()) {
        info.kind = OutputInfo::Kind::Tensor;
        at::Tensor tensor = value.toTensor().detach().to(at::kCPU);
        info.tensor = tensorStats(tensor);
        out.tensors.emplace_back(out.outputs.size(), std::move(tensor));
    } else if (isContainer(value)) {
        info.kind = value.isTuple() ? OutputInfo::Kind::Tuple
                                    : (value.isList() ? OutputInfo::Kind::List : OutputInfo::Kind::Dict);
        info.size = value.isTuple() ? static_cast<int64_t>(value.toTupleRef().elements().size())
                                    : (value.isList() ? static_cast<int64_t>(value.toListRef().size())
                                                      : static_cast<int64_t>(value.toGenericDict().size()));
        out.outputs.push_back(std::move(info));
        flattenChildren(value, path, out);
        return;
    } else if (value.isNone()) {
        info.kind = OutputInfo::Kind::None;
    } else if (value.isBool()) {
        info.kind = OutputInfo::Kind::Bool;
        info.value = value.toBool();
    } else if (value.isInt()) {
        info.kind = OutputInfo::Kind::Int;
        info.value = value.toInt();
    } else if (value.isDouble()) {
        info.kind = OutputInfo::Kind::Float;
        info.value = value.toDouble();
    } else if (value.isString()) {
        info.kind = OutputInfo::Kind::String;
        info.value = value.toStringRef();
    } else {
        std::ostringstream os;
        os << value;
        info.value = os.str();
    }
    out.outputs.push_back(std::move(info));
}

} // namespace

TensorStats tensorStats(const at::Tensor& input)
{
    at::Tensor t = input.detach().to(at::kCPU);
    if (t.is_quantized())
        t = t.dequantize();
    TensorStats stats;
    stats.shape = t.sizes().vec();
    stats.dtype = dtypeName(input.scalar_type());
    stats.numel = t.numel();
    if (t.is_complex() || t.numel() == 0)
        return stats;
    const bool floating = at::isFloatingType(t.scalar_type());
    const at::Tensor flat = t.reshape(-1);
    Moments moments;
    for (int64_t start = 0; start < flat.numel(); start += kStatsChunk) {
        at::Tensor chunk = flat.slice(0, start, std::min(start + kStatsChunk, flat.numel())).to(at::kDouble);
        if (floating) {
            const int64_t nan = at::isnan(chunk).sum().item<int64_t>();
            const int64_t inf = at::isinf(chunk).sum().item<int64_t>();
            stats.nan += nan;
            stats.inf += inf;
            if (nan + inf > 0)
                chunk = chunk.masked_select(at::isfinite(chunk));
        }
        const int64_t n = chunk.numel();
        if (n == 0)
            continue;
        const double mean = chunk.mean().item<double>();
        const double m2 = (chunk - mean).pow(2).sum().item<double>();
        moments.merge(n, mean, m2, chunk.min().item<double>(), chunk.max().item<double>());
    }
    if (moments.count > 0) {
        stats.min = moments.min;
        stats.max = moments.max;
        stats.mean = moments.mean;
    }
    if (moments.count > 1)
        stats.std = std::sqrt(moments.m2 / static_cast<double>(moments.count - 1));
    return stats;
}

FlatOutputs flattenOutputs(const c10::IValue& value)
{
    FlatOutputs out;
    if (isContainer(value))
        flattenChildren(value, "", out);
    else
        flatten(value, "0", out);
    return out;
}

} // namespace ptscope
