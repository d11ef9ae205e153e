#include "ptscope/graph/graphjson.h"
#include "ptscope/graph/graphlayout.h"
#include "io/jsontext.h"

#include <nlohmann/json.hpp>

namespace ptscope {

namespace {

using json = nlohmann::ordered_json;

json valueNames(const Graph& graph, const std::vector<int>& values)
{
    json names = json::array();
    for (int v : values)
        names.push_back(graph.values[v].name);
    return names;
}

json valueJson(const GraphValue& value)
{
    json j = {{"name", value.name}, {"type", value.type}};
    if (!value.shape.empty())
        j["shape"] = value.shape;
    if (!value.dtype.empty())
        j["dtype"] = value.dtype;
    return j;
}

json nodeJson(const Graph& graph, int id)
{
    const GraphNode& node = graph.nodes[id];
    json attributes = json::object();
    for (const NodeAttribute& a : node.attributes)
        attributes[a.name] = a.value;
    json block = nullptr;
    if (node.block != 0) {
        const GraphBlock& b = graph.blocks[node.block];
        const auto& siblings = graph.nodes[b.owner].blocks;
        const auto index = std::find(siblings.begin(), siblings.end(), node.block) - siblings.begin();
        block = {{"node", b.owner}, {"index", index}};
    }
    json j = {{"id", id},
              {"kind", node.kind},
              {"category", opCategoryId(node.category)},
              {"label", node.label},
              {"scope", node.scope},
              {"inputs", valueNames(graph, node.inputs)},
              {"outputs", valueNames(graph, node.outputs)},
              {"block", block}};
    if (!node.schema.empty())
        j["schema"] = node.schema;
    if (!attributes.empty())
        j["attributes"] = attributes;
    if (!node.source.file.empty() || !node.source.text.empty())
        j["source"] = {{"file", node.source.file}, {"line", node.source.line}, {"text", node.source.text}};
    return j;
}

} // namespace

std::string graphToJson(const Graph& graph)
{
    json nodes = json::array();
    for (size_t i = 0; i < graph.nodes.size(); ++i)
        nodes.push_back(nodeJson(graph, static_cast<int>(i)));

    json edges = json::array();
    for (size_t i = 0; i < graph.nodes.size(); ++i) {
        for (int v : graph.nodes[i].inputs) {
            const int from = graph.values[v].producer;
            if (from >= 0)
                edges.push_back({{"from", from}, {"to", i}, {"value", graph.values[v].name}});
        }
    }
    json values = json::array();
    for (const GraphValue& v : graph.values)
        values.push_back(valueJson(v));

    const GraphBlock& top = graph.blocks.front();
    json doc = {{"variant", graphVariantId(graph.variant)},
                {"node_count", graph.nodes.size()},
                {"inputs", valueNames(graph, top.inputs)},
                {"outputs", valueNames(graph, top.outputs)},
                {"nodes", nodes},
                {"edges", edges},
                {"values", values}};
    return jsonText(doc, 1);
}

} // namespace ptscope

namespace ptscope {

namespace {

const char* itemKindId(ViewItemKind kind)
{
    switch (kind) {
    case ViewItemKind::Op: return "op";
    case ViewItemKind::Module: return "module";
    case ViewItemKind::Input: return "input";
    case ViewItemKind::Output: return "output";
    }
    return "op";
}

} // namespace

namespace {

void addBox(json& j, const LayoutRect& r)
{
    j["x"] = r.x;
    j["y"] = r.y;
    j["width"] = r.width;
    j["height"] = r.height;
}

} // namespace

std::string graphViewToJson(const Graph& graph, const GraphView& view, const GraphLayout* layout)
{
    json nodes = json::array();
    for (size_t i = 0; i < view.items.size(); ++i) {
        const ViewItem& item = view.items[i];
        json j = {{"id", i}, {"type", itemKindId(item.kind)}, {"label", item.label}, {"scope", item.scope},
                  {"cluster", item.cluster >= 0 ? json(item.cluster) : json(nullptr)}};
        if (item.kind == ViewItemKind::Op) {
            j["kind"] = graph.nodes[item.node].kind;
            j["node"] = item.node;
            j["category"] = opCategoryId(item.category);
        } else if (item.kind == ViewItemKind::Module) {
            j["kind"] = "module";
            j["members"] = item.memberCount;
        }
        if (layout)
            addBox(j, layout->items[i]);
        nodes.push_back(j);
    }
    json edges = json::array();
    for (size_t i = 0; i < view.edges.size(); ++i) {
        const ViewEdge& e = view.edges[i];
        json j = {{"from", e.from}, {"to", e.to}, {"values", e.values}};
        if (!e.label.empty())
            j["label"] = e.label;
        if (e.backEdge)
            j["back"] = true;
        if (layout && !e.ordering) {
            json path = json::array();
            for (const LayoutPoint& p : layout->edges[i].path)
                path.push_back({p.x, p.y});
            j["path"] = path;
        }
        edges.push_back(j);
    }
    json clusters = json::array();
    for (size_t i = 0; i < view.clusters.size(); ++i) {
        const ViewCluster& c = view.clusters[i];
        json j = {{"id", i},
                  {"type", c.kind == ClusterKind::Module ? "module" : "block"},
                  {"scope", c.scope},
                  {"label", c.label},
                  {"parent", c.parent >= 0 ? json(c.parent) : json(nullptr)}};
        if (layout)
            addBox(j, layout->clusters[i]);
        clusters.push_back(j);
    }
    json doc = {{"variant", graphVariantId(graph.variant)}, {"node_count", graph.nodes.size()},
                {"nodes", nodes}, {"edges", edges}, {"clusters", clusters}};
    if (layout) {
        doc["width"] = layout->width;
        doc["height"] = layout->height;
    }
    return jsonText(doc, 1);
}

} // namespace ptscope
