#include "ptscope/load/modelinfoformat.h"
#include "io/jsontext.h"

#include "ptscope/common/error.h"
#include "ptscope/common/format.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace ptscope {

namespace {

// ordered_json keeps fields in the order written: file and format first, as people read them.
using json = nlohmann::ordered_json;

json tensorJson(const TensorInfo& t)
{
    json j = {{"name", t.name},     {"shape", t.shape},         {"dtype", t.dtype},
              {"numel", t.numel},   {"bytes", t.bytes},         {"requires_grad", t.requiresGrad}};
    if (!t.sharedWith.empty())
        j["shared_with"] = t.sharedWith;
    return j;
}

json tensorsJson(const std::vector<TensorInfo>& tensors)
{
    json list = json::array();
    for (const TensorInfo& t : tensors)
        list.push_back(tensorJson(t));
    return list;
}

json methodsJson(const std::vector<MethodInfo>& methods)
{
    json list = json::array();
    for (const MethodInfo& m : methods)
        list.push_back({{"name", m.name}, {"schema", m.schema}});
    return list;
}

json moduleJson(const ModuleInfo& m)
{
    json attributes = json::array();
    for (const AttributeInfo& a : m.attributes)
        attributes.push_back({{"name", a.name}, {"type", a.type}, {"value", a.value}});
    return {{"name", m.path},
            {"type", m.type},
            {"training", m.training},
            {"parameters", tensorsJson(m.parameters)},
            {"buffers", tensorsJson(m.buffers)},
            {"attributes", attributes},
            {"methods", methodsJson(m.methods)},
            {"total_parameters", m.totalParameters},
            {"total_buffers", m.totalBuffers}};
}

std::string tensorList(const std::vector<TensorInfo>& tensors)
{
    std::string out;
    for (const TensorInfo& t : tensors) {
        if (!out.empty())
            out += ", ";
        out += fmt::format("{} {} {}", t.name, formatShape(t.shape), t.dtype);
        if (!t.sharedWith.empty())
            out += " (= " + t.sharedWith + ")";
    }
    return out;
}

} // namespace

std::string modelInfoToJson(const ModelInfo& info)
{
    json modules = json::array();
    for (const ModuleInfo& m : info.modules)
        modules.push_back(moduleJson(m));
    json doc = {
        {"file", info.archive.path},
        {"format", "torchscript"},
        {"file_size", info.archive.fileSize},
        {"format_version", info.archive.formatVersion},
        {"extra_files", info.archive.extraFiles},
        {"root_type", info.rootType},
        {"training", info.training},
        {"num_parameters", info.numParameters},
        {"num_parameter_tensors", info.numParameterTensors},
        {"parameter_bytes", info.parameterBytes},
        {"num_buffers", info.numBuffers},
        {"buffer_bytes", info.bufferBytes},
        {"has_forward", info.hasForward},
        {"graph_nodes", info.graphNodes ? json(*info.graphNodes) : json(nullptr)},
        {"methods", methodsJson(info.methods)},
        {"modules", modules},
    };
    return jsonText(doc, 2);
}

std::string modelInfoToText(const ModelInfo& info)
{
    std::string out;
    const ArchiveInfo& a = info.archive;
    out += fmt::format("File         {} ({}, format version {})\n", a.path, formatBytes(static_cast<int64_t>(a.fileSize)),
                       a.formatVersion);
    out += fmt::format("Root         {} ({} mode)\n", info.rootType, info.training ? "training" : "eval");
    out += fmt::format("Parameters   {} in {} tensors ({})\n", formatCount(info.numParameters),
                       info.numParameterTensors, formatBytes(info.parameterBytes));
    out += fmt::format("Buffers      {} ({})\n", formatCount(info.numBuffers), formatBytes(info.bufferBytes));
    if (info.graphNodes)
        out += fmt::format("Graph        {} nodes in the inlined forward graph\n", formatCount(*info.graphNodes));
    else
        out += "Graph        no forward method\n";
    if (!a.extraFiles.empty())
        out += fmt::format("Extra files  {}\n", fmt::join(a.extraFiles, ", "));

    out += "\nMethods\n";
    for (const MethodInfo& m : info.methods)
        out += "  " + m.schema + "\n";

    out += "\nModules\n";
    size_t width = 0;
    for (const ModuleInfo& m : info.modules)
        width = std::max(width, 2 * static_cast<size_t>(m.depth) + (m.path.empty() ? 6 : m.name.size()));
    for (const ModuleInfo& m : info.modules) {
        const std::string label = std::string(2 * static_cast<size_t>(m.depth), ' ') + (m.path.empty() ? "(root)" : m.name);
        out += fmt::format("  {:<{}}  {:<24} {:>14}", label, width, m.shortType, formatCount(m.totalParameters));
        const std::string own = tensorList(m.parameters);
        if (!own.empty())
            out += "   " + own;
        out += "\n";
    }
    return out;
}

std::string errorToJson(const Error& error)
{
    json doc = {{"error", {{"kind", errorKindId(error.kind())}, {"message", error.message()}, {"hint", error.hint()}}}};
    return jsonText(doc, 2);
}

} // namespace ptscope
