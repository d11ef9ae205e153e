#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ptscope {

class Model;

// The forms of a forward graph ptscope shows, from what the archive holds to what runs fastest.
enum class GraphVariant {
    AsSaved,   // calls to submodules' methods stay calls
    Inlined,   // every call inlined; each node keeps the module scope it came from
    Frozen,    // torch::jit::freeze on an eval-mode clone: attributes become constants, conv+bn folded
    Optimized, // torch::jit::optimize_for_inference on top of freezing
};

const char* graphVariantId(GraphVariant variant); // "as-saved", "inlined", "frozen", "optimized"
std::optional<GraphVariant> parseGraphVariant(const std::string& id);

// How a node is coloured and grouped in the legend.
enum class OpCategory {
    ConvLinear,
    Activation,
    Normalization,
    Pooling,
    Elementwise,
    ShapeView,
    ControlFlow,
    Constant, // prim::Constant, and attribute reads (prim::GetAttr)
    Call,     // prim::CallMethod / prim::CallFunction (as-saved graphs)
    Other,
};
constexpr int kOpCategoryCount = static_cast<int>(OpCategory::Other) + 1;
const char* opCategoryId(OpCategory category); // "conv-linear", ...
const char* opCategoryName(OpCategory category); // "Conv / linear / matmul", ...

struct SourceLocation
{
    std::string file; // inside the archive, e.g. "code/__torch__/torchvision/models/resnet.py"
    int line = 0;     // 1-based; 0 when unknown
    std::string text; // the source text the node came from, trimmed to one line
};

struct GraphValue
{
    std::string name; // debug name, unique in the graph ("x.1", "input.5")
    std::string type; // TorchScript type, "Tensor", "int[]", "Float(1, 10, strides=[10, 1])"
    std::vector<int64_t> shape; // when the type knows every dimension
    std::string dtype;          // when known
    int producer = -1;          // node index, or -1 for an input of the graph or of a block
    std::vector<int> users;     // node indices, in order
};

struct NodeAttribute
{
    std::string name;
    std::string value;
};

struct GraphNode
{
    std::string kind;   // "aten::conv2d"
    std::string schema; // the operator's schema, when it has one
    OpCategory category = OpCategory::Other;
    std::vector<int> inputs;  // value indices
    std::vector<int> outputs; // value indices
    std::vector<NodeAttribute> attributes; // node attributes (e.g. prim::Constant's value, GetAttr's name)
    // Constant arguments folded into this node for display: "stride=[2, 2]".
    std::vector<NodeAttribute> constantInputs;
    std::string label;  // short op name with key attributes: "conv2d 7x7 /2"
    std::string scope;  // module path it came from: "layer1.0.conv1"; "" for the root module
    SourceLocation source;
    int block = 0;              // index of the block that holds this node; 0 is the graph's top block
    std::vector<int> blocks;    // blocks this node owns (prim::If: then/else; prim::Loop: body)
};

struct GraphBlock
{
    int owner = -1;          // node owning this block; -1 for the top block
    std::vector<int> nodes;  // node indices in order
    std::vector<int> inputs; // value indices
    std::vector<int> outputs;
};

struct Graph
{
    GraphVariant variant = GraphVariant::Inlined;
    std::vector<GraphNode> nodes; // every node, including those inside blocks, in program order
    std::vector<GraphValue> values;
    std::vector<GraphBlock> blocks; // blocks[0] is the graph itself: its inputs include `self`
    std::string text;               // the IR as LibTorch prints it
};

// How a variant differs from the inlined graph it was made from.
struct VariantSummary
{
    GraphVariant variant = GraphVariant::Inlined;
    int64_t nodes = 0;                     // counting nodes in nested blocks
    int64_t inlinedNodes = 0;              // the same count for the inlined graph
    std::vector<std::pair<std::string, int64_t>> kindChanges; // kind -> change in count, sorted by kind
    std::vector<std::string> notes; // "conv + batch_norm folded: 20", ...
};

// Throws ptscope::Error (NoSuchMethod when the model has no forward).
Graph extractGraph(const Model& model, GraphVariant variant);
VariantSummary summarizeVariant(const Graph& inlined, const Graph& variant);

} // namespace ptscope
