#include "run/runjsonparts.h"

#include <cmath>

namespace ptscope::jsonparts {

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
        return s == "-inf" ? -INFINITY : INFINITY;
    }
    return j.get<double>();
}

json optionalNumber(const std::optional<double>& v)
{
    return v ? number(*v) : json(nullptr);
}

std::optional<double> optionalFrom(const json& j)
{
    if (j.is_null())
        return std::nullopt;
    return numberFrom(j);
}

json outputToJson(const OutputInfo& o)
{
    json j = {{"path", o.path}, {"kind", outputKindId(o.kind)}, {"type", o.type}};
    switch (o.kind) {
    case OutputInfo::Kind::Tensor:
        j["shape"] = o.tensor.shape;
        j["dtype"] = o.tensor.dtype;
        j["min"] = optionalNumber(o.tensor.min);
        j["max"] = optionalNumber(o.tensor.max);
        j["mean"] = optionalNumber(o.tensor.mean);
        j["std"] = optionalNumber(o.tensor.std);
        j["nan"] = o.tensor.nan;
        j["inf"] = o.tensor.inf;
        if (!o.file.empty())
            j["file"] = o.file;
        break;
    case OutputInfo::Kind::Tuple:
    case OutputInfo::Kind::List:
    case OutputInfo::Kind::Dict:
        j["size"] = o.size;
        break;
    default:
        std::visit(
            [&](const auto& v) {
                using T = std::decay_t<decltype(v)>;
                if constexpr (std::is_same_v<T, std::monostate>)
                    j["value"] = nullptr;
                else if constexpr (std::is_same_v<T, double>)
                    j["value"] = number(v);
                else
                    j["value"] = v;
            },
            o.value);
        break;
    }
    return j;
}

OutputInfo::Kind kindFrom(const std::string& id)
{
    for (int k = 0; k <= static_cast<int>(OutputInfo::Kind::Other); ++k) {
        if (id == outputKindId(static_cast<OutputInfo::Kind>(k)))
            return static_cast<OutputInfo::Kind>(k);
    }
    return OutputInfo::Kind::Other;
}

OutputInfo outputFromJson(const json& j)
{
    OutputInfo o;
    o.path = j.at("path").get<std::string>();
    o.kind = kindFrom(j.at("kind").get<std::string>());
    o.type = j.value("type", "");
    switch (o.kind) {
    case OutputInfo::Kind::Tensor:
        o.tensor.shape = j.at("shape").get<std::vector<int64_t>>();
        o.tensor.dtype = j.at("dtype").get<std::string>();
        o.tensor.numel = 1;
        for (int64_t d : o.tensor.shape)
            o.tensor.numel *= d;
        o.tensor.min = optionalFrom(j.at("min"));
        o.tensor.max = optionalFrom(j.at("max"));
        o.tensor.mean = optionalFrom(j.at("mean"));
        o.tensor.std = optionalFrom(j.at("std"));
        o.tensor.nan = j.at("nan").get<int64_t>();
        o.tensor.inf = j.at("inf").get<int64_t>();
        o.file = j.value("file", "");
        break;
    case OutputInfo::Kind::Tuple:
    case OutputInfo::Kind::List:
    case OutputInfo::Kind::Dict:
        o.size = j.at("size").get<int64_t>();
        break;
    case OutputInfo::Kind::Bool:
        o.value = j.at("value").get<bool>();
        break;
    case OutputInfo::Kind::Int:
        o.value = j.at("value").get<int64_t>();
        break;
    case OutputInfo::Kind::Float:
        o.value = numberFrom(j.at("value"));
        break;
    case OutputInfo::Kind::String:
    case OutputInfo::Kind::Other:
        o.value = j.at("value").get<std::string>();
        break;
    case OutputInfo::Kind::None:
        break;
    }
    return o;
}

json outputsJson(const std::vector<OutputInfo>& outputs)
{
    json list = json::array();
    for (const OutputInfo& o : outputs)
        list.push_back(outputToJson(o));
    return list;
}

std::vector<OutputInfo> outputsFrom(const json& list)
{
    std::vector<OutputInfo> outputs;
    for (const json& j : list)
        outputs.push_back(outputFromJson(j));
    return outputs;
}

json inputsJson(const std::vector<InputInfo>& inputs)
{
    json list = json::array();
    for (const InputInfo& i : inputs) {
        json j = {{"name", i.name}, {"spec", i.spec}, {"kind", i.kind}};
        if (i.kind == "tensor") {
            j["shape"] = i.shape;
            j["dtype"] = i.dtype;
        }
        list.push_back(j);
    }
    return list;
}

std::vector<InputInfo> inputsFrom(const json& list)
{
    std::vector<InputInfo> inputs;
    for (const json& j : list) {
        InputInfo i;
        i.name = j.at("name").get<std::string>();
        i.spec = j.at("spec").get<std::string>();
        i.kind = j.at("kind").get<std::string>();
        if (i.kind == "tensor") {
            i.shape = j.at("shape").get<std::vector<int64_t>>();
            i.dtype = j.at("dtype").get<std::string>();
        }
        inputs.push_back(std::move(i));
    }
    return inputs;
}

} // namespace ptscope::jsonparts
