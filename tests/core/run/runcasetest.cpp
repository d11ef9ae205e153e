// Every run case from make_run_fixtures.py through runModel: outputs equal Python's bit for bit,
// and every bad input or failing model gives the error kind and words Python's view implies.

#include "ptscope/common/error.h"
#include "ptscope/run/inputspec.h"
#include "ptscope/load/model.h"
#include "ptscope/load/operatorlibrary.h"
#include "ptscope/run/runner.h"
#include "runcases.h"

#include <gtest/gtest.h>

using namespace ptscope;
using namespace ptscope::test;
using nlohmann::json;

namespace {

RunOptions optionsInto(const TempFolder& folder)
{
    RunOptions options;
    options.threads = 1; // Python made the expected values with one thread
    options.outputFolder = folder.path();
    return options;
}

class RunCase : public ::testing::TestWithParam<std::string>
{
};

TEST_P(RunCase, OutputsEqualPythons)
{
    const json& c = runCase(GetParam());
    const TempFolder folder("runcase");
    for (const std::string& library : caseLibraries(c))
        loadOperatorLibrary(library);
    const Model model = Model::open(caseModel(c));
    const RunResult result = runModel(model, caseRunInputs(c), optionsInto(folder));

    if (c.contains("samples")) {
        ASSERT_TRUE(result.batch);
        ASSERT_EQ(result.samples.size(), c["samples"].size());
        for (size_t s = 0; s < result.samples.size(); ++s) {
            EXPECT_EQ(result.samples[s].name, c["samples"][s]["name"]);
            EXPECT_EQ(compareOutputs(c["samples"][s]["outputs"], result.samples[s].outputs), "")
                << "sample " << s;
        }
    } else {
        ASSERT_FALSE(result.batch);
        ASSERT_EQ(result.samples.size(), 1u);
        EXPECT_EQ(compareOutputs(c["outputs"], result.samples[0].outputs), "");
    }
    EXPECT_EQ(result.threads, 1);
    EXPECT_EQ(result.seconds.size(), 1u);
    EXPECT_EQ(result.inputs.size(), forwardArguments(model).size());
}

class RunErrorCase : public ::testing::TestWithParam<std::string>
{
};

TEST_P(RunErrorCase, ReportsTheErrorForPeople)
{
    const json& c = runCase(GetParam());
    const json& expected = c["error"];
    const TempFolder folder("runerror");
    try {
        const Model model = Model::open(caseModel(c));
        runModel(model, caseRunInputs(c), optionsInto(folder));
        FAIL() << "ran without an error";
    } catch (const Error& e) {
        EXPECT_EQ(errorKindId(e.kind()), expected["kind"].get<std::string>()) << e.what();
        for (const json& word : expected["contains"])
            EXPECT_NE(e.message().find(word.get<std::string>()), std::string::npos) << e.message();
        for (const json& word : expected["hint_contains"])
            EXPECT_NE(e.hint().find(word.get<std::string>()), std::string::npos) << e.hint();
        EXPECT_EQ(e.message().find('\n'), std::string::npos) << e.message();
        EXPECT_EQ(e.hint().find('\n'), std::string::npos) << e.hint();
        EXPECT_EQ(e.message().find("Exception raised from"), std::string::npos);
    }
}

std::string caseName(const ::testing::TestParamInfo<std::string>& info)
{
    return info.param;
}

INSTANTIATE_TEST_SUITE_P(Fixtures, RunCase, ::testing::ValuesIn(runCaseNames(false)), caseName);
INSTANTIATE_TEST_SUITE_P(Fixtures, RunErrorCase, ::testing::ValuesIn(runCaseNames(true)), caseName);

TEST(RunCases, FixturesHaveCasesOfEveryKind)
{
    EXPECT_GE(runCaseNames(false).size(), 40u);
    EXPECT_GE(runCaseNames(true).size(), 20u);
}

} // namespace
