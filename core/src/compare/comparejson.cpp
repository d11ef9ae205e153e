#include "ptscope/compare/comparejson.h"

#include "compare/comparejsonparts.h"
#include "io/jsontext.h"
#include "ptscope/common/error.h"
#include "ptscope/common/format.h"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace ptscope {

namespace {


const char* kindId(OutputDiff::Kind kind)
{
    switch (kind) {
    case OutputDiff::Kind::Tensor:
        return "tensor";
    case OutputDiff::Kind::Value:
        return "value";
    case OutputDiff::Kind::OnlyInA:
        return "only_in_a";
    case OutputDiff::Kind::OnlyInB:
        return "only_in_b";
    }
    return "value";
}

OutputDiff::Kind kindFromId(const std::string& id)
{
    for (const auto kind : {OutputDiff::Kind::Tensor, OutputDiff::Kind::Value, OutputDiff::Kind::OnlyInA,
                            OutputDiff::Kind::OnlyInB})
        if (id == kindId(kind))
            return kind;
    throw Error(ErrorKind::ProtocolError, "A malformed comparison: an output of kind \"" + id + "\".");
}

} // namespace

// JSON has no infinity or NaN: they are written as strings, which say what they are.
json number(double v)
{
    if (std::isnan(v))
        return "nan";
    if (std::isinf(v))
        return v > 0 ? "inf" : "-inf";
    return v;
}

double numberFrom(const json& j)
{
    if (j.is_string()) {
        const std::string s = j.get<std::string>();
        if (s == "nan")
            return std::nan("");
        if (s == "inf" || s == "-inf")
            return s == "inf" ? HUGE_VAL : -HUGE_VAL;
    }
    return j.get<double>();
}

json outputToJson(const OutputDiff& o)
{
    json j;
    j["path"] = o.path;
    j["kind"] = kindId(o.kind);
    j["match"] = o.matches;
    j["problem"] = o.problem.empty() ? json(nullptr) : json(o.problem);
    j["atol"] = o.tolerance.atol;
    j["rtol"] = o.tolerance.rtol;
    if (o.kind == OutputDiff::Kind::Tensor) {
        j["dtype_a"] = o.dtypeA;
        j["dtype_b"] = o.dtypeB;
        j["shape_a"] = o.shapeA;
        j["shape_b"] = o.shapeB;
    }
    const bool measured = o.comparable && (o.kind == OutputDiff::Kind::Value || o.total > 0);
    j["max_abs"] = measured ? number(o.maxAbs) : json(nullptr);
    if (o.kind == OutputDiff::Kind::Tensor) {
        j["max_abs_index"] = measured ? json(o.maxAbsIndex) : json(nullptr);
        j["mean_abs"] = measured ? number(o.meanAbs) : json(nullptr);
        j["max_rel"] = measured ? number(o.maxRel) : json(nullptr);
        j["cosine"] = measured ? number(o.cosine) : json(nullptr);
        j["mismatched"] = o.comparable ? json(o.mismatched) : json(nullptr);
        j["total"] = o.comparable ? json(o.total) : json(nullptr);
        j["nan_mismatched"] = o.nanMismatched;
        json bins = json::array();
        for (size_t i = 0; i < o.histogram.counts.size(); ++i)
            bins.push_back(
                {{"from", DiffHistogram::lowerBound(static_cast<int>(i))}, {"count", o.histogram.counts[i]}});
        j["histogram"] = bins;
    } else {
        j["value_a"] =
            o.valueA.empty() && o.kind == OutputDiff::Kind::OnlyInB ? json(nullptr) : json(o.valueA);
        j["value_b"] =
            o.valueB.empty() && o.kind == OutputDiff::Kind::OnlyInA ? json(nullptr) : json(o.valueB);
    }
    return j;
}

OutputDiff outputFromJson(const json& j)
{
    OutputDiff o;
    o.path = j.at("path").get<std::string>();
    o.kind = kindFromId(j.at("kind").get<std::string>());
    o.matches = j.at("match").get<bool>();
    if (!j.at("problem").is_null())
        o.problem = j.at("problem").get<std::string>();
    o.tolerance = {j.at("atol").get<double>(), j.at("rtol").get<double>()};
    o.comparable = !j.at("max_abs").is_null() || (j.contains("total") && !j.at("total").is_null());
    if (!j.at("max_abs").is_null())
        o.maxAbs = numberFrom(j.at("max_abs"));
    if (o.kind == OutputDiff::Kind::Tensor) {
        o.dtypeA = j.at("dtype_a").get<std::string>();
        o.dtypeB = j.at("dtype_b").get<std::string>();
        o.shapeA = j.at("shape_a").get<std::vector<int64_t>>();
        o.shapeB = j.at("shape_b").get<std::vector<int64_t>>();
        if (!j.at("max_abs_index").is_null())
            o.maxAbsIndex = j.at("max_abs_index").get<std::vector<int64_t>>();
        if (!j.at("mean_abs").is_null()) {
            o.meanAbs = numberFrom(j.at("mean_abs"));
            o.maxRel = numberFrom(j.at("max_rel"));
            o.cosine = numberFrom(j.at("cosine"));
        }
        if (!j.at("total").is_null()) {
            o.mismatched = j.at("mismatched").get<int64_t>();
            o.total = j.at("total").get<int64_t>();
        }
        o.nanMismatched = j.at("nan_mismatched").get<int64_t>();
        for (const json& bin : j.at("histogram"))
            o.histogram.counts.push_back(bin.at("count").get<int64_t>());
    } else {
        if (!j.at("value_a").is_null())
            o.valueA = j.at("value_a").get<std::string>();
        if (!j.at("value_b").is_null())
            o.valueB = j.at("value_b").get<std::string>();
    }
    return o;
}

json outputsToJson(const std::vector<OutputDiff>& outputs)
{
    json list = json::array();
    for (const OutputDiff& o : outputs)
        list.push_back(outputToJson(o));
    return list;
}

json optionalText(const std::string& s)
{
    return s.empty() ? json(nullptr) : json(s);
}

std::string optionalTextFrom(const json& j)
{
    return j.is_null() ? std::string() : j.get<std::string>();
}

json outputComparisonJson(const OutputComparison& c)
{
    json doc;
    doc["verdict"] = c.matches ? "match" : "mismatch";
    doc["model_a"] = c.modelA;
    doc["model_b"] = optionalText(c.modelB);
    doc["reference"] = optionalText(c.reference);
    doc["atol"] = c.tolerances.defaults.atol;
    doc["rtol"] = c.tolerances.defaults.rtol;
    json perPath = json::object();
    for (const auto& [path, t] : c.tolerances.byPath)
        perPath[path] = {{"atol", t.atol}, {"rtol", t.rtol}};
    doc["tolerances"] = perPath;
    doc["seed"] = c.seed;
    const InputDiff* worst = c.worstInput >= 0 ? &c.inputs[static_cast<size_t>(c.worstInput)] : nullptr;
    doc["outputs"] = worst ? outputsToJson(worst->outputs) : json::array();
    doc["worst_input"] = worst ? json({{"index", c.worstInput},
                                       {"input", worst->input},
                                       {"seed", worst->seed},
                                       {"sample", worst->sample},
                                       {"verdict", worst->matches ? "match" : "mismatch"},
                                       {"error_a", optionalText(worst->errorA)},
                                       {"error_b", optionalText(worst->errorB)}})
                               : json(nullptr);
    json inputs = json::array();
    for (const InputDiff& in : c.inputs)
        inputs.push_back({{"input", in.input},
                          {"seed", in.seed},
                          {"sample", in.sample},
                          {"verdict", in.matches ? "match" : "mismatch"},
                          {"error_a", optionalText(in.errorA)},
                          {"error_b", optionalText(in.errorB)},
                          {"outputs", outputsToJson(in.outputs)}});
    doc["inputs"] = inputs;
    return doc;
}

std::string outputComparisonToJson(const OutputComparison& c, const NodeComparison* perNode)
{
    json doc = outputComparisonJson(c);
    if (perNode)
        addPerNode(doc, *perNode);
    return jsonText(doc, 2);
}

OutputComparison outputComparisonFrom(const json& doc)
{
    {
        OutputComparison c;
        // The verdict may count a search's counterexample too: the inputs' own say whether they agree.
        doc.at("verdict").get<std::string>();
        c.modelA = doc.at("model_a").get<std::string>();
        if (!doc.at("model_b").is_null())
            c.modelB = doc.at("model_b").get<std::string>();
        if (!doc.at("reference").is_null())
            c.reference = doc.at("reference").get<std::string>();
        c.tolerances.defaults = {doc.at("atol").get<double>(), doc.at("rtol").get<double>()};
        for (const auto& [path, t] : doc.at("tolerances").items())
            c.tolerances.byPath[path] = {t.at("atol").get<double>(), t.at("rtol").get<double>()};
        c.seed = doc.at("seed").get<uint64_t>();
        for (const json& in : doc.at("inputs")) {
            InputDiff d;
            d.input = in.at("input").get<std::string>();
            d.seed = in.at("seed").get<uint64_t>();
            d.sample = in.at("sample").get<int>();
            d.matches = in.at("verdict").get<std::string>() == "match";
            if (!in.at("error_a").is_null())
                d.errorA = in.at("error_a").get<std::string>();
            if (!in.at("error_b").is_null())
                d.errorB = in.at("error_b").get<std::string>();
            for (const json& o : in.at("outputs"))
                d.outputs.push_back(outputFromJson(o));
            c.inputs.push_back(std::move(d));
        }
        c.matches = std::all_of(c.inputs.begin(), c.inputs.end(), [](const InputDiff& d) { return d.matches; });
        c.worstInput = doc.at("worst_input").is_null() ? -1 : doc.at("worst_input").at("index").get<int>();
        if (c.worstInput >= static_cast<int>(c.inputs.size()) || c.worstInput < -1)
            throw Error(ErrorKind::ProtocolError,
                        "A malformed comparison: its worst input is not one of its inputs.");
        return c;
    }
}

OutputComparison outputComparisonFromJson(const std::string& text)
{
    try {
        return outputComparisonFrom(json::parse(text));
    } catch (const nlohmann::json::exception& e) {
        throw Error(ErrorKind::ProtocolError, std::string("Cannot read the comparison: ") + e.what());
    }
}

std::string outputComparisonToText(const OutputComparison& c, const NodeComparison* perNode)
{
    std::string out;
    if (perNode)
        return outputComparisonToText(c, nullptr) + perNodeText(*perNode, !c.matches || perNode->diverged);
    out += fmt::format("{}: {}\n", c.matches ? "Match" : "Mismatch",
                       c.modelA + " and " +
                           (c.modelB.empty() ? "the reference outputs " + c.reference : c.modelB));
    out += fmt::format("Tolerance: |a - b| <= {} + {} * |b|", formatNumber(c.tolerances.defaults.atol),
                       formatNumber(c.tolerances.defaults.rtol));
    for (const auto& [path, t] : c.tolerances.byPath)
        out += fmt::format("; {}: {} + {} * |b|", path, formatNumber(t.atol), formatNumber(t.rtol));
    out += "\n";
    size_t agreeing = 0;
    for (const InputDiff& in : c.inputs)
        agreeing += in.matches ? 1 : 0;
    if (c.inputs.size() > 1)
        out += fmt::format("Inputs: {} of {} agree\n", agreeing, c.inputs.size());
    if (c.worstInput < 0)
        return out;
    const InputDiff& worst = c.inputs[static_cast<size_t>(c.worstInput)];
    out += fmt::format("\n{} input: {}\n", c.inputs.size() > 1 ? "Worst" : "On the", worst.input);
    if (!worst.errorA.empty() || !worst.errorB.empty()) {
        out += "  first raised:  " + (worst.errorA.empty() ? std::string("nothing") : worst.errorA) + "\n";
        out += "  second raised: " + (worst.errorB.empty() ? std::string("nothing") : worst.errorB) + "\n";
        return out;
    }
    out += fmt::format("  {:<12} {:>12} {:>12} {:>10} {:>10} {:>16}  {}\n", "output", "max abs", "mean abs",
                       "max rel", "cosine", "mismatched", "");
    for (const OutputDiff& o : worst.outputs) {
        const bool measured = o.comparable && o.total > 0 && o.kind == OutputDiff::Kind::Tensor;
        const std::string mismatched = o.kind == OutputDiff::Kind::Tensor && o.comparable
                                           ? fmt::format("{}/{}", o.mismatched, o.total)
                                           : "-";
        out += fmt::format(
            "  {:<12} {:>12} {:>12} {:>10} {:>10} {:>16}  {}\n", o.path,
            measured || (o.kind == OutputDiff::Kind::Value && o.comparable) ? formatNumber(o.maxAbs) : "-",
            measured ? formatNumber(o.meanAbs) : "-", measured ? formatNumber(o.maxRel) : "-",
            measured ? fmt::format("{:.6f}", o.cosine) : "-", mismatched, o.matches ? "ok" : o.problem);
    }
    return out;
}

} // namespace ptscope
