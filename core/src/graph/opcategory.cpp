#include "graph/opcategory.h"

#include <unordered_map>

namespace ptscope {

const char* opCategoryId(OpCategory category)
{
    switch (category) {
    case OpCategory::ConvLinear: return "conv-linear";
    case OpCategory::Activation: return "activation";
    case OpCategory::Normalization: return "normalization";
    case OpCategory::Pooling: return "pooling";
    case OpCategory::Elementwise: return "elementwise";
    case OpCategory::ShapeView: return "shape-view";
    case OpCategory::ControlFlow: return "control-flow";
    case OpCategory::Constant: return "constant";
    case OpCategory::Call: return "call";
    case OpCategory::Other: return "other";
    }
    return "other";
}

const char* opCategoryName(OpCategory category)
{
    switch (category) {
    case OpCategory::ConvLinear: return "Conv / linear / matmul";
    case OpCategory::Activation: return "Activation";
    case OpCategory::Normalization: return "Normalisation";
    case OpCategory::Pooling: return "Pooling";
    case OpCategory::Elementwise: return "Elementwise";
    case OpCategory::ShapeView: return "Shape / view";
    case OpCategory::ControlFlow: return "Control flow";
    case OpCategory::Constant: return "Constant / attribute";
    case OpCategory::Call: return "Method call";
    case OpCategory::Other: return "Other";
    }
    return "Other";
}

OpCategory categorizeOp(const std::string& kind)
{
    static const std::unordered_map<std::string, OpCategory> byName = [] {
        std::unordered_map<std::string, OpCategory> map;
        auto add = [&map](OpCategory c, std::initializer_list<const char*> names) {
            for (const char* n : names)
                map.emplace(n, c);
        };
        add(OpCategory::ConvLinear,
            {"conv1d", "conv2d", "conv3d", "_convolution", "convolution", "conv_transpose1d", "conv_transpose2d",
             "conv_transpose3d", "linear", "matmul", "mm", "bmm", "addmm", "addmv", "baddbmm", "einsum",
             "mkldnn_convolution", "_mkldnn_convolution", "mkldnn_linear", "conv2d_relu", "_linear_relu",
             "lstm", "gru", "rnn_tanh", "rnn_relu", "lstm_cell", "gru_cell", "embedding", "scaled_dot_product_attention",
             "_native_multi_head_attention", "bilinear"});
        add(OpCategory::Activation,
            {"relu", "relu_", "relu6", "gelu", "sigmoid", "sigmoid_", "tanh", "tanh_", "softmax", "log_softmax",
             "_softmax", "hardswish", "hardswish_", "hardsigmoid", "hardsigmoid_", "silu", "silu_", "leaky_relu",
             "leaky_relu_", "elu", "elu_", "selu", "celu", "prelu", "mish", "hardtanh", "hardtanh_", "glu",
             "softplus", "softsign", "threshold", "threshold_"});
        add(OpCategory::Normalization,
            {"batch_norm", "layer_norm", "group_norm", "instance_norm", "native_layer_norm", "native_batch_norm",
             "_batch_norm_impl_index", "local_response_norm", "normalize", "frobenius_norm", "norm"});
        add(OpCategory::Pooling,
            {"max_pool1d", "max_pool2d", "max_pool3d", "avg_pool1d", "avg_pool2d", "avg_pool3d",
             "adaptive_avg_pool1d", "adaptive_avg_pool2d", "adaptive_avg_pool3d", "adaptive_max_pool1d",
             "adaptive_max_pool2d", "adaptive_max_pool3d", "max_pool2d_with_indices", "mkldnn_max_pool2d",
             "lp_pool2d", "upsample_nearest2d", "upsample_bilinear2d", "interpolate", "pixel_shuffle"});
        add(OpCategory::Elementwise,
            {"add", "add_", "sub", "sub_", "mul", "mul_", "div", "div_", "pow", "sqrt", "rsqrt", "exp", "log",
             "neg", "abs", "clamp", "clamp_", "clamp_min", "clamp_max", "where", "eq", "ne", "lt", "gt", "le", "ge",
             "__and__", "__or__", "__xor__", "__not__", "reciprocal", "sin", "cos", "floor", "ceil", "round",
             "sign", "maximum", "minimum", "rsub", "floor_divide", "remainder", "fmod", "addcmul", "addcdiv",
             "lerp", "masked_fill", "masked_fill_", "dropout", "dropout_", "feature_dropout", "sum", "mean", "max",
             "min", "amax", "amin", "argmax", "argmin", "prod", "std", "var", "cumsum", "logsumexp", "floordiv",
             "mul_scalar", "add_scalar", "sub_scalar", "div_scalar", "__add__", "__sub__", "__mul__", "__div__",
             "__truediv__", "__floordiv__", "__mod__", "__neg__", "__lt__", "__gt__", "__le__", "__ge__", "__eq__",
             "__ne__", "__is__", "__isnot__", "__contains__", "any", "all", "logical_not", "logical_and",
             "logical_or", "isnan", "isinf", "nan_to_num", "topk", "sort", "argsort"});
        add(OpCategory::ShapeView,
            {"view", "reshape", "flatten", "permute", "transpose", "transpose_", "contiguous", "squeeze",
             "unsqueeze", "squeeze_", "unsqueeze_", "cat", "stack", "split", "split_with_sizes", "chunk",
             "unbind", "size", "sizes", "slice", "select", "expand", "expand_as", "narrow", "t", "index",
             "index_select", "gather", "repeat", "pad", "constant_pad_nd", "reflection_pad2d", "view_as",
             "reshape_as", "unflatten", "dim", "len", "numel", "ListConstruct", "ListUnpack", "TupleConstruct",
             "TupleUnpack", "TupleIndex", "TupleSlice", "DictConstruct", "DictIndex", "__getitem__",
             "_set_item", "append", "list", "to", "type_as", "clone", "detach", "zeros", "ones", "zeros_like",
             "ones_like", "full", "empty", "arange", "tensor", "Int", "Float", "Bool", "ScalarImplicit",
             "NumToTensor", "IntImplicit", "FloatImplicit", "device", "dtype", "shape", "flip", "roll",
             "tile", "movedim", "broadcast_tensors", "meshgrid", "new_zeros", "new_ones", "new_full", "fill_",
             "copy_", "zero_", "item", "__range_length", "__derive_index", "max_pool2d_shape", "format",
             "str", "warn", "unchecked_cast", "ListIndex"});
        add(OpCategory::ControlFlow, {"If", "Loop", "RaiseException", "Uninitialized", "Return", "Enter", "Exit",
                                      "isinstance", "unchecked_unwrap_optional"});
        add(OpCategory::Constant, {"Constant", "GetAttr", "SetAttr", "CreateObject"});
        add(OpCategory::Call, {"CallMethod", "CallFunction"});
        return map;
    }();
    const size_t sep = kind.find("::");
    const std::string name = sep == std::string::npos ? kind : kind.substr(sep + 2);
    if (name == "If" || name == "Loop")
        return OpCategory::ControlFlow;
    const auto it = byName.find(name);
    if (it != byName.end())
        return it->second;
    if (name.find("conv") != std::string::npos || name.find("linear") != std::string::npos)
        return OpCategory::ConvLinear;
    if (name.find("pool") != std::string::npos)
        return OpCategory::Pooling;
    if (name.find("norm") != std::string::npos)
        return OpCategory::Normalization;
    return OpCategory::Other;
}

} // namespace ptscope
