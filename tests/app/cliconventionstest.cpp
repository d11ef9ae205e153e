// ptscope-cli keeps the conventions its README and users expect: global options before or after
// the verb, --method for models without forward (a scripted nn.LSTM), --version, and an example in
// every verb's --help.

#include "testsupport.h"

#include <gtest/gtest.h>

using namespace ptscope::test;
using nlohmann::json;

TEST(CliConventions, GlobalOptionsGoBeforeOrAfterTheVerb)
{
    const std::string library = torchvisionOpsLibrary();
    ASSERT_FALSE(library.empty()) << "python3-torchvision's _C*.so not found";
    const std::string model = fixturePath("nms_scripted.pt");
    const CliResult before = runCli({"--load-library", library, "info", model, "--json"});
    const CliResult after = runCli({"info", model, "--load-library", library, "--json"});
    ASSERT_EQ(before.exitCode, 0) << before.err;
    ASSERT_EQ(after.exitCode, 0) << after.err;
    EXPECT_EQ(json::parse(before.out)["graph_nodes"], json::parse(after.out)["graph_nodes"]);
    // Without the library the model cannot be read: the option after the verb did take effect.
    EXPECT_EQ(runCli({"info", model}).exitCode, 2);

    const CliResult device = runCli({"run", fixturePath("simplenet_scripted.pt"), "--input", "float32[1,10]",
                                     "--device", "cpu", "--json"});
    ASSERT_EQ(device.exitCode, 0) << device.err;
    EXPECT_EQ(json::parse(device.out)["device"], "cpu");
    const CliResult badDevice =
        runCli({"run", fixturePath("simplenet_scripted.pt"), "--input", "float32[1,10]", "--device", "tpu"});
    EXPECT_EQ(badDevice.exitCode, 2);
    EXPECT_NE(badDevice.err.find("tpu"), std::string::npos) << badDevice.err;
}

TEST(CliConventions, MethodRunsAModelWithoutForward)
{
    const std::string lstm = fixturePath("lstm_scripted.pt");
    const CliResult plain = runCli({"run", lstm, "--input", "float32[5,1,8]"});
    EXPECT_EQ(plain.exitCode, 2);
    EXPECT_NE(plain.err.find("--method"), std::string::npos) << plain.err;
    EXPECT_NE(plain.err.find("forward__0"), std::string::npos) << plain.err;

    const CliResult run = runCli({"run", lstm, "--method", "forward__0", "--input", "float32[5,1,8]", "--json"});
    ASSERT_EQ(run.exitCode, 0) << run.err;
    const json doc = json::parse(run.out);
    EXPECT_EQ(doc["outputs"][0]["shape"], json::array({5, 1, 16}));

    const CliResult profile =
        runCli({"profile", lstm, "--method", "forward__0", "--input", "float32[5,1,8]", "--runs", "2", "--json"});
    ASSERT_EQ(profile.exitCode, 0) << profile.err;
    EXPECT_FALSE(json::parse(profile.out)["nodes"].empty());

    const CliResult diff = runCli({"diff", lstm, lstm, "--method", "forward__0", "--input", "float32[5,1,8]", "--json"});
    ASSERT_EQ(diff.exitCode, 0) << diff.err;
    EXPECT_EQ(json::parse(diff.out)["verdict"], "match");

    const CliResult graph = runCli({"graph", lstm, "--method", "forward__0", "--format", "json"});
    ASSERT_EQ(graph.exitCode, 0) << graph.err;
    EXPECT_GT(json::parse(graph.out)["node_count"].get<int>(), 10);

    const CliResult unknown = runCli({"run", lstm, "--method", "backward", "--input", "float32[5,1,8]"});
    EXPECT_EQ(unknown.exitCode, 2);
    EXPECT_NE(unknown.err.find("no method backward"), std::string::npos) << unknown.err;
    EXPECT_NE(unknown.err.find("forward__1"), std::string::npos) << unknown.err;
}

TEST(CliConventions, VersionAndAnExampleInEveryVerbsHelp)
{
    const CliResult version = runCli({"--version"});
    EXPECT_EQ(version.exitCode, 0);
    EXPECT_NE(version.out.find("ptscope-cli "), std::string::npos) << version.out;
    for (const char* verb : {"info", "graph", "run", "profile", "diff", "review", "worker"}) {
        SCOPED_TRACE(verb);
        const CliResult help = runCli({verb, "--help"});
        EXPECT_EQ(help.exitCode, 0);
        EXPECT_NE(help.out.find("Example"), std::string::npos) << help.out;
        EXPECT_NE(help.out.find(std::string("ptscope-cli ") + verb), std::string::npos) << help.out;
    }
}
