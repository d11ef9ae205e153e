#include "profile/opcost.h"

#include "run/tensormapping.h"

#include <ATen/core/List.h>

#include <string>
#include <unordered_map>

namespace ptscope {

namespace {

// FLOPs per output element of the common elementwise and normalisation ops, per input element
// of reductions. Transcendental functions count as one: the figure is for comparing nodes and
// placing them on the roofline, not for counting instructions.
enum class Family { Elementwise, Reduction, BatchNorm, Norm, Softmax, Pool, AdaptivePool, Free };

const std::unordered_map<std::string, Family>& families()
{
    static const std::unordered_map<std::string, Family> map = [] {
        std::unordered_map<std::string, Family> m;
        for (const char* k :
             {"add", "sub", "mul", "div", "rsub", "true_divide", "floor_divide", "remainder", "fmod", "neg",
              "abs", "relu", "relu6", "leaky_relu", "elu", "selu", "celu", "gelu", "silu", "mish", "hardtanh",
              "hardswish", "hardsigmoid", "sigmoid", "tanh", "exp", "log", "log1p", "sqrt", "rsqrt", "pow",
              "reciprocal", "sin", "cos", "erf", "clamp", "clamp_min", "clamp_max", "where", "maximum",
              "minimum", "eq", "ne", "lt", "le", "gt", "ge", "logical_and", "logical_or", "logical_not",
              "bitwise_and", "bitwise_or", "sign", "floor", "ceil", "round", "square", "addcmul",
              "addcdiv", "lerp", "masked_fill", "softplus", "threshold", "prelu", "glu"})
            m.emplace(k, Family::Elementwise);
        for (const char* k : {"sum", "mean", "amax", "amin", "max", "min", "norm", "linalg_vector_norm", "var",
                              "std", "argmax", "argmin", "logsumexp", "prod", "all", "any", "cumsum"})
            m.emplace(k, Family::Reduction);
        m.emplace("batch_norm", Family::BatchNorm);
        m.emplace("_native_batch_norm_legit_no_training", Family::BatchNorm);
        for (const char* k : {"layer_norm", "group_norm", "instance_norm", "native_layer_norm"})
            m.emplace(k, Family::Norm);
        for (const char* k : {"softmax", "log_softmax", "_softmax", "_log_softmax"})
            m.emplace(k, Family::Softmax);
        for (const char* k : {"max_pool1d", "max_pool2d", "max_pool3d", "avg_pool1d", "avg_pool2d", "avg_pool3d",
                              "max_pool2d_with_indices", "mkldnn_max_pool2d"})
            m.emplace(k, Family::Pool);
        for (const char* k : {"adaptive_avg_pool1d", "adaptive_avg_pool2d", "adaptive_avg_pool3d",
                              "adaptive_max_pool2d", "mkldnn_adaptive_avg_pool2d"})
            m.emplace(k, Family::AdaptivePool);
        for (const char* k : {"dropout", "feature_dropout", "alpha_dropout", "identity"})
            m.emplace(k, Family::Free);
        return m;
    }();
    return map;
}

const at::Tensor* tensorAt(const torch::jit::Stack& inputs, size_t i)
{
    if (i >= inputs.size() || !inputs[i].isTensor() || !inputs[i].toTensor().defined())
        return nullptr;
    return &inputs[i].toTensor();
}

double numelOf(const at::Tensor* t)
{
    return t ? static_cast<double>(t->numel()) : 0.0;
}

double tensorBytes(const at::Tensor& t)
{
    if (t.is_sparse())
        return 0;
    return static_cast<double>(t.numel()) * static_cast<double>(t.element_size());
}

const void* storageOf(const at::Tensor& t)
{
    return t.has_storage() ? t.storage().unsafeGetStorageImpl() : nullptr;
}

double convFlops(const torch::jit::Stack& in, const at::Tensor& out, bool transposed)
{
    const at::Tensor* input = tensorAt(in, 0);
    const at::Tensor* weight = tensorAt(in, 1);
    if (!input || !weight || weight->dim() < 3)
        return -1;
    // Each output (or, transposed, each input) element is a dot product over one weight slice.
    const double perElement = numelOf(weight) / static_cast<double>(weight->size(0));
    double flops = 2.0 * (transposed ? numelOf(input) : static_cast<double>(out.numel())) * perElement;
    if (tensorAt(in, 2))
        flops += static_cast<double>(out.numel());
    return flops;
}

double attentionFlops(double batch, double targetLen, double sourceLen, double embed)
{
    // Q·Kᵀ and weights·V are one multiply-add per (target, source, feature); softmax about five
    // per score (heads split the features, so they cancel out of the products).
    return 2.0 * 2.0 * batch * targetLen * sourceLen * embed + 5.0 * batch * targetLen * sourceLen;
}

double mhaFlops(const torch::jit::Stack& in)
{
    const at::Tensor* q = tensorAt(in, 0);
    const at::Tensor* k = tensorAt(in, 1);
    if (!q || !k || q->dim() != 3 || k->dim() != 3)
        return -1;
    const double b = static_cast<double>(q->size(0));
    const double l = static_cast<double>(q->size(1));
    const double s = static_cast<double>(k->size(1));
    const double e = static_cast<double>(q->size(2));
    const double projections = 2.0 * b * (l + 2.0 * s) * e * e + 2.0 * b * l * e * e;
    return projections + attentionFlops(b, l, s, e);
}

double encoderLayerFlops(const torch::jit::Stack& in)
{
    const at::Tensor* src = tensorAt(in, 0);
    const at::Tensor* ffn1 = tensorAt(in, 14);
    if (!src || src->dim() != 3 || !ffn1)
        return -1;
    const double b = static_cast<double>(src->size(0));
    const double l = static_cast<double>(src->size(1));
    const double e = static_cast<double>(src->size(2));
    const double f = static_cast<double>(ffn1->size(0));
    const double attention = 2.0 * b * l * e * 3.0 * e + 2.0 * b * l * e * e + attentionFlops(b, l, l, e);
    const double feedForward = 2.0 * 2.0 * b * l * e * f + b * l * f;
    const double normsAndResiduals = 2.0 * 5.0 * b * l * e + 2.0 * b * l * e;
    return attention + feedForward + normsAndResiduals;
}

double poolFlops(const torch::jit::Stack& in, const at::Tensor& out)
{
    double kernel = 1;
    if (in.size() > 1 && in[1].isIntList())
        for (int64_t k : in[1].toIntList())
            kernel *= static_cast<double>(k);
    return static_cast<double>(out.numel()) * kernel;
}

std::string baseName(c10::Symbol kind, bool& inPlace)
{
    std::string name = kind.toUnqualString();
    inPlace = name.size() > 1 && name.back() == '_' && name[name.size() - 2] != '_';
    if (inPlace)
        name.pop_back();
    return name;
}

} // namespace

OpCost costOf(c10::Symbol kind, const torch::jit::Stack& inputs, const c10::IValue* outputs, size_t count)
{
    OpCost cost;
    const at::Tensor* out = nullptr;
    for (size_t i = 0; i < count && !out; ++i)
        if (outputs[i].isTensor() && outputs[i].toTensor().defined())
            out = &outputs[i].toTensor();

    bool inPlace = false;
    const std::string name = baseName(kind, inPlace);

    // Traffic: every tensor read, every tensor written; an output that is a view of an input
    // (transpose, view, a contiguous tensor's contiguous()) moves nothing.
    std::vector<const void*> inputStorages;
    for (const c10::IValue& v : inputs)
        forEachTensor(v, [&](const at::Tensor& t) {
            inputStorages.push_back(storageOf(t));
            cost.bytesRead += tensorBytes(t);
        });
    bool allViews = count > 0;
    for (size_t i = 0; i < count; ++i) {
        bool any = false;
        forEachTensor(outputs[i], [&](const at::Tensor& t) {
            any = true;
            const void* s = storageOf(t);
            const bool view = !inPlace && s &&
                              std::find(inputStorages.begin(), inputStorages.end(), s) != inputStorages.end();
            if (!view) {
                cost.bytesWritten += tensorBytes(t);
                allViews = false;
            }
        });
        if (!any)
            allViews = false;
    }
    if (allViews)
        cost.bytesRead = 0;

    if (kind.is_aten() || kind.is_prim() || std::string(kind.ns().toUnqualString()) == "prepacked") {
        double flops = -1;
        if (name.find("conv") != std::string::npos && out) {
            bool transposed = name.find("transpose") != std::string::npos;
            if ((name == "_convolution" || name == "convolution") && inputs.size() > 6 && inputs[6].isBool())
                transposed = inputs[6].toBool();
            flops = convFlops(inputs, *out, transposed);
        } else if (name == "linear" && out) {
            const at::Tensor* weight = tensorAt(inputs, 1);
            if (weight && weight->dim() == 2) {
                flops = 2.0 * static_cast<double>(out->numel()) * static_cast<double>(weight->size(1));
                if (tensorAt(inputs, 2))
                    flops += static_cast<double>(out->numel());
            }
        } else if ((name == "matmul" || name == "mm" || name == "bmm" || name == "dot" || name == "mv" ||
                    name == "vdot") &&
                   out) {
            const at::Tensor* a = tensorAt(inputs, 0);
            if (a && a->dim() >= 1)
                flops = 2.0 * static_cast<double>(std::max<int64_t>(out->numel(), 1)) *
                        static_cast<double>(a->size(-1));
        } else if ((name == "addmm" || name == "baddbmm" || name == "addbmm" || name == "addmv") && out) {
            const at::Tensor* a = tensorAt(inputs, 1);
            if (a && a->dim() >= 1) {
                const double k = static_cast<double>(a->size(-1));
                const double products = name == "addbmm" ? static_cast<double>(a->size(0)) : 1.0;
                flops = 2.0 * static_cast<double>(out->numel()) * k * products +
                        static_cast<double>(out->numel());
            }
        } else if (name == "_native_multi_head_attention") {
            flops = mhaFlops(inputs);
        } else if (name == "_transformer_encoder_layer_fwd") {
            flops = encoderLayerFlops(inputs);
        } else if (name == "scaled_dot_product_attention" || name == "_scaled_dot_product_attention") {
            const at::Tensor* q = tensorAt(inputs, 0);
            const at::Tensor* k = tensorAt(inputs, 1);
            if (q && k && q->dim() >= 2) {
                const double lead = numelOf(q) / static_cast<double>(q->size(-2) * q->size(-1));
                flops = lead * (4.0 * static_cast<double>(q->size(-2)) * static_cast<double>(k->size(-2)) *
                                    static_cast<double>(q->size(-1)) +
                                5.0 * static_cast<double>(q->size(-2)) * static_cast<double>(k->size(-2)));
            }
        } else {
            const auto it = families().find(name);
            if (it != families().end()) {
                const double outElements = out ? static_cast<double>(out->numel()) : 0;
                const double inElements = numelOf(tensorAt(inputs, 0));
                switch (it->second) {
                case Family::Elementwise: flops = outElements; break;
                case Family::Reduction: flops = inElements; break;
                case Family::BatchNorm: flops = 4.0 * outElements; break;
                case Family::Norm: flops = 5.0 * outElements; break;
                case Family::Softmax: flops = 5.0 * outElements; break;
                case Family::Pool: flops = out ? poolFlops(inputs, *out) : -1; break;
                case Family::AdaptivePool: flops = inElements; break;
                case Family::Free: flops = 0; break;
                }
            }
        }
        if (flops >= 0) {
            cost.flops = flops;
            cost.known = true;
        }
    }
    return cost;
}

} // namespace ptscope
