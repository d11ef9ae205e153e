// `ptscope-cli run` as CI uses it: every input form end to end, outputs equal to Python's,
// --save-outputs files that Python's torch.load reads, errors as exit 2 with a short message.

#include "ptscope/run/runjson.h"
#include "runcases.h"
#include "testsupport.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <chrono>
#include <gtest/gtest.h>

using namespace ptscope;
using namespace ptscope::test;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

std::vector<std::string> runArgs(const json& c)
{
    std::vector<std::string> args;
    for (const std::string& library : caseLibraries(c))
        args.insert(args.end(), {"--load-library", library});
    args.insert(args.end(), {"run", "--json", "--threads", "1", caseModel(c), "--seed",
                             std::to_string(c["seed"].get<uint64_t>())});
    for (const std::string& spec : caseInputs(c)) {
        args.push_back("--input");
        args.push_back(spec);
    }
    if (const std::string all = caseAllInputs(c); !all.empty()) {
        args.push_back("--inputs");
        args.push_back(all);
    }
    return args;
}

int lineCount(const std::string& text)
{
    int lines = 0;
    for (char c : text)
        lines += c == '\n';
    return lines;
}

// Python (with torch) checks that what ptscope saved equals what Python computed.
const char* const kSameOutputs = R"(
import sys, numpy as np, torch
def same(x, y):
    if isinstance(x, torch.Tensor):
        return isinstance(y, torch.Tensor) and x.dtype == y.dtype and x.shape == y.shape and torch.equal(x, y)
    if isinstance(x, (list, tuple)):
        return type(x) == type(y) and len(x) == len(y) and all(same(a, b) for a, b in zip(x, y))
    if isinstance(x, dict):
        return isinstance(y, dict) and list(x) == list(y) and all(same(x[k], y[k]) for k in x)
    return type(x) == type(y) and x == y
ok = same(torch.load(sys.argv[1]), torch.load(sys.argv[2]))
for ours, theirs in zip(sys.argv[3::2], sys.argv[4::2]):
    a, b = np.load(ours), np.load(theirs)
    ok = ok and a.dtype == b.dtype and np.array_equal(a, b, equal_nan=True)
sys.exit(0 if ok else 1)
)";

int runPython(const std::string& script, const std::vector<std::string>& args, const TempFolder& folder)
{
    const std::string file = folder.file("check.py");
    std::ofstream(file) << script;
    std::string cmd = "/usr/bin/python3 '" + file + "'";
    for (const std::string& a : args)
        cmd += " '" + a + "'";
    const int status = std::system(cmd.c_str());
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// One case per form of the grammar: generated tensors with each fill, .npy, .pt, folders,
// int/float/bool/str/none, --inputs with a tuple, a list, a folder.
const std::vector<std::string> kGrammarCases = {
    "simplenet_randn_seed7",
    "simplenet_default_fill",
    "identity_float32_2_3_rand",
    "identity_int64_2_3_arange",
    "identity_int32_4_zeros",
    "identity_bool_3_ones",
    "identity_float32_2_2_0_5",
    "identity_float32_2_5",
    "simplenet_npy",
    "simplenet_traced_pt",
    "simplenet_batch",
    "multi_io_specs",
    "multi_io_all",
    "multi_io_list_all",
    "multi_io_batch",
    "text_args_all",
    "text_args_none",
    "detect_list_arg",
    "dict_input",
    "nms", // with --load-library
};

class CliRunCase : public ::testing::TestWithParam<std::string>
{
};

TEST_P(CliRunCase, OutputsEqualPythons)
{
    const json& c = runCase(GetParam());
    const TempFolder folder("clirun");
    std::vector<std::string> args = runArgs(c);
    args.insert(args.end(), {"--save-npy", folder.path()});
    const CliResult r = runCli(args);
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_TRUE(r.err.empty()) << r.err;
    const RunResult result = runResultFromJson(r.out);
    if (c.contains("samples")) {
        ASSERT_EQ(result.samples.size(), c["samples"].size());
        for (size_t s = 0; s < result.samples.size(); ++s)
            EXPECT_EQ(compareOutputs(c["samples"][s]["outputs"], result.samples[s].outputs), "")
                << "sample " << s;
    } else {
        EXPECT_EQ(compareOutputs(c["outputs"], result.samples.at(0).outputs), "");
    }
}

INSTANTIATE_TEST_SUITE_P(Grammar, CliRunCase, ::testing::ValuesIn(kGrammarCases),
                         [](const ::testing::TestParamInfo<std::string>& info) { return info.param; });

TEST(CliRun, JsonHasTheDocumentedFields)
{
    const json& c = runCase("multi_io_specs");
    std::vector<std::string> args = runArgs(c);
    args.insert(args.end(), {"--repeat", "3"});
    const CliResult r = runCli(args);
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const json doc = json::parse(r.out);
    EXPECT_EQ(doc["model"], caseModel(c));
    EXPECT_EQ(doc["device"], "cpu");
    EXPECT_EQ(doc["threads"], 1);
    EXPECT_EQ(doc["training"], false);
    EXPECT_EQ(doc["grad"], false);
    EXPECT_EQ(doc["warmup"], 2);
    EXPECT_EQ(doc["repeat"], 3);
    EXPECT_TRUE(doc["blas"].is_string());
    ASSERT_EQ(doc["inputs"].size(), 4u);
    EXPECT_EQ(doc["inputs"][2], json({{"name", "scale"}, {"spec", "float:0.5"}, {"kind", "float"}}));
    EXPECT_EQ(doc["inputs"][0]["shape"], json({2, 6}));
    ASSERT_EQ(doc["outputs"].size(), c["outputs"].size());
    for (size_t i = 0; i < doc["outputs"].size(); ++i) {
        const json& o = doc["outputs"][i];
        for (const char* field :
             {"path", "kind", "type", "shape", "dtype", "min", "max", "mean", "std", "nan", "inf"})
            EXPECT_TRUE(o.contains(field)) << field;
        EXPECT_EQ(o["path"], c["outputs"][i]["path"]);
    }
    EXPECT_EQ(doc["seconds"]["runs"].size(), 3u);
    EXPECT_TRUE(doc["seconds"]["median"].is_number());
}

TEST(CliRun, ScalarsStringsAndNoneAreListedWithTheirValues)
{
    const json& c = runCase("text_args_none");
    const CliResult r = runCli(runArgs(c));
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const json outputs = json::parse(r.out)["outputs"];
    ASSERT_EQ(outputs.size(), c["outputs"].size());
    for (size_t i = 1; i < outputs.size(); ++i) {
        EXPECT_EQ(outputs[i]["kind"], c["outputs"][i]["kind"]);
        EXPECT_EQ(outputs[i]["value"], c["outputs"][i]["value"]);
    }
}

TEST(CliRun, SavedOutputsLoadInPythonAndEqualItsForward)
{
    for (const char* name : {"detect_list_arg", "text_args_all", "multi_io_specs", "simplenet_batch"}) {
        SCOPED_TRACE(name);
        const json& c = runCase(name);
        const TempFolder folder("clisave");
        std::vector<std::string> args = runArgs(c);
        args.insert(args.end(), {"--save-outputs", folder.file("out.pt"), "--save-npy", folder.file("npy")});
        const CliResult r = runCli(args);
        ASSERT_EQ(r.exitCode, 0) << r.err;
        const json doc = json::parse(r.out);
        EXPECT_EQ(doc["saved_outputs"], folder.file("out.pt"));
        if (c.contains("samples"))
            continue; // a batch saves a list of return values; each sample's .npy files are compared above
        std::vector<std::string> check = {folder.file("out.pt"), fixturePath(c["outputs_pt"])};
        for (size_t i = 0; i < doc["outputs"].size(); ++i) {
            if (doc["outputs"][i]["kind"] != "tensor")
                continue;
            check.push_back(doc["outputs"][i]["file"]);
            check.push_back(fixturePath(c["outputs"][i]["file"]));
        }
        EXPECT_EQ(runPython(kSameOutputs, check, folder), 0) << "Python disagrees with " << name;
    }
}

TEST(CliRun, TextIsTheDefault)
{
    const CliResult r = runCli({"run", fixturePath("simplenet_scripted.pt"), "--input", "float32[2,10]"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_NE(r.out.find("Outputs"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("float32 [2, 2]"), std::string::npos) << r.out;
    EXPECT_FALSE(json::accept(r.out));
}

class CliRunError : public ::testing::TestWithParam<std::string>
{
};

TEST_P(CliRunError, ExitsTwoWithAShortMessage)
{
    const json& c = runCase(GetParam());
    const CliResult r = runCli(runArgs(c));
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_GE(lineCount(r.err), 1);
    EXPECT_LE(lineCount(r.err), 2) << r.err;
    EXPECT_EQ(r.err.find("Exception raised from"), std::string::npos) << r.err;
    const json doc = json::parse(r.out);
    EXPECT_EQ(doc["error"]["kind"], c["error"]["kind"]);
    for (const json& word : c["error"]["contains"])
        EXPECT_NE(r.err.find(word.get<std::string>()), std::string::npos) << r.err;
    for (const json& word : c["error"]["hint_contains"])
        EXPECT_NE(r.err.find(word.get<std::string>()), std::string::npos) << r.err;
}

INSTANTIATE_TEST_SUITE_P(Fixtures, CliRunError,
                         ::testing::Values("raises", "wrong_shape", "too_many", "missing",
                                           "no_inputs_scripted", "wrong_type_str", "npy_fortran",
                                           "npy_object", "one_entry_dict", "missing_file"),
                         [](const ::testing::TestParamInfo<std::string>& info) { return info.param; });

TEST(CliRun, UsageErrorsExitTwo)
{
    const std::string model = fixturePath("simplenet_scripted.pt");
    const std::string pt = "@" + fixturePath("run/inputs/simplenet_x.pt");
    EXPECT_EQ(runCli({"run"}).exitCode, 2);
    EXPECT_EQ(runCli({"run", model, "--input", "float32[1,10]", "--inputs", pt}).exitCode, 2);
    EXPECT_EQ(runCli({"run", model, "--input", "float32[1,10]", "--repeat", "0"}).exitCode, 2);

    const CliResult bad = runCli({"run", "--json", model, "--input", "float32[1,10"});
    EXPECT_EQ(bad.exitCode, 2);
    EXPECT_EQ(json::parse(bad.out)["error"]["kind"], "invalid-input");

    const CliResult cuda = runCli({"--device", "cuda", "run", "--json", model, "--input", "float32[1,10]"});
    EXPECT_EQ(cuda.exitCode, 2);
    EXPECT_EQ(json::parse(cuda.out)["error"]["kind"], "invalid-argument");
}

TEST(CliRun, InputOptionTakesOneSpecEach)
{
    // The model path may follow --input without being read as a second spec.
    const CliResult r =
        runCli({"run", "--json", "--input", "float32[1,10]", fixturePath("simplenet_scripted.pt")});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_EQ(json::parse(r.out)["inputs"].size(), 1u);
}

} // namespace

TEST(CliRun, TimeoutEndsAForwardThatNeverReturns)
{
    const std::string spin = fixturePath("run/spin_scripted.pt");
    for (const char* verb : {"run", "profile"}) {
        SCOPED_TRACE(verb);
        const auto start = std::chrono::steady_clock::now();
        const CliResult r = runCli({verb, spin, "--input", "float32[2]:zeros", "--input", "int:-1", "--timeout", "1.5",
                                    "--json"});
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        EXPECT_EQ(r.exitCode, 2) << r.err;
        EXPECT_LT(seconds, 20.0);
        EXPECT_GE(seconds, 1.5);
        EXPECT_NE(r.err.find("took longer than the 1.5 s allowed"), std::string::npos) << r.err;
        EXPECT_EQ(json::parse(r.out)["error"]["kind"], "timeout");
    }
    // A run that ends in time is not affected.
    const CliResult ok = runCli({"run", spin, "--input", "float32[2]:zeros", "--input", "int:3", "--timeout", "30"});
    EXPECT_EQ(ok.exitCode, 0) << ok.err;
}
