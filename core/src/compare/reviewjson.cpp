#include "compare/comparejsonparts.h"
#include "io/jsontext.h"
#include "ptscope/common/error.h"
#include "ptscope/common/format.h"
#include "ptscope/compare/review.h"

#include <cmath>
#include <fmt/format.h>
#include <initializer_list>

namespace ptscope {

namespace {

json shapeOrNull(const std::vector<int64_t>& shape, bool present)
{
    return present ? json(shape) : json(nullptr);
}

// Most nodes take microseconds: "8.1 us", "1.234 ms".
std::string duration(double ms)
{
    return ms < 1 ? fmt::format("{:.1f} us", ms * 1000) : fmt::format("{:.3f} ms", ms);
}

// A change kind the review does not make means a damaged document, not a new kind to show blank.
std::string changeFrom(const json& j, std::initializer_list<const char*> kinds)
{
    const std::string change = j.get<std::string>();
    for (const char* kind : kinds)
        if (change == kind)
            return change;
    throw Error(ErrorKind::ProtocolError, "Cannot read the review: unknown change \"" + change + "\".");
}

} // namespace

std::string reviewToJson(const Review& r)
{
    json doc;
    doc["verdict"] = r.identical() ? "identical" : "different";
    doc["model_a"] = r.modelA;
    doc["model_b"] = r.modelB;
    json modules = json::array();
    for (const ModuleChange& m : r.modules)
        modules.push_back({{"name", m.name},
                           {"change", m.change},
                           {"a_type", optionalText(m.typeA)},
                           {"b_type", optionalText(m.typeB)}});
    doc["modules"] = modules;
    json parameters = json::array();
    for (const ParameterChange& p : r.parameters) {
        const bool inA = p.change != "added", inB = p.change != "removed";
        const bool measured = p.change == "values";
        parameters.push_back({{"name", p.name},
                              {"change", p.change},
                              {"buffer", p.buffer},
                              {"a_shape", shapeOrNull(p.shapeA, inA)},
                              {"b_shape", shapeOrNull(p.shapeB, inB)},
                              {"a_dtype", inA ? json(p.dtypeA) : json(nullptr)},
                              {"b_dtype", inB ? json(p.dtypeB) : json(nullptr)},
                              {"max_abs", measured ? number(p.maxAbs) : json(nullptr)},
                              {"max_rel", measured ? number(p.maxRel) : json(nullptr)}});
    }
    doc["parameters"] = parameters;
    json ops = json::array();
    for (const OpCountChange& o : r.ops)
        ops.push_back({{"kind", o.kind}, {"a_count", o.countA}, {"b_count", o.countB}});
    doc["ops"] = ops;
    json code = json::array();
    for (const CodeChange& c : r.code)
        code.push_back({{"module", c.module}, {"modules", c.modules}, {"diff", c.diff}});
    doc["code"] = code;
    if (r.timed) {
        json timings = json::array();
        for (const NodeTimingChange& t : r.timings)
            timings.push_back({{"kind", t.kind},
                               {"scope", t.scope},
                               {"a_ms", t.msA},
                               {"b_ms", t.msB},
                               {"ratio", t.msA > 0 ? number(t.msB / t.msA) : json(nullptr)}}); // > 1: b slower
        doc["timings"] = {{"a_forward_ms", r.forwardMsA}, {"b_forward_ms", r.forwardMsB}, {"nodes", timings}};
    } else {
        doc["timings"] = nullptr;
    }
    return jsonText(doc, 2);
}

Review reviewFromJson(const std::string& text)
{
    try {
        const json doc = json::parse(text);
        Review r;
        r.modelA = doc.at("model_a").get<std::string>();
        r.modelB = doc.at("model_b").get<std::string>();
        for (const json& m : doc.at("modules"))
            r.modules.push_back({m.at("name").get<std::string>(),
                                 changeFrom(m.at("change"), {"added", "removed", "type_changed"}),
                                 optionalTextFrom(m.at("a_type")), optionalTextFrom(m.at("b_type"))});
        for (const json& p : doc.at("parameters")) {
            ParameterChange c;
            c.name = p.at("name").get<std::string>();
            c.change = changeFrom(p.at("change"), {"added", "removed", "shape", "values"});
            c.buffer = p.at("buffer").get<bool>();
            if (!p.at("a_shape").is_null())
                c.shapeA = p.at("a_shape").get<std::vector<int64_t>>();
            if (!p.at("b_shape").is_null())
                c.shapeB = p.at("b_shape").get<std::vector<int64_t>>();
            c.dtypeA = optionalTextFrom(p.at("a_dtype"));
            c.dtypeB = optionalTextFrom(p.at("b_dtype"));
            if (!p.at("max_abs").is_null()) {
                c.maxAbs = numberFrom(p.at("max_abs"));
                c.maxRel = numberFrom(p.at("max_rel"));
            }
            r.parameters.push_back(std::move(c));
        }
        for (const json& o : doc.at("ops"))
            r.ops.push_back({o.at("kind").get<std::string>(), o.at("a_count").get<int64_t>(),
                             o.at("b_count").get<int64_t>()});
        for (const json& c : doc.at("code"))
            r.code.push_back({c.at("module").get<std::string>(), c.at("modules").get<std::vector<std::string>>(),
                              c.at("diff").get<std::string>()});
        const json& timings = doc.at("timings");
        if (!timings.is_null()) {
            r.timed = true;
            r.forwardMsA = timings.at("a_forward_ms").get<double>();
            r.forwardMsB = timings.at("b_forward_ms").get<double>();
            for (const json& t : timings.at("nodes"))
                r.timings.push_back({t.at("kind").get<std::string>(), t.at("scope").get<std::string>(),
                                     t.at("a_ms").get<double>(), t.at("b_ms").get<double>()});
        }
        return r;
    } catch (const nlohmann::json::exception& e) {
        throw Error(ErrorKind::ProtocolError, std::string("Cannot read the review: ") + e.what());
    }
}

std::string reviewToText(const Review& r)
{
    std::string out = fmt::format("{}: {} and {}\n", r.identical() ? "Identical" : "Different", r.modelA, r.modelB);
    if (!r.modules.empty()) {
        out += "\nModules:\n";
        for (const ModuleChange& m : r.modules) {
            const std::string name = m.name.empty() ? "(root)" : m.name;
            if (m.change == "added")
                out += fmt::format("  + {}  {}\n", name, m.typeB);
            else if (m.change == "removed")
                out += fmt::format("  - {}  {}\n", name, m.typeA);
            else
                out += fmt::format("  ~ {}  {} -> {}\n", name, m.typeA, m.typeB);
        }
    }
    if (!r.parameters.empty()) {
        out += "\nParameters and buffers:\n";
        for (const ParameterChange& p : r.parameters) {
            const std::string what = p.buffer ? " (buffer)" : "";
            if (p.change == "added")
                out += fmt::format("  + {}{}  {}[{}]\n", p.name, what, p.dtypeB, fmt::join(p.shapeB, ", "));
            else if (p.change == "removed")
                out += fmt::format("  - {}{}  {}[{}]\n", p.name, what, p.dtypeA, fmt::join(p.shapeA, ", "));
            else if (p.change == "shape")
                out += fmt::format("  ~ {}{}  {}[{}] -> {}[{}]\n", p.name, what, p.dtypeA, fmt::join(p.shapeA, ", "),
                                   p.dtypeB, fmt::join(p.shapeB, ", "));
            else
                out += fmt::format("  ~ {}{}  values changed: max abs {}, max rel {}\n", p.name, what,
                                   formatNumber(p.maxAbs), formatNumber(p.maxRel));
        }
    }
    if (!r.ops.empty()) {
        out += "\nOp counts (first -> second):\n";
        for (const OpCountChange& o : r.ops)
            out += fmt::format("  {:<32} {} -> {}\n", o.kind, o.countA, o.countB);
    }
    for (const CodeChange& c : r.code) {
        out += "\nCode of " + (c.module.empty() ? std::string("(root)") : c.module);
        if (c.modules.size() > 1)
            out += fmt::format(" (and {} more modules of the same class)", c.modules.size() - 1);
        out += ":\n" + c.diff;
    }
    if (r.timed) {
        out += fmt::format("\nTimings (medians per run): forward {} -> {}; the aligned nodes that differ most:\n",
                          duration(r.forwardMsA), duration(r.forwardMsB));
        for (const NodeTimingChange& t : r.timings)
            out += fmt::format("  {:<28} {:<24} {:>10} -> {:>10}  ({}{}{})\n", t.kind, t.scope.empty() ? "(root)" : t.scope,
                               duration(t.msA), duration(t.msB), t.msB >= t.msA ? "+" : "-",
                               duration(std::abs(t.msB - t.msA)),
                               t.msA > 0 ? fmt::format(", x{:.2f}", t.msB / t.msA) : std::string());
    }
    return out;
}

} // namespace ptscope
