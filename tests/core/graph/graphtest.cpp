// The graph core against Python's own inlined graphs and against what the drawing must honour.

#include "ptscope/common/error.h"
#include "ptscope/graph/graph.h"
#include "ptscope/load/model.h"
#include "testsupport.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

using namespace ptscope;
using namespace ptscope::test;

namespace {

const char* const kGraphFixtures[] = {
    "simplenet_scripted.pt", "simplenet_traced.pt", "resnet18_scripted.pt", "branch_scripted.pt",
    "branch_traced.pt",      "loop_scripted.pt",    "multi_io_scripted.pt", "tied_scripted.pt",
    "nested_scripted.pt",    "transformer_scripted.pt",
};

class GraphKinds : public ::testing::TestWithParam<const char*>
{
};

TEST_P(GraphKinds, InlinedGraphHasPythonsNodes)
{
    const auto expected = expectedFor(GetParam());
    const Graph graph = extractGraph(Model::open(fixturePath(GetParam())), GraphVariant::Inlined);
    std::map<std::string, int64_t> kinds;
    for (const GraphNode& node : graph.nodes)
        ++kinds[node.kind];
    EXPECT_EQ(kinds, (expected["graph_node_kinds"].get<std::map<std::string, int64_t>>()));
    EXPECT_EQ(static_cast<int64_t>(graph.nodes.size()), expected["graph_nodes"].get<int64_t>());
}

INSTANTIATE_TEST_SUITE_P(Fixtures, GraphKinds, ::testing::ValuesIn(kGraphFixtures), [](const auto& info) {
    std::string name = info.param;
    return name.substr(0, name.find('.'));
});

std::map<std::string, std::string> moduleTypes(const Model& model)
{
    std::map<std::string, std::string> types;
    for (const ModuleInfo& m : model.info().modules)
        types[m.path] = m.shortType;
    return types;
}

// Every conv, batch norm and linear node sits in a module of that type, one module per call.
void expectOpsInTheirModules(const std::string& fixture)
{
    SCOPED_TRACE(fixture);
    const Model model = Model::open(fixturePath(fixture));
    const auto types = moduleTypes(model);
    const Graph graph = extractGraph(model, GraphVariant::Inlined);
    const std::map<std::string, std::string> moduleOf = {
        {"aten::conv2d", "Conv2d"}, {"aten::batch_norm", "BatchNorm2d"}, {"aten::linear", "Linear"}};
    std::map<std::string, std::set<std::string>> scopes;
    for (const GraphNode& node : graph.nodes) {
        const auto it = moduleOf.find(node.kind);
        if (it == moduleOf.end())
            continue;
        ASSERT_TRUE(types.count(node.scope)) << node.kind << " in unknown scope '" << node.scope << "'";
        EXPECT_EQ(types.at(node.scope), it->second) << node.kind << " in " << node.scope;
        scopes[node.kind].insert(node.scope);
    }
    for (const auto& [kind, type] : moduleOf) {
        size_t modules = 0;
        for (const auto& [path, t] : types)
            modules += t == type;
        EXPECT_EQ(scopes[kind].size(), modules) << kind;
    }
}

TEST(GraphScopes, OpsSitInTheModulesTheyCameFrom)
{
    expectOpsInTheirModules("resnet18_scripted.pt");
    expectOpsInTheirModules("nested_scripted.pt");
    expectOpsInTheirModules("simplenet_scripted.pt");
    expectOpsInTheirModules("simplenet_traced.pt");
    expectOpsInTheirModules("loop_scripted.pt"); // a ModuleList iterated in an unrolled loop
}

// Nodes LibTorch's inliner leaves without a call stack (side-effect ifs, block contents) still
// land in a module: only code written in the root module's own class may stay at the root.
TEST(GraphScopes, OnlyTheRootClassCodeStaysAtTheRoot)
{
    for (const char* fixture : {"resnet18_scripted.pt", "transformer_scripted.pt", "nested_scripted.pt"}) {
        const Model model = Model::open(fixturePath(fixture));
        const std::string& rootType = model.info().rootType;
        std::string rootFile = "code/" + rootType.substr(0, rootType.rfind('.')) + ".py";
        std::replace(rootFile.begin() + 5, rootFile.end() - 3, '.', '/');
        for (const GraphNode& node : extractGraph(model, GraphVariant::Inlined).nodes) {
            if (node.scope.empty() && !node.source.file.empty())
                EXPECT_EQ(node.source.file, rootFile) << fixture << ": " << node.kind << " " << node.source.text;
        }
    }
}

TEST(GraphScopes, NestedModulePathsAreQualified)
{
    const Graph graph = extractGraph(Model::open(fixturePath("nested_scripted.pt")), GraphVariant::Inlined);
    std::set<std::string> convScopes;
    for (const GraphNode& node : graph.nodes)
        if (node.kind == "aten::conv2d")
            convScopes.insert(node.scope);
    const Model model = Model::open(fixturePath("nested_scripted.pt"));
    std::set<std::string> convModules;
    for (const ModuleInfo& m : model.info().modules)
        if (m.shortType == "Conv2d")
            convModules.insert(m.path);
    EXPECT_EQ(convScopes, convModules);
    // Nested (tests/fixtures) calls its Sequential's Sub blocks, each with its own conv.
    EXPECT_TRUE(convScopes.count("block.0.conv") && convScopes.count("block.1.conv"));
}

TEST(GraphBlocks, IfKeepsBothArmsWhenScriptedAndOneWhenTraced)
{
    const Graph scripted = extractGraph(Model::open(fixturePath("branch_scripted.pt")), GraphVariant::Inlined);
    int ifs = 0;
    for (size_t i = 0; i < scripted.nodes.size(); ++i) {
        const GraphNode& node = scripted.nodes[i];
        if (node.kind != "prim::If")
            continue;
        ++ifs;
        ASSERT_EQ(node.blocks.size(), 2u);
        for (int b : node.blocks) {
            EXPECT_EQ(scripted.blocks[b].owner, static_cast<int>(i));
            for (int inner : scripted.blocks[b].nodes)
                EXPECT_EQ(scripted.nodes[inner].block, b);
        }
    }
    EXPECT_EQ(ifs, 1);
    const Graph traced = extractGraph(Model::open(fixturePath("branch_traced.pt")), GraphVariant::Inlined);
    for (const GraphNode& node : traced.nodes)
        EXPECT_NE(node.kind, "prim::If");
}

TEST(GraphNodes, CarrySchemaSourceAndFoldedConstants)
{
    const Graph graph = extractGraph(Model::open(fixturePath("resnet18_scripted.pt")), GraphVariant::Inlined);
    const GraphNode* conv = nullptr;
    for (const GraphNode& node : graph.nodes)
        if (node.kind == "aten::conv2d" && node.scope == "conv1")
            conv = &node;
    ASSERT_NE(conv, nullptr);
    EXPECT_NE(conv->schema.find("aten::conv2d(Tensor input, Tensor weight"), std::string::npos) << conv->schema;
    EXPECT_EQ(conv->category, OpCategory::ConvLinear);
    EXPECT_GT(conv->source.line, 0);
    EXPECT_NE(conv->source.file.find("conv.py"), std::string::npos);
    std::map<std::string, std::string> args;
    for (const NodeAttribute& a : conv->constantInputs)
        args[a.name] = a.value;
    EXPECT_EQ(args["stride"], "[2, 2]");
    EXPECT_EQ(args["padding"], "[3, 3]");
    EXPECT_NE(conv->label.find("conv2d"), std::string::npos);
}

TEST(GraphVariants, FreezingFoldsBatchNormAndShrinksTheGraph)
{
    const Model model = Model::open(fixturePath("resnet18_scripted.pt"));
    const Graph inlined = extractGraph(model, GraphVariant::Inlined);
    const Graph frozen = extractGraph(model, GraphVariant::Frozen);
    EXPECT_LT(frozen.nodes.size(), inlined.nodes.size());
    int batchNorms = 0;
    for (const GraphNode& node : frozen.nodes)
        batchNorms += node.kind == "aten::batch_norm";
    EXPECT_EQ(batchNorms, 0);
    const VariantSummary summary = summarizeVariant(inlined, frozen);
    EXPECT_EQ(summary.nodes, static_cast<int64_t>(frozen.nodes.size()));
    bool folded = false;
    for (const std::string& note : summary.notes)
        folded |= note.find("batch_norm folded") != std::string::npos;
    EXPECT_TRUE(folded);
    // The model itself is untouched: still training, still with batch norms.
    EXPECT_TRUE(model.info().training);
    EXPECT_EQ(extractGraph(model, GraphVariant::Inlined).nodes.size(), inlined.nodes.size());
}

TEST(GraphVariants, OptimizedAndAsSaved)
{
    const Model model = Model::open(fixturePath("resnet18_scripted.pt"));
    const Graph optimized = extractGraph(model, GraphVariant::Optimized);
    EXPECT_GT(optimized.nodes.size(), 0u);
    EXPECT_LT(optimized.nodes.size(), extractGraph(model, GraphVariant::Inlined).nodes.size());
    const Graph saved = extractGraph(model, GraphVariant::AsSaved);
    bool calls = false;
    for (const GraphNode& node : saved.nodes)
        calls |= node.kind == "prim::CallMethod";
    EXPECT_TRUE(calls);
}

TEST(GraphVariants, ModelWithoutForwardHasNoGraph)
{
    try {
        extractGraph(Model::open(fixturePath("lstm_scripted.pt")), GraphVariant::Inlined);
        FAIL();
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::NoSuchMethod);
    }
}

TEST(GraphVariants, ParseAndNameAgree)
{
    for (GraphVariant v : {GraphVariant::AsSaved, GraphVariant::Inlined, GraphVariant::Frozen, GraphVariant::Optimized})
        EXPECT_EQ(parseGraphVariant(graphVariantId(v)), v);
    EXPECT_FALSE(parseGraphVariant("fast").has_value());
}

} // namespace

namespace {

TEST(GraphVariants, AsSavedSummaryClaimsNoFolding)
{
    const Model model = Model::open(fixturePath("resnet18_scripted.pt"));
    const VariantSummary summary =
        summarizeVariant(extractGraph(model, GraphVariant::Inlined), extractGraph(model, GraphVariant::AsSaved));
    EXPECT_TRUE(summary.notes.empty());
    EXPECT_LT(summary.nodes, summary.inlinedNodes);
}

} // namespace
