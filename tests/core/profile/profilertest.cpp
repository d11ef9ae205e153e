// What a profile measures beyond equal outputs: loops' calls and inclusive times, FLOPs and bytes
// against hand-computed values (and torchvision's published resnet18 count), memory, groups,
// graph variants, LibTorch's own events, options that do not fit, and cancelling.

#include "ptscope/common/error.h"
#include "ptscope/graph/graph.h"
#include "ptscope/load/model.h"
#include "ptscope/profile/profiler.h"
#include "ptscope/run/inputspec.h"
#include "runcases.h"
#include "testsupport.h"

#include <algorithm>
#include <cmath>
#include <gtest/gtest.h>
#include <numeric>

using namespace ptscope;
using namespace ptscope::test;

namespace {

ProfileOptions quick(int runs = 3)
{
    ProfileOptions options;
    options.threads = 1;
    options.warmup = 2;
    options.runs = runs;
    options.forwardRuns = 2;
    return options;
}

std::vector<const NodeProfile*> nodesOf(const ProfileResult& r, const std::string& kind, const std::string& scope)
{
    std::vector<const NodeProfile*> found;
    for (const NodeProfile& n : r.nodes)
        if (n.kind == kind && n.scope == scope)
            found.push_back(&n);
    return found;
}

const NodeProfile& onlyNode(const ProfileResult& r, const std::string& kind, const std::string& scope)
{
    const auto found = nodesOf(r, kind, scope);
    if (found.size() != 1)
        throw std::runtime_error(std::to_string(found.size()) + " nodes " + kind + " in '" + scope + "'");
    return *found.front();
}

const GroupProfile* group(const std::vector<GroupProfile>& groups, const std::string& key)
{
    for (const GroupProfile& g : groups)
        if (g.key == key)
            return &g;
    return nullptr;
}

// resnet18 at 224x224 is profiled once for the tests that need a big model.
const ProfileResult& resnet18At224()
{
    static const ProfileResult result = [] {
        const Model model = Model::open(fixturePath("resnet18_scripted.pt"));
        ProfileOptions options = quick(3);
        return profileModel(model, specInputs({"float32[1,3,224,224]:randn"}, 1), options);
    }();
    return result;
}

TEST(Profiler, LinearFlopsAndBytesAreHandComputed)
{
    const Model model = Model::open(fixturePath("simplenet_scripted.pt"));
    const ProfileResult r = profileModel(model, specInputs({"float32[3,10]:randn"}), quick());
    ASSERT_TRUE(r.nodeLevel) << r.fallbackReason;
    // fc1 = Linear(10, 5) on 3 rows: 3*5 dot products of 10 multiply-adds, plus the bias.
    const NodeProfile& fc1 = onlyNode(r, "aten::linear", "fc1");
    EXPECT_TRUE(fc1.hasFlopFormula);
    EXPECT_DOUBLE_EQ(fc1.flops, 2.0 * 3 * 5 * 10 + 3 * 5);
    EXPECT_DOUBLE_EQ(fc1.bytesRead, (3 * 10 + 5 * 10 + 5) * 4.0);
    EXPECT_DOUBLE_EQ(fc1.bytesWritten, 3 * 5 * 4.0);
    ASSERT_EQ(fc1.outputs.size(), 1u);
    EXPECT_EQ(fc1.outputs[0].shape, (std::vector<int64_t>{3, 5}));
    EXPECT_EQ(fc1.outputs[0].dtype, "float32");
    EXPECT_EQ(fc1.outputs[0].bytes, 60);
    const NodeProfile& fc2 = onlyNode(r, "aten::linear", "fc2");
    EXPECT_DOUBLE_EQ(fc2.flops, 2.0 * 3 * 2 * 5 + 3 * 2);
    EXPECT_EQ(onlyNode(r, "aten::relu", "").flops, 3 * 5);

    // Parameters: 10*5 + 5 + 5*2 + 2 floats; the input: 3*10 floats.
    EXPECT_EQ(r.memory.parameterBytes, (50 + 5 + 10 + 2) * 4);
    EXPECT_EQ(r.memory.inputBytes, 30 * 4);
    // Each value is freed after its last use: fc1's output goes once relu has read it, so at most
    // one 3x5 float tensor is alive after any node; the returned output is the caller's.
    EXPECT_EQ(r.memory.peakActivationBytes, 60);
    EXPECT_EQ(r.memory.curve.front().activationBytes, 0);
    EXPECT_EQ(r.memory.curve.back().activationBytes, 0);
}

TEST(Profiler, ResnetFlopsMatchTorchvisionsCount)
{
    const ProfileResult& r = resnet18At224();
    ASSERT_TRUE(r.nodeLevel) << r.fallbackReason;
    double macs = 0;
    int convs = 0;
    for (const NodeProfile& n : r.nodes) {
        if (n.kind == "aten::conv2d" || n.kind == "aten::_convolution")
            ++convs;
        if (n.kind == "aten::conv2d" || n.kind == "aten::_convolution" || n.kind == "aten::linear")
            macs += n.flops * static_cast<double>(n.calls) / 2.0;
    }
    EXPECT_EQ(convs, 20);
    // torchvision documents 1.81 GFLOPS (multiply-adds) for resnet18; the fc bias adds 500.
    EXPECT_NEAR(macs / 1e9, 1.814, 0.01);
    // Every heavy node has a formula.
    for (const NodeProfile& n : r.nodes)
        if (n.kind == "aten::conv2d" || n.kind == "aten::batch_norm" || n.kind == "aten::relu_" ||
            n.kind == "aten::add_" || n.kind == "aten::max_pool2d")
            EXPECT_TRUE(n.hasFlopFormula) << n.kind;
}

TEST(Profiler, GroupsAddUpToTheLeafNodes)
{
    const ProfileResult& r = resnet18At224();
    double leaves = 0;
    double share = 0;
    for (const NodeProfile& n : r.nodes)
        if (!n.control) {
            leaves += n.ms.median;
            share += n.share;
        }
    EXPECT_NEAR(r.leafSumMs, leaves, 1e-6 * leaves + 1e-9);
    EXPECT_NEAR(share, leaves / r.executorMs.median, 1e-6);
    double byKind = 0;
    for (const GroupProfile& g : r.byKind)
        byKind += g.medianMs;
    EXPECT_NEAR(byKind, leaves, 1e-6 * leaves);
    for (size_t i = 1; i < r.byKind.size(); ++i)
        EXPECT_GE(r.byKind[i - 1].medianMs, r.byKind[i].medianMs) << "most time first";
    const GroupProfile* root = group(r.byModule, "");
    ASSERT_NE(root, nullptr);
    EXPECT_NEAR(root->medianMs, leaves, 1e-6 * leaves);
    // A collapsed cluster's total: layer1 holds layer1.0 and layer1.1 and nothing of its own.
    const GroupProfile* layer1 = group(r.byModule, "layer1");
    const GroupProfile* block0 = group(r.byModule, "layer1.0");
    const GroupProfile* block1 = group(r.byModule, "layer1.1");
    ASSERT_TRUE(layer1 && block0 && block1);
    EXPECT_NEAR(layer1->medianMs, block0->medianMs + block1->medianMs + layer1->leafMs, 1e-9 + 1e-6 * layer1->medianMs);
    EXPECT_GE(layer1->nodes, block0->nodes + block1->nodes);
    EXPECT_GT(block0->leafMs, 0.0);
    EXPECT_GT(block0->flops, 0);
    // Nodes run once each in resnet18, with a share of the run.
    EXPECT_GT(r.leafFraction, 0.8);
    EXPECT_LT(r.leafFraction, 1.05);
    EXPECT_GT(r.memory.peakActivationBytes, 0);
    EXPECT_GE(r.memory.peakNode, 0);
    EXPECT_GT(r.peaks.gflops, 0);
    EXPECT_GT(r.peaks.gbPerSecond, 0);
}

TEST(Profiler, LibTorchsOwnEventsMapToNodes)
{
    const ProfileResult& r = resnet18At224();
    ASSERT_TRUE(r.events.available);
    EXPECT_EQ(r.events.runs, 2);
    EXPECT_GT(r.events.events, 60);
    EXPECT_EQ(r.events.matched, r.events.events);
    int withEvents = 0;
    for (const NodeProfile& n : r.nodes)
        if (n.eventMs) {
            ++withEvents;
            EXPECT_GE(*n.eventMs, 0.0);
            EXPECT_EQ(n.eventCalls, n.calls) << n.kind << " " << n.id;
        }
    EXPECT_EQ(withEvents, 20 + 20 + 17 + 8 + 1 + 1 + 1 + 1) << "conv, bn, relu, add, pool, avgpool, flatten, fc";
}

TEST(Profiler, LoopsCountTripsAndIncludeTheirBodies)
{
    const Model model = Model::open(fixturePath("loop_scripted.pt"));
    const ProfileResult r = profileModel(model, specInputs({"float32[2,4]:randn", "int:3"}), quick(4));
    ASSERT_TRUE(r.nodeLevel) << r.fallbackReason;
    const NodeProfile& fc = onlyNode(r, "aten::linear", "fc");
    EXPECT_EQ(fc.calls, 3);
    EXPECT_EQ(fc.depth, 1);
    const Graph graph = extractGraph(model, GraphVariant::Inlined);
    const GraphNode& fcNode = graph.nodes[static_cast<size_t>(fc.id)];
    const int loopId = graph.blocks[static_cast<size_t>(fcNode.block)].owner;
    auto loop = std::find_if(r.nodes.begin(), r.nodes.end(), [&](const NodeProfile& n) { return n.id == loopId; });
    ASSERT_NE(loop, r.nodes.end());
    EXPECT_EQ(loop->kind, "prim::Loop");
    EXPECT_TRUE(loop->control);
    EXPECT_EQ(loop->calls, 1);
    for (size_t run = 0; run < fc.runsMs.size(); ++run)
        EXPECT_GE(loop->runsMs[run], fc.runsMs[run]) << "run " << run;
    // The while loop adds 1.0 to x and 1 to i three times.
    const auto adds = nodesOf(r, "aten::add", "");
    ASSERT_EQ(adds.size(), 2u);
    for (const NodeProfile* add : adds)
        EXPECT_EQ(add->calls, 3);
}

TEST(Profiler, VariantsRunNodeByNodeWithTheirOwnIds)
{
    const Model model = Model::open(fixturePath("resnet18_scripted.pt"));
    for (GraphVariant variant : {GraphVariant::Frozen, GraphVariant::Optimized}) {
        SCOPED_TRACE(graphVariantId(variant));
        ProfileOptions options = quick(2);
        options.variant = variant;
        const ProfileResult r = profileModel(model, specInputs({"float32[1,3,64,64]:randn"}, 3), options);
        ASSERT_TRUE(r.nodeLevel) << r.fallbackReason;
        EXPECT_EQ(r.variant, graphVariantId(variant));
        ASSERT_TRUE(r.outputsEqualForward.has_value());
        EXPECT_TRUE(*r.outputsEqualForward);
        const Graph graph = extractGraph(model, variant);
        for (const NodeProfile& n : r.nodes) {
            ASSERT_LT(n.id, static_cast<int>(graph.nodes.size()));
            EXPECT_EQ(n.kind, graph.nodes[static_cast<size_t>(n.id)].kind);
        }
        EXPECT_FALSE(r.events.available);
        EXPECT_NE(r.events.unavailableReason.find("inlined"), std::string::npos);
        // Freezing folds batch norm into the convolutions.
        EXPECT_TRUE(nodesOf(r, "aten::batch_norm", "layer1.0.bn1").empty());
    }
}

TEST(Profiler, TransformerFastPathIsTimedAndCounted)
{
    const Model model = Model::open(fixturePath("run/transformer_scripted.pt"));
    const ProfileResult r = profileModel(model, specInputs({"float32[1,32,256]"}, 11), quick(2));
    ASSERT_TRUE(r.nodeLevel) << r.fallbackReason;
    EXPECT_TRUE(*r.outputsEqualForward);
    double flops = 0;
    for (const NodeProfile& n : r.nodes)
        flops += n.flops * static_cast<double>(n.calls);
    // 4 layers of 32 tokens: projections 4*256*256, feed-forward 2*256*1024 multiply-adds per token.
    const double perLayer = 2.0 * 32 * (4.0 * 256 * 256 + 2.0 * 256 * 1024);
    EXPECT_GT(flops, 4 * perLayer);
    EXPECT_LT(flops, 4 * perLayer * 1.2);
}

TEST(Profiler, StochasticModelsRepeatExactly)
{
    const Model model = Model::open(fixturePath("run/stochastic_scripted.pt"));
    ProfileOptions options = quick(3);
    const ProfileResult a = profileModel(model, specInputs({"float32[4,16]:randn"}, 9), options);
    const ProfileResult b = profileModel(model, specInputs({"float32[4,16]:randn"}, 9), options);
    ASSERT_TRUE(a.nodeLevel) << a.fallbackReason;
    EXPECT_TRUE(*a.outputsEqualForward);
    ASSERT_EQ(a.outputs.size(), 1u);
    EXPECT_EQ(a.outputs[0].tensor.mean, b.outputs[0].tensor.mean);
    EXPECT_EQ(a.outputs[0].tensor.std, b.outputs[0].tensor.std);
    const ProfileResult other = profileModel(model, specInputs({"float32[4,16]:randn"}, 10), options);
    EXPECT_NE(a.outputs[0].tensor.mean, other.outputs[0].tensor.mean);
}

TEST(Profiler, TrainingModeAndGradientsRun)
{
    const Model model = Model::open(fixturePath("resnet18_scripted.pt"));
    ProfileOptions options = quick(2);
    options.training = true;
    options.grad = true;
    const ProfileResult r = profileModel(model, specInputs({"float32[2,3,32,32]:randn"}, 1), options);
    ASSERT_TRUE(r.nodeLevel) << r.fallbackReason;
    EXPECT_TRUE(r.training);
    EXPECT_TRUE(*r.outputsEqualForward);
}

TEST(Profiler, OptionsThatDoNotFitAreRefusedFirst)
{
    const Model model = Model::open(fixturePath("simplenet_scripted.pt"));
    auto kindOf = [&](const ProfileOptions& options, const RunInputs& in) {
        try {
            profileModel(model, in, options);
        } catch (const Error& e) {
            return e.kind();
        }
        return ErrorKind::Internal;
    };
    ProfileOptions options = quick();
    options.runs = 0;
    EXPECT_EQ(kindOf(options, specInputs({"float32[1,10]"})), ErrorKind::InvalidArgument);
    options = quick();
    options.variant = GraphVariant::Frozen;
    options.training = true;
    EXPECT_EQ(kindOf(options, specInputs({"float32[1,10]"})), ErrorKind::InvalidArgument);
    EXPECT_EQ(kindOf(quick(), specInputs({"float32[1,7]"})), ErrorKind::ScriptError);
    EXPECT_EQ(kindOf(quick(), specInputs({"int:3"})), ErrorKind::InvalidInput);
    EXPECT_EQ(kindOf(quick(), specInputs({"@" PTSCOPE_FIXTURES_DIR "/run/inputs/simplenet_batch"})),
              ErrorKind::InvalidInput);
}

TEST(Profiler, CancelStopsBetweenRuns)
{
    const Model model = Model::open(fixturePath("simplenet_scripted.pt"));
    CancelToken cancel;
    std::vector<std::string> phases;
    try {
        profileModel(model, specInputs({"float32[1,10]"}), quick(50), cancel, [&](const ProfileProgress& p) {
            phases.push_back(p.phase);
            if (p.phase == "run" && p.done == 5)
                cancel.cancel();
        });
        FAIL() << "not cancelled";
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::Cancelled);
    }
    ASSERT_FALSE(phases.empty());
    EXPECT_EQ(phases.front(), "probe");
    EXPECT_EQ(phases.back(), "run");
}

} // namespace
