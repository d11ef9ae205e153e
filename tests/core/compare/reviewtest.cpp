// The version review on the pairs make_version_fixtures.py wrote (versions/versions.json, worked out
// in Python from the nn.Modules): every pair lists exactly the modules, parameters, op kinds and
// module code that changed, no more and no less; identical versions are identical. Also the unified
// diff, the mangled names, the timing alignment and the review document.

#include "ptscope/common/error.h"
#include "ptscope/compare/review.h"
#include "ptscope/compare/reviewer.h"
#include "ptscope/compare/reviewtimings.h"
#include "ptscope/load/model.h"
#include "ptscope/profile/profiler.h"
#include "runcases.h"
#include "testsupport.h"

#include <gtest/gtest.h>
#include <set>

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

Review reviewOf(const json& pair)
{
    return reviewModels(Model::open(fixturePath("versions/" + pair["a"].get<std::string>())),
                        Model::open(fixturePath("versions/" + pair["b"].get<std::string>())));
}

} // namespace

TEST(Review, ListsExactlyWhatChangedInEveryPair)
{
    ASSERT_GE(versions().size(), 7u);
    for (const json& pair : versions()) {
        const std::string name = pair["name"];
        SCOPED_TRACE(name);
        const Review r = reviewOf(pair);
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
        EXPECT_EQ(r.identical(), name == "identical");
        // Values measured as Python measured them.
        for (const json& p : pair["parameters"])
            if (p["change"] == "values")
                for (const ParameterChange& c : r.parameters)
                    if (c.name == p["name"])
                        EXPECT_NEAR(c.maxAbs, p["max_abs"].get<double>(), 1e-6) << c.name;
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
        const Review r = reviewOf(pair);
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
