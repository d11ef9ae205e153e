#include "ptscope/io/wire.h"

#include "io/jsontext.h"
#include "ptscope/common/error.h"

#include <algorithm>
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
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(GraphLayout, width, height, items, edges, clusters, seconds, pieces, piecesLaidOut,
                                   piecesSimple, notes)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(ViewOptions, collapsedScopes, showConstants, scopeTypes)

namespace {

bool inRange(int index, size_t size) { return index >= 0 && static_cast<size_t>(index) < size; }

// Every number of the model's facts and of a graph is an integer (only layouts hold doubles), and
// nlohmann converts a float to an int with a plain cast, undefined for 1e300 or -5.0 to unsigned:
// a float there is turned away before any field is read.
void checkIntegers(const json& doc)
{
    std::vector<const json*> pending{&doc};
    while (!pending.empty()) {
        const json* j = pending.back();
        pending.pop_back();
        if (j->is_number_float())
            malformed("a number with a fraction or an exponent where an integer belongs");
        if (j->is_structured())
            for (const json& child : *j)
                pending.push_back(&child);
    }
}

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
    // rules out cycles in the tree the window walks. The tree model takes a module's row from its
    // place in its parent's children and its parent from `parent`, so the two agree: each module
    // but the root is listed once, by its parent. Depths (which size the modules panel's table)
    // are one more than the parent's.
    std::vector<bool> listed(n, false);
    for (size_t i = 0; i < n; ++i) {
        const ModuleInfo& m = info.modules[i];
        if (i == 0 ? m.parent != -1 : !inRange(m.parent, i))
            malformed("a module whose parent is out of order");
        if (m.depth != (i == 0 ? 0 : info.modules[static_cast<size_t>(m.parent)].depth + 1))
            malformed("a module whose depth is not its parent's plus one");
        for (const int child : m.children) {
            if (!inRange(child, n) || static_cast<size_t>(child) <= i)
                malformed("a module whose child is out of order");
            if (info.modules[static_cast<size_t>(child)].parent != static_cast<int>(i) || listed[child])
                malformed("a module listed as a child of a module that is not its parent");
            listed[child] = true;
        }
    }
    for (size_t i = 1; i < n; ++i)
        if (!listed[i])
            malformed("a module missing from its parent's children");
}

// Module scopes and blocks nested deeper than this are refused: the views walk a scope's ancestors
// one by one and open a cluster per scope and per block recursively, so a scope of a hundred
// thousand dots or as many nested blocks would cost the window its stack (and gigabytes). Real
// module trees and control flow are a few levels deep; the loader refuses pickles nested past 1000.
constexpr int kMaxScopeDepth = 256;
constexpr int kMaxBlockNesting = 256;

// What the extractor writes and the views rely on: block 0 is the graph's own, every other block
// is owned by a node of an earlier block (so walking owners outwards ends at block 0, never in a
// cycle) that lists it among its blocks; each node sits in the one block that lists it; a value's
// producer is the node with it among its outputs and its users the nodes with it among their
// inputs, in order.
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
        if (std::count(node.scope.begin(), node.scope.end(), '.') >= kMaxScopeDepth)
            malformed("a module scope nested more than " + std::to_string(kMaxScopeDepth) + " deep");
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

    // Indices are in range from here on.
    if (g.blocks.front().owner != -1)
        malformed("a graph whose top block has an owner");
    std::vector<bool> blockListed(blocks, false);
    for (size_t i = 0; i < nodes; ++i) {
        for (const int b : g.nodes[i].blocks) {
            if (b == 0 || g.blocks[b].owner != static_cast<int>(i) || blockListed[b])
                malformed("a node listing a block it does not own");
            blockListed[b] = true;
        }
    }
    std::vector<int> nesting(blocks, 0);
    for (size_t b = 1; b < blocks; ++b) {
        const int owner = g.blocks[b].owner;
        if (owner < 0 || !blockListed[b])
            malformed("a nested block without its owner");
        const int outer = g.nodes[owner].block;
        if (static_cast<size_t>(outer) >= b)
            malformed("a block owned by a node of a later block (or of itself)");
        nesting[b] = nesting[outer] + 1;
        if (nesting[b] > kMaxBlockNesting)
            malformed("blocks nested more than " + std::to_string(kMaxBlockNesting) + " deep");
    }
    std::vector<bool> nodeListed(nodes, false);
    for (size_t b = 0; b < blocks; ++b) {
        for (const int n : g.blocks[b].nodes) {
            if (g.nodes[n].block != static_cast<int>(b) || nodeListed[n])
                malformed("a block listing a node of another block");
            nodeListed[n] = true;
        }
    }
    for (size_t i = 0; i < nodes; ++i)
        if (!nodeListed[i])
            malformed("a node missing from its block");

    std::vector<int> producer(values, -1);
    std::vector<std::vector<int>> users(values);
    for (size_t i = 0; i < nodes; ++i) {
        for (const int v : g.nodes[i].outputs) {
            if (producer[v] != -1)
                malformed("a value with two producers");
            producer[v] = static_cast<int>(i);
        }
        for (const int v : g.nodes[i].inputs)
            users[v].push_back(static_cast<int>(i));
    }
    for (size_t v = 0; v < values; ++v) {
        if (g.values[v].producer != producer[v])
            malformed("a value whose producer does not output it");
        if (g.values[v].users != users[v])
            malformed("a value whose users are not the nodes that take it");
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
    for (const EdgeLayout& e : layout.edges) {
        for (const LayoutPoint& p : e.path)
            if (!std::isfinite(p.x) || !std::isfinite(p.y))
                malformed("an edge point that is not a number");
        if (!std::isfinite(e.arrowTip.x) || !std::isfinite(e.arrowTip.y))
            malformed("an arrow tip that is not a number");
    }
    if (!std::isfinite(layout.seconds))
        malformed("a layout time that is not a number");
}

template <typename T> T read(const std::string& text, void (*checkDocument)(const json&) = nullptr)
{
    const json doc = json::parse(text, nullptr, false);
    if (doc.is_discarded())
        malformed("text that is not JSON");
    if (checkDocument)
        checkDocument(doc);
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
    ModelInfo info = read<ModelInfo>(text, checkIntegers);
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
    checkIntegers(doc["graph"]);
    checkIntegers(doc["summary"]);
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
