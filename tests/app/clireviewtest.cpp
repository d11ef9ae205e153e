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
                                "--input", "float32[4,10]", "--runs", "3", "--json"});
    ASSERT_EQ(r.exitCode, 1) << r.err;
    const json doc = json::parse(r.out);
    ASSERT_TRUE(doc["timings"].is_object());
    EXPECT_GT(doc["timings"]["a_forward_ms"].get<double>(), 0);
    EXPECT_FALSE(doc["timings"]["nodes"].empty());
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
}
