#include "ptscope/profile/profilejson.h"
#include "io/jsontext.h"

#include "ptscope/common/error.h"
#include "ptscope/profile/roofline.h"
#include "run/runjsonparts.h"

namespace ptscope {

namespace {

using namespace jsonparts;

json statsJson(const TimingStats& s, const std::vector<double>& runs)
{
    return {{"median", s.median}, {"mean", s.mean}, {"min", s.min},
            {"max", s.max},       {"std", s.std},   {"runs", runs}};
}

TimingStats statsFrom(const json& j)
{
    TimingStats s;
    s.median = j.at("median").get<double>();
    s.mean = j.at("mean").get<double>();
    s.min = j.at("min").get<double>();
    s.max = j.at("max").get<double>();
    s.std = j.at("std").get<double>();
    return s;
}

json shapeJson(const ValueShape& v)
{
    json j = {{"kind", v.kind}};
    if (v.kind == "tensor") {
        j["shape"] = v.shape;
        j["dtype"] = v.dtype;
        j["bytes"] = v.bytes;
    }
    return j;
}

ValueShape shapeFrom(const json& j)
{
    ValueShape v;
    v.kind = j.at("kind").get<std::string>();
    if (v.kind == "tensor") {
        v.shape = j.at("shape").get<std::vector<int64_t>>();
        v.dtype = j.at("dtype").get<std::string>();
        v.bytes = j.at("bytes").get<int64_t>();
    }
    return v;
}

json nodeJson(const NodeProfile& n, const MachinePeaks& peaks)
{
    json shapes = json::array();
    json outputs = json::array();
    for (const ValueShape& v : n.outputs) {
        shapes.push_back(v.kind == "tensor" ? json(v.shape) : json(nullptr));
        outputs.push_back(shapeJson(v));
    }
    const NodeRoofline roof = rooflineOf(n, peaks);
    json j = {{"id", n.id},
              {"kind", n.kind},
              {"scope", n.scope},
              {"label", n.label},
              {"control", n.control},
              {"depth", n.depth},
              {"calls", n.calls},
              {"median_ms", n.ms.median},
              {"mean_ms", n.ms.mean},
              {"min_ms", n.ms.min},
              {"max_ms", n.ms.max},
              {"std_ms", n.ms.std},
              {"share", n.share},
              {"runs_ms", n.runsMs},
              {"output_shapes", shapes},
              {"outputs", outputs},
              {"flops", n.flops},
              {"bytes", n.bytesRead + n.bytesWritten},
              {"bytes_read", n.bytesRead},
              {"bytes_written", n.bytesWritten},
              {"has_flop_formula", n.hasFlopFormula}};
    if (roof.meaningful) {
        j["gflops_per_s"] = roof.gflopsPerSecond;
        j["gb_per_s"] = roof.gbPerSecond;
        j["intensity"] = roof.intensity;
        j["peak_fraction"] = roof.peakFraction;
        j["bound"] = roof.computeBound ? "compute" : "memory";
    }
    j["event_ms"] = n.eventMs ? json(*n.eventMs) : json(nullptr);
    j["event_calls"] = n.eventCalls;
    j["event_disagrees"] = n.eventDisagrees;
    return j;
}

NodeProfile nodeFrom(const json& j)
{
    NodeProfile n;
    n.id = j.at("id").get<int>();
    n.kind = j.at("kind").get<std::string>();
    n.scope = j.at("scope").get<std::string>();
    n.label = j.value("label", "");
    n.control = j.value("control", false);
    n.depth = j.value("depth", 0);
    n.calls = j.at("calls").get<int64_t>();
    n.ms.median = j.at("median_ms").get<double>();
    n.ms.mean = j.at("mean_ms").get<double>();
    n.ms.min = j.at("min_ms").get<double>();
    n.ms.max = j.at("max_ms").get<double>();
    n.ms.std = j.at("std_ms").get<double>();
    n.share = j.at("share").get<double>();
    n.runsMs = j.at("runs_ms").get<std::vector<double>>();
    for (const json& o : j.at("outputs"))
        n.outputs.push_back(shapeFrom(o));
    n.flops = j.at("flops").get<double>();
    n.bytesRead = j.at("bytes_read").get<double>();
    n.bytesWritten = j.at("bytes_written").get<double>();
    n.hasFlopFormula = j.value("has_flop_formula", false);
    if (!j.at("event_ms").is_null())
        n.eventMs = j.at("event_ms").get<double>();
    n.eventCalls = j.value("event_calls", int64_t(0));
    n.eventDisagrees = j.value("event_disagrees", false);
    return n;
}

json groupJson(const GroupProfile& g, const char* keyName, bool scope)
{
    json j = {{keyName, g.key},          {"nodes", g.nodes}, {"calls", g.calls}, {"median_ms", g.medianMs},
              {"share", g.share},        {"flops", g.flops}, {"bytes", g.bytes}};
    if (scope)
        j["self_ms"] = g.leafMs;
    return j;
}

GroupProfile groupFrom(const json& j, const char* keyName, bool scope)
{
    GroupProfile g;
    g.key = j.at(keyName).get<std::string>();
    g.nodes = j.at("nodes").get<int64_t>();
    g.calls = j.at("calls").get<int64_t>();
    g.medianMs = j.at("median_ms").get<double>();
    g.share = j.at("share").get<double>();
    g.flops = j.at("flops").get<double>();
    g.bytes = j.at("bytes").get<double>();
    g.leafMs = scope ? j.at("self_ms").get<double>() : g.medianMs;
    return g;
}

json memoryJson(const MemoryProfile& m)
{
    json curve = json::array();
    for (const MemoryPoint& p : m.curve)
        curve.push_back(json::array({p.node, p.activationBytes}));
    return {{"input_bytes", m.inputBytes},
            {"parameter_bytes", m.parameterBytes},
            {"peak_bytes", m.inputBytes + m.parameterBytes + m.peakActivationBytes},
            {"peak_activation_bytes", m.peakActivationBytes},
            {"peak_node", m.peakNode >= 0 ? json(m.peakNode) : json(nullptr)},
            {"curve", curve},
            {"truncated", m.truncated}};
}

MemoryProfile memoryFrom(const json& j)
{
    MemoryProfile m;
    m.inputBytes = j.at("input_bytes").get<int64_t>();
    m.parameterBytes = j.at("parameter_bytes").get<int64_t>();
    m.peakActivationBytes = j.at("peak_activation_bytes").get<int64_t>();
    m.peakNode = j.at("peak_node").is_null() ? -1 : j.at("peak_node").get<int>();
    for (const json& p : j.at("curve"))
        m.curve.push_back({p.at(0).get<int>(), p.at(1).get<int64_t>()});
    m.truncated = j.value("truncated", false);
    return m;
}

json peaksJson(const MachinePeaks& p)
{
    return {{"gflops", p.gflops},     {"gemm_gflops", p.gemmGflops}, {"conv_gflops", p.convGflops},
            {"gb_per_s", p.gbPerSecond}, {"cache_gb_per_s", p.cacheGbPerSecond}, {"cache_bytes", p.cacheBytes},
            {"gemm_size", p.gemmSize},
            {"copy_bytes", p.copyBytes}, {"threads", p.threads},   {"seconds", p.seconds},
            {"ridge_flops_per_byte", ridgeIntensity(p)}};
}

MachinePeaks peaksFrom(const json& j)
{
    MachinePeaks p;
    p.gflops = j.at("gflops").get<double>();
    p.gemmGflops = j.value("gemm_gflops", 0.0);
    p.convGflops = j.value("conv_gflops", 0.0);
    p.gbPerSecond = j.at("gb_per_s").get<double>();
    p.cacheGbPerSecond = j.value("cache_gb_per_s", 0.0);
    p.cacheBytes = j.value("cache_bytes", int64_t(0));
    p.gemmSize = j.at("gemm_size").get<int64_t>();
    p.copyBytes = j.at("copy_bytes").get<int64_t>();
    p.threads = j.at("threads").get<int>();
    p.seconds = j.at("seconds").get<double>();
    return p;
}

json eventsJson(const EventCheck& e)
{
    json unmatched = json::array();
    for (const EventCheck::Unmatched& u : e.unmatched)
        unmatched.push_back({{"name", u.name}, {"calls", u.calls}, {"ms", u.ms}});
    return {{"available", e.available}, {"unavailable_reason", e.unavailableReason},
            {"runs", e.runs},           {"events", e.events},
            {"matched", e.matched},     {"flagged", e.flagged}, {"event_ms", e.eventMs},
            {"unmatched", unmatched}};
}

EventCheck eventsFrom(const json& j)
{
    EventCheck e;
    e.available = j.at("available").get<bool>();
    e.unavailableReason = j.value("unavailable_reason", std::string());
    e.runs = j.at("runs").get<int>();
    e.events = j.at("events").get<int64_t>();
    e.matched = j.at("matched").get<int64_t>();
    e.flagged = j.at("flagged").get<int64_t>();
    e.eventMs = j.at("event_ms").get<double>();
    for (const json& u : j.at("unmatched"))
        e.unmatched.push_back({u.at("name").get<std::string>(), u.at("calls").get<int64_t>(), u.at("ms").get<double>()});
    return e;
}

json speedupJson(const SpeedupReport& s)
{
    json rows = json::array();
    for (const SpeedupRow& r : s.rows) {
        json j = {{"variant", r.variant}, {"executor", r.executor}, {"threads", r.threads}};
        if (r.error.empty()) {
            j["median_ms"] = r.ms.median;
            j["min_ms"] = r.ms.min;
            j["max_ms"] = r.ms.max;
            j["std_ms"] = r.ms.std;
            j["max_abs_diff"] = r.maxAbsDiff ? json(number(*r.maxAbsDiff)) : json(nullptr);
            j["bitwise_equal"] = r.bitwiseEqual;
        } else {
            j["error"] = r.error;
        }
        rows.push_back(j);
    }
    return {{"rows", rows},
            {"runs", s.runs},
            {"first_runs_ms", s.firstRunsMs},
            {"first_runs_executor", s.firstRunsExecutor},
            {"first_runs_threads", s.firstRunsThreads},
            {"default_threads", s.defaultThreads},
            {"max_threads", s.maxThreads},
            {"blas", s.blas}};
}

SpeedupReport speedupFrom(const json& j)
{
    SpeedupReport s;
    for (const json& r : j.at("rows")) {
        SpeedupRow row;
        row.variant = r.at("variant").get<std::string>();
        row.executor = r.at("executor").get<std::string>();
        row.threads = r.at("threads").get<int>();
        row.error = r.value("error", "");
        if (row.error.empty()) {
            row.ms.median = r.at("median_ms").get<double>();
            row.ms.min = r.at("min_ms").get<double>();
            row.ms.max = r.at("max_ms").get<double>();
            row.ms.std = r.at("std_ms").get<double>();
            row.maxAbsDiff = optionalFrom(r.at("max_abs_diff"));
            row.bitwiseEqual = r.at("bitwise_equal").get<bool>();
        }
        s.rows.push_back(std::move(row));
    }
    s.runs = j.value("runs", 0);
    s.firstRunsMs = j.at("first_runs_ms").get<std::vector<double>>();
    s.firstRunsExecutor = j.value("first_runs_executor", "");
    s.firstRunsThreads = j.value("first_runs_threads", 0);
    s.defaultThreads = j.value("default_threads", 0);
    s.maxThreads = j.value("max_threads", 0);
    s.blas = j.value("blas", "");
    return s;
}

json timelinesJson(const std::vector<RunTimeline>& timelines)
{
    json list = json::array();
    for (const RunTimeline& t : timelines) {
        // [node, depth, start_us, duration_us] per event: the GUI's file holds a few hundred
        // thousand of them.
        json events = json::array();
        for (const TimelineEvent& e : t.events)
            events.push_back(json::array({e.node, e.depth, e.startUs, e.durationUs}));
        list.push_back({{"total_us", t.totalUs}, {"truncated", t.truncated}, {"events", std::move(events)}});
    }
    return list;
}

std::vector<RunTimeline> timelinesFrom(const json& list)
{
    std::vector<RunTimeline> timelines;
    for (const json& j : list) {
        RunTimeline t;
        t.totalUs = j.at("total_us").get<double>();
        t.truncated = j.value("truncated", false);
        const json& events = j.at("events");
        t.events.reserve(events.size());
        for (const json& e : events)
            t.events.push_back({e.at(0).get<int>(), e.at(1).get<int>(), e.at(2).get<double>(), e.at(3).get<double>()});
        timelines.push_back(std::move(t));
    }
    return timelines;
}

} // namespace

std::string profileResultToJson(const ProfileResult& r, const ProfileJsonOptions& options)
{
    json nodes = json::array();
    for (const NodeProfile& n : r.nodes)
        nodes.push_back(nodeJson(n, r.peaks));
    json byKind = json::array();
    for (const GroupProfile& g : r.byKind)
        byKind.push_back(groupJson(g, "kind", false));
    json byModule = json::array();
    for (const GroupProfile& g : r.byModule)
        byModule.push_back(groupJson(g, "module", true));
    json doc = {{"model", r.model},
                {"device", r.device},
                {"variant", r.variant},
                {"threads", r.threads},
                {"blas", r.blas},
                {"training", r.training},
                {"grad", r.grad},
                {"seed", r.seed},
                {"warmup", r.warmup},
                {"runs", r.runs},
                {"inputs", inputsJson(r.inputs)},
                {"node_level", r.nodeLevel},
                {"fallback_reason", r.nodeLevel ? json(nullptr) : json(r.fallbackReason)},
                {"forward_ms", r.forwardMs.median},
                {"executor_ms", r.nodeLevel ? json(r.executorMs.median) : json(nullptr)},
                {"leaf_sum_ms", r.leafSumMs},
                {"leaf_fraction", r.leafFraction},
                {"forward", statsJson(r.forwardMs, r.forwardRunsMs)},
                {"executor", statsJson(r.executorMs, r.executorRunsMs)},
                {"outputs_equal_forward",
                 r.outputsEqualForward ? json(*r.outputsEqualForward) : json(nullptr)},
                {"nodes", nodes},
                {"by_kind", byKind},
                {"by_module", byModule},
                {"memory", memoryJson(r.memory)},
                {"peaks", peaksJson(r.peaks)},
                {"events", eventsJson(r.events)}};
    if (r.speedup)
        doc["speedup"] = speedupJson(*r.speedup);
    doc["outputs"] = outputsJson(r.outputs);
    if (!r.savedOutputs.empty())
        doc["saved_outputs"] = r.savedOutputs;
    if (options.timelines)
        doc["timelines"] = timelinesJson(r.timelines);
    return jsonText(doc, 2);
}

ProfileResult profileResultFromJson(const std::string& text)
{
    try {
        const json doc = json::parse(text);
        ProfileResult r;
        r.model = doc.at("model").get<std::string>();
        r.device = doc.at("device").get<std::string>();
        r.variant = doc.at("variant").get<std::string>();
        r.threads = doc.at("threads").get<int>();
        r.blas = doc.value("blas", "");
        r.training = doc.at("training").get<bool>();
        r.grad = doc.at("grad").get<bool>();
        r.seed = doc.at("seed").get<uint64_t>();
        r.warmup = doc.at("warmup").get<int>();
        r.runs = doc.at("runs").get<int>();
        r.inputs = inputsFrom(doc.at("inputs"));
        r.nodeLevel = doc.at("node_level").get<bool>();
        r.fallbackReason = doc.at("fallback_reason").is_null() ? "" : doc.at("fallback_reason").get<std::string>();
        r.forwardMs = statsFrom(doc.at("forward"));
        r.forwardRunsMs = doc.at("forward").at("runs").get<std::vector<double>>();
        r.executorMs = statsFrom(doc.at("executor"));
        r.executorRunsMs = doc.at("executor").at("runs").get<std::vector<double>>();
        r.leafSumMs = doc.at("leaf_sum_ms").get<double>();
        r.leafFraction = doc.value("leaf_fraction", 0.0);
        if (!doc.at("outputs_equal_forward").is_null())
            r.outputsEqualForward = doc.at("outputs_equal_forward").get<bool>();
        for (const json& n : doc.at("nodes"))
            r.nodes.push_back(nodeFrom(n));
        for (const json& g : doc.at("by_kind"))
            r.byKind.push_back(groupFrom(g, "kind", false));
        for (const json& g : doc.at("by_module"))
            r.byModule.push_back(groupFrom(g, "module", true));
        r.memory = memoryFrom(doc.at("memory"));
        r.peaks = peaksFrom(doc.at("peaks"));
        r.events = eventsFrom(doc.at("events"));
        if (doc.contains("speedup"))
            r.speedup = speedupFrom(doc.at("speedup"));
        r.outputs = outputsFrom(doc.at("outputs"));
        r.savedOutputs = doc.value("saved_outputs", "");
        if (doc.contains("timelines"))
            r.timelines = timelinesFrom(doc.at("timelines"));
        return r;
    } catch (const nlohmann::json::exception& e) {
        throw Error(ErrorKind::ProtocolError, std::string("Cannot read the profile: ") + e.what());
    }
}

} // namespace ptscope
