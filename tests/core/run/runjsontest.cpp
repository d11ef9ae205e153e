// The run JSON document (CLI output and worker result) carries everything RunResult holds.

#include "ptscope/run/runjson.h"

#include "ptscope/common/error.h"
#include "ptscope/run/inputspec.h"
#include "ptscope/load/model.h"
#include "ptscope/run/runner.h"
#include "runcases.h"
#include "testsupport.h"

#include <gtest/gtest.h>

using namespace ptscope;
using namespace ptscope::test;
using nlohmann::json;

namespace {

RunResult runCaseResult(const std::string& name, const TempFolder& folder)
{
    const json& c = runCase(name);
    RunInputs in;
    for (const std::string& spec : caseInputs(c))
        in.arguments.push_back(parseInputSpec(spec));
    in.allArgumentsFile = caseAllInputs(c);
    RunOptions options;
    options.threads = 1;
    options.outputFolder = folder.path();
    return runModel(Model::open(caseModel(c)), in, options);
}

TEST(RunJson, RoundTripsAResultWithEveryOutputKind)
{
    const TempFolder folder("json");
    const RunResult r = runCaseResult("text_args_none", folder);
    const RunResult back = runResultFromJson(runResultToJson(r));
    EXPECT_EQ(back.model, r.model);
    EXPECT_EQ(back.threads, 1);
    EXPECT_EQ(back.seconds, r.seconds);
    ASSERT_EQ(back.inputs.size(), r.inputs.size());
    EXPECT_EQ(back.inputs[0].shape, r.inputs[0].shape);
    EXPECT_EQ(compareOutputs(runCase("text_args_none")["outputs"], back.samples.at(0).outputs), "");
}

TEST(RunJson, BatchesListSamples)
{
    const TempFolder folder("jsonbatch");
    const RunResult r = runCaseResult("simplenet_batch", folder);
    const json doc = json::parse(runResultToJson(r));
    EXPECT_FALSE(doc.contains("outputs"));
    ASSERT_EQ(doc["samples"].size(), runCase("simplenet_batch")["samples"].size());
    const RunResult back = runResultFromJson(doc.dump());
    EXPECT_TRUE(back.batch);
    for (size_t s = 0; s < back.samples.size(); ++s)
        EXPECT_EQ(
            compareOutputs(runCase("simplenet_batch")["samples"][s]["outputs"], back.samples[s].outputs), "");
}

TEST(RunJson, NonFiniteStatisticsStayReadable)
{
    const TempFolder folder("jsonnan");
    const RunResult r = runCaseResult("identity_npy_float32_special", folder);
    const json doc = json::parse(runResultToJson(r));
    EXPECT_EQ(doc["outputs"][0]["nan"], 2);
    EXPECT_EQ(doc["outputs"][0]["inf"], 2);
    EXPECT_TRUE(doc["outputs"][0]["min"].is_number());
}

TEST(RunJson, ArgumentSpecsRoundTrip)
{
    const std::vector<ArgumentSpec> args =
        forwardArguments(Model::open(fixturePath("run/text_args_scripted.pt")));
    const std::vector<ArgumentSpec> back = argumentSpecsFromJson(argumentSpecsToJson(args));
    ASSERT_EQ(back.size(), args.size());
    for (size_t i = 0; i < args.size(); ++i) {
        EXPECT_EQ(back[i].name, args[i].name);
        EXPECT_EQ(back[i].type, args[i].type);
        EXPECT_EQ(back[i].kind, args[i].kind);
        EXPECT_EQ(back[i].hasDefault, args[i].hasDefault);
        EXPECT_EQ(back[i].defaultValue, args[i].defaultValue);
        EXPECT_EQ(back[i].defaultSpec, args[i].defaultSpec);
    }
}

TEST(RunJson, MalformedDocumentsAreProtocolErrors)
{
    EXPECT_THROW(runResultFromJson("{"), Error);
    EXPECT_THROW(runResultFromJson("{\"model\": 3}"), Error);
    EXPECT_THROW(argumentSpecsFromJson("[{\"name\": 1}]"), Error);
}

} // namespace
