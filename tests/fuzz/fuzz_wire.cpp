// The worker's documents on any bytes: the window's readers of the model's facts, a graph, a
// layout and view options throw a ProtocolError or hand back what the window can use without
// checking again. A graph they accept goes through what the window does with it (the first view
// and its collapsed scopes, views with and without the document's own options, DOT, the layout
// matched to the view), and the views and the module tree must hold together the way the scene
// and the tree models index them. Also the worker's own request parsing (nlohmann, no throw).
// Byte mutations rarely keep a document JSON, so half of the mutations are made on the parsed
// document instead: one number or index list changed (to -1, a neighbour, another index, a huge
// or fractional number), the way a wrong cross-reference would come out of a broken worker.

#include "ptscope/common/error.h"
#include "ptscope/graph/graphdot.h"
#include "ptscope/graph/graphview.h"
#include "ptscope/io/wire.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <random>
#include <string>
#include <vector>

extern "C" size_t LLVMFuzzerMutate(uint8_t* data, size_t size, size_t maxSize);

namespace {

bool inRange(int index, size_t size) { return index >= 0 && static_cast<size_t>(index) < size; }

// What the scene, the hit tests and the inspector index by.
void checkView(const ptscope::Graph& graph, const ptscope::GraphView& view)
{
    const size_t items = view.items.size(), clusters = view.clusters.size();
    if (view.itemOfNode.size() != graph.nodes.size())
        std::abort();
    for (const int item : view.itemOfNode)
        if (item != -1 && !inRange(item, items))
            std::abort();
    for (const ptscope::ViewItem& item : view.items) {
        if (item.cluster != -1 && !inRange(item.cluster, clusters))
            std::abort();
        if (item.kind == ptscope::ViewItemKind::Op && !inRange(item.node, graph.nodes.size()))
            std::abort();
    }
    for (const ptscope::ViewEdge& edge : view.edges) {
        if (!inRange(edge.from, items) || !inRange(edge.to, items))
            std::abort();
        if (edge.value != -1 && !inRange(edge.value, graph.values.size()))
            std::abort();
    }
    for (size_t c = 0; c < clusters; ++c) {
        const ptscope::ViewCluster& cluster = view.clusters[c];
        // The scene walks parents up to count a cluster's depth: parents come first.
        if (cluster.parent != -1 && !inRange(cluster.parent, c))
            std::abort();
        if (!inRange(cluster.block, graph.blocks.size()))
            std::abort();
        for (const int child : cluster.children)
            if (!inRange(child, clusters))
                std::abort();
        for (const int item : cluster.items)
            if (!inRange(item, items))
                std::abort();
    }
}

// The module tree model: a module's row is its place in its parent's children, and its parent is
// modules[i].parent; the two must agree or the tree's indexes point at other rows. The modules
// panel sizes a table by the deepest depth.
void checkModuleTree(const ptscope::ModelInfo& info)
{
    for (const ptscope::ModuleInfo& module : info.modules)
        if (!inRange(module.depth, info.modules.size()))
            std::abort();
    std::vector<int> rowInParent(info.modules.size(), -1);
    for (const ptscope::ModuleInfo& module : info.modules)
        for (size_t row = 0; row < module.children.size(); ++row)
            rowInParent.at(static_cast<size_t>(module.children[row])) = static_cast<int>(row);
    for (size_t i = 1; i < info.modules.size(); ++i) {
        const int parent = info.modules[i].parent;
        const int row = rowInParent[i];
        if (!inRange(parent, info.modules.size()) || row < 0 ||
            info.modules[static_cast<size_t>(parent)].children.at(static_cast<size_t>(row)) != static_cast<int>(i))
            std::abort();
    }
}

// A view as the window builds it, its DOT as the worker writes it, and (for the views a worker
// layout may be of: the default one and the document's own options) the layout matched to it.
void useView(const ptscope::Graph& graph, const ptscope::ViewOptions& options, const std::string& text, bool layout)
{
    const ptscope::GraphView view = ptscope::buildGraphView(graph, options);
    checkView(graph, view);
    ptscope::graphViewToDot(graph, view);
    if (!layout)
        return;
    ptscope::graphViewToDot(graph, view, {false, true});
    try {
        const ptscope::GraphLayout read = ptscope::layoutFromWire(text, view);
        if (read.items.size() != view.items.size() || read.edges.size() != view.edges.size() ||
            read.clusters.size() != view.clusters.size())
            std::abort();
    } catch (const ptscope::Error&) {
    }
}

using json = nlohmann::json;

// Numbers and arrays of the document, where the cross-references are.
void collect(json& j, std::vector<json*>& numbers, std::vector<json*>& arrays)
{
    std::vector<json*> pending{&j};
    while (!pending.empty()) {
        json* node = pending.back();
        pending.pop_back();
        if (node->is_number())
            numbers.push_back(node);
        if (node->is_array())
            arrays.push_back(node);
        if (node->is_structured())
            for (auto& child : *node)
                pending.push_back(&child);
    }
}

json mutatedNumber(const json& old, const std::vector<json*>& numbers, std::mt19937& random)
{
    // Wrapping, not overflowing, past INT64_MAX.
    const uint64_t value = old.is_number_integer() ? static_cast<uint64_t>(old.get<int64_t>()) : 0;
    switch (random() % 12) {
    case 0: return -1;
    case 1: return 0;
    case 2: return static_cast<int64_t>(value + 1);
    case 3: return static_cast<int64_t>(value - 1);
    case 4: return static_cast<int64_t>(random() % 64);
    case 5: return 1e300;
    case 6: return -1e300;
    case 7: return 0.5;
    case 8: return INT64_MAX;
    case 9: return static_cast<int64_t>(INT32_MAX) + 1;
    default: return *numbers[random() % numbers.size()]; // another index of the document
    }
}

void mutateArray(json& array, const std::vector<json*>& numbers, std::mt19937& random)
{
    switch (random() % 4) {
    case 0:
        if (!array.empty())
            array.erase(array.begin() + static_cast<std::ptrdiff_t>(random() % array.size()));
        break;
    case 1:
        if (!array.empty()) {
            const json copy = array[random() % array.size()];
            array.push_back(copy);
        }
        break;
    case 2:
        array.push_back(numbers.empty() ? json(0) : *numbers[random() % numbers.size()]);
        break;
    default:
        array.clear();
        break;
    }
}

} // namespace

extern "C" size_t LLVMFuzzerCustomMutator(uint8_t* data, size_t size, size_t maxSize, unsigned int seed)
{
    std::mt19937 random(seed);
    if (random() % 2 == 0)
        return LLVMFuzzerMutate(data, size, maxSize);
    json doc = json::parse(std::string(reinterpret_cast<const char*>(data), size), nullptr, false);
    if (doc.is_discarded())
        return LLVMFuzzerMutate(data, size, maxSize);
    const int edits = 1 + static_cast<int>(random() % 3);
    for (int e = 0; e < edits; ++e) {
        // Collected again after each edit: changing an array moves its elements.
        std::vector<json*> numbers, arrays;
        collect(doc, numbers, arrays);
        if (numbers.empty() && arrays.empty())
            return LLVMFuzzerMutate(data, size, maxSize);
        if (!arrays.empty() && (numbers.empty() || random() % 4 == 0)) {
            mutateArray(*arrays[random() % arrays.size()], numbers, random);
        } else {
            json& target = *numbers[random() % numbers.size()];
            target = mutatedNumber(target, numbers, random);
        }
    }
    const std::string text = doc.dump(-1, ' ', false, json::error_handler_t::replace);
    if (text.size() > maxSize)
        return LLVMFuzzerMutate(data, size, maxSize);
    std::memcpy(data, text.data(), text.size());
    return text.size();
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const std::string text(reinterpret_cast<const char*>(data), size);

    // The worker reads requests like this: no exception whatever the bytes.
    const nlohmann::json request = nlohmann::json::parse(text, nullptr, false);
    (void)request.is_discarded();

    try {
        const ptscope::ModelInfo info = ptscope::modelInfoFromWire(text);
        checkModuleTree(info);
    } catch (const ptscope::Error&) {
    }

    std::optional<ptscope::ViewOptions> documentOptions;
    try {
        documentOptions = ptscope::viewOptionsFromWire(text);
    } catch (const ptscope::Error&) {
    }

    std::optional<ptscope::GraphVariantWire> wire;
    try {
        wire = ptscope::graphVariantFromWire(text);
    } catch (const ptscope::Error&) {
    }
    if (!wire)
        return 0;
    const ptscope::Graph& graph = wire->graph;

    useView(graph, ptscope::ViewOptions{}, text, true);
    // The window's first view: what initialCollapsedScopes picks.
    ptscope::ViewOptions first;
    first.collapsedScopes = ptscope::initialCollapsedScopes(graph, ptscope::ViewOptions{});
    useView(graph, first, text, false);
    if (documentOptions) {
        ptscope::ViewOptions options = *documentOptions;
        useView(graph, options, text, true);
        options.showConstants = !options.showConstants;
        options.collapsedScopes.insert(first.collapsedScopes.begin(), first.collapsedScopes.end());
        useView(graph, options, text, false);
    }
    return 0;
}
