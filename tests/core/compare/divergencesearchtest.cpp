// The divergence search on the trace/script pairs of make_compare_fixtures.py (compare/pairs.json,
// read at test time): from the input each pair was traced on, where the two agree, the search finds
// an input on which every diverging pair disagrees, saves it, and the node-by-node comparison on
// that file names the pair's cause; on agreeing pairs it finds nothing and spends its budget. It is
// reproducible, keeps to the user's ranges, its budgets and a cancel.

#include "ptscope/common/error.h"
#include "ptscope/compare/comparison.h"
#include "ptscope/compare/divergencesearch.h"
#include "ptscope/load/model.h"
#include "ptscope/run/inputspec.h"
#include "comparepairs.h"
#include "runcases.h"
#include "testsupport.h"

#include <chrono>
#include <gtest/gtest.h>

using namespace ptscope;
using namespace ptscope::test;
using nlohmann::json;

namespace {

struct Pair
{
    Model a, b;
};

Pair open(const json& p)
{
    return {Model::open(comparePath(p["a"].get<std::string>())),
            Model::open(comparePath(p["b"].get<std::string>()))};
}

bool hasCause(const NodeComparison& n, const std::string& kind)
{
    for (const StructuralCause& c : n.causes)
        if (c.kind == kind)
            return true;
    return false;
}

std::string causesOf(const NodeComparison& n)
{
    std::string text;
    for (const StructuralCause& c : n.causes)
        text += c.kind + ": " + c.message + "\n";
    return text;
}

} // namespace

TEST(DivergenceSearch, FindsEveryDivergingPairFromTheInputItWasTracedOn)
{
    int diverging = 0;
    for (const json& p : comparePairs()) {
        if (!p["diverges"].get<bool>())
            continue;
        ++diverging;
        const std::string name = p["name"];
        SCOPED_TRACE(name);
        const Pair models = open(p);
        const TempFolder folder("search-" + name);
        ComparisonRequest request;
        request.search = true;
        request.perNode = true;
        request.searchOptions.saveTo = folder.file("found.pt");
        const CompareReport report = compareModels(models.a, &models.b, comparePairInputs(p, "example"), request);
        ASSERT_TRUE(report.search);
        const SearchResult& s = *report.search;
        ASSERT_TRUE(s.found) << "stopped: " << s.stopped << " after " << s.trials;
        EXPECT_FALSE(report.matches());
        EXPECT_EQ(s.stopped, "found");
        EXPECT_LE(s.trials, s.budget);
        EXPECT_EQ(s.file, folder.file("found.pt"));
        EXPECT_FALSE(s.description.empty());
        EXPECT_FALSE(s.diff.matches);
        EXPECT_GT(s.elements, 0);
        // When the given input agreed, only the search can have found the disagreement.
        if (p.value("agrees_on_example", false))
            EXPECT_TRUE(report.outputs.matches);

        // The saved input disagrees again when read back, and the node comparison on it names the
        // manifest's cause with source lines.
        ASSERT_TRUE(report.perNode);
        const NodeComparison& nodes = *report.perNode;
        EXPECT_TRUE(nodes.executed) << nodes.note;
        EXPECT_TRUE(hasCause(nodes, p["cause"])) << causesOf(nodes);
        for (const StructuralCause& c : nodes.causes)
            if (c.kind == p["cause"]) {
                EXPECT_FALSE(c.message.empty());
                const NodeRef& where = c.a.node >= 0 && c.a.source.line > 0 ? c.a : c.b;
                EXPECT_GT(where.source.line, 0) << c.message;
            }
        RunInputs found;
        found.allArgumentsFile = s.file;
        CompareOptions again;
        const OutputComparison rerun = compareOutputs(models.a, &models.b, found, again);
        EXPECT_FALSE(rerun.matches);
    }
    EXPECT_GE(diverging, 6); // if, loop, baked shape and value, dropout and batch norm in training
}

TEST(DivergenceSearch, FindsNothingWhereThePairsAgree)
{
    int agreeing = 0;
    for (const json& p : comparePairs()) {
        if (p["diverges"].get<bool>())
            continue;
        ++agreeing;
        SCOPED_TRACE(p["name"].get<std::string>());
        const Pair models = open(p);
        SearchOptions options;
        options.budget = 40;
        const SearchResult s = searchDivergence(models.a, models.b, comparePairInputs(p, "example"), options);
        EXPECT_FALSE(s.found) << s.description;
        EXPECT_EQ(s.stopped, "budget");
        EXPECT_EQ(s.trials, 40);
        EXPECT_FALSE(s.freeDimensions.empty()); // the batch, at least
    }
    EXPECT_GE(agreeing, 2);
}

TEST(DivergenceSearch, IsReproducibleForASeed)
{
    const json& p = comparePair("baked_shape");
    const Pair models = open(p);
    SearchOptions options;
    options.seed = 7;
    const SearchResult first = searchDivergence(models.a, models.b, comparePairInputs(p, "example"), options);
    const SearchResult second = searchDivergence(models.a, models.b, comparePairInputs(p, "example"), options);
    ASSERT_TRUE(first.found);
    EXPECT_EQ(first.description, second.description);
    EXPECT_EQ(first.trials, second.trials);
    EXPECT_EQ(first.shapes, second.shapes);
    ASSERT_FALSE(first.diff.outputs.empty());
    EXPECT_EQ(first.diff.outputs[0].maxAbs, second.diff.outputs[0].maxAbs);
}

TEST(DivergenceSearch, KeepsToTheUsersRanges)
{
    // The loop pair was traced on 3 rows; rows may only be 5 or 6 here.
    const json& p = comparePair("loop");
    const Pair models = open(p);
    SearchOptions options;
    options.ranges.push_back({"x", 0, 5, 6});
    const SearchResult s = searchDivergence(models.a, models.b, comparePairInputs(p, "example"), options);
    ASSERT_TRUE(s.found);
    ASSERT_EQ(s.shapes.size(), 1u);
    EXPECT_GE(s.shapes[0][0], 5);
    EXPECT_LE(s.shapes[0][0], 6);
    EXPECT_EQ(s.shapes[0][1], 4); // a dimension without a range is left alone
    ASSERT_EQ(s.freeDimensions.size(), 1u);
    EXPECT_TRUE(s.freeDimensions[0].userRange);

    SearchOptions unknown;
    unknown.ranges.push_back({"y", 0, 1, 2});
    EXPECT_THROW(searchDivergence(models.a, models.b, comparePairInputs(p, "example"), unknown), Error);
    SearchOptions noSuchDim;
    noSuchDim.ranges.push_back({"0", 2, 1, 2});
    EXPECT_THROW(searchDivergence(models.a, models.b, comparePairInputs(p, "example"), noSuchDim), Error);
}

TEST(DivergenceSearch, StopsAtItsTimeBudgetAndOnCancel)
{
    const json& p = comparePair("simplenet");
    const Pair models = open(p);
    SearchOptions options;
    options.budget = 1000000;
    options.seconds = 0.3;
    const auto start = std::chrono::steady_clock::now();
    const SearchResult s = searchDivergence(models.a, models.b, comparePairInputs(p, "example"), options);
    const double took = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    EXPECT_FALSE(s.found);
    EXPECT_EQ(s.stopped, "time");
    EXPECT_LT(took, 5.0);
    EXPECT_GT(s.trials, 0);

    CancelToken cancel;
    int seen = 0;
    options.seconds = 600;
    try {
        searchDivergence(models.a, models.b, comparePairInputs(p, "example"), options, cancel, [&](int done, int, const std::string&) {
            seen = done;
            if (done == 5)
                cancel.cancel();
        });
        FAIL() << "the search did not stop";
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::Cancelled);
    }
    EXPECT_EQ(seen, 5);
}

TEST(DivergenceSearch, OneModelRaisingWhereTheOtherDoesNotIsADisagreement)
{
    // Traced on 3 rows, the loop pair's trace indexes rows 0..2: with fewer it raises, the script
    // does not. Only sizes below 3 are allowed, so that is all there is to find.
    const json& p = comparePair("loop");
    const Pair models = open(p);
    SearchOptions options;
    options.ranges.push_back({"x", 0, 1, 2});
    const SearchResult s = searchDivergence(models.a, models.b, comparePairInputs(p, "example"), options);
    ASSERT_TRUE(s.found);
    EXPECT_FALSE(s.diff.errorA.empty());
    EXPECT_TRUE(s.diff.errorB.empty());
    EXPECT_EQ(s.shapes[0][0], 1); // shrunk to the smallest
}
