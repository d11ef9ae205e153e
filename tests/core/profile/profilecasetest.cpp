// The node executor on every run case make_run_fixtures.py wrote: its outputs are the outputs
// `run` gives (the same .pt bytes), and equal the plain forward's in the same profile; every
// node that ran is a node of the graph `ptscope-cli graph` shows, with its kind.

#include "ptscope/graph/graph.h"
#include "ptscope/load/model.h"
#include "ptscope/load/operatorlibrary.h"
#include "ptscope/profile/profiler.h"
#include "ptscope/run/inputspec.h"
#include "ptscope/run/runner.h"
#include "runcases.h"
#include "testsupport.h"

#include <gtest/gtest.h>

using namespace ptscope;
using namespace ptscope::test;
using nlohmann::json;

namespace {

std::vector<std::string> singleCases()
{
    std::vector<std::string> names;
    for (const std::string& name : runCaseNames(false))
        if (!runCase(name).contains("samples"))
            names.push_back(name);
    return names;
}

class ProfileCase : public ::testing::TestWithParam<std::string>
{
};

TEST_P(ProfileCase, ExecutorGivesRunsOutputsNodeByNode)
{
    const json& c = runCase(GetParam());
    const TempFolder folder("profilecase");
    for (const std::string& library : caseLibraries(c))
        loadOperatorLibrary(library);
    const Model model = Model::open(caseModel(c));

    RunOptions runOptions;
    runOptions.threads = 1;
    runOptions.saveOutputs = folder.file("run.pt");
    runModel(model, caseRunInputs(c), runOptions);

    ProfileOptions options;
    options.threads = 1;
    options.warmup = 2;
    options.runs = 3;
    options.forwardRuns = 1;
    options.saveOutputs = folder.file("profile.pt");
    const ProfileResult result = profileModel(model, caseRunInputs(c), options);

    ASSERT_TRUE(result.nodeLevel) << result.fallbackReason;
    ASSERT_TRUE(result.outputsEqualForward.has_value());
    EXPECT_TRUE(*result.outputsEqualForward);
    EXPECT_EQ(readFile(folder.file("profile.pt")), readFile(folder.file("run.pt")));
    EXPECT_EQ(result.outputs.size(), c["outputs"].size());

    EXPECT_EQ(result.executorRunsMs.size(), 3u);
    EXPECT_EQ(result.forwardRunsMs.size(), 1u);
    EXPECT_EQ(result.threads, 1);
    const Graph graph = extractGraph(model, GraphVariant::Inlined);
    EXPECT_EQ(result.nodes.empty(), graph.nodes.empty());
    int previous = -1;
    for (const NodeProfile& node : result.nodes) {
        ASSERT_GE(node.id, 0);
        ASSERT_LT(node.id, static_cast<int>(graph.nodes.size()));
        EXPECT_GT(node.id, previous) << "nodes in id order";
        previous = node.id;
        EXPECT_EQ(node.kind, graph.nodes[static_cast<size_t>(node.id)].kind) << "node " << node.id;
        EXPECT_EQ(node.scope, graph.nodes[static_cast<size_t>(node.id)].scope) << "node " << node.id;
        EXPECT_EQ(node.runsMs.size(), 3u);
        EXPECT_GE(node.ms.min, 0.0);
        EXPECT_LE(node.ms.min, node.ms.median);
        EXPECT_LE(node.ms.median, node.ms.max);
        EXPECT_GE(node.calls, 1);
        EXPECT_EQ(node.control, node.kind == "prim::If" || node.kind == "prim::Loop");
    }
    // The memory curve starts before the first node and ends once the outputs are returned.
    ASSERT_GE(result.memory.curve.size(), 2u);
    EXPECT_EQ(result.memory.curve.front().node, -1);
    EXPECT_EQ(result.memory.curve.back().node, -1);
    for (const MemoryPoint& p : result.memory.curve)
        EXPECT_LE(p.activationBytes, result.memory.peakActivationBytes);
}

INSTANTIATE_TEST_SUITE_P(RunCases, ProfileCase, ::testing::ValuesIn(singleCases()),
                         [](const auto& info) { return info.param; });
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(ProfileCase);

} // namespace
