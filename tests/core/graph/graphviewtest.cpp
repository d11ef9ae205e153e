// What is drawn: collapsing, folding constants, clusters per call, the first view's size, and
// the Graphviz layout and DOT made from it.

#include "ptscope/graph/graphdot.h"
#include "ptscope/graph/graphlayout.h"
#include "ptscope/graph/graphview.h"
#include "ptscope/load/model.h"
#include "loadedgraph.h"
#include "testsupport.h"

#include <gtest/gtest.h>

using namespace ptscope;
using namespace ptscope::test;

namespace {

bool under(const std::string& scope, const std::string& ancestor)
{
    return scope == ancestor || scope.rfind(ancestor + ".", 0) == 0;
}

TEST(GraphView, CollapsedModuleIsOneBoxWiredToItsNeighbours)
{
    Loaded l = load("resnet18_scripted.pt");
    l.options.collapsedScopes = {"layer1"};
    const GraphView view = buildGraphView(l.graph, l.options);
    int boxes = 0;
    int box = -1;
    for (size_t i = 0; i < view.items.size(); ++i) {
        const ViewItem& item = view.items[i];
        if (item.kind == ViewItemKind::Module) {
            ++boxes;
            box = static_cast<int>(i);
            EXPECT_EQ(item.scope, "layer1");
            EXPECT_GT(item.memberCount, 1);
        } else if (item.kind == ViewItemKind::Op) {
            EXPECT_FALSE(under(item.scope, "layer1")) << item.label;
        }
    }
    ASSERT_EQ(boxes, 1);
    int in = 0;
    int out = 0;
    for (const ViewEdge& e : view.edges) {
        in += e.to == box && !e.ordering;
        out += e.from == box && !e.ordering;
    }
    EXPECT_GE(in, 1);
    EXPECT_GE(out, 1);
    for (size_t n = 0; n < l.graph.nodes.size(); ++n)
        if (under(l.graph.nodes[n].scope, "layer1") && view.itemOfNode[n] >= 0)
            EXPECT_EQ(view.itemOfNode[n], box);
}

TEST(GraphView, ConstantsAreFoldedUnlessAskedFor)
{
    Loaded l = load("resnet18_scripted.pt");
    const GraphView folded = buildGraphView(l.graph, l.options);
    for (const ViewItem& item : folded.items)
        if (item.kind == ViewItemKind::Op)
            EXPECT_TRUE(l.graph.nodes[item.node].kind != "prim::Constant" &&
                        l.graph.nodes[item.node].kind != "prim::GetAttr");
    l.options.showConstants = true;
    const GraphView all = buildGraphView(l.graph, l.options);
    EXPECT_EQ(all.items.size(), l.graph.nodes.size() + 2); // + input x and output
}

TEST(GraphView, AModuleCalledTwiceGetsAClusterPerCall)
{
    const Loaded l = load("resnet18_scripted.pt");
    const GraphView view = buildGraphView(l.graph, l.options);
    int reluClusters = 0;
    for (const ViewCluster& c : view.clusters)
        reluClusters += c.kind == ClusterKind::Module && c.scope == "layer1.0.relu";
    EXPECT_EQ(reluClusters, 2); // BasicBlock applies self.relu twice
}

TEST(GraphView, FirstViewStaysSmallAndExpandsToEverything)
{
    for (const char* fixture : {"resnet18_scripted.pt", "transformer_scripted.pt"}) {
        Loaded l = load(fixture);
        const GraphView full = buildGraphView(l.graph, l.options);
        l.options.collapsedScopes = initialCollapsedScopes(l.graph, l.options);
        const GraphView first = buildGraphView(l.graph, l.options);
        EXPECT_LE(first.items.size(), 250u) << fixture;
        EXPECT_LT(first.items.size(), full.items.size()) << fixture;
        EXPECT_FALSE(l.options.collapsedScopes.empty());
    }
}

TEST(GraphView, BlocksAreNestedClustersInsideTheirModule)
{
    const Loaded l = load("branch_scripted.pt");
    const GraphView view = buildGraphView(l.graph, l.options);
    std::vector<std::string> blocks;
    for (const ViewCluster& c : view.clusters)
        if (c.kind == ClusterKind::Block)
            blocks.push_back(c.label);
    EXPECT_EQ(blocks, (std::vector<std::string>{"if: then", "if: else"}));
    for (const ViewCluster& c : view.clusters) {
        if (c.kind == ClusterKind::Module && c.scope == "a")
            EXPECT_EQ(view.clusters[c.parent].label, "if: then");
    }
}

bool inside(const LayoutRect& inner, const LayoutRect& outer)
{
    const double eps = 0.5;
    return inner.x >= outer.x - eps && inner.y >= outer.y - eps && inner.x + inner.width <= outer.x + outer.width + eps &&
           inner.y + inner.height <= outer.y + outer.height + eps;
}

TEST(GraphLayout, EveryBoxEdgeAndClusterIsPlaced)
{
    Loaded l = load("resnet18_scripted.pt");
    l.options.collapsedScopes = initialCollapsedScopes(l.graph, l.options);
    const GraphView view = buildGraphView(l.graph, l.options);
    const GraphLayout layout = layoutGraphView(l.graph, view);
    ASSERT_EQ(layout.items.size(), view.items.size());
    const LayoutRect all{0, 0, layout.width, layout.height};
    for (const LayoutRect& r : layout.items) {
        EXPECT_GT(r.width, 0);
        EXPECT_GT(r.height, 0);
        EXPECT_TRUE(inside(r, all));
    }
    for (size_t c = 0; c < view.clusters.size(); ++c)
        for (int item : view.clusters[c].items)
            EXPECT_TRUE(inside(layout.items[item], layout.clusters[c])) << view.clusters[c].label;
    for (size_t e = 0; e < view.edges.size(); ++e) {
        if (view.edges[e].ordering)
            continue;
        EXPECT_GE(layout.edges[e].path.size(), 4u);
        EXPECT_EQ((layout.edges[e].path.size() - 1) % 3, 0u);
    }
    // Top to bottom: the input above the output.
    EXPECT_LT(layout.items.front().y, layout.items.back().y);
}

TEST(GraphDot, SmallGraphsMatchGoldenFiles)
{
    for (const char* fixture : {"simplenet_scripted.pt", "branch_scripted.pt", "loop_scripted.pt"}) {
        const Loaded l = load(fixture);
        const std::string dot = graphViewToDot(l.graph, buildGraphView(l.graph, l.options));
        const std::string name = std::string(fixture).substr(0, std::string(fixture).find('.')) + ".dot";
        EXPECT_EQ(compareWithGolden(name, dot), "");
    }
}

TEST(GraphDot, RendersSvgAndPng)
{
    const Loaded l = load("simplenet_scripted.pt");
    const GraphView view = buildGraphView(l.graph, l.options);
    const std::string svg = renderGraphView(l.graph, view, "svg");
    EXPECT_NE(svg.find("<svg"), std::string::npos);
    EXPECT_NE(svg.find("linear"), std::string::npos);
    const std::string png = renderGraphView(l.graph, view, "png");
    ASSERT_GT(png.size(), 8u);
    EXPECT_EQ(png.substr(1, 3), "PNG");
}

} // namespace
