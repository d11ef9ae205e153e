// `ptscope-cli diff` as CI uses it: exit 0 on a match, 1 on a mismatch, 2 on an error; the JSON
// fields the README documents; per-path tolerances; Python's saved outputs as the reference.

#include "runcases.h"
#include "testsupport.h"

#include <gtest/gtest.h>

using namespace ptscope;
using namespace ptscope::test;
using nlohmann::json;

namespace {

json parse(const CliResult& r)
{
    EXPECT_TRUE(r.err.empty() || r.exitCode == 2) << r.err;
    return json::parse(r.out);
}

} // namespace

TEST(CliDiff, TracedAndScriptedSimpleNetMatch)
{
    const CliResult r =
        runCli({"diff", fixturePath("simplenet_scripted.pt"), fixturePath("simplenet_traced.pt"), "--input",
                "float32[4,10]", "--trials", "4", "--json"});
    ASSERT_EQ(r.exitCode, 0) << r.out << r.err;
    const json doc = parse(r);
    EXPECT_EQ(doc["verdict"], "match");
    EXPECT_EQ(doc["inputs"].size(), 4u);
    ASSERT_EQ(doc["outputs"].size(), 1u);
    const json& out = doc["outputs"][0];
    for (const char* key : {"path", "max_abs", "mean_abs", "max_rel", "cosine", "mismatched", "total"})
        EXPECT_TRUE(out.contains(key)) << key;
    EXPECT_EQ(out["path"], "0");
    EXPECT_EQ(out["total"], 8);
    EXPECT_EQ(out["mismatched"], 0);
    EXPECT_TRUE(doc["worst_input"].is_object());
}

TEST(CliDiff, ABranchTheTraceDidNotTakeIsAMismatch)
{
    const CliResult r = runCli({"diff", fixturePath("branch_scripted.pt"), fixturePath("branch_traced.pt"),
                                "--input", "float32[1,4]:-1", "--json"});
    ASSERT_EQ(r.exitCode, 1) << r.out << r.err;
    const json doc = parse(r);
    EXPECT_EQ(doc["verdict"], "mismatch");
    EXPECT_EQ(doc["outputs"][0]["mismatched"], 4);
    EXPECT_GT(doc["outputs"][0]["max_abs"].get<double>(), 1e-3);
    EXPECT_EQ(doc["worst_input"]["input"], "float32[1,4]:-1");

    // The same without --json: a report for people, the same exit status.
    const CliResult text = runCli({"diff", fixturePath("branch_scripted.pt"), fixturePath("branch_traced.pt"),
                                   "--input", "float32[1,4]:-1"});
    EXPECT_EQ(text.exitCode, 1);
    EXPECT_NE(text.out.find("Mismatch"), std::string::npos) << text.out;
    EXPECT_NE(text.out.find("4 of 4 elements"), std::string::npos) << text.out;
}

TEST(CliDiff, ToleranceLetsASmallDifferenceThrough)
{
    // Python's outputs of the traced branch model on a negative input, against the scripted
    // model: far apart. With a huge tolerance for output 0 they pass.
    const json& c = runCase("branch_traced_neg");
    std::vector<std::string> base{"diff", fixturePath("branch_scripted.pt"), "--reference",
                                  fixturePath(c["outputs_pt"].get<std::string>())};
    for (const std::string& spec : caseInputs(c))
        base.insert(base.end(), {"--input", spec});
    base.push_back("--json");
    EXPECT_EQ(runCli(base).exitCode, 1);
    std::vector<std::string> loose = base;
    loose.insert(loose.end(), {"--tolerance", "0=100"});
    const CliResult r = runCli(loose);
    ASSERT_EQ(r.exitCode, 0) << r.out << r.err;
    EXPECT_EQ(parse(r)["tolerances"]["0"]["atol"], 100.0);
}

TEST(CliDiff, AgainstPythonsOwnOutputs)
{
    for (const char* name : {"simplenet_npy", "multi_io_specs", "detect_all"}) {
        SCOPED_TRACE(name);
        const json& c = runCase(name);
        std::vector<std::string> args;
        for (const std::string& library : caseLibraries(c))
            args.insert(args.end(), {"--load-library", library});
        args.insert(args.end(),
                    {"diff", caseModel(c), "--reference", fixturePath(c["outputs_pt"].get<std::string>()),
                     "--seed", std::to_string(c["seed"].get<uint64_t>()), "--threads", "1", "--json"});
        for (const std::string& spec : caseInputs(c))
            args.insert(args.end(), {"--input", spec});
        if (const std::string all = caseAllInputs(c); !all.empty())
            args.insert(args.end(), {"--inputs", all});
        const CliResult r = runCli(args);
        ASSERT_EQ(r.exitCode, 0) << r.out << r.err;
        const json doc = parse(r);
        EXPECT_EQ(doc["verdict"], "match");
        EXPECT_TRUE(doc["model_b"].is_null());
        for (const json& o : doc["outputs"])
            EXPECT_EQ(o["match"], true) << o.dump();
    }
}

TEST(CliDiff, ErrorsAreExitTwoWithAMessage)
{
    const std::string a = fixturePath("simplenet_scripted.pt");
    for (const std::vector<std::string>& args :
         {std::vector<std::string>{"diff", a, "--input", "float32[1,10]"},
          {"diff", a, "/nonexistent/b.pt", "--input", "float32[1,10]"},
          {"diff", a, a, "--input", "float32[1,7]"},
          {"diff", a, a, "--input", "float32[1,10]", "--tolerance", "0=abc"},
          {"diff", a, "--reference", fixturePath("run/inputs/simplenet_x.npy"), "--trials", "3", "--input",
           "float32[1,10]"},
          {"diff", a, fixturePath("random_bytes.pt"), "--input", "float32[1,10]"}}) {
        std::string line;
        for (const std::string& word : args)
            line += word + " ";
        SCOPED_TRACE(line);
        std::vector<std::string> withJson = args;
        withJson.push_back("--json");
        const CliResult r = runCli(withJson);
        EXPECT_EQ(r.exitCode, 2) << r.out << r.err;
        EXPECT_FALSE(r.err.empty());
        EXPECT_EQ(r.err.find("terminate"), std::string::npos) << r.err;
        const json doc = json::parse(r.out);
        EXPECT_TRUE(doc.contains("error")) << r.out;
    }
}

TEST(CliDiff, PerNodeNamesTheIfATraceLost)
{
    const CliResult r = runCli({"diff", fixturePath("branch_scripted.pt"), fixturePath("branch_traced.pt"),
                                "--input", "float32[1,4]:-1", "--per-node", "--json"});
    ASSERT_EQ(r.exitCode, 1) << r.out << r.err;
    const json doc = parse(r);
    ASSERT_TRUE(doc["structural_causes"].is_array());
    ASSERT_FALSE(doc["structural_causes"].empty());
    EXPECT_EQ(doc["structural_causes"][0]["kind"], "if");
    EXPECT_EQ(doc["structural_causes"][0]["a"]["kind"], "prim::If");
    EXPECT_EQ(doc["structural_causes"][0]["a"]["source"]["line"], 10);
    EXPECT_TRUE(doc["per_node"]["executed"].get<bool>());
    // The scripted model ran sum, gt, Bool, linear (b), mul; the trace linear (a.0), relu (a.1).
    EXPECT_EQ(doc["per_node"]["executed_a"], 5);
    EXPECT_EQ(doc["per_node"]["executed_b"], 2);

    // A model against itself: every node aligned, none differing, no cause.
    const CliResult same =
        runCli({"diff", fixturePath("resnet18_scripted.pt"), fixturePath("resnet18_scripted.pt"), "--input",
                "float32[1,3,64,64]", "--per-node", "--json"});
    ASSERT_EQ(same.exitCode, 0) << same.out << same.err;
    const json s = parse(same);
    EXPECT_TRUE(s["first_divergent_node"].is_null());
    EXPECT_TRUE(s["structural_causes"].empty());
    EXPECT_GT(s["per_node"]["aligned"].get<int>(), 50);
    EXPECT_EQ(s["per_node"]["aligned"], s["per_node"]["executed_a"]);
    EXPECT_EQ(s["per_node"]["unaligned_a_count"], 0);
}
