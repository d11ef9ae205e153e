#include "ptscope/common/format.h"
#include "io/jsontext.h"
#include "ptscope/profile/profilejson.h"
#include "ptscope/profile/roofline.h"

#include <fmt/format.h>
#include <map>
#include <nlohmann/json.hpp>

namespace ptscope {

namespace {

std::string csvField(const std::string& text)
{
    if (text.find_first_of(",\"\n\r") == std::string::npos)
        return text;
    std::string quoted = "\"";
    for (char c : text) {
        if (c == '"')
            quoted += '"';
        quoted += c;
    }
    return quoted + '"';
}

std::string shapesText(const NodeProfile& n)
{
    std::string text;
    for (const ValueShape& v : n.outputs) {
        if (!text.empty())
            text += ' ';
        text += v.kind == "tensor" ? v.dtype + formatShape(v.shape) : v.kind;
    }
    return text;
}

std::string number(double v)
{
    return fmt::format("{:.6g}", v);
}

} // namespace

std::string profileToCsv(const ProfileResult& r)
{
    std::string out =
        "id,kind,scope,label,control,calls,median_ms,mean_ms,min_ms,max_ms,std_ms,share,output_shapes,"
        "output_bytes,flops,bytes_read,bytes_written,gflops_per_s,gb_per_s,peak_fraction,bound,event_ms,"
        "event_disagrees\n";
    for (const NodeProfile& n : r.nodes) {
        const NodeRoofline roof = rooflineOf(n, r.peaks);
        int64_t outputBytes = 0;
        for (const ValueShape& v : n.outputs)
            outputBytes += v.bytes;
        out += fmt::format("{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{}\n", n.id,
                           csvField(n.kind), csvField(n.scope), csvField(n.label), n.control ? 1 : 0, n.calls,
                           number(n.ms.median), number(n.ms.mean), number(n.ms.min), number(n.ms.max),
                           number(n.ms.std), number(n.share), csvField(shapesText(n)), outputBytes,
                           number(n.flops), number(n.bytesRead), number(n.bytesWritten),
                           roof.meaningful ? number(roof.gflopsPerSecond) : "",
                           roof.meaningful ? number(roof.gbPerSecond) : "",
                           roof.meaningful ? number(roof.peakFraction) : "",
                           roof.meaningful ? (roof.computeBound ? "compute" : "memory") : "",
                           n.eventMs ? number(*n.eventMs) : "", n.eventDisagrees ? 1 : 0);
    }
    return out;
}

std::string profileToChromeTrace(const ProfileResult& r)
{
    using json = nlohmann::ordered_json;
    std::map<int, const NodeProfile*> byId;
    for (const NodeProfile& n : r.nodes)
        byId.emplace(n.id, &n);
    json events = json::array();
    events.push_back({{"name", "process_name"}, {"ph", "M"}, {"pid", 1}, {"args", {{"name", "ptscope " + r.model}}}});
    for (size_t run = 0; run < r.timelines.size(); ++run) {
        const int tid = static_cast<int>(run) + 1;
        events.push_back({{"name", "thread_name"},
                          {"ph", "M"},
                          {"pid", 1},
                          {"tid", tid},
                          {"args", {{"name", "run " + std::to_string(run + 1)}}}});
        events.push_back({{"name", "thread_sort_index"}, {"ph", "M"}, {"pid", 1}, {"tid", tid}, {"args", {{"sort_index", tid}}}});
        for (const TimelineEvent& e : r.timelines[run].events) {
            const auto it = byId.find(e.node);
            json args = {{"node", e.node}};
            std::string name = "node " + std::to_string(e.node);
            if (it != byId.end()) {
                name = it->second->kind;
                args["module"] = it->second->scope;
                args["label"] = it->second->label;
                args["shapes"] = shapesText(*it->second);
            }
            events.push_back({{"name", name},
                              {"cat", "node"},
                              {"ph", "X"},
                              {"ts", e.startUs},
                              {"dur", e.durationUs},
                              {"pid", 1},
                              {"tid", tid},
                              {"args", std::move(args)}});
        }
    }
    json doc = {{"traceEvents", std::move(events)},
                {"displayTimeUnit", "ms"},
                {"otherData",
                 {{"model", r.model}, {"variant", r.variant}, {"threads", r.threads}, {"blas", r.blas}}}};
    return jsonText(doc, -1) + "\n";
}

} // namespace ptscope
