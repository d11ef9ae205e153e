// Every hostile file make_hostile_fixtures.py writes, through every verb that reads it: exit
// status 2, a short message holding the words the manifest names, quickly, and never a crash,
// an abort or a C++ word where the reason should be.

#include "testsupport.h"

#include <chrono>
#include <gtest/gtest.h>

using namespace ptscope::test;
using nlohmann::json;

namespace {

std::vector<std::string> hostileFiles()
{
    std::vector<std::string> names;
    try {
        const json manifest = readJson(fixturePath("hostile/manifest.json"));
        for (auto it = manifest.begin(); it != manifest.end(); ++it)
            names.push_back(it.key());
    } catch (const std::exception&) {
        // No fixtures yet (test discovery before they are made).
    }
    return names;
}

class HostileFile : public ::testing::TestWithParam<std::string>
{
};

TEST_P(HostileFile, EveryVerbRefusesItBriefly)
{
    const json entry = readJson(fixturePath("hostile/manifest.json"))[GetParam()];
    const std::string file = fixturePath("hostile/" + GetParam());
    std::vector<std::vector<std::string>> commands;
    if (entry["kind"] == "model") {
        commands = {{"info", file},
                    {"info", file, "--json"},
                    {"graph", file, "--format", "json"},
                    {"run", file, "--input", "float32[1,10]"},
                    {"profile", file, "--input", "float32[1,10]", "--runs", "2"}};
    } else {
        const std::string model = fixturePath("simplenet_scripted.pt");
        commands = {{"run", model, "--input", "@" + file}, {"profile", model, "--input", "@" + file, "--runs", "2"}};
    }
    for (const std::vector<std::string>& args : commands) {
        SCOPED_TRACE(args[0] + (args.size() > 2 ? " " + args[2] : ""));
        const auto start = std::chrono::steady_clock::now();
        const CliResult r = runCli(args);
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        EXPECT_EQ(r.exitCode, 2) << r.err;
        EXPECT_LT(seconds, 15.0);
        EXPECT_LE(std::count(r.err.begin(), r.err.end(), '\n'), 2) << r.err;
        for (const json& word : entry["contains"])
            EXPECT_NE(r.err.find(word.get<std::string>()), std::string::npos) << word << " in " << r.err;
        for (const char* bad : {"terminate", "Segmentation", "Aborted", "Unexpected error", "std::", "stoll"})
            EXPECT_EQ(r.err.find(bad), std::string::npos) << r.err;
        if (std::find(args.begin(), args.end(), "--json") != args.end())
            EXPECT_EQ(json::parse(r.out)["error"]["kind"].get<std::string>().empty(), false);
    }
}

INSTANTIATE_TEST_SUITE_P(Fixtures, HostileFile, ::testing::ValuesIn(hostileFiles()), [](const auto& info) {
    std::string name = info.param;
    for (char& c : name)
        if (!std::isalnum(static_cast<unsigned char>(c)))
            c = '_';
    return name;
});
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(HostileFile);

} // namespace
