// `ptscope-cli graph`: JSON with every node, DOT/SVG/PNG of a view, files written whole.

#include "testsupport.h"

#include <gtest/gtest.h>

#include <filesystem>

using namespace ptscope::test;
using nlohmann::json;

namespace {

TEST(CliGraph, JsonListsEveryNodeWithItsBlock)
{
    const CliResult r = runCli({"graph", "--format", "json", fixturePath("branch_scripted.pt")});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const json doc = json::parse(r.out);
    const json expected = expectedFor("branch_scripted.pt");
    ASSERT_EQ(doc["nodes"].size(), expected["graph_nodes"].get<size_t>());
    std::map<std::string, int64_t> kinds;
    int nested = 0;
    for (const json& node : doc["nodes"]) {
        ASSERT_TRUE(node.contains("id") && node.contains("kind") && node.contains("scope") && node.contains("inputs") &&
                    node.contains("outputs") && node.contains("block"));
        ++kinds[node["kind"].get<std::string>()];
        if (!node["block"].is_null()) {
            ++nested;
            EXPECT_EQ(doc["nodes"][node["block"]["node"].get<size_t>()]["kind"], "prim::If");
        }
    }
    EXPECT_EQ(kinds, (expected["graph_node_kinds"].get<std::map<std::string, int64_t>>()));
    EXPECT_GT(nested, 0);
    for (const json& edge : doc["edges"])
        EXPECT_LT(edge["from"].get<size_t>(), doc["nodes"].size());
}

TEST(CliGraph, DepthCollapsesModules)
{
    const CliResult all = runCli({"graph", "--format", "json", "--depth", "all", fixturePath("resnet18_scripted.pt")});
    const CliResult top = runCli({"graph", "--format", "json", "--depth", "0", fixturePath("resnet18_scripted.pt")});
    ASSERT_EQ(all.exitCode, 0) << all.err;
    ASSERT_EQ(top.exitCode, 0) << top.err;
    const json allDoc = json::parse(all.out);
    const json topDoc = json::parse(top.out);
    EXPECT_LT(topDoc["nodes"].size(), allDoc["nodes"].size());
    int modules = 0;
    for (const json& node : topDoc["nodes"])
        modules += node["type"] == "module";
    EXPECT_GE(modules, 4); // layer1..layer4 at least
}

TEST(CliGraph, WritesSvgPngAndDotFiles)
{
    namespace fs = std::filesystem;
    const fs::path dir = fs::temp_directory_path() / ("ptscope-cligraph-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    for (const char* format : {"svg", "png", "dot"}) {
        const std::string out = (dir / (std::string("g.") + format)).string();
        const CliResult r = runCli({"graph", "--format", format, "-o", out, fixturePath("resnet18_scripted.pt")});
        ASSERT_EQ(r.exitCode, 0) << r.err;
        EXPECT_TRUE(r.out.empty());
        const std::string data = readFile(out);
        ASSERT_GT(data.size(), 100u) << format;
        if (std::string(format) == "svg")
            EXPECT_NE(data.find("<svg"), std::string::npos);
        if (std::string(format) == "png")
            EXPECT_EQ(data.substr(1, 3), "PNG");
        if (std::string(format) == "dot")
            EXPECT_EQ(data.rfind("digraph", 0), 0u);
    }
    // Nothing but the three outputs: no temporary files left behind.
    EXPECT_EQ(std::distance(fs::directory_iterator(dir), fs::directory_iterator()), 3);
    fs::remove_all(dir);
}

TEST(CliGraph, VariantsAndErrors)
{
    const CliResult frozen = runCli({"graph", "--format", "json", "--variant", "frozen", fixturePath("resnet18_scripted.pt")});
    ASSERT_EQ(frozen.exitCode, 0) << frozen.err;
    EXPECT_LT(json::parse(frozen.out)["nodes"].size(), expectedFor("resnet18_scripted.pt")["graph_nodes"].get<size_t>());

    EXPECT_EQ(runCli({"graph", "--variant", "fast", fixturePath("simplenet_scripted.pt")}).exitCode, 2);
    EXPECT_EQ(runCli({"graph", "--depth", "-3", fixturePath("simplenet_scripted.pt")}).exitCode, 2);
    const CliResult noForward = runCli({"graph", fixturePath("lstm_scripted.pt")});
    EXPECT_EQ(noForward.exitCode, 2);
    EXPECT_NE(noForward.err.find("no forward"), std::string::npos) << noForward.err;
    const CliResult unwritable = runCli({"graph", "-o", "/nonexistent-dir/g.dot", fixturePath("simplenet_scripted.pt")});
    EXPECT_EQ(unwritable.exitCode, 2);
}

} // namespace
