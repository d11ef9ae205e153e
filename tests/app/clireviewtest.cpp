// `ptscope-cli review` as CI uses it: exit 0 for identical versions, 1 when something changed, 2
// on an error; the JSON fields the README documents; a readable report.

#include "testsupport.h"

#include <gtest/gtest.h>

using namespace ptscope::test;
using nlohmann::json;

namespace {

std::string version(const std::string& file)
{
    return fixturePath("versions/" + file);
}

} // namespace

TEST(CliReview, ExitStatusSaysWhetherAnythingChanged)
{
    EXPECT_EQ(runCli({"review", version("identical_v1.pt"), version("identical_v2.pt")}).exitCode, 0);
    const CliResult changed = runCli({"review", version("one_layer_v1.pt"), version("one_layer_v2.pt"), "--json"});
    ASSERT_EQ(changed.exitCode, 1) << changed.err;
    const json doc = json::parse(changed.out);
    EXPECT_EQ(doc["verdict"], "different");
    ASSERT_EQ(doc["parameters"].size(), 2u);
    for (const json& p : doc["parameters"]) {
        for (const char* key : {"name", "change", "a_shape", "b_shape", "max_abs", "max_rel"})
            EXPECT_TRUE(p.contains(key)) << key;
        EXPECT_EQ(p["change"], "shape");
    }
    EXPECT_TRUE(doc["modules"].empty());
    EXPECT_TRUE(doc["ops"].empty());
    ASSERT_EQ(doc["code"].size(), 1u);
    EXPECT_EQ(doc["code"][0]["module"], "fc2");
    EXPECT_NE(doc["code"][0]["diff"].get<std::string>().find("+  out_features : Final[int] = 3"), std::string::npos);
}

TEST(CliReview, ModulesOpsAndValuesInJsonAndText)
{
    const CliResult added =
        runCli({"review", version("added_module_v1.pt"), version("added_module_v2.pt"), "--json"});
    ASSERT_EQ(added.exitCode, 1) << added.err;
    const json doc = json::parse(added.out);
    bool head = false;
    for (const json& m : doc["modules"])
        if (m["name"] == "head") {
            head = true;
            EXPECT_EQ(m["change"], "added");
            EXPECT_TRUE(m["a_type"].is_null());
            EXPECT_EQ(m["b_type"], "__torch__.torch.nn.modules.linear.Linear");
        }
    EXPECT_TRUE(head);
    bool linear = false;
    for (const json& o : doc["ops"])
        if (o["kind"] == "aten::linear") {
            linear = true;
            EXPECT_EQ(o["a_count"], 2);
            EXPECT_EQ(o["b_count"], 3);
        }
    EXPECT_TRUE(linear);

    const CliResult text = runCli({"review", version("retrained_v1.pt"), version("retrained_v2.pt")});
    EXPECT_EQ(text.exitCode, 1);
    EXPECT_NE(text.out.find("fc1.weight  values changed: max abs 0.25"), std::string::npos) << text.out;
}

TEST(CliReview, ProfileAddsTimingsOfAlignedNodes)
{
    const CliResult r = runCli({"review", version("activation_v1.pt"), version("activation_v2.pt"), "--profile",
                                "--input", "float32[4,10]", "--repeats", "3", "--json"});
    ASSERT_EQ(r.exitCode, 1) << r.err;
    const json doc = json::parse(r.out);
    ASSERT_TRUE(doc["timings"].is_object());
    EXPECT_GT(doc["timings"]["a_forward_ms"].get<double>(), 0);
    ASSERT_FALSE(doc["timings"]["nodes"].empty());
    for (const json& n : doc["timings"]["nodes"]) {
        for (const char* key : {"kind", "scope", "a_ms", "b_ms", "ratio"})
            EXPECT_TRUE(n.contains(key)) << key;
        if (n["a_ms"].get<double>() > 0)
            EXPECT_NEAR(n["ratio"].get<double>(), n["b_ms"].get<double>() / n["a_ms"].get<double>(), 1e-9);
    }
    // Without --json: both times, in microseconds for small nodes, and the ratio.
    const CliResult text = runCli({"review", version("activation_v1.pt"), version("activation_v2.pt"), "--profile",
                                   "--input", "float32[4,10]", "--runs", "2"});
    ASSERT_EQ(text.exitCode, 1) << text.err;
    EXPECT_NE(text.out.find("Timings (medians per run): forward "), std::string::npos) << text.out;
    EXPECT_NE(text.out.find("aten::linear"), std::string::npos) << text.out;
    EXPECT_NE(text.out.find(" us -> "), std::string::npos) << text.out;
    EXPECT_NE(text.out.find(", x"), std::string::npos) << text.out;
}

TEST(CliReview, InputsWithoutProfileAreRefused)
{
    // They would be silently unused: the review itself runs nothing.
    for (const std::vector<std::string>& extra :
         {std::vector<std::string>{"--input", "float32[4,10]"}, std::vector<std::string>{"--runs", "3"}}) {
        std::vector<std::string> args = {"review", version("activation_v1.pt"), version("activation_v2.pt")};
        args.insert(args.end(), extra.begin(), extra.end());
        const CliResult r = runCli(args);
        EXPECT_EQ(r.exitCode, 2);
        EXPECT_NE(r.err.find("belong to --profile"), std::string::npos) << r.err;
    }
    // --profile without inputs, on a model that has no example inputs: said, not crashed.
    const CliResult none = runCli({"review", version("activation_v1.pt"), version("activation_v2.pt"), "--profile"});
    EXPECT_EQ(none.exitCode, 2);
    EXPECT_NE(none.err.find("No inputs given"), std::string::npos) << none.err;
}

TEST(CliReview, ErrorsAreExitTwoWithAMessage)
{
    const CliResult missing = runCli({"review", version("identical_v1.pt"), "/no/such/model.pt"});
    EXPECT_EQ(missing.exitCode, 2);
    EXPECT_NE(missing.err.find("not found"), std::string::npos) << missing.err;
    const CliResult garbage = runCli({"review", version("identical_v1.pt"), fixturePath("random_bytes.pt"), "--json"});
    EXPECT_EQ(garbage.exitCode, 2);
    EXPECT_TRUE(json::parse(garbage.out).contains("error"));
    EXPECT_EQ(runCli({"review", version("identical_v1.pt")}).exitCode, 2);
    const CliResult folder = runCli({"review", version("identical_v1.pt"), fixturePath("versions")});
    EXPECT_EQ(folder.exitCode, 2);
    EXPECT_NE(folder.err.find("folder"), std::string::npos) << folder.err;
    const CliResult empty = runCli({"review", fixturePath("empty.pt"), version("identical_v1.pt")});
    EXPECT_EQ(empty.exitCode, 2);
    EXPECT_NE(empty.err.find("The file is empty"), std::string::npos) << empty.err;
}
