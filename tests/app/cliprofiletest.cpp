// `ptscope-cli profile` as users and CI call it: the JSON document's fields, the text report, the
// export files written completely (and nothing written when the command is refused), saved
// outputs equal to `run`'s, and exit codes.

#include "runcases.h"
#include "testsupport.h"

#include <filesystem>
#include <gtest/gtest.h>

using namespace ptscope::test;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

std::vector<std::string> profileArgs(std::initializer_list<std::string> extra)
{
    std::vector<std::string> args{"profile", fixturePath("resnet18_scripted.pt"), "--input", "float32[1,3,64,64]:randn",
                                  "--seed",  "3",        "--threads", "1", "--warmup", "1", "--runs", "4"};
    args.insert(args.end(), extra);
    return args;
}

TEST(CliProfile, JsonHasTheDocumentedFields)
{
    const CliResult r = runCli(profileArgs({"--json"}));
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const json doc = json::parse(r.out);
    for (const char* field : {"model", "device", "variant", "threads", "blas", "training", "grad", "seed", "warmup",
                              "runs", "inputs", "node_level", "fallback_reason", "forward", "executor", "leaf_sum_ms",
                              "leaf_fraction", "outputs_equal_forward", "nodes", "by_kind", "by_module", "memory",
                              "peaks", "events", "outputs"})
        EXPECT_TRUE(doc.contains(field)) << field;
    EXPECT_EQ(doc["variant"], "inlined");
    EXPECT_EQ(doc["threads"], 1);
    EXPECT_EQ(doc["runs"], 4);
    EXPECT_EQ(doc["node_level"], true);
    EXPECT_EQ(doc["outputs_equal_forward"], true);
    EXPECT_EQ(doc["executor"]["runs"].size(), 4u);
    EXPECT_GE(doc["forward"]["runs"].size(), 2u);
    EXPECT_GT(doc["executor"]["median"].get<double>(), 0.0);
    EXPECT_FALSE(doc.contains("timelines")) << "timelines are for --json-file";
    ASSERT_GT(doc["nodes"].size(), 50u);
    int convs = 0;
    for (const json& n : doc["nodes"]) {
        for (const char* field : {"id", "kind", "scope", "label", "calls", "median_ms", "mean_ms", "min_ms", "max_ms",
                                  "std_ms", "share", "runs_ms", "outputs", "flops", "bytes_read", "bytes_written"})
            ASSERT_TRUE(n.contains(field)) << field;
        EXPECT_EQ(n["runs_ms"].size(), 4u);
        if (n["kind"] == "aten::conv2d") {
            ++convs;
            EXPECT_GT(n["flops"].get<double>(), 0.0);
            EXPECT_FALSE(n["event_ms"].is_null()) << "LibTorch's own event for node " << n["id"];
        }
    }
    EXPECT_EQ(convs, 20);
    EXPECT_GT(doc["memory"]["peak_activation_bytes"].get<int64_t>(), 0);
    EXPECT_GT(doc["peaks"]["gflops"].get<double>(), 0.0);
    EXPECT_EQ(doc["events"]["matched"], doc["events"]["events"]);
    EXPECT_EQ(doc["by_module"][0]["module"], "");
}

TEST(CliProfile, TextReportNamesTheSlowestNodes)
{
    const CliResult r = runCli(profileArgs({}));
    ASSERT_EQ(r.exitCode, 0) << r.err;
    for (const char* words : {"forward", "executor", "conv2d", "Memory", "Peaks", "LibTorch", "layer4.1.conv2"})
        EXPECT_NE(r.out.find(words), std::string::npos) << words << "\n" << r.out;
}

TEST(CliProfile, ExportsAreWrittenCompletely)
{
    const TempFolder folder("cliprofile");
    const CliResult r = runCli(profileArgs({"--csv", folder.file("nodes.csv"), "--chrome-trace", folder.file("trace.json"),
                                            "--json-file", folder.file("profile.json"), "--save-outputs",
                                            folder.file("outputs.pt")}));
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const json doc = readJson(folder.file("profile.json"));
    ASSERT_EQ(doc["timelines"].size(), 4u);
    const size_t nodes = doc["nodes"].size();
    const std::string csv = readFile(folder.file("nodes.csv"));
    EXPECT_EQ(static_cast<size_t>(std::count(csv.begin(), csv.end(), '\n')), nodes + 1);
    const json trace = readJson(folder.file("trace.json"));
    size_t calls = 0;
    for (const json& e : trace["traceEvents"])
        calls += e["ph"] == "X" ? 1 : 0;
    size_t expected = 0;
    for (const json& t : doc["timelines"])
        expected += t["events"].size();
    EXPECT_EQ(calls, expected);

    // The executor's outputs are run's, byte for byte.
    const CliResult run = runCli({"run", fixturePath("resnet18_scripted.pt"), "--input", "float32[1,3,64,64]:randn",
                                  "--seed", "3", "--threads", "1", "--save-outputs", folder.file("run.pt")});
    ASSERT_EQ(run.exitCode, 0) << run.err;
    EXPECT_EQ(readFile(folder.file("outputs.pt")), readFile(folder.file("run.pt")));
}

TEST(CliProfile, FrozenAndOptimizedRunNodeByNode)
{
    for (const char* variant : {"frozen", "optimized"}) {
        const CliResult r = runCli(profileArgs({"--variant", variant, "--json"}));
        ASSERT_EQ(r.exitCode, 0) << variant << r.err;
        const json doc = json::parse(r.out);
        EXPECT_EQ(doc["variant"], variant);
        EXPECT_EQ(doc["node_level"], true);
        EXPECT_EQ(doc["outputs_equal_forward"], true);
        EXPECT_EQ(doc["events"]["available"], false);
        EXPECT_NE(doc["events"]["unavailable_reason"].get<std::string>().find("inlined"), std::string::npos);
    }
}

TEST(CliProfile, RefusedCommandsExitTwoAndWriteNothing)
{
    const TempFolder folder("cliprofile-bad");
    const std::string csv = folder.file("nodes.csv");
    struct Case
    {
        std::vector<std::string> args;
        std::string words;
    };
    const std::vector<Case> cases = {
        {profileArgs({"--csv", folder.file("missing/nodes.csv")}), "does not exist"},
        {profileArgs({"--csv", csv, "--runs", "0"}), "runs"},
        {profileArgs({"--csv", csv, "--variant", "sideways"}), "variant"},
        {profileArgs({"--csv", csv, "--variant", "frozen", "--train"}), "eval mode"},
        {{"profile", fixturePath("resnet18_scripted.pt"), "--input", "float32[1,7]", "--csv", csv}, "Expected 3D"},
        {{"profile", fixturePath("simplenet_scripted.pt"), "--input", "float32[1,10]", "--csv",
          fixturePath("simplenet_scripted.pt")},
         "never overwrites"},
        {{"profile", fixturePath("no_such_model.pt"), "--input", "float32[1,10]"}, "no_such_model.pt"},
    };
    for (const Case& c : cases) {
        const CliResult r = runCli(c.args);
        EXPECT_EQ(r.exitCode, 2) << c.words << "\n" << r.err;
        EXPECT_NE(r.err.find(c.words), std::string::npos) << r.err;
        EXPECT_EQ(r.err.find("terminate"), std::string::npos) << r.err;
        EXPECT_FALSE(fs::exists(csv)) << c.words;
    }
    EXPECT_TRUE(fs::exists(fixturePath("simplenet_scripted.pt")));
    EXPECT_EQ(fs::directory_iterator(folder.path()), fs::directory_iterator()) << "no temporary files left";
}

TEST(CliProfile, StochasticModelsGiveRunsOutputs)
{
    const TempFolder folder("cliprofile-rng");
    const std::string model = fixturePath("run/stochastic_scripted.pt");
    const CliResult p = runCli({"profile", model, "--input", "float32[4,16]:randn", "--seed", "9", "--runs", "3",
                                "--save-outputs", folder.file("p.pt"), "--json"});
    ASSERT_EQ(p.exitCode, 0) << p.err;
    EXPECT_EQ(json::parse(p.out)["outputs_equal_forward"], true);
    const CliResult r =
        runCli({"run", model, "--input", "float32[4,16]:randn", "--seed", "9", "--save-outputs", folder.file("r.pt")});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_EQ(readFile(folder.file("p.pt")), readFile(folder.file("r.pt")));
}

} // namespace
