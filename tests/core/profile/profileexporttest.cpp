// The profile's files: the JSON document reads back as it was written (timelines included), the
// CSV has one well-formed row per node, and the Chrome trace holds every node call of every run.

#include "ptscope/load/model.h"
#include "ptscope/profile/profilejson.h"
#include "ptscope/profile/profiler.h"
#include "ptscope/run/inputspec.h"
#include "runcases.h"
#include "testsupport.h"

#include <gtest/gtest.h>
#include <map>
#include <nlohmann/json.hpp>

using namespace ptscope;
using namespace ptscope::test;
using nlohmann::json;

namespace {

// A profile with loops, lists, strings and dicts, so labels need quoting.
const ProfileResult& plumbing()
{
    static const ProfileResult result = [] {
        const Model model = Model::open(fixturePath("run/plumbing_scripted.pt"));
        const RunInputs in = specInputs({"float32[3,4]:randn", "int:5", "str:x"});
        ProfileOptions options;
        options.threads = 1;
        options.warmup = 1;
        options.runs = 4;
        return profileModel(model, in, options);
    }();
    return result;
}

// RFC 4180: fields separated by commas, quoted when they hold commas, quotes or line breaks.
std::vector<std::vector<std::string>> parseCsv(const std::string& text)
{
    std::vector<std::vector<std::string>> rows(1);
    std::string field;
    bool quoted = false;
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                field += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            rows.back().push_back(field);
            field.clear();
        } else if (c == '\n' || c == '\r') {
            if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n')
                ++i;
            rows.back().push_back(field);
            field.clear();
            rows.emplace_back();
        } else {
            field += c;
        }
    }
    EXPECT_FALSE(quoted) << "unterminated quote";
    if (rows.back().empty())
        rows.pop_back();
    return rows;
}

TEST(ProfileExport, JsonReadsBackAsWritten)
{
    const ProfileResult& r = plumbing();
    ASSERT_TRUE(r.nodeLevel) << r.fallbackReason;
    const std::string text = profileResultToJson(r, {true});
    const ProfileResult back = profileResultFromJson(text);
    EXPECT_EQ(back.model, r.model);
    EXPECT_EQ(back.variant, r.variant);
    EXPECT_EQ(back.runs, r.runs);
    EXPECT_EQ(back.executorRunsMs, r.executorRunsMs);
    ASSERT_EQ(back.nodes.size(), r.nodes.size());
    for (size_t i = 0; i < r.nodes.size(); ++i) {
        EXPECT_EQ(back.nodes[i].id, r.nodes[i].id);
        EXPECT_EQ(back.nodes[i].kind, r.nodes[i].kind);
        EXPECT_EQ(back.nodes[i].label, r.nodes[i].label);
        EXPECT_EQ(back.nodes[i].calls, r.nodes[i].calls);
        EXPECT_EQ(back.nodes[i].runsMs, r.nodes[i].runsMs);
        EXPECT_DOUBLE_EQ(back.nodes[i].ms.median, r.nodes[i].ms.median);
        EXPECT_EQ(back.nodes[i].outputs.size(), r.nodes[i].outputs.size());
    }
    ASSERT_EQ(back.timelines.size(), r.timelines.size());
    for (size_t i = 0; i < r.timelines.size(); ++i)
        EXPECT_EQ(back.timelines[i].events.size(), r.timelines[i].events.size());
    EXPECT_EQ(back.memory.curve.size(), r.memory.curve.size());
    EXPECT_EQ(back.memory.peakActivationBytes, r.memory.peakActivationBytes);
    EXPECT_EQ(back.byKind.size(), r.byKind.size());
    EXPECT_EQ(back.byModule.size(), r.byModule.size());
    EXPECT_EQ(back.outputs.size(), r.outputs.size());
    // The same document again, byte for byte.
    EXPECT_EQ(profileResultToJson(back, {true}), text);
    // Without timelines the document is smaller and still complete otherwise.
    const json compact = json::parse(profileResultToJson(r));
    EXPECT_EQ(compact["nodes"].size(), r.nodes.size());
    EXPECT_FALSE(compact.contains("timelines") && !compact["timelines"].empty());
}

TEST(ProfileExport, JsonThatIsNotAProfileIsRefused)
{
    for (const char* text : {"", "{", "[]", "{\"nodes\": 3}"}) {
        SCOPED_TRACE(text);
        EXPECT_ANY_THROW(profileResultFromJson(text));
    }
}

TEST(ProfileExport, CsvHasOneRowPerNode)
{
    const ProfileResult& r = plumbing();
    const auto rows = parseCsv(profileToCsv(r));
    ASSERT_EQ(rows.size(), r.nodes.size() + 1);
    const std::vector<std::string>& header = rows.front();
    const auto column = [&](const std::string& name) {
        const auto it = std::find(header.begin(), header.end(), name);
        EXPECT_NE(it, header.end()) << name;
        return static_cast<size_t>(it - header.begin());
    };
    const size_t id = column("id"), kind = column("kind"), calls = column("calls"), median = column("median_ms");
    for (size_t i = 1; i < rows.size(); ++i) {
        ASSERT_EQ(rows[i].size(), header.size()) << "row " << i;
        const NodeProfile& n = r.nodes[i - 1];
        EXPECT_EQ(rows[i][id], std::to_string(n.id));
        EXPECT_EQ(rows[i][kind], n.kind);
        EXPECT_EQ(rows[i][calls], std::to_string(n.calls));
        EXPECT_NEAR(std::stod(rows[i][median]), n.ms.median, 1e-6 + 1e-6 * n.ms.median);
    }
}

TEST(ProfileExport, ChromeTraceHoldsEveryNodeCall)
{
    const ProfileResult& r = plumbing();
    const json trace = json::parse(profileToChromeTrace(r));
    ASSERT_TRUE(trace.contains("traceEvents"));
    std::map<int, std::string> kinds;
    for (const NodeProfile& n : r.nodes)
        kinds[n.id] = n.kind;
    size_t expected = 0;
    for (const RunTimeline& t : r.timelines)
        expected += t.events.size();
    size_t complete = 0;
    std::map<int64_t, size_t> perTrack;
    for (const json& e : trace["traceEvents"]) {
        if (e["ph"] != "X")
            continue;
        ++complete;
        ++perTrack[e["tid"].get<int64_t>()];
        EXPECT_GE(e["dur"].get<double>(), 0.0);
        EXPECT_GE(e["ts"].get<double>(), 0.0);
        const int node = e["args"]["node"].get<int>();
        ASSERT_TRUE(kinds.count(node)) << node;
        EXPECT_EQ(e["name"], kinds[node]);
    }
    EXPECT_EQ(complete, expected);
    EXPECT_EQ(perTrack.size(), r.timelines.size());
}

} // namespace
