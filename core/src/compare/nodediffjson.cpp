#include "compare/comparejsonparts.h"
#include "ptscope/common/error.h"

#include <fmt/format.h>

namespace ptscope {

json nodeToJson(const NodeRef& n)
{
    if (n.node < 0)
        return nullptr;
    return {{"node", n.node},
            {"kind", n.kind},
            {"scope", n.scope},
            {"source", {{"file", n.source.file}, {"line", n.source.line}, {"text", n.source.text}}}};
}

void addPerNode(json& doc, const NodeComparison& p)
{
    if (p.diverged) {
        json first;
        first["kind"] = p.divergentA.kind;
        first["scope"] = p.divergentA.scope;
        first["source"] = {{"a", nodeToJson(p.divergentA)["source"]},
                           {"b", nodeToJson(p.divergentB)["source"]}};
        first["a"] = nodeToJson(p.divergentA);
        first["b"] = nodeToJson(p.divergentB);
        first["outputs"] = outputsToJson(p.divergentOutputs);
        first["aligned_step"] = p.divergentStep;
        doc["first_divergent_node"] = first;
    } else {
        doc["first_divergent_node"] = nullptr;
    }
    json causes = json::array();
    for (const StructuralCause& c : p.causes)
        causes.push_back(
            {{"kind", c.kind}, {"message", c.message}, {"a", nodeToJson(c.a)}, {"b", nodeToJson(c.b)}});
    doc["structural_causes"] = causes;
    json unalignedA = json::array(), unalignedB = json::array();
    for (const NodeRef& n : p.unalignedA)
        unalignedA.push_back(nodeToJson(n));
    for (const NodeRef& n : p.unalignedB)
        unalignedB.push_back(nodeToJson(n));
    json partingA = json::array(), partingB = json::array();
    for (const NodeRef& n : p.partingA)
        partingA.push_back(nodeToJson(n));
    for (const NodeRef& n : p.partingB)
        partingB.push_back(nodeToJson(n));
    doc["per_node"] = {{"input", p.input},
                       {"parting_a", partingA},
                       {"parting_b", partingB},
                       {"executed", p.executed},
                       {"note", optionalText(p.note)},
                       {"executed_a", p.executedA},
                       {"executed_b", p.executedB},
                       {"aligned", p.aligned},
                       {"unaligned_a_count", p.unalignedCountA},
                       {"unaligned_b_count", p.unalignedCountB},
                       {"unaligned_a", unalignedA},
                       {"unaligned_b", unalignedB}};
}

NodeRef nodeFromJson(const json& j)
{
    NodeRef n;
    if (j.is_null())
        return n;
    n.node = j.at("node").get<int>();
    n.kind = j.at("kind").get<std::string>();
    n.scope = j.at("scope").get<std::string>();
    const json& s = j.at("source");
    n.source.file = s.at("file").get<std::string>();
    n.source.line = s.at("line").get<int>();
    n.source.text = s.at("text").get<std::string>();
    return n;
}

NodeComparison perNodeFromJson(const json& doc)
{
    NodeComparison p;
    const json& first = doc.at("first_divergent_node");
    if (!first.is_null()) {
        p.diverged = true;
        p.divergentA = nodeFromJson(first.at("a"));
        p.divergentB = nodeFromJson(first.at("b"));
        for (const json& o : first.at("outputs"))
            p.divergentOutputs.push_back(outputFromJson(o));
        p.divergentStep = first.at("aligned_step").get<int>();
    }
    for (const json& c : doc.at("structural_causes"))
        p.causes.push_back({c.at("kind").get<std::string>(), c.at("message").get<std::string>(),
                            nodeFromJson(c.at("a")), nodeFromJson(c.at("b"))});
    const json& n = doc.at("per_node");
    p.input = n.at("input").get<std::string>();
    p.executed = n.at("executed").get<bool>();
    p.note = optionalTextFrom(n.at("note"));
    p.executedA = n.at("executed_a").get<int>();
    p.executedB = n.at("executed_b").get<int>();
    p.aligned = n.at("aligned").get<int>();
    p.unalignedCountA = n.at("unaligned_a_count").get<int>();
    p.unalignedCountB = n.at("unaligned_b_count").get<int>();
    for (const json& r : n.at("unaligned_a"))
        p.unalignedA.push_back(nodeFromJson(r));
    for (const json& r : n.at("unaligned_b"))
        p.unalignedB.push_back(nodeFromJson(r));
    for (const json& r : n.at("parting_a"))
        p.partingA.push_back(nodeFromJson(r));
    for (const json& r : n.at("parting_b"))
        p.partingB.push_back(nodeFromJson(r));
    if (p.aligned < 0 || p.executedA < 0 || p.executedB < 0)
        throw Error(ErrorKind::ProtocolError, "A malformed node comparison: negative counts.");
    return p;
}

std::string nodeText(const NodeRef& n)
{
    std::string text = n.kind + (n.scope.empty() ? "" : " in " + n.scope);
    if (!n.source.file.empty())
        text += " at " + n.source.file + ":" + std::to_string(n.source.line);
    if (!n.source.text.empty())
        text += ": " + n.source.text;
    return text;
}

std::string perNodeText(const NodeComparison& p, bool modelsDisagree)
{
    std::string nodes = "\nNode by node, on " + p.input + ":\n";
    if (!p.note.empty())
        nodes += "  " + p.note + "\n";
    if (p.executed) {
        nodes += fmt::format("  {} and {} operator nodes ran; {} aligned, {} and {} without a partner\n",
                             p.executedA, p.executedB, p.aligned, p.unalignedCountA, p.unalignedCountB);
        if (p.diverged) {
            nodes += "  First divergent node:\n    first:  " + nodeText(p.divergentA) +
                     "\n    second: " + nodeText(p.divergentB) + "\n";
            for (const OutputDiff& o : p.divergentOutputs)
                if (!o.matches)
                    nodes += "    output " + o.path + ": " + o.problem + "\n";
        } else {
            nodes += "  No aligned node's output differs beyond tolerance.\n";
        }
        if (!p.partingA.empty() || !p.partingB.empty()) {
            nodes += p.diverged ? "  Right before it, nodes only one model ran:\n"
                                : "  Nodes only one model ran, where the runs part:\n";
            for (const NodeRef& n : p.partingA)
                nodes += "    first only:  " + nodeText(n) + "\n";
            for (const NodeRef& n : p.partingB)
                nodes += "    second only: " + nodeText(n) + "\n";
        }
    }
    for (const StructuralCause& cause : p.causes)
        nodes += std::string(modelsDisagree ? "  Cause (" : "  Structural difference (") + cause.kind + "): " +
                 cause.message + "\n";
    return nodes;
}

} // namespace ptscope
