#include "ptscope/run/runjson.h"
#include "io/jsontext.h"

#include "ptscope/common/error.h"
#include "ptscope/common/format.h"
#include "run/runjsonparts.h"

#include <cmath>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace ptscope {

namespace {

using json = nlohmann::ordered_json;
using namespace jsonparts;

template <typename F> auto parsing(const std::string& what, F&& f)
{
    try {
        return f();
    } catch (const nlohmann::json::exception& e) {
        throw Error(ErrorKind::ProtocolError, "Cannot read " + what + ": " + e.what());
    }
}

std::string valueText(const OutputInfo& o)
{
    return std::visit(
        [](const auto& v) -> std::string {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, std::monostate>)
                return "None";
            else if constexpr (std::is_same_v<T, bool>)
                return v ? "True" : "False";
            else if constexpr (std::is_same_v<T, std::string>)
                return "\"" + v + "\"";
            else
                return fmt::format("{}", v);
        },
        o.value);
}

std::string statText(const std::optional<double>& v)
{
    return v ? fmt::format("{:.6g}", *v) : "-";
}

std::string secondsText(double s)
{
    return s < 1 ? fmt::format("{:.3f} ms", s * 1000) : fmt::format("{:.3f} s", s);
}

void appendOutputs(std::string& out, const std::vector<OutputInfo>& outputs, const std::string& indent)
{
    for (const OutputInfo& o : outputs) {
        out += indent + fmt::format("{:<12} ", o.path);
        if (o.kind == OutputInfo::Kind::Tensor) {
            const TensorStats& t = o.tensor;
            out += fmt::format("{} {}  min {}  max {}  mean {}  std {}", t.dtype, formatShape(t.shape),
                               statText(t.min), statText(t.max), statText(t.mean), statText(t.std));
            if (t.nan || t.inf)
                out += fmt::format("  nan {}  inf {}", t.nan, t.inf);
        } else if (o.kind == OutputInfo::Kind::Tuple || o.kind == OutputInfo::Kind::List ||
                   o.kind == OutputInfo::Kind::Dict) {
            out += fmt::format("{} of {}", outputKindId(o.kind), o.size);
        } else {
            out += fmt::format("{} {}", o.type, valueText(o));
        }
        out += "\n";
    }
}

} // namespace

std::string runResultToJson(const RunResult& r)
{
    const json inputs = inputsJson(r.inputs);
    json doc = {{"model", r.model}, {"device", r.device},     {"threads", r.threads},
                {"blas", r.blas},   {"training", r.training}, {"grad", r.grad},
                {"seed", r.seed},   {"warmup", r.warmup},     {"repeat", r.seconds.size()},
                {"inputs", inputs}};
    if (r.batch) {
        json samples = json::array();
        for (const SampleResult& s : r.samples)
            samples.push_back({{"name", s.name}, {"outputs", outputsJson(s.outputs)}});
        doc["samples"] = samples;
    } else {
        doc["outputs"] =
            outputsJson(r.samples.empty() ? std::vector<OutputInfo>{} : r.samples.front().outputs);
    }
    json runs = json::array();
    for (double s : r.seconds)
        runs.push_back(s);
    doc["seconds"] = {{"median", r.medianSeconds}, {"runs", runs}};
    if (!r.savedOutputs.empty())
        doc["saved_outputs"] = r.savedOutputs;
    return jsonText(doc, 2);
}

RunResult runResultFromJson(const std::string& text)
{
    return parsing("the run result", [&] {
        const json doc = json::parse(text);
        RunResult r;
        r.model = doc.at("model").get<std::string>();
        r.device = doc.at("device").get<std::string>();
        r.threads = doc.at("threads").get<int>();
        r.blas = doc.value("blas", "");
        r.training = doc.at("training").get<bool>();
        r.grad = doc.at("grad").get<bool>();
        r.seed = doc.at("seed").get<uint64_t>();
        r.warmup = doc.at("warmup").get<int>();
        r.inputs = inputsFrom(doc.at("inputs"));
        r.batch = doc.contains("samples");
        if (r.batch) {
            for (const json& s : doc.at("samples"))
                r.samples.push_back(
                    SampleResult{s.at("name").get<std::string>(), outputsFrom(s.at("outputs"))});
        } else {
            r.samples.push_back(SampleResult{"", outputsFrom(doc.at("outputs"))});
        }
        r.seconds = doc.at("seconds").at("runs").get<std::vector<double>>();
        r.medianSeconds = doc.at("seconds").at("median").get<double>();
        r.savedOutputs = doc.value("saved_outputs", "");
        return r;
    });
}

std::string argumentSpecsToJson(const std::vector<ArgumentSpec>& arguments)
{
    json list = json::array();
    for (const ArgumentSpec& a : arguments) {
        json j = {{"name", a.name}, {"type", a.type}, {"kind", a.kind}};
        j["default"] = a.hasDefault ? json(a.defaultValue) : json(nullptr);
        j["default_spec"] = a.defaultSpec.empty() ? json(nullptr) : json(a.defaultSpec);
        j["example"] =
            a.exampleShape ? json{{"dtype", a.exampleDtype}, {"shape", *a.exampleShape}} : json(nullptr);
        list.push_back(j);
    }
    return jsonText(list, -1);
}

std::vector<ArgumentSpec> argumentSpecsFromJson(const std::string& text)
{
    return parsing("the argument list", [&] {
        std::vector<ArgumentSpec> arguments;
        for (const json& j : json::parse(text)) {
            ArgumentSpec a;
            a.name = j.at("name").get<std::string>();
            a.type = j.at("type").get<std::string>();
            a.kind = j.at("kind").get<std::string>();
            a.hasDefault = !j.at("default").is_null();
            if (a.hasDefault)
                a.defaultValue = j.at("default").get<std::string>();
            if (!j.at("default_spec").is_null())
                a.defaultSpec = j.at("default_spec").get<std::string>();
            if (!j.at("example").is_null()) {
                a.exampleShape = j.at("example").at("shape").get<std::vector<int64_t>>();
                a.exampleDtype = j.at("example").at("dtype").get<std::string>();
            }
            arguments.push_back(std::move(a));
        }
        return arguments;
    });
}

std::string runResultToText(const RunResult& r)
{
    std::string out = fmt::format("Model     {}\n", r.model);
    out += fmt::format("Settings  {}, {} thread{}, {}, {}\n", r.device, r.threads, r.threads == 1 ? "" : "s",
                       r.training ? "training mode" : "eval mode", r.grad ? "gradients" : "no gradients");
    out += "Inputs\n";
    for (const InputInfo& i : r.inputs) {
        const std::string what = i.kind == "tensor" ? i.dtype + " " + formatShape(i.shape) : i.kind;
        out += fmt::format("  {:<12} {:<24} {}\n", i.name, what, i.spec);
    }
    if (r.batch) {
        for (const SampleResult& s : r.samples) {
            out += fmt::format("Outputs of {}\n", s.name);
            appendOutputs(out, s.outputs, "  ");
        }
    } else {
        out += "Outputs\n";
        appendOutputs(out, r.samples.empty() ? std::vector<OutputInfo>{} : r.samples.front().outputs, "  ");
    }
    out += fmt::format("Time      {} median of {} run{}", secondsText(r.medianSeconds), r.seconds.size(),
                       r.seconds.size() == 1 ? "" : "s");
    if (r.warmup > 0)
        out += fmt::format(" after {} warm-up run{}", r.warmup, r.warmup == 1 ? "" : "s");
    out += "\n";
    if (!r.savedOutputs.empty())
        out += fmt::format("Saved     {}\n", r.savedOutputs);
    return out;
}

} // namespace ptscope
