// The documents the worker hands the window: everything survives the trip, and what a damaged
// or forged document says is refused before the window could index past anything.

#include "ptscope/common/error.h"
#include "ptscope/graph/graphview.h"
#include "ptscope/io/wire.h"
#include "ptscope/load/model.h"
#include "testsupport.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

using namespace ptscope;
using namespace ptscope::test;
using nlohmann::json;

namespace {

void expectProtocolError(const std::function<void()>& read, const std::string& words)
{
    try {
        read();
        ADD_FAILURE() << "accepted a document with " << words;
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::ProtocolError);
        EXPECT_NE(e.message().find(words), std::string::npos) << "expected \"" << words << "\": " << e.message();
    }
}

json graphDocument(const std::string& fixture)
{
    const Model model = Model::open(fixturePath(fixture));
    const Graph graph = extractGraph(model, GraphVariant::Inlined);
    return json::parse(graphVariantToWire(graph, summarizeVariant(graph, graph)));
}

TEST(Wire, AGraphSurvivesTheTripWhole)
{
    const Model model = Model::open(fixturePath("branch_scripted.pt"));
    const Graph graph = extractGraph(model, GraphVariant::Inlined);
    const GraphVariantWire back = graphVariantFromWire(graphVariantToWire(graph, summarizeVariant(graph, graph)));
    ASSERT_EQ(back.graph.nodes.size(), graph.nodes.size());
    // Written again, the copy is the same document: no field is lost or changed.
    EXPECT_EQ(graphVariantToWire(back.graph, back.summary), graphVariantToWire(graph, summarizeVariant(graph, graph)));
    // And it draws the same view.
    const GraphView a = buildGraphView(graph, {});
    const GraphView b = buildGraphView(back.graph, {});
    ASSERT_EQ(a.items.size(), b.items.size());
    for (size_t i = 0; i < a.items.size(); ++i)
        EXPECT_EQ(a.items[i].label, b.items[i].label);
    EXPECT_EQ(a.edges.size(), b.edges.size());
}

TEST(Wire, ModelInfoSurvivesTheTripWhole)
{
    const Model model = Model::open(fixturePath("nested_scripted.pt"));
    const std::string text = modelInfoToWire(model.info());
    const ModelInfo back = modelInfoFromWire(text);
    EXPECT_EQ(modelInfoToWire(back), text);
    EXPECT_EQ(back.modules.size(), model.info().modules.size());
    EXPECT_EQ(back.graphNodes, model.info().graphNodes);
}

TEST(Wire, ViewOptionsAndLayoutsSurviveTheTrip)
{
    ViewOptions options;
    options.collapsedScopes = {"layer1", "layer2.0"};
    options.showConstants = true;
    options.scopeTypes = {{"layer1", "Sequential"}};
    const ViewOptions back = viewOptionsFromWire(viewOptionsToWire(options));
    EXPECT_EQ(back.collapsedScopes, options.collapsedScopes);
    EXPECT_EQ(back.showConstants, true);
    EXPECT_EQ(back.scopeTypes, options.scopeTypes);

    GraphView view;
    view.items.resize(1);
    GraphLayout layout;
    layout.width = 1.0 / 3.0; // not a round number: doubles must come back exactly
    layout.items = {{0.1, 0.2, 54.000000000001, 36}};
    EXPECT_EQ(layoutFromWire(layoutToWire(layout), view).items[0].width, 54.000000000001);
    EXPECT_EQ(layoutFromWire(layoutToWire(layout), view).width, 1.0 / 3.0);
}

TEST(Wire, RefusesDamagedAndForgedDocuments)
{
    expectProtocolError([] { graphVariantFromWire("{\"graph\": [1, 2"); }, "not JSON");
    expectProtocolError([] { graphVariantFromWire("[]"); }, "without its graph");
    expectProtocolError([] { modelInfoFromWire("{}"); }, "wrong type or missing");

    const json good = graphDocument("loop_scripted.pt");
    ASSERT_NO_THROW(graphVariantFromWire(good.dump()));
    const auto forged = [&](const std::function<void(json&)>& edit, const std::string& words) {
        json doc = good;
        edit(doc);
        expectProtocolError([&] { graphVariantFromWire(doc.dump()); }, words);
    };
    forged([](json& d) { d["graph"]["nodes"][0]["inputs"] = {1000000}; }, "past the graph's values");
    forged([](json& d) { d["graph"]["nodes"][0]["inputs"] = {-1}; }, "past the graph's values");
    forged([](json& d) { d["graph"]["nodes"][0]["block"] = 99; }, "past the graph's blocks");
    forged([](json& d) { d["graph"]["values"][0]["users"] = {123456}; }, "past the graph's nodes");
    forged([](json& d) { d["graph"]["blocks"] = json::array(); }, "without its top block");
    forged([](json& d) { d["graph"]["nodes"][0]["category"] = 42; }, "enum value out of range");
    forged([](json& d) { d["graph"]["variant"] = -1; }, "enum value out of range");
    forged([](json& d) { d["graph"]["nodes"][0]["kind"] = 7; }, "wrong type");
    forged([](json& d) { d["graph"]["values"][0]["users"].push_back(0); }, "users are not the nodes");
    forged([](json& d) { d["graph"]["blocks"][0]["owner"] = 0; }, "top block has an owner");

    json info = json::parse(modelInfoToWire(Model::open(fixturePath("nested_scripted.pt")).info()));
    ASSERT_GE(info["modules"].size(), 2u);
    json cyclic = info;
    cyclic["modules"][1]["children"] = {1}; // a module its own child: the tree would never end
    expectProtocolError([&] { modelInfoFromWire(cyclic.dump()); }, "out of order");
    json twice = info;
    twice["modules"][0]["children"].push_back(twice["modules"][0]["children"][0]); // two rows, one module
    expectProtocolError([&] { modelInfoFromWire(twice.dump()); }, "not its parent");
    json deep = info;
    deep["modules"][1]["depth"] = 7;
    expectProtocolError([&] { modelInfoFromWire(deep.dump()); }, "parent's plus one");
    json fraction = info;
    fraction["modules"][1]["parent"] = 0.5;
    expectProtocolError([&] { modelInfoFromWire(fraction.dump()); }, "where an integer belongs");
    json orphan = info;
    orphan["modules"][1]["parent"] = 5000;
    expectProtocolError([&] { modelInfoFromWire(orphan.dump()); }, "not its parent");
    json rootless = info;
    rootless["modules"] = json::array();
    expectProtocolError([&] { modelInfoFromWire(rootless.dump()); }, "root module");

    GraphView view;
    view.items.resize(2);
    GraphLayout layout;
    layout.items.resize(1);
    expectProtocolError([&] { layoutFromWire(layoutToWire(layout), view); }, "another view");
    layout.items.resize(2);
    json nan = json::parse(layoutToWire(layout));
    nan["items"][1]["x"] = nullptr; // how JSON spells a NaN that was written anyway
    expectProtocolError([&] { layoutFromWire(nan.dump(), view); }, "wrong type");
}

} // namespace
