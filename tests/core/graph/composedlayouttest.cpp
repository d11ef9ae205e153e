// The composed layout (each expanded scope laid out on its own, then put together): on every
// fixture model and view no two boxes overlap and every box is inside its scope's frame; pieces of
// the same content are laid out once; an expand lays out only that scope and its ancestors, and
// moves nothing inside the other scopes; cancel lands between pieces; a piece Graphviz fails on,
// or one too big for it, is placed simply and said so; exports draw the same picture.

#include "ptscope/common/error.h"
#include "ptscope/graph/graphjson.h"
#include "ptscope/graph/graphlayout.h"
#include "ptscope/graph/graphview.h"
#include "ptscope/load/model.h"
#include "loadedgraph.h"
#include "testsupport.h"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <tuple>

using namespace ptscope;
using namespace ptscope::test;

namespace {

// Every model the fixture scripts make that has a forward graph (what Python saw, in its
// expected file) and opens without an operator library.
std::vector<std::string> fixtureModels()
{
    std::vector<std::string> out;
    // The document is held by name: a range-for over a member of a temporary reads freed memory.
    const auto manifest = readJson(fixturePath("manifest.json"));
    for (const auto& name : manifest["good"])
        if (name != "nms_scripted.pt" && expectedFor(name)["has_forward"].get<bool>())
            out.push_back(name);
    for (const auto& entry : std::filesystem::directory_iterator(fixturePath("compare")))
        if (entry.path().extension() == ".pt")
            out.push_back("compare/" + entry.path().filename().string());
    std::sort(out.begin(), out.end());
    return out;
}

bool inside(const LayoutRect& inner, const LayoutRect& outer)
{
    const double eps = 0.01;
    return inner.x >= outer.x - eps && inner.y >= outer.y - eps && inner.x + inner.width <= outer.x + outer.width + eps &&
           inner.y + inner.height <= outer.y + outer.height + eps;
}

bool overlap(const LayoutRect& a, const LayoutRect& b)
{
    const double eps = 0.01;
    return a.x + eps < b.x + b.width && b.x + eps < a.x + a.width && a.y + eps < b.y + b.height &&
           b.y + eps < a.y + a.height;
}

// Boxes and frames: each inside the frames of its scopes, apart from everything else.
void expectNested(const GraphView& view, const GraphLayout& layout, const std::string& what)
{
    SCOPED_TRACE(what);
    struct Shape
    {
        LayoutRect rect;
        std::vector<int> chain; // enclosing clusters, innermost first
        int cluster = -1;       // the cluster itself, for frames
        std::string name;
    };
    const auto chainOf = [&](int cluster) {
        std::vector<int> chain;
        for (int c = cluster; c >= 0; c = view.clusters[c].parent)
            chain.push_back(c);
        return chain;
    };
    std::vector<Shape> shapes;
    for (size_t i = 0; i < view.items.size(); ++i)
        shapes.push_back({layout.items[i], chainOf(view.items[i].cluster), -1, "box " + view.items[i].label});
    for (size_t c = 0; c < view.clusters.size(); ++c)
        shapes.push_back({layout.clusters[c], chainOf(view.clusters[c].parent), static_cast<int>(c),
                          "frame " + view.clusters[c].label});
    const LayoutRect all{0, 0, layout.width, layout.height};
    int failures = 0;
    for (const Shape& s : shapes) {
        EXPECT_GT(s.rect.width, 0) << s.name;
        EXPECT_TRUE(inside(s.rect, all)) << s.name;
        for (int c : s.chain)
            if (!inside(s.rect, layout.clusters[c]) && ++failures < 5)
                ADD_FAILURE() << s.name << " outside frame " << view.clusters[c].label;
    }
    for (size_t a = 0; a < shapes.size(); ++a)
        for (size_t b = a + 1; b < shapes.size(); ++b) {
            const auto inChain = [](const Shape& s, int c) {
                return c >= 0 && std::find(s.chain.begin(), s.chain.end(), c) != s.chain.end();
            };
            if (inChain(shapes[a], shapes[b].cluster) || inChain(shapes[b], shapes[a].cluster))
                continue; // one holds the other
            if (overlap(shapes[a].rect, shapes[b].rect) && ++failures < 5)
                ADD_FAILURE() << shapes[a].name << " overlaps " << shapes[b].name;
        }
    EXPECT_EQ(failures, 0);
    for (size_t e = 0; e < view.edges.size(); ++e) {
        if (view.edges[e].ordering || view.edges[e].from == view.edges[e].to)
            continue;
        ASSERT_GE(layout.edges[e].path.size(), 4u) << "edge " << e;
        EXPECT_EQ((layout.edges[e].path.size() - 1) % 3, 0u);
    }
}

TEST(ComposedLayout, NoBoxOverlapsAndEveryBoxIsInsideItsFramesOnEveryFixture)
{
    const std::vector<std::string> models = fixtureModels();
    ASSERT_GE(models.size(), 20u);
    for (const std::string& fixture : models) {
        Loaded l = load(fixture);
        LayoutCache cache;
        LayoutOptions options;
        options.cache = &cache;
        ViewOptions view = l.options;
        view.collapsedScopes = initialCollapsedScopes(l.graph, view);
        const GraphView first = buildGraphView(l.graph, view);
        expectNested(first, layoutGraphView(l.graph, first, options), fixture + " first view");
        view.collapsedScopes.clear();
        const GraphView all = buildGraphView(l.graph, view);
        expectNested(all, layoutGraphView(l.graph, all, options), fixture + " expanded");
        view.showConstants = true;
        const GraphView constants = buildGraphView(l.graph, view);
        expectNested(constants, layoutGraphView(l.graph, constants, options), fixture + " constants");
    }
}

TEST(ComposedLayout, EveryVariantIsNested)
{
    for (GraphVariant variant : {GraphVariant::AsSaved, GraphVariant::Frozen, GraphVariant::Optimized}) {
        Loaded l = load("resnet18_scripted.pt", variant);
        const GraphView view = buildGraphView(l.graph, l.options);
        expectNested(view, layoutGraphView(l.graph, view), graphVariantId(variant));
    }
}

TEST(ComposedLayout, ScopesOfTheSameStructureAreLaidOutOnce)
{
    Loaded l = load("resnet18_scripted.pt");
    const GraphView view = buildGraphView(l.graph, l.options); // everything expanded
    LayoutCache cache;
    LayoutOptions options;
    options.cache = &cache;
    const GraphLayout first = layoutGraphView(l.graph, view, options);
    EXPECT_EQ(first.pieces, static_cast<int>(view.clusters.size()) + 1);
    // 20 batch norms, 8 basic blocks...: far fewer distinct pieces than scopes.
    EXPECT_LT(first.piecesLaidOut * 2, first.pieces) << first.piecesLaidOut << " of " << first.pieces;
    EXPECT_EQ(first.piecesSimple, 0);
    const size_t hits = cache.hits();
    const GraphLayout again = layoutGraphView(l.graph, view, options);
    EXPECT_EQ(again.piecesLaidOut, 0);
    EXPECT_EQ(cache.hits(), hits + static_cast<size_t>(again.pieces));
    ASSERT_EQ(again.items.size(), first.items.size());
    for (size_t i = 0; i < first.items.size(); ++i) {
        EXPECT_DOUBLE_EQ(again.items[i].x, first.items[i].x);
        EXPECT_DOUBLE_EQ(again.items[i].y, first.items[i].y);
    }
    // Two layer1 blocks with the same structure: the same picture inside their frames.
    const auto frameOf = [&](const std::string& scope) {
        for (size_t c = 0; c < view.clusters.size(); ++c)
            if (view.clusters[c].kind == ClusterKind::Module && view.clusters[c].scope == scope)
                return first.clusters[c];
        ADD_FAILURE() << scope;
        return LayoutRect{};
    };
    EXPECT_DOUBLE_EQ(frameOf("layer1.0").width, frameOf("layer1.1").width);
    EXPECT_DOUBLE_EQ(frameOf("layer1.0").height, frameOf("layer1.1").height);
}

// Where each op sits inside the frame of every enclosing scope, by graph node and scope.
std::map<std::tuple<int, std::string, int>, std::pair<double, double>> relativePositions(const GraphView& view,
                                                                                         const GraphLayout& layout)
{
    std::map<std::tuple<int, std::string, int>, std::pair<double, double>> out;
    for (size_t i = 0; i < view.items.size(); ++i) {
        if (view.items[i].kind != ViewItemKind::Op)
            continue;
        for (int c = view.items[i].cluster; c >= 0; c = view.clusters[c].parent)
            out[{view.items[i].node, view.clusters[c].scope, view.clusters[c].block}] = {
                layout.items[i].x - layout.clusters[c].x, layout.items[i].y - layout.clusters[c].y};
    }
    return out;
}

TEST(ComposedLayout, AnExpandLaysOutOnlyThatScopeAndItsAncestorsAndMovesNothingElse)
{
    Loaded l = load("resnet18_scripted.pt");
    LayoutCache cache;
    LayoutOptions options;
    options.cache = &cache;
    ViewOptions collapsed = l.options;
    collapsed.collapsedScopes = {"layer2.1"};
    const GraphView before = buildGraphView(l.graph, collapsed);
    const GraphLayout a = layoutGraphView(l.graph, before, options);
    const GraphView after = buildGraphView(l.graph, l.options);
    const GraphLayout b = layoutGraphView(l.graph, after, options);
    // At most layer2.1, layer2 and the top level: layer2.1's insides are like layer3.1's, which were
    // laid out already, and so may layer2.1 itself and layer2 be.
    EXPECT_LE(b.piecesLaidOut, 3) << b.piecesLaidOut;
    EXPECT_GE(b.piecesLaidOut, 1);

    const auto pa = relativePositions(before, a);
    const auto pb = relativePositions(after, b);
    int compared = 0;
    for (const auto& [key, position] : pa) {
        const std::string& scope = std::get<1>(key);
        if (scope == "layer2" || scope.empty())
            continue; // the ancestors: laid out again
        const auto it = pb.find(key);
        ASSERT_NE(it, pb.end()) << scope;
        EXPECT_NEAR(it->second.first, position.first, 1e-6) << scope;
        EXPECT_NEAR(it->second.second, position.second, 1e-6) << scope;
        ++compared;
    }
    EXPECT_GT(compared, 100);
}

TEST(ComposedLayout, CancelLandsBetweenPieces)
{
    Loaded l = load("resnet18_scripted.pt");
    const GraphView view = buildGraphView(l.graph, l.options);
    LayoutOptions options;
    int laidOut = 0;
    std::chrono::steady_clock::time_point cancelledAt;
    options.failPiece = [&](int) {
        if (++laidOut == 3) {
            options.cancel.cancel();
            cancelledAt = std::chrono::steady_clock::now();
        }
        return false;
    };
    try {
        layoutGraphView(l.graph, view, options);
        FAIL() << "not cancelled";
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::Cancelled);
    }
    EXPECT_EQ(laidOut, 3); // the piece being laid out finishes, no other starts
    EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - cancelledAt).count(), 0.2);
}

TEST(ComposedLayout, APieceGraphvizFailsOnIsReportedAndPlacedSimply)
{
    Loaded l = load("resnet18_scripted.pt");
    const GraphView view = buildGraphView(l.graph, l.options);
    int layer1 = -1;
    for (size_t c = 0; c < view.clusters.size(); ++c)
        if (view.clusters[c].scope == "layer1" && view.clusters[c].kind == ClusterKind::Module)
            layer1 = static_cast<int>(c);
    ASSERT_GE(layer1, 0);
    LayoutOptions options;
    options.failPiece = [&](int cluster) { return cluster == layer1; };
    const GraphLayout layout = layoutGraphView(l.graph, view, options);
    EXPECT_EQ(layout.piecesSimple, 1);
    ASSERT_EQ(layout.notes.size(), 1u);
    EXPECT_NE(layout.notes[0].find("Graphviz failed on '" + view.clusters[layer1].label + "'"), std::string::npos)
        << layout.notes[0];
    expectNested(view, layout, "layer1 placed simply");
    // Its blocks side by side or one below the other, and the rest as Graphviz lays it out.
    const GraphLayout normal = layoutGraphView(l.graph, view);
    EXPECT_TRUE(normal.notes.empty());
    EXPECT_EQ(normal.piecesSimple, 0);
}

TEST(ComposedLayout, APieceTooBigForGraphvizIsPlacedSimply)
{
    Loaded l = load("compare/mobilenet_v3_small_traced.pt");
    const GraphView view = buildGraphView(l.graph, l.options);
    LayoutOptions options;
    options.maxPieceNodes = 6;
    const GraphLayout layout = layoutGraphView(l.graph, view, options);
    EXPECT_GE(layout.piecesSimple, 1);
    ASSERT_FALSE(layout.notes.empty());
    EXPECT_NE(layout.notes[0].find("Too big for one Graphviz layout"), std::string::npos) << layout.notes[0];
    expectNested(view, layout, "placed simply");
}

TEST(ComposedLayout, TheCliDrawsTheComposedLayout)
{
    Loaded l = load("resnet18_scripted.pt");
    ViewOptions options = l.options;
    options.collapsedScopes = scopesBelowDepth(l.graph, 1);
    const GraphView view = buildGraphView(l.graph, options);
    const GraphLayout layout = layoutGraphView(l.graph, view);
    const CliResult json = runCli({"graph", fixturePath("resnet18_scripted.pt"), "--depth", "1", "--format", "json"});
    ASSERT_EQ(json.exitCode, 0) << json.err;
    const nlohmann::json doc = nlohmann::json::parse(json.out);
    ASSERT_EQ(doc["nodes"].size(), view.items.size());
    ASSERT_EQ(doc["clusters"].size(), view.clusters.size());
    EXPECT_DOUBLE_EQ(doc["width"].get<double>(), layout.width);
    for (size_t i = 0; i < view.items.size(); ++i) {
        EXPECT_DOUBLE_EQ(doc["nodes"][i]["x"].get<double>(), layout.items[i].x);
        EXPECT_DOUBLE_EQ(doc["nodes"][i]["y"].get<double>(), layout.items[i].y);
        EXPECT_DOUBLE_EQ(doc["nodes"][i]["width"].get<double>(), layout.items[i].width);
        EXPECT_DOUBLE_EQ(doc["nodes"][i]["height"].get<double>(), layout.items[i].height);
    }
    for (size_t c = 0; c < view.clusters.size(); ++c)
        EXPECT_DOUBLE_EQ(doc["clusters"][c]["y"].get<double>(), layout.clusters[c].y);

    // The SVG's boxes where the layout has them (Graphviz's y grows upwards, from the height).
    const CliResult svg = runCli({"graph", fixturePath("resnet18_scripted.pt"), "--depth", "1", "--format", "svg"});
    ASSERT_EQ(svg.exitCode, 0) << svg.err;
    for (size_t c = 0; c < view.clusters.size(); ++c)
        EXPECT_NE(svg.out.find(">" + view.clusters[c].label + "</text>"), std::string::npos) << view.clusters[c].label;
    const std::string size = "viewBox=\"0.00 0.00 " + std::to_string(static_cast<int>(std::lround(layout.width)));
    EXPECT_NE(svg.out.find(size), std::string::npos) << svg.out.substr(0, 400);
}

} // namespace
