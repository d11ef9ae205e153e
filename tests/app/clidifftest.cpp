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

// The README's recipe on the bundled example: the scripted and the traced SimpleNet agree with each
// other and with the outputs Python gave; a model that differs from those outputs does not.
TEST(CliDiff, TheBundledExamplePairMatchesAndMatchesPython)
{
    const std::string dir = PTSCOPE_EXAMPLE_DIR;
    const std::string input = "@" + dir + "/simplenet_input.pt";
    const CliResult pair = runCli({"diff", dir + "/simplenet.pt", dir + "/simplenet_traced.pt", "--inputs", input,
                                   "--per-node", "--json"});
    ASSERT_EQ(pair.exitCode, 0) << pair.out << pair.err;
    json doc = parse(pair);
    EXPECT_EQ(doc["verdict"], "match");
    EXPECT_EQ(doc["outputs"][0]["total"], 8); // the 4 x 2 outputs of the saved input
    EXPECT_TRUE(doc["first_divergent_node"].is_null());
    EXPECT_TRUE(doc["structural_causes"].empty());

    const CliResult python = runCli({"diff", dir + "/simplenet.pt", "--reference", dir + "/simplenet_outputs.pt",
                                     "--inputs", input, "--json"});
    ASSERT_EQ(python.exitCode, 0) << python.out << python.err;
    doc = parse(python);
    EXPECT_EQ(doc["verdict"], "match");
    EXPECT_LE(doc["outputs"][0]["max_abs"].get<double>(), 1e-6);

    // Other inputs than the ones the outputs were made from disagree with them.
    const CliResult other = runCli({"diff", dir + "/simplenet.pt", "--reference", dir + "/simplenet_outputs.pt",
                                    "--input", "float32[4,10]:ones", "--json"});
    EXPECT_EQ(other.exitCode, 1) << other.out << other.err;
}

// --search finds an input the trace gets wrong, saves it where asked, and names the branch; the
// saved file runs as an input file.
TEST(CliDiff, SearchFindsAndSavesTheInputATraceGetsWrong)
{
    const std::string saved = ::testing::TempDir() + "/ptscope-counterexample.pt";
    std::remove(saved.c_str());
    const CliResult r = runCli({"diff", fixturePath("branch_traced.pt"), fixturePath("branch_scripted.pt"), "--input",
                                "float32[1,4]:1", "--search", "--per-node", "--save-counterexample", saved, "--json"});
    ASSERT_EQ(r.exitCode, 1) << r.out << r.err;
    const json doc = parse(r);
    EXPECT_EQ(doc["verdict"], "mismatch");
    EXPECT_EQ(doc["worst_input"]["verdict"], "match"); // the given input agrees
    ASSERT_TRUE(doc["counterexample"].is_object());
    EXPECT_EQ(doc["counterexample"]["file"], saved);
    EXPECT_FALSE(doc["counterexample"]["description"].get<std::string>().empty());
    EXPECT_GT(doc["counterexample"]["outputs"][0]["mismatched"].get<int>(), 0);
    EXPECT_EQ(doc["search"]["stopped"], "found");
    EXPECT_LE(doc["search"]["trials"].get<int>(), doc["search"]["budget"].get<int>());
    ASSERT_FALSE(doc["structural_causes"].empty());
    EXPECT_EQ(doc["structural_causes"][0]["kind"], "if");
    const CliResult rerun = runCli({"diff", fixturePath("branch_traced.pt"), fixturePath("branch_scripted.pt"),
                                    "--inputs", "@" + saved, "--json"});
    EXPECT_EQ(rerun.exitCode, 1) << rerun.out << rerun.err;

    // Reproducible: the same seed finds the same input in the same number of trials.
    const CliResult again = runCli({"diff", fixturePath("branch_traced.pt"), fixturePath("branch_scripted.pt"),
                                    "--input", "float32[1,4]:1", "--search", "--json"});
    const json second = parse(again);
    EXPECT_EQ(second["counterexample"]["description"], doc["counterexample"]["description"]);
    EXPECT_EQ(second["search"]["trials"], doc["search"]["trials"]);
    EXPECT_TRUE(second["counterexample"]["file"].is_null());
    std::remove(saved.c_str());
}

TEST(CliDiff, SearchRefusesWhatItCannotDo)
{
    const auto diff = [](std::vector<std::string> extra) {
        std::vector<std::string> args = {"diff", fixturePath("simplenet_scripted.pt")};
        args.insert(args.end(), extra.begin(), extra.end());
        return runCli(args);
    };
    const CliResult reference = diff({"--reference", fixturePath("simplenet_traced.pt"), "--search"});
    EXPECT_EQ(reference.exitCode, 2);
    EXPECT_NE(reference.err.find("two models"), std::string::npos) << reference.err;
    const CliResult badRange = diff({fixturePath("simplenet_traced.pt"), "--input", "float32[1,10]", "--search",
                                     "--vary", "x:0=5..2"});
    EXPECT_EQ(badRange.exitCode, 2);
    EXPECT_NE(badRange.err.find("x:0=5..2"), std::string::npos) << badRange.err;
    const CliResult unknown = diff({fixturePath("simplenet_traced.pt"), "--input", "float32[1,10]", "--search",
                                    "--vary", "y:0=1..4"});
    EXPECT_EQ(unknown.exitCode, 2);
    EXPECT_NE(unknown.err.find("no tensor argument"), std::string::npos) << unknown.err;
    const CliResult overwrite = diff({fixturePath("simplenet_traced.pt"), "--input", "float32[1,10]", "--search",
                                      "--save-counterexample", fixturePath("simplenet_traced.pt")});
    EXPECT_EQ(overwrite.exitCode, 2);
    // Two models that agree: the search spends its budget and says so; exit 0.
    const CliResult agree = diff({fixturePath("simplenet_traced.pt"), "--input", "float32[2,10]", "--search",
                                  "--search-budget", "30", "--vary", "x:0=1..6", "--json"});
    ASSERT_EQ(agree.exitCode, 0) << agree.out << agree.err;
    const json doc = json::parse(agree.out);
    EXPECT_TRUE(doc["counterexample"].is_null());
    EXPECT_EQ(doc["search"]["trials"], 30);
    EXPECT_EQ(doc["search"]["stopped"], "budget");
    ASSERT_EQ(doc["search"]["free_dimensions"].size(), 1u);
    EXPECT_EQ(doc["search"]["free_dimensions"][0]["min"], 1);
    EXPECT_EQ(doc["search"]["free_dimensions"][0]["max"], 6);
}
