// The version review on the pairs make_version_fixtures.py wrote (versions/versions.json, worked out
// in Python from the nn.Modules): every pair lists exactly the modules, parameters, op kinds and
// module code that changed, no more and no less; identical versions are identical; every code diff,
// applied to the old code, gives the new. Also the unified diff, the mangled names, the timing
// alignment and the review document.

#include "ptscope/common/error.h"
#include "ptscope/compare/review.h"
#include "ptscope/compare/reviewer.h"
#include "ptscope/compare/reviewtimings.h"
#include "ptscope/load/model.h"
#include "ptscope/profile/profiler.h"
#include "runcases.h"
#include "testsupport.h"

#include <gtest/gtest.h>
#include <cstdio>
#include <map>
#include <set>
#include <sstream>

using namespace ptscope;
using namespace ptscope::test;
using nlohmann::json;

namespace {

const json& versions()
{
    static const json manifest = readJson(fixturePath("versions/versions.json"));
    return manifest;
}

std::set<std::string> expectedSet(const json& list, bool withChange = true)
{
    std::set<std::string> out;
    for (const json& e : list)
        out.insert(e.is_string() ? e.get<std::string>()
                                 : e["name"].get<std::string>() + (withChange ? "|" + e["change"].get<std::string>() : ""));
    return out;
}

// Each pair reviewed once for all the tests (the torchvision ones take a second).
const Review& reviewOf(const json& pair)
{
    static std::map<std::string, Review> reviews;
    const std::string name = pair["name"].get<std::string>();
    auto it = reviews.find(name);
    if (it == reviews.end())
        it = reviews.emplace(name, reviewModels(Model::open(fixturePath("versions/" + pair["a"].get<std::string>())),
                                                Model::open(fixturePath("versions/" + pair["b"].get<std::string>()))))
                 .first;
    return it->second;
}

std::vector<std::string> linesOf(const std::string& text)
{
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);)
        lines.push_back(line);
    return lines;
}

// Applies a unified diff to `from`, checking as `patch` would: headers, hunk counts, context lines
// that match, hunks in order. Returns the patched lines, or fails the test.
std::vector<std::string> applyUnifiedDiff(const std::vector<std::string>& from, const std::string& diff)
{
    const std::vector<std::string> d = linesOf(diff);
    std::vector<std::string> out;
    EXPECT_GE(d.size(), 3u);
    if (d.size() < 3)
        return out;
    EXPECT_EQ(d[0].rfind("--- a/", 0), 0u) << d[0];
    EXPECT_EQ(d[1].rfind("+++ b/", 0), 0u) << d[1];
    size_t next = 0; // the first line of `from` not yet copied
    for (size_t k = 2; k < d.size();) {
        size_t startA = 0, countA = 0, startB = 0, countB = 0;
        EXPECT_EQ(std::sscanf(d[k].c_str(), "@@ -%zu,%zu +%zu,%zu @@", &startA, &countA, &startB, &countB), 4)
            << d[k];
        const size_t first = countA ? startA - 1 : startA;
        EXPECT_GE(first, next) << "hunks out of order: " << d[k];
        EXPECT_EQ(out.size() + (first - next), countB ? startB - 1 : startB) << d[k];
        for (; next < first && next < from.size(); ++next)
            out.push_back(from[next]);
        size_t seenA = 0, seenB = 0;
        for (++k; k < d.size() && d[k].rfind("@@", 0) != 0; ++k) {
            const std::string body = d[k].substr(1);
            if (d[k][0] == ' ' || d[k][0] == '-') {
                EXPECT_LT(next, from.size());
                if (next < from.size())
                    EXPECT_EQ(from[next], body) << "context or removed line not in the old text";
                ++next;
                ++seenA;
            }
            if (d[k][0] == ' ' || d[k][0] == '+') {
                out.push_back(body);
                ++seenB;
            }
            EXPECT_TRUE(d[k][0] == ' ' || d[k][0] == '-' || d[k][0] == '+') << d[k];
        }
        EXPECT_EQ(seenA, countA);
        EXPECT_EQ(seenB, countB);
    }
    for (; next < from.size(); ++next)
        out.push_back(from[next]);
    return out;
}

const ModuleInfo* moduleAt(const ModelInfo& info, const std::string& path)
{
    for (const ModuleInfo& m : info.modules)
        if (m.path == path)
            return &m;
    return nullptr;
}

} // namespace

TEST(Review, EveryCodeDiffTurnsTheOldCodeIntoTheNew)
{
    int diffs = 0;
    for (const json& pair : versions()) {
        SCOPED_TRACE(pair["name"].get<std::string>());
        const Review& r = reviewOf(pair);
        if (r.code.empty())
            continue;
        const Model a = Model::open(fixturePath("versions/" + pair["a"].get<std::string>()));
        const Model b = Model::open(fixturePath("versions/" + pair["b"].get<std::string>()));
        for (const CodeChange& c : r.code)
            for (const std::string& path : c.modules) {
                SCOPED_TRACE(path);
                const ModuleInfo* ma = moduleAt(a.info(), path);
                const ModuleInfo* mb = moduleAt(b.info(), path);
                ASSERT_TRUE(ma && mb);
                EXPECT_EQ(applyUnifiedDiff(linesOf(withoutMangling(ma->code)), c.diff),
                          linesOf(withoutMangling(mb->code)));
                EXPECT_EQ(c.diff.find("___torch_mangle_"), std::string::npos);
                ++diffs;
            }
    }
    EXPECT_GE(diffs, 6);
}

TEST(Review, OneChangedLayerListsExactlyThatChange)
{
    const Model a = Model::open(fixturePath("versions/one_layer_v1.pt"));
    const Model b = Model::open(fixturePath("versions/one_layer_v2.pt"));
    const Review r = reviewModels(a, b);
    EXPECT_TRUE(r.modules.empty());
    EXPECT_TRUE(r.ops.empty());
    ASSERT_EQ(r.parameters.size(), 2u);
    for (const ParameterChange& p : r.parameters) {
        EXPECT_EQ(p.change, "shape");
        EXPECT_EQ(p.shapeA.front(), 2);
        EXPECT_EQ(p.shapeB.front(), 3);
        EXPECT_EQ(p.maxAbs, 0); // not measured across shapes
    }
    ASSERT_EQ(r.code.size(), 1u);
    EXPECT_EQ(r.code[0].module, "fc2");
    // Exactly one line differs, the constant, with its three lines of context each side. Where it
    // sits in the class depends on the attributes the Python build declares (hooks differ between
    // builds of torch), so the hunk's start is read from the old code.
    const ModuleInfo* fc2 = moduleAt(a.info(), "fc2");
    ASSERT_TRUE(fc2);
    const std::vector<std::string> old = linesOf(withoutMangling(fc2->code));
    size_t at = 0;
    while (at < old.size() && old[at] != "  out_features : Final[int] = 2")
        ++at;
    ASSERT_LT(at, old.size()) << fc2->code;
    ASSERT_GE(at, 3u);
    ASSERT_GE(old.size(), at + 4);
    const std::string hunk = "@@ -" + std::to_string(at - 2) + ",7 +" + std::to_string(at - 2) + ",7 @@";
    EXPECT_NE(r.code[0].diff.find("\n" + hunk + "\n"), std::string::npos) << hunk << "\n" << r.code[0].diff;
    EXPECT_NE(r.code[0].diff.find("\n-  out_features : Final[int] = 2\n+  out_features : Final[int] = 3\n"),
              std::string::npos)
        << r.code[0].diff;
    const std::string text = reviewToText(r);
    EXPECT_NE(text.find("fc2.weight  float32[2, 5] -> float32[3, 5]"), std::string::npos) << text;
}

TEST(Review, ListsExactlyWhatChangedInEveryPair)
{
    ASSERT_GE(versions().size(), 12u);
    for (const json& pair : versions()) {
        const std::string name = pair["name"];
        SCOPED_TRACE(name);
        const Review& r = reviewOf(pair);
        std::set<std::string> modules, parameters, ops, code;
        for (const ModuleChange& m : r.modules)
            modules.insert(m.name + "|" + m.change);
        for (const ParameterChange& p : r.parameters)
            parameters.insert(p.name + "|" + p.change);
        for (const OpCountChange& o : r.ops)
            ops.insert(o.kind);
        for (const CodeChange& c : r.code)
            for (const std::string& m : c.modules)
                code.insert(m);
        EXPECT_EQ(modules, expectedSet(pair["modules"]));
        EXPECT_EQ(parameters, expectedSet(pair["parameters"]));
        EXPECT_EQ(ops, expectedSet(pair["ops"]));
        EXPECT_EQ(code, expectedSet(pair["code_modules"]));
        EXPECT_EQ(r.identical(), pair["identical"].get<bool>());
        // Values measured as Python measured them.
        for (const json& p : pair["parameters"])
            if (p["change"] == "values")
                for (const ParameterChange& c : r.parameters)
                    if (c.name == p["name"]) {
                        EXPECT_NEAR(c.maxAbs, p["max_abs"].get<double>(), 1e-6) << c.name;
                        EXPECT_NEAR(c.maxRel, p["max_rel"].get<double>(), 1e-6) << c.name;
                    }
    }
}

TEST(Review, AModelAgainstItselfIsIdentical)
{
    for (const char* file : {"resnet18_scripted.pt", "transformer_scripted.pt", "lstm_scripted.pt"}) {
        SCOPED_TRACE(file);
        const Model m = Model::open(fixturePath(file));
        EXPECT_TRUE(reviewModels(m, m).identical());
    }
}

TEST(Review, CodeDiffsAreUnifiedAndIgnoreMangledNames)
{
    const std::string a = "class A(Module):\n  x : int\n  def f(self: __torch__.___torch_mangle_3.A) -> int:\n"
                          "    return 1\n  def g(self) -> int:\n    return 2\n";
    const std::string b = "class A(Module):\n  x : int\n  def f(self: __torch__.___torch_mangle_9.A) -> int:\n"
                          "    return 1\n  def g(self) -> int:\n    return 3\n";
    EXPECT_EQ(withoutMangling(a).find("mangle"), std::string::npos);
    const std::string diff = unifiedDiff(withoutMangling(a), withoutMangling(b), "a/m", "b/m");
    EXPECT_EQ(diff, "--- a/m\n+++ b/m\n@@ -3,4 +3,4 @@\n   def f(self: __torch__.A) -> int:\n     return 1\n"
                    "   def g(self) -> int:\n-    return 2\n+    return 3\n");
    EXPECT_TRUE(unifiedDiff(a, a, "a", "b").empty());
    EXPECT_TRUE(unifiedDiff("x\ny\n", "x\ny", "a", "b").empty()); // the same lines
    EXPECT_EQ(unifiedDiff("", "x\n", "a", "b"), "--- a\n+++ b\n@@ -0,0 +1,1 @@\n+x\n");
    // Two changes far apart make two hunks.
    std::string many, changed;
    for (int i = 0; i < 30; ++i) {
        many += "line " + std::to_string(i) + "\n";
        changed += (i == 2 || i == 25 ? "LINE " : "line ") + std::to_string(i) + "\n";
    }
    const std::string two = unifiedDiff(many, changed, "a", "b");
    EXPECT_NE(two.find("@@ -1,6 +1,6 @@"), std::string::npos) << two;
    EXPECT_NE(two.find("@@ -23,7 +23,7 @@"), std::string::npos) << two;
}

TEST(Review, TimingsOfAlignedNodesSayWhichVersionIsSlowerWhere)
{
    const json& pair = versions()[0];
    const Model a = Model::open(fixturePath("versions/" + pair["a"].get<std::string>()));
    const Model b = Model::open(fixturePath("versions/activation_v2.pt"));
    ProfileOptions options;
    options.runs = 3;
    const RunInputs inputs = specInputs({"float32[4,10]"});
    Review r = reviewModels(a, b);
    addTimingChanges(r, profileModel(a, inputs, options), profileModel(b, inputs, options));
    ASSERT_TRUE(r.timed);
    EXPECT_GT(r.forwardMsA, 0);
    ASSERT_FALSE(r.timings.empty());
    std::set<std::string> kinds;
    for (const NodeTimingChange& t : r.timings)
        kinds.insert(t.kind);
    EXPECT_TRUE(kinds.count("aten::linear")); // aligned in both
    EXPECT_FALSE(kinds.count("aten::gelu"));  // only in the second: no partner to compare with
    for (size_t i = 1; i < r.timings.size(); ++i)
        EXPECT_GE(std::abs(r.timings[i - 1].msB - r.timings[i - 1].msA), std::abs(r.timings[i].msB - r.timings[i].msA));
}

TEST(Review, TheDocumentRoundTripsAndDamagedOnesAreRefused)
{
    for (const json& pair : versions()) {
        SCOPED_TRACE(pair["name"].get<std::string>());
        const Review& r = reviewOf(pair);
        const std::string text = reviewToJson(r);
        const json doc = json::parse(text);
        for (const char* key : {"modules", "parameters", "ops", "code"})
            EXPECT_TRUE(doc.contains(key)) << key;
        EXPECT_EQ(reviewToJson(reviewFromJson(text)), text);
    }
    // Each damaged document is refused as a protocol error, never read half.
    const auto refused = [](const std::string& text) {
        try {
            reviewFromJson(text);
        } catch (const Error& e) {
            return e.kind() == ErrorKind::ProtocolError;
        }
        return false;
    };
    const std::string good = reviewToJson(reviewOf(versions()[1]));
    EXPECT_FALSE(refused(good));
    json unknownChange = json::parse(good);
    unknownChange["parameters"][0]["change"] = "renamed";
    EXPECT_TRUE(refused(unknownChange.dump()));
    json noOps = json::parse(good);
    noOps.erase("ops");
    EXPECT_TRUE(refused(noOps.dump()));
    json badShape = json::parse(good);
    badShape["parameters"][0]["a_shape"] = "[2, 5]";
    EXPECT_TRUE(refused(badShape.dump()));
    EXPECT_TRUE(refused(good.substr(0, good.size() / 2)));
    EXPECT_THROW(reviewFromJson("{}"), Error);
    EXPECT_THROW(reviewFromJson("[1, 2"), Error);
    EXPECT_THROW(reviewFromJson(R"({"model_a": "a", "model_b": "b", "modules": [{"name": 3}], "parameters": [],
                                   "ops": [], "code": [], "timings": null})"),
                 Error);
}
