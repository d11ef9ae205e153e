// The node-by-node comparison on the trace/script pairs make_compare_fixtures.py wrote
// (fixtures/compare/pairs.json, read at test time so a pair added there is tested here too):
// each diverging pair disagrees where the manifest says, its nodes part at the node this file
// expects, and the comparison names the manifest's cause; agreeing pairs, identical files and
// every model against itself agree with no divergence and no cause.

#include "ptscope/compare/comparer.h"
#include "ptscope/compare/nodecompare.h"
#include "ptscope/graph/graph.h"
#include "ptscope/load/model.h"
#include "ptscope/run/inputspec.h"
#include "comparepairs.h"
#include "testsupport.h"

#include <gtest/gtest.h>
#include <map>
#include <set>
#include <sstream>

using namespace ptscope;
using namespace ptscope::test;
using nlohmann::json;

namespace {

std::string describe(const NodeRef& n)
{
    if (n.node < 0)
        return "(none)";
    std::ostringstream s;
    s << "#" << n.node << " " << n.kind << " [" << n.scope << "] " << n.source.file << ":" << n.source.line << " `"
      << n.source.text << "`";
    return s.str();
}

// Everything a comparison found, for failure messages.
std::string describe(const NodeComparison& c)
{
    std::ostringstream s;
    s << "input " << c.input << ", executed " << c.executed << " (" << c.note << "), nodes " << c.executedA << "/"
      << c.executedB << ", aligned " << c.aligned << ", unaligned " << c.unalignedCountA << "/" << c.unalignedCountB
      << ", diverged " << c.diverged;
    if (c.diverged)
        s << " at step " << c.divergentStep << ": " << describe(c.divergentA) << " / " << describe(c.divergentB);
    for (const StructuralCause& cause : c.causes)
        s << "\n  cause " << cause.kind << ": " << cause.message << "\n    a " << describe(cause.a) << "\n    b "
          << describe(cause.b);
    return s.str();
}

// What each diverging pair must show: the kind of the first aligned node whose outputs differ
// (empty: the divergence shows only in the structure, no aligned node differs), and the kind of
// the node the cause points at in the traced model (a) and in the scripted one (b), empty where
// that model has no such node, and words the cause's message must have.
struct Expectation
{
    std::string firstDivergent;
    std::string causeNodeA;
    std::string causeNodeB;
    std::string says;
};

const std::map<std::string, Expectation>& expectations()
{
    static const std::map<std::string, Expectation> table = {
        // The trace multiplies by 2 whatever the sign; the script by -1 for a negative sum.
        {"if", {"aten::mul", "", "prim::If", "the second model decides with a prim::If"}},
        // Five rows against three unrolled steps: the rows line up, then the script's extra steps
        // feed a different state into the output layer. The trace ran the body 3 times (its
        // example had 3 rows), though it selected a row a 4th time, x[0], before the loop.
        {"loop", {"aten::linear", "", "prim::Loop", "runs its body's aten::linear 3 times in a row"}},
        // 1 / sqrt(2) baked in against 1 / sqrt(3) from aten::size.
        {"baked_shape", {"aten::div", "aten::div", "aten::div", "computes it from the input's size"}},
        // The example's mean baked in against aten::mean -> aten::Float.
        {"baked_value", {"aten::mul", "aten::mul", "aten::mul", "computes it from the input's values"}},
        {"dropout_train",
         {"aten::dropout", "aten::dropout", "aten::dropout", "runs in training mode in the first model"}},
        {"batchnorm_train",
         {"aten::batch_norm", "aten::batch_norm", "aten::batch_norm", "runs in training mode in the first model"}},
    };
    return table;
}

class DivergingPair : public ::testing::TestWithParam<std::string>
{
};

TEST_P(DivergingPair, OutputsDisagreeWhereTheManifestSays)
{
    const json& p = comparePair(GetParam());
    const Model a = Model::open(comparePath(p["a"]));
    const Model b = Model::open(comparePath(p["b"]));
    const OutputComparison bad = compareOutputs(a, &b, comparePairInputs(p, "disagree"), {});
    EXPECT_FALSE(bad.matches);
    ASSERT_EQ(bad.inputs.size(), 1u);
    EXPECT_TRUE(bad.inputs[0].errorA.empty()) << bad.inputs[0].errorA;
    EXPECT_TRUE(bad.inputs[0].errorB.empty()) << bad.inputs[0].errorB;
    ASSERT_EQ(bad.inputs[0].outputs.size(), 1u);
    EXPECT_GT(bad.inputs[0].outputs[0].mismatched, 0);
    EXPECT_GT(bad.inputs[0].outputs[0].maxAbs, 1e-2); // make_compare_fixtures.py's margin

    const OutputComparison example = compareOutputs(a, &b, comparePairInputs(p, "example"), {});
    EXPECT_EQ(example.matches, p["agrees_on_example"].get<bool>());
    if (example.matches) {
        for (const OutputDiff& o : example.inputs.at(0).outputs)
            EXPECT_EQ(o.maxAbs, 0) << o.path << ": the same ops on the same input";
    }
}

TEST_P(DivergingPair, NodesPartWhereExpectedAndTheCauseIsNamed)
{
    const std::string name = GetParam();
    const json& p = comparePair(name);
    const auto expected = expectations().find(name);
    ASSERT_NE(expected, expectations().end())
        << "pair " << name << " is new in pairs.json: add what it must show to expectations()";
    const Expectation& want = expected->second;
    const std::string cause = p["cause"];

    const Model a = Model::open(comparePath(p["a"]));
    const Model b = Model::open(comparePath(p["b"]));
    const NodeComparison c = compareNodes(a, b, comparePairInputs(p, "disagree"), 0, {});
    const std::string found = describe(c);
    SCOPED_TRACE(found);
    ASSERT_TRUE(c.executed) << c.note;
    EXPECT_TRUE(c.note.empty()) << c.note;
    EXPECT_GT(c.aligned, 0);

    if (want.firstDivergent.empty()) {
        EXPECT_FALSE(c.diverged);
    } else {
        ASSERT_TRUE(c.diverged);
        EXPECT_EQ(c.divergentA.kind, want.firstDivergent);
        EXPECT_EQ(c.divergentB.kind, want.firstDivergent);
        EXPECT_EQ(c.divergentA.scope, c.divergentB.scope);
        EXPECT_GE(c.divergentStep, 0);
        EXPECT_LT(c.divergentStep, c.aligned);
        ASSERT_FALSE(c.divergentOutputs.empty());
        bool someDiffer = false;
        for (const OutputDiff& o : c.divergentOutputs)
            someDiffer = someDiffer || !o.matches;
        EXPECT_TRUE(someDiffer);
    }

    const Graph ga = extractGraph(a, GraphVariant::Inlined);
    const Graph gb = extractGraph(b, GraphVariant::Inlined);
    int named = 0;
    for (const StructuralCause& k : c.causes) {
        // Nothing else: torch's own modules' branches on constants, attributes and size checks
        // (relu's inplace, batch norm's training, _check_input_dim) are no cause.
        EXPECT_EQ(k.kind, cause) << k.message;
        if (k.kind != cause)
            continue;
        ++named;
        EXPECT_NE(k.message.find(want.says), std::string::npos) << k.message;
        EXPECT_EQ(k.a.kind, want.causeNodeA);
        EXPECT_EQ(k.b.kind, want.causeNodeB);
        // The node it points at is that model's node, with its source line: every node these
        // causes name comes from the fixture script's own code or torch's modules.
        for (const auto& [ref, graph] : {std::pair{&k.a, &ga}, {&k.b, &gb}}) {
            if (ref->node < 0)
                continue;
            ASSERT_LT(ref->node, static_cast<int>(graph->nodes.size()));
            const GraphNode& node = graph->nodes[static_cast<size_t>(ref->node)];
            EXPECT_EQ(ref->kind, node.kind);
            EXPECT_EQ(ref->source.file, node.source.file);
            EXPECT_EQ(ref->source.line, node.source.line);
            EXPECT_FALSE(ref->source.file.empty()) << describe(*ref);
            EXPECT_GT(ref->source.line, 0) << describe(*ref);
        }
    }
    EXPECT_EQ(named, 1) << "exactly one " << cause << " cause";
}

// The causes come from the graphs and the modes ops ran in: on the example the trace ran on, where
// both give the same numbers, no node diverges, yet the cause of what will part them is named
// already. (A module in training mode parts them on the example too.)
TEST_P(DivergingPair, OnTheExampleTheCauseIsNamedAlready)
{
    const json& p = comparePair(GetParam());
    const Model a = Model::open(comparePath(p["a"]));
    const Model b = Model::open(comparePath(p["b"]));
    const NodeComparison c = compareNodes(a, b, comparePairInputs(p, "example"), 0, {});
    SCOPED_TRACE(describe(c));
    ASSERT_TRUE(c.executed) << c.note;
    EXPECT_EQ(c.diverged, !p["agrees_on_example"].get<bool>());
    ASSERT_EQ(c.causes.size(), 1u);
    EXPECT_EQ(c.causes[0].kind, p["cause"]);
}

INSTANTIATE_TEST_SUITE_P(Pairs, DivergingPair, ::testing::ValuesIn(comparePairNames(true)),
                         [](const auto& info) { return info.param; });

class AgreeingPair : public ::testing::TestWithParam<std::string>
{
};

TEST_P(AgreeingPair, OutputsAndNodesAgreeWithNoCause)
{
    const json& p = comparePair(GetParam());
    ASSERT_TRUE(p["disagree"].is_null());
    const bool exact = p["exact"];
    const Model a = Model::open(comparePath(p["a"]));
    const Model b = Model::open(comparePath(p["b"]));
    CompareOptions options;
    options.trials = 3; // the example's seed and two more: agreement is no luck of one draw
    const OutputComparison c = compareOutputs(a, &b, comparePairInputs(p, "example"), options);
    EXPECT_TRUE(c.matches);
    ASSERT_EQ(c.inputs.size(), 3u);
    for (const InputDiff& in : c.inputs)
        for (const OutputDiff& o : in.outputs) {
            EXPECT_TRUE(o.matches) << in.input << " " << o.path << ": " << o.problem;
            EXPECT_EQ(o.mismatched, 0);
            if (exact)
                EXPECT_EQ(o.maxAbs, 0) << in.input << " " << o.path;
            else
                EXPECT_LE(o.maxAbs, 1e-5) << in.input << " " << o.path;
        }

    const NodeComparison n = compareNodes(a, b, comparePairInputs(p, "example"), 0, {});
    SCOPED_TRACE(describe(n));
    ASSERT_TRUE(n.executed) << n.note;
    EXPECT_TRUE(n.note.empty());
    EXPECT_GT(n.aligned, 0);
    EXPECT_FALSE(n.diverged);
    EXPECT_TRUE(n.causes.empty());
    if (exact) {
        EXPECT_EQ(n.aligned, n.executedA);
        EXPECT_EQ(n.aligned, n.executedB);
        EXPECT_EQ(n.unalignedCountA, 0);
        EXPECT_EQ(n.unalignedCountB, 0);
    }
}

INSTANTIATE_TEST_SUITE_P(Pairs, AgreeingPair, ::testing::ValuesIn(comparePairNames(false)),
                         [](const auto& info) { return info.param; });

// Every file of every pair against itself, on its pair's example and (where there is one) its
// disagreeing input: bitwise equal outputs, every node aligned, nothing diverges, no cause.
std::vector<std::string> everyFile()
{
    std::vector<std::string> files;
    for (const json& p : comparePairs())
        for (const char* side : {"a", "b"})
            files.push_back(p[side]);
    return files;
}

class SelfComparison : public ::testing::TestWithParam<std::string>
{
};

TEST_P(SelfComparison, AModelAgainstItselfMatchesExactly)
{
    const std::string file = GetParam();
    const json* owner = nullptr;
    for (const json& p : comparePairs())
        if (p["a"] == file || p["b"] == file)
            owner = &p;
    ASSERT_NE(owner, nullptr);
    const Model model = Model::open(comparePath(file));
    for (const char* which : {"example", "disagree"}) {
        if (owner->at(which).is_null())
            continue;
        SCOPED_TRACE(which);
        const OutputComparison c = compareOutputs(model, &model, comparePairInputs(*owner, which), {});
        EXPECT_TRUE(c.matches);
        for (const OutputDiff& o : c.inputs.at(0).outputs) {
            EXPECT_TRUE(o.matches) << o.path << ": " << o.problem;
            EXPECT_EQ(o.maxAbs, 0) << o.path;
        }
        const NodeComparison n = compareNodes(model, model, comparePairInputs(*owner, which), 0, {});
        SCOPED_TRACE(describe(n));
        ASSERT_TRUE(n.executed) << n.note;
        EXPECT_FALSE(n.diverged);
        EXPECT_TRUE(n.causes.empty());
        EXPECT_GT(n.aligned, 0);
        EXPECT_EQ(n.aligned, n.executedA);
        EXPECT_EQ(n.executedA, n.executedB);
        EXPECT_EQ(n.unalignedCountA, 0);
        EXPECT_EQ(n.unalignedCountB, 0);
    }
}

INSTANTIATE_TEST_SUITE_P(Files, SelfComparison, ::testing::ValuesIn(everyFile()), [](const auto& info) {
    std::string name = info.param.substr(0, info.param.size() - 3); // without ".pt"
    return name;
});

} // namespace

// The manifest still has a pair for every way make_compare_fixtures.py knows, agreeing pairs, and
// the identical files: a pair dropped there would otherwise drop its tests silently.
TEST(ComparePairs, ManifestCoversEveryKnownDivergence)
{
    std::set<std::string> causes;
    for (const json& p : comparePairs()) {
        SCOPED_TRACE(p.dump());
        if (p["diverges"].get<bool>()) {
            causes.insert(p["cause"].get<std::string>());
            EXPECT_TRUE(p["disagree"].is_array());
        } else {
            EXPECT_TRUE(p["cause"].is_null());
        }
        EXPECT_TRUE(p["example"].is_array());
    }
    EXPECT_EQ(causes, (std::set<std::string>{"if", "loop", "baked_shape", "baked_value", "training_dropout",
                                             "training_batchnorm"}));
    for (const char* name : {"simplenet", "convnet", "mobilenet_v3_small", "identical"})
        EXPECT_NO_THROW(comparePair(name)) << name;
    EXPECT_EQ(comparePair("identical")["exact"], true);
}
