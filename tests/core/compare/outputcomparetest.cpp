// Comparing outputs: the metrics on arrays made here (through the identity model, whose output is
// its input, against reference .npy files), a model against itself and against Python's own
// outputs for every run case, trace/script pairs, trials and folders.

#include "ptscope/common/error.h"
#include "ptscope/compare/comparer.h"
#include "ptscope/io/npy.h"
#include "ptscope/load/model.h"
#include "ptscope/load/operatorlibrary.h"
#include "ptscope/run/inputspec.h"
#include "runcases.h"
#include "testsupport.h"

#include <cmath>
#include <cstring>
#include <gtest/gtest.h>
#include <limits>

using namespace ptscope;
using namespace ptscope::test;
using nlohmann::json;

namespace {

void writeFloats(const std::string& path, const std::vector<int64_t>& shape, const std::vector<float>& values)
{
    NpyArray array;
    array.dtype = "float32";
    array.shape = shape;
    array.data.resize(values.size() * sizeof(float));
    std::memcpy(array.data.data(), values.data(), array.data.size());
    writeNpy(path, array);
}

// The identity model returns x: comparing it against a reference compares x with the reference.
OutputComparison compareArrays(const std::vector<int64_t>& shape, const std::vector<float>& a,
                               const std::vector<float>& b, CompareOptions options = {},
                               const std::vector<int64_t>& shapeB = {})
{
    const TempFolder folder("arrays");
    writeFloats(folder.file("a.npy"), shape, a);
    writeFloats(folder.file("b.npy"), shapeB.empty() ? shape : shapeB, b);
    options.reference = folder.file("b.npy");
    const Model identity = Model::open(fixturePath("run/identity_scripted.pt"));
    RunInputs inputs;
    inputs.arguments.push_back(parseInputSpec("@" + folder.file("a.npy")));
    return compareOutputs(identity, nullptr, inputs, options);
}

const OutputDiff& onlyOutput(const OutputComparison& c)
{
    EXPECT_EQ(c.inputs.size(), 1u);
    EXPECT_EQ(c.inputs.at(0).outputs.size(), 1u);
    return c.inputs.at(0).outputs.at(0);
}

constexpr float kNan = std::numeric_limits<float>::quiet_NaN();
constexpr float kInf = std::numeric_limits<float>::infinity();

} // namespace

TEST(OutputCompare, MetricsOfTwoArrays)
{
    // Differences 0, 0.5, 0, -2 (at [1, 1]).
    const OutputComparison c = compareArrays({2, 2}, {1, 2.5f, 3, 2}, {1, 2, 3, 4});
    const OutputDiff& d = onlyOutput(c);
    EXPECT_FALSE(c.matches);
    EXPECT_EQ(d.kind, OutputDiff::Kind::Tensor);
    EXPECT_TRUE(d.comparable);
    EXPECT_EQ(d.total, 4);
    EXPECT_EQ(d.mismatched, 2);
    EXPECT_DOUBLE_EQ(d.maxAbs, 2.0);
    EXPECT_EQ(d.maxAbsIndex, (std::vector<int64_t>{1, 1}));
    EXPECT_DOUBLE_EQ(d.meanAbs, 2.5 / 4);
    EXPECT_DOUBLE_EQ(d.maxRel, 2.0 / 4.0); // |a - b| / max(|a|, |b|)
    const double dot = 1 * 1 + 2.5 * 2 + 3 * 3 + 2 * 4;
    EXPECT_NEAR(d.cosine, dot / (std::sqrt(1 + 6.25 + 9 + 4) * std::sqrt(1 + 4 + 9 + 16)), 1e-12);
    ASSERT_EQ(d.histogram.counts.size(), static_cast<size_t>(DiffHistogram::kBins));
    EXPECT_EQ(d.histogram.counts[0], 2); // equal
    // 0.5 in [1e-1, 1), 2 in [1, 10): bins 12 and 13 with kFirstExponent -12.
    EXPECT_EQ(d.histogram.counts[12], 1);
    EXPECT_EQ(d.histogram.counts[13], 1);
    EXPECT_NE(d.problem.find("2 of 4 elements"), std::string::npos) << d.problem;
    EXPECT_NE(d.problem.find("[1, 1]"), std::string::npos) << d.problem;
    EXPECT_EQ(c.worstInput, 0);
}

TEST(OutputCompare, ToleranceIsNumpysIsclose)
{
    // |a - b| = 0.01; atol + rtol * |b| = 0.001 + 0.01 * 1 = 0.011 for the first, 0.001 + 0.01 * 0 for the
    // second.
    CompareOptions options;
    options.tolerances.defaults = {0.001, 0.01};
    const OutputComparison c = compareArrays({2}, {1.01f, 0.01f}, {1, 0}, options);
    EXPECT_EQ(onlyOutput(c).mismatched, 1);
    // Per path: output 0 gets its own.
    options.tolerances.byPath["0"] = {0.02, 0};
    const OutputComparison loose = compareArrays({2}, {1.01f, 0.01f}, {1, 0}, options);
    EXPECT_TRUE(loose.matches);
    EXPECT_EQ(onlyOutput(loose).mismatched, 0);
    EXPECT_DOUBLE_EQ(onlyOutput(loose).tolerance.atol, 0.02);
}

TEST(OutputCompare, NanPlacementAndInfinities)
{
    const OutputComparison same = compareArrays({3}, {kNan, kInf, -kInf}, {kNan, kInf, -kInf});
    EXPECT_TRUE(same.matches);
    EXPECT_EQ(onlyOutput(same).maxAbs, 0);
    const OutputComparison moved = compareArrays({3}, {kNan, 1, 2}, {1, kNan, 2});
    const OutputDiff& d = onlyOutput(moved);
    EXPECT_FALSE(moved.matches);
    EXPECT_EQ(d.nanMismatched, 2);
    EXPECT_EQ(d.mismatched, 2);
    EXPECT_EQ(d.maxAbs, 0); // over the places where neither is NaN
    const OutputComparison infinite = compareArrays({2}, {kInf, 1}, {1, 1});
    EXPECT_FALSE(infinite.matches);
    EXPECT_TRUE(std::isinf(onlyOutput(infinite).maxAbs));
}

TEST(OutputCompare, ShapesThatDifferAreNamed)
{
    const OutputComparison c = compareArrays({2, 2}, {1, 2, 3, 4}, {1, 2, 3, 4}, {}, {4});
    const OutputDiff& d = onlyOutput(c);
    EXPECT_FALSE(c.matches);
    EXPECT_FALSE(d.comparable);
    EXPECT_EQ(d.shapeA, (std::vector<int64_t>{2, 2}));
    EXPECT_EQ(d.shapeB, (std::vector<int64_t>{4}));
    EXPECT_NE(d.problem.find("shapes differ: [2, 2] and [4]"), std::string::npos) << d.problem;
}

TEST(OutputCompare, AModelAgreesWithItselfExactly)
{
    for (const auto& [fixture, spec] : {std::pair{"simplenet_scripted.pt", "float32[3,10]"},
                                        {"resnet18_scripted.pt", "float32[1,3,64,64]"},
                                        {"branch_scripted.pt", "float32[2,4]"},
                                        {"run/stochastic_scripted.pt", ""}}) {
        SCOPED_TRACE(fixture);
        const Model model = Model::open(fixturePath(fixture));
        CompareOptions options;
        options.trials = 3;
        // The stochastic model draws from torch's generator: the same draws for both calls.
        const RunInputs inputs = *spec ? specInputs({spec}) : caseRunInputs(runCase("stochastic"));
        const OutputComparison c = compareOutputs(model, &model, inputs, options);
        EXPECT_TRUE(c.matches);
        ASSERT_EQ(c.inputs.size(), 3u);
        for (const InputDiff& in : c.inputs)
            for (const OutputDiff& o : in.outputs) {
                EXPECT_TRUE(o.matches) << o.path << ": " << o.problem;
                EXPECT_EQ(o.maxAbs, 0) << o.path;
                EXPECT_EQ(o.mismatched, 0) << o.path;
            }
    }
}

TEST(OutputCompare, TracedAndScriptedWithoutControlFlowAgree)
{
    const Model scripted = Model::open(fixturePath("simplenet_scripted.pt"));
    const Model traced = Model::open(fixturePath("simplenet_traced.pt"));
    CompareOptions options;
    options.trials = 5;
    const OutputComparison c = compareOutputs(scripted, &traced, specInputs({"float32[4,10]"}), options);
    EXPECT_TRUE(c.matches);
    EXPECT_EQ(c.inputs.size(), 5u);
    EXPECT_EQ(c.inputs[2].input, "seed 2");
}

TEST(OutputCompare, ATraceThroughOneBranchDisagreesOnTheOtherAndNamesTheWorstInput)
{
    const Model scripted = Model::open(fixturePath("branch_scripted.pt"));
    const Model traced = Model::open(fixturePath("branch_traced.pt"));
    // The trace took the branch for sum > 0: ones agree, minus ones do not.
    CompareOptions options;
    EXPECT_TRUE(compareOutputs(scripted, &traced, specInputs({"float32[1,4]:ones"}), options).matches);
    const OutputComparison negative =
        compareOutputs(scripted, &traced, specInputs({"float32[1,4]:-1"}), options);
    EXPECT_FALSE(negative.matches);
    options.trials = 12;
    const OutputComparison c = compareOutputs(scripted, &traced, specInputs({"float32[1,4]"}, 7), options);
    EXPECT_FALSE(c.matches);
    ASSERT_EQ(c.inputs.size(), 12u);
    int agreeing = 0;
    for (const InputDiff& in : c.inputs)
        agreeing += in.matches ? 1 : 0;
    EXPECT_GT(agreeing, 0); // some random inputs have a positive sum
    EXPECT_LT(agreeing, 12);
    const InputDiff& worst = c.inputs.at(static_cast<size_t>(c.worstInput));
    EXPECT_FALSE(worst.matches);
    for (const InputDiff& in : c.inputs)
        EXPECT_FALSE(worseThan(in, worst)) << in.input;
    EXPECT_EQ(worst.input, "seed " + std::to_string(7 + c.worstInput));
}

class ReferenceCase : public ::testing::TestWithParam<std::string>
{
};

// Python's own outputs (torch.save of forward's return value) as the reference, on every run case.
TEST_P(ReferenceCase, EveryRunCaseMatchesPythonsOutputs)
{
    const json& c = runCase(GetParam());
    for (const std::string& library : caseLibraries(c))
        loadOperatorLibrary(library);
    const Model model = Model::open(caseModel(c));
    CompareOptions options;
    options.threads = 1;
    options.reference = fixturePath(c["outputs_pt"].get<std::string>());
    const OutputComparison result = compareOutputs(model, nullptr, caseRunInputs(c), options);
    EXPECT_TRUE(result.matches);
    for (const InputDiff& in : result.inputs) {
        EXPECT_TRUE(in.errorA.empty()) << in.errorA;
        for (const OutputDiff& o : in.outputs)
            EXPECT_TRUE(o.matches) << in.input << " " << o.path << ": " << o.problem;
    }
}

// The cases Python saved one return value for (batches have one file per sample instead).
std::vector<std::string> casesWithSavedOutputs()
{
    std::vector<std::string> names;
    for (const std::string& name : runCaseNames(false))
        if (runCase(name).contains("outputs_pt"))
            names.push_back(name);
    return names;
}

INSTANTIATE_TEST_SUITE_P(RunCases, ReferenceCase, ::testing::ValuesIn(casesWithSavedOutputs()),
                         [](const auto& info) { return info.param; });

TEST(OutputCompare, AnotherModelsOutputsAsReferenceDisagree)
{
    // branch_traced on a negative input: the `a` arm, where Python's scripted model took `b`.
    const json& c = runCase("branch_traced_neg");
    const Model scripted = Model::open(fixturePath("branch_scripted.pt"));
    CompareOptions options;
    options.reference = fixturePath(c["outputs_pt"].get<std::string>());
    const OutputComparison result = compareOutputs(scripted, nullptr, caseRunInputs(c), options);
    EXPECT_FALSE(result.matches);
    EXPECT_GT(result.inputs.at(0).outputs.at(0).mismatched, 0);
}

TEST(OutputCompare, RefusesWhatCannotBeCompared)
{
    const Model model = Model::open(fixturePath("simplenet_scripted.pt"));
    const auto kindOf = [&](const CompareOptions& options, const Model* b, const RunInputs& inputs) {
        try {
            compareOutputs(model, b, inputs, options);
        } catch (const Error& e) {
            return e.kind();
        }
        return ErrorKind::Internal;
    };
    CompareOptions none;
    EXPECT_EQ(kindOf(none, nullptr, specInputs({"float32[1,10]"})), ErrorKind::InvalidArgument);
    CompareOptions both;
    both.reference = fixturePath("run/inputs/simplenet_x.npy");
    EXPECT_EQ(kindOf(both, &model, specInputs({"float32[1,10]"})), ErrorKind::InvalidArgument);
    CompareOptions trials = both;
    trials.trials = 3;
    EXPECT_EQ(kindOf(trials, nullptr, specInputs({"float32[1,10]"})), ErrorKind::InvalidArgument);
    CompareOptions negative;
    negative.tolerances.defaults.atol = -1;
    EXPECT_EQ(kindOf(negative, &model, specInputs({"float32[1,10]"})), ErrorKind::InvalidArgument);
    CompareOptions missing;
    missing.reference = "/nonexistent/outputs.pt";
    EXPECT_EQ(kindOf(missing, nullptr, specInputs({"float32[1,10]"})), ErrorKind::FileNotFound);
    // Inputs neither model takes: nothing was compared.
    CompareOptions plain;
    EXPECT_EQ(kindOf(plain, &model, specInputs({"float32[1,7]"})), ErrorKind::ScriptError);
}

TEST(OutputCompare, OneModelRaisingIsADisagreement)
{
    // branch_scripted takes [N, 4]; resnet18 would raise on it. Same for simplenet ([N, 10]) on
    // a [N, 4] input: the scripted branch model returns, simplenet raises.
    const Model branch = Model::open(fixturePath("branch_scripted.pt"));
    const Model simplenet = Model::open(fixturePath("simplenet_scripted.pt"));
    const OutputComparison c = compareOutputs(branch, &simplenet, specInputs({"float32[2,4]"}), {});
    EXPECT_FALSE(c.matches);
    ASSERT_EQ(c.inputs.size(), 1u);
    EXPECT_TRUE(c.inputs[0].errorA.empty());
    EXPECT_FALSE(c.inputs[0].errorB.empty());
    EXPECT_TRUE(c.inputs[0].outputs.empty());
}
