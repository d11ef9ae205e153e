// The worker's inspection requests (graph, layout, render, source, open's info_file): what the
// window asks for instead of running LibTorch and Graphviz itself. Each answer is checked against
// the engine's own result in this process, read back through the window's readers.

#include "ptscope/common/error.h"
#include "ptscope/graph/graphlayout.h"
#include "ptscope/graph/graphview.h"
#include "ptscope/io/wire.h"
#include "ptscope/load/model.h"
#include "runcases.h"
#include "workerprocess.h"

#include <gtest/gtest.h>

using namespace ptscope;
using namespace ptscope::test;

namespace {

json viewJson(const ViewOptions& options)
{
    return json::parse(viewOptionsToWire(options));
}

ViewOptions firstView(const Graph& graph, const ModelInfo& info)
{
    ViewOptions options;
    for (const ModuleInfo& module : info.modules)
        options.scopeTypes[module.path] = module.shortType;
    options.collapsedScopes = initialCollapsedScopes(graph, options);
    return options;
}

TEST(WorkerInspect, WhatTheWindowReadsIsWhatTheEngineMade)
{
    const TempFolder folder("workerinspect");
    const std::string model = fixturePath("resnet18_scripted.pt");
    Worker w;
    w.next();
    json open = openRequest(1, "resnet18_scripted.pt");
    open["info_file"] = folder.file("info.json");
    const json opened = w.request(open);
    ASSERT_EQ(opened["ok"], true) << opened;
    EXPECT_EQ(opened["result"]["info_file"], folder.file("info.json"));

    const Model local = Model::open(model);
    const ModelInfo info = modelInfoFromWire(readFile(folder.file("info.json")));
    ASSERT_EQ(info.modules.size(), local.info().modules.size());
    EXPECT_EQ(info.numParameters, local.info().numParameters);
    EXPECT_EQ(info.graphNodes, local.info().graphNodes);
    for (size_t i = 0; i < info.modules.size(); ++i) {
        EXPECT_EQ(info.modules[i].path, local.info().modules[i].path);
        EXPECT_EQ(info.modules[i].code, local.info().modules[i].code);
        EXPECT_EQ(info.modules[i].children, local.info().modules[i].children);
        EXPECT_EQ(info.modules[i].parameters.size(), local.info().modules[i].parameters.size());
    }

    for (const GraphVariant variant : {GraphVariant::Inlined, GraphVariant::Frozen}) {
        const std::string file = folder.file(std::string("graph-") + graphVariantId(variant) + ".json");
        const json g = w.request({{"id", 2}, {"cmd", "graph"}, {"variant", graphVariantId(variant)}, {"output_file", file}});
        ASSERT_EQ(g["ok"], true) << g;
        const GraphVariantWire wire = graphVariantFromWire(readFile(file));
        const Graph expected = extractGraph(local, variant);
        ASSERT_EQ(wire.graph.nodes.size(), expected.nodes.size());
        EXPECT_EQ(g["result"]["nodes"], expected.nodes.size());
        EXPECT_EQ(wire.graph.values.size(), expected.values.size());
        EXPECT_EQ(wire.graph.text, expected.text);
        for (size_t i = 0; i < expected.nodes.size(); ++i) {
            EXPECT_EQ(wire.graph.nodes[i].kind, expected.nodes[i].kind);
            EXPECT_EQ(wire.graph.nodes[i].scope, expected.nodes[i].scope);
            EXPECT_EQ(wire.graph.nodes[i].inputs, expected.nodes[i].inputs);
            EXPECT_EQ(wire.graph.nodes[i].category, expected.nodes[i].category);
        }
        EXPECT_EQ(wire.summary.variant, variant);
        EXPECT_EQ(wire.summary.nodes, summarizeVariant(extractGraph(local, GraphVariant::Inlined), expected).nodes);
        if (variant == GraphVariant::Frozen)
            EXPECT_LT(wire.summary.nodes, wire.summary.inlinedNodes); // batch norms folded

        // The window builds the view itself and takes the worker's boxes by index: they must be
        // where Graphviz puts them for the same view here.
        const ViewOptions options = firstView(wire.graph, info);
        const std::string layoutFile = folder.file("layout.json");
        const json l = w.request({{"id", 3},
                                  {"cmd", "layout"},
                                  {"variant", graphVariantId(variant)},
                                  {"view", viewJson(options)},
                                  {"output_file", layoutFile}});
        ASSERT_EQ(l["ok"], true) << l;
        const GraphView view = buildGraphView(wire.graph, options);
        const GraphLayout layout = layoutFromWire(readFile(layoutFile), view);
        EXPECT_EQ(l["result"]["items"], view.items.size());
        // Where dot puts the boxes can vary from one call to the next even in one process (it
        // keeps state between layouts), but every box's size follows from its label alone.
        const GraphLayout here = layoutGraphView(expected, buildGraphView(expected, options));
        ASSERT_EQ(layout.items.size(), here.items.size());
        for (size_t i = 0; i < here.items.size(); ++i) {
            EXPECT_DOUBLE_EQ(layout.items[i].width, here.items[i].width) << i;
            EXPECT_DOUBLE_EQ(layout.items[i].height, here.items[i].height) << i;
            EXPECT_GE(layout.items[i].x, 0) << i;
            EXPECT_LE(layout.items[i].x + layout.items[i].width, layout.width + 1e-6) << i;
            EXPECT_LE(layout.items[i].y + layout.items[i].height, layout.height + 1e-6) << i;
        }
        EXPECT_EQ(layout.edges.size(), here.edges.size());
        EXPECT_EQ(layout.clusters.size(), here.clusters.size());

        // A layout of another view is refused, not drawn wrong.
        ViewOptions expanded = options;
        expanded.collapsedScopes.clear();
        EXPECT_THROW(layoutFromWire(readFile(layoutFile), buildGraphView(wire.graph, expanded)), Error);
    }

    const json source = w.request({{"id", 4}, {"cmd", "source"}, {"record", "code/__torch__/torch/nn/modules/conv.py"}});
    ASSERT_EQ(source["ok"], true) << source;
    EXPECT_NE(source["result"]["text"].get<std::string>().find("conv2d"), std::string::npos);
    const json missing = w.request({{"id", 5}, {"cmd", "source"}, {"record", "code/no/such.py"}});
    EXPECT_EQ(missing["error"]["kind"], "invalid-argument") << missing;
}

TEST(WorkerInspect, RendersSvgPngAndDot)
{
    const TempFolder folder("workerrender");
    Worker w;
    w.next();
    ASSERT_EQ(w.request(openRequest(1, "branch_scripted.pt"))["ok"], true);
    ViewOptions options;
    for (const auto& [format, magic] : std::vector<std::pair<std::string, std::string>>{
             {"svg", "<svg"}, {"png", "\x89PNG"}, {"dot", "digraph"}}) {
        const std::string file = folder.file("view." + format);
        const json r = w.request({{"id", 2},
                                  {"cmd", "render"},
                                  {"variant", "inlined"},
                                  {"format", format},
                                  {"view", viewJson(options)},
                                  {"output_file", file}});
        ASSERT_EQ(r["ok"], true) << r;
        EXPECT_NE(readFile(file).find(magic), std::string::npos) << format;
    }
    const json bad = w.request({{"id", 3},
                                {"cmd", "render"},
                                {"format", "gif"},
                                {"view", viewJson(options)},
                                {"output_file", folder.file("view.gif")}});
    EXPECT_EQ(bad["error"]["kind"], "protocol-error");
}

TEST(WorkerInspect, AnInspectionSeesTheModelOpenedBeforeIt)
{
    const TempFolder folder("workerbarrier");
    Worker w;
    w.next();
    // Sent back to back, without waiting: the graph must be the one of the model opened last.
    for (const std::string& fixture : {"resnet18_scripted.pt", "simplenet_scripted.pt", "branch_scripted.pt"}) {
        w.send(openRequest(1, fixture));
        w.send({{"id", 2}, {"cmd", "graph"}, {"output_file", folder.file("g.json")}});
        const json opened = w.reply(1);
        ASSERT_EQ(opened["ok"], true) << opened;
        const json g = w.reply(2);
        ASSERT_EQ(g["ok"], true) << g;
        EXPECT_EQ(g["result"]["nodes"], extractGraph(Model::open(fixturePath(fixture)), GraphVariant::Inlined).nodes.size())
            << fixture;
    }
}

TEST(WorkerInspect, InspectionsAreAnsweredWhileARunGoesOn)
{
    Worker w;
    w.next();
    ASSERT_EQ(w.request(openRequest(1, "run/spin_scripted.pt"))["ok"], true);
    w.send({{"id", 2}, {"cmd", "run"}, {"inputs", {"float32[4]", "int:2000"}}, {"repeat", 1000000}, {"warmup", 0}});
    EXPECT_EQ(w.next()["event"], "progress"); // the run is going
    w.send({{"id", 3}, {"cmd", "source"}, {"record", "code/__torch__.py"}});
    json line;
    do
        line = w.next();
    while (!line.is_null() && !line.contains("ok"));
    ASSERT_FALSE(line.is_null());
    EXPECT_EQ(line["id"], 3) << "the source came only after the run: " << line;
    EXPECT_EQ(line["ok"], true) << line;
    w.send({{"id", 4}, {"cmd", "cancel"}});
    EXPECT_EQ(w.reply(2)["error"]["kind"], "cancelled");
}

TEST(WorkerInspect, BadInspectionsGetErrorReplies)
{
    const TempFolder folder("workerbad");
    Worker w;
    w.next();
    const json none = w.request({{"id", 1}, {"cmd", "graph"}, {"output_file", folder.file("g.json")}});
    EXPECT_EQ(none["error"]["kind"], "protocol-error") << none; // no model yet
    ASSERT_EQ(w.request(openRequest(2, "lstm_scripted.pt"))["ok"], true);
    const json noForward = w.request({{"id", 3}, {"cmd", "graph"}, {"output_file", folder.file("g.json")}});
    EXPECT_EQ(noForward["error"]["kind"], "no-such-method") << noForward;
    ASSERT_EQ(w.request(openRequest(4, "simplenet_scripted.pt"))["ok"], true);
    for (const json& view : {json(nullptr), json(3), json{{"collapsedScopes", "fc1"}}}) {
        const json r = w.request(
            {{"id", 5}, {"cmd", "layout"}, {"view", view}, {"output_file", folder.file("l.json")}});
        EXPECT_EQ(r["error"]["kind"], "protocol-error") << r;
    }
    const json noFile = w.request({{"id", 6}, {"cmd", "graph"}});
    EXPECT_EQ(noFile["error"]["kind"], "protocol-error") << noFile;
    const json variant = w.request({{"id", 7}, {"cmd", "graph"}, {"variant", "fast"}, {"output_file", "x"}});
    EXPECT_EQ(variant["error"]["kind"], "protocol-error") << variant;
    EXPECT_EQ(w.request({{"id", 8}, {"cmd", "ping"}})["result"]["protocol"], 2);
}

} // namespace
