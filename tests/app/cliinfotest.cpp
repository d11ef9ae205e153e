// ptscope-cli as CI uses it: a separate process, JSON on stdout, exit codes, messages on stderr.

#include "testsupport.h"

#include <filesystem>
#include <gtest/gtest.h>
#include <unistd.h>

using namespace ptscope::test;
using nlohmann::json;

namespace {

int lineCount(const std::string& text)
{
    int lines = 0;
    for (char c : text)
        lines += c == '\n';
    return lines;
}

TEST(CliInfo, JsonHasTheDocumentedFields)
{
    const CliResult r = runCli({"info", "--json", fixturePath("multi_io_scripted.pt")});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const json doc = json::parse(r.out);
    const json expected = expectedFor("multi_io_scripted.pt");
    EXPECT_EQ(doc["format"], "torchscript");
    EXPECT_EQ(doc["file"], fixturePath("multi_io_scripted.pt"));
    EXPECT_EQ(doc["root_type"], expected["root_type"]);
    EXPECT_EQ(doc["training"], expected["training"]);
    EXPECT_EQ(doc["num_parameters"], expected["num_parameters"]);
    EXPECT_EQ(doc["num_buffers"], expected["num_buffers"]);
    EXPECT_EQ(doc["graph_nodes"], expected["graph_nodes"]);
    ASSERT_TRUE(doc["modules"].is_array());
    for (const json& m : doc["modules"]) {
        EXPECT_TRUE(m.contains("name") && m.contains("type") && m["parameters"].is_array());
        for (const json& p : m["parameters"])
            EXPECT_TRUE(p.contains("name") && p["shape"].is_array() && p.contains("dtype"));
    }
    EXPECT_EQ(doc["methods"].size(), expected["methods"].size());
    EXPECT_TRUE(r.err.empty()) << r.err;
}

TEST(CliInfo, GraphNodesIsNullWithoutForward)
{
    const CliResult r = runCli({"info", "--json", fixturePath("lstm_scripted.pt")});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const json doc = json::parse(r.out);
    EXPECT_TRUE(doc["graph_nodes"].is_null());
    EXPECT_GT(doc["methods"].size(), 0u);
}

TEST(CliInfo, TextIsTheDefault)
{
    const CliResult r = runCli({"info", fixturePath("simplenet_scripted.pt")});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_NE(r.out.find("fc1"), std::string::npos);
    EXPECT_NE(r.out.find("Parameters   67 "), std::string::npos) << r.out;
    EXPECT_THROW((void)json::parse(r.out), json::parse_error);
}

TEST(CliInfo, EveryBadFileExitsTwoWithAShortMessage)
{
    const json kinds = readJson(fixturePath("bad_files.json"));
    for (auto it = kinds.begin(); it != kinds.end(); ++it) {
        SCOPED_TRACE(it.key());
        const CliResult r = runCli({"info", "--json", fixturePath(it.key())});
        EXPECT_EQ(r.exitCode, 2);
        EXPECT_GE(lineCount(r.err), 1);
        EXPECT_LE(lineCount(r.err), 2) << r.err;
        EXPECT_EQ(r.err.find("Exception raised from"), std::string::npos) << r.err;
        const json doc = json::parse(r.out);
        EXPECT_EQ(doc["error"]["kind"], it.value());
    }
}

TEST(CliInfo, LoadLibraryMakesTorchvisionOpsAvailable)
{
    const std::string library = torchvisionOpsLibrary();
    ASSERT_FALSE(library.empty()) << "python3-torchvision's _C*.so not found";
    const CliResult r = runCli({"--load-library", library, "info", "--json", fixturePath("nms_scripted.pt")});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_EQ(json::parse(r.out)["graph_nodes"], expectedFor("nms_scripted.pt")["graph_nodes"]);
}

TEST(CliInfo, UsageErrorsExitTwo)
{
    EXPECT_EQ(runCli({}).exitCode, 2);
    EXPECT_EQ(runCli({"info"}).exitCode, 2);
    EXPECT_EQ(runCli({"frobnicate"}).exitCode, 2);
    EXPECT_EQ(runCli({"--load-library", "/nonexistent.so", "info", fixturePath("simplenet_scripted.pt")}).exitCode, 2);
}

TEST(CliInfo, MissingFileExitsTwo)
{
    const CliResult r = runCli({"info", "/nonexistent/model.pt"});
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_NE(r.err.find("not found"), std::string::npos) << r.err;
    EXPECT_TRUE(r.out.empty());
}

} // namespace

TEST(CliInfo, JsonIsValidForPathsThatAreNotUtf8)
{
    namespace fs = std::filesystem;
    const fs::path folder = fs::temp_directory_path() / ("ptscope-utf8-" + std::to_string(getpid()));
    fs::create_directories(folder);
    const std::string latin1 = (folder / "mod\xe8le\xff.pt").string(); // Latin-1 bytes, not UTF-8
    fs::copy_file(fixturePath("simplenet_scripted.pt"), latin1, fs::copy_options::overwrite_existing);
    for (const std::vector<std::string>& args :
         {std::vector<std::string>{"info", latin1, "--json"},
          std::vector<std::string>{"graph", latin1, "--format", "json"},
          std::vector<std::string>{"run", latin1, "--input", "float32[1,10]", "--json"},
          std::vector<std::string>{"info", latin1 + ".missing", "--json"},
          std::vector<std::string>{"run", latin1, "--input", "@" + latin1 + ".npy", "--json"}}) {
        SCOPED_TRACE(args[0] + " " + args[1]);
        const CliResult r = runCli(args);
        EXPECT_TRUE(r.exitCode == 0 || r.exitCode == 2) << r.exitCode << r.err;
        EXPECT_EQ(r.err.find("json.exception"), std::string::npos) << r.err;
        EXPECT_NO_THROW(static_cast<void>(nlohmann::json::parse(r.out))) << r.out.substr(0, 300);
    }
    EXPECT_EQ(runCli({"info", latin1, "--json"}).exitCode, 0);
    fs::remove_all(folder);
}
