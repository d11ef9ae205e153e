#include "ptscope/io/wire.h"

#include "io/jsontext.h"
#include "ptscope/common/error.h"

#include <cmath>
#include <nlohmann/json.hpp>
#include <optional>

namespace nlohmann {
template <typename T> struct adl_serializer<std::optional<T>>
{
    static void to_json(json& j, const std::optional<T>& value)
    {
        if (value)
            j = *value;
        else
            j = nullptr;
    }
    static void from_json(const json& j, std::optional<T>& value)
    {
        if (j.is_null())
            value.reset();
        else
            value = j.get<T>();
    }
};
} // namespace nlohmann

namespace ptscope {

namespace {

using json = nlohmann::json;

[[noreturn]] void malformed(const std::string& what)
{
    throw Error(ErrorKind::ProtocolError, "A malformed worker document: " + what + ".",
                "This is a bug in ptscope, or the document was damaged on its way.");
}

// Enums travel as their numbers; a number outside the enum would index past the tables that
// colour and name them.
template <typename E> void enumFromJson(const json& j, E& value, int count)
{
    const int n = j.get<int>();
    if (n < 0 || n >= count)
        malformed("an enum value out of range");
    value = static_cast<E>(n);
}

} // namespace

void to_json(json& j, GraphVariant v) { j = static_cast<int>(v); }
void from_json(const json& j, GraphVariant& v) { enumFromJson(j, v, 4); }
void to_json(json& j, OpCategory v) { j = static_cast<int>(v); }
void from_json(const json& j, OpCategory& v) { enumFromJson(j, v, kOpCategoryCount); }
void to_json(json& j, ViewItemKind v) { j = static_cast<int>(v); }
void from_json(const json& j, ViewItemKind& v) { enumFromJson(j, v, 4); }
void to_json(json& j, ClusterKind v) { j = static_cast<int>(v); }
void from_json(const json& j, ClusterKind& v) { enumFromJson(j, v, 2); }

NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(TensorInfo, name, shape, dtype, numel, bytes, requiresGrad, sharedWith)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(AttributeInfo, name, type, value)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(MethodInfo, name, schema)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(ModuleInfo, path, name, type, shortType, parent, children, depth, training,
                                   parameters, buffers, attributes, methods, code, totalParameters,
                                   totalParameterBytes, totalBuffers, totalBufferBytes)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(ArchiveInfo, path, fileSize, formatVersion, archiveName, extraFiles, codeFiles,
                                   recordCount)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(ModelInfo, archive, modules, rootType, training, numParameters,
                                   numParameterTensors, parameterBytes, numBuffers, bufferBytes, methods,
                                   hasForward, graphNodes)

NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(SourceLocation, file, line, text)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(GraphValue, name, type, shape, dtype, producer, users)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(NodeAttribute, name, value)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(GraphNode, kind, schema, category, inputs, outputs, attributes, constantInputs,
                                   label, scope, source, block, blocks)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(GraphBlock, owner, nodes, inputs, outputs)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(Graph, variant, nodes, values, blocks, text)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(VariantSummary, variant, nodes, inlinedNodes, kindChanges, notes)

NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(LayoutPoint, x, y)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(LayoutRect, x, y, width, height)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(EdgeLayout, path, hasArrowHead, arrowTip)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(GraphLayout, width, height, items, edges, clusters, seconds)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(ViewOptions, collapsedScopes, showConstants, scopeTypes)

namespace {

bool inRange(int index, size_t size) { return index >= 0 && static_cast<size_t>(index) < size; }

void checkIndices(const std::vector<int>& indices, size_t size, const char* what)
{
    for (const int i : indices)
        if (!inRange(i, size))
            malformed(std::string("an index past the ") + what);
}

void checkModelInfo(const ModelInfo& info)
{
    const size_t n = info.modules.size();
    if (n == 0)
        malformed("a model without its root module");
    // Pre-order: every module's parent comes before it and its children after it, which also
    // rules out cycles in the tree the window walks.
    for (size_t i = 0; i < n; ++i) {
        const ModuleInfo& m = info.modules[i];
        if (i == 0 ? m.parent != -1 : !inRange(m.parent, i))
            malformed("a module whose parent is out of order");
        for (const int child : m.children)
            if (!inRange(child, n) || static_cast<size_t>(child) <= i)
                malformed("a module whose child is out of order");
    }
}

void checkGraph(const Graph& g)
{
    if (g.blocks.empty())
        malformed("a graph without its top block");
    const size_t nodes = g.nodes.size(), values = g.values.size(), blocks = g.blocks.size();
    for (const GraphNode& node : g.nodes) {
        checkIndices(node.inputs, values, "graph's values");
        checkIndices(node.outputs, values, "graph's values");
        checkIndices(node.blocks, blocks, "graph's blocks");
        if (!inRange(node.block, blocks))
            malformed("an index past the graph's blocks");
    }
    for (const GraphValue& value : g.values) {
        if (value.producer != -1 && !inRange(value.producer, nodes))
            malformed("an index past the graph's nodes");
        checkIndices(value.users, nodes, "graph's nodes");
    }
    for (const GraphBlock& block : g.blocks) {
        if (block.owner != -1 && !inRange(block.owner, nodes))
            malformed("an index past the graph's nodes");
        checkIndices(block.nodes, nodes, "graph's nodes");
        checkIndices(block.inputs, values, "graph's values");
        checkIndices(block.outputs, values, "graph's values");
    }
}

bool finite(const LayoutRect& r)
{
    return std::isfinite(r.x) && std::isfinite(r.y) && std::isfinite(r.width) && std::isfinite(r.height);
}

void checkLayout(const GraphLayout& layout, const GraphView& view)
{
    if (layout.items.size() != view.items.size() || layout.edges.size() != view.edges.size() ||
        layout.clusters.size() != view.clusters.size())
        malformed("a layout of another view");
    if (!std::isfinite(layout.width) || !std::isfinite(layout.height))
        malformed("a layout with a size that is not a number");
    for (const LayoutRect& r : layout.items)
        if (!finite(r))
            malformed("a box position that is not a number");
    for (const LayoutRect& r : layout.clusters)
        if (!finite(r))
            malformed("a frame position that is not a number");
    for (const EdgeLayout& e : layout.edges)
        for (const LayoutPoint& p : e.path)
            if (!std::isfinite(p.x) || !std::isfinite(p.y))
                malformed("an edge point that is not a number");
}

template <typename T> T read(const std::string& text)
{
    const json doc = json::parse(text, nullptr, false);
    if (doc.is_discarded())
        malformed("text that is not JSON");
    try {
        return doc.get<T>();
    } catch (const json::exception& e) {
        malformed(std::string("a field of the wrong type or missing (") + e.what() + ")");
    }
}

} // namespace

std::string modelInfoToWire(const ModelInfo& info) { return jsonText(json(info), -1); }

ModelInfo modelInfoFromWire(const std::string& text)
{
    ModelInfo info = read<ModelInfo>(text);
    checkModelInfo(info);
    return info;
}

std::string graphVariantToWire(const Graph& graph, const VariantSummary& summary)
{
    return jsonText(json{{"graph", graph}, {"summary", summary}}, -1);
}

GraphVariantWire graphVariantFromWire(const std::string& text)
{
    const json doc = json::parse(text, nullptr, false);
    if (doc.is_discarded())
        malformed("text that is not JSON");
    if (!doc.is_object() || !doc.contains("graph") || !doc.contains("summary"))
        malformed("a graph document without its graph");
    GraphVariantWire result;
    try {
        result.graph = doc["graph"].get<Graph>();
        result.summary = doc["summary"].get<VariantSummary>();
    } catch (const json::exception& e) {
        malformed(std::string("a field of the wrong type or missing (") + e.what() + ")");
    }
    checkGraph(result.graph);
    return result;
}

std::string layoutToWire(const GraphLayout& layout) { return jsonText(json(layout), -1); }

GraphLayout layoutFromWire(const std::string& text, const GraphView& view)
{
    GraphLayout layout = read<GraphLayout>(text);
    checkLayout(layout, view);
    return layout;
}

std::string viewOptionsToWire(const ViewOptions& options) { return jsonText(json(options), -1); }

ViewOptions viewOptionsFromWire(const std::string& text) { return read<ViewOptions>(text); }

} // namespace ptscope
