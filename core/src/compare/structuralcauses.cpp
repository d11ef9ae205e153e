#include "ptscope/compare/nodediff.h"

#include <fmt/format.h>
#include <set>

namespace ptscope {

namespace {

std::string where(const NodeRef& n)
{
    std::string text;
    if (!n.source.file.empty())
        text = n.source.file + ":" + std::to_string(n.source.line);
    if (!n.source.text.empty())
        text += (text.empty() ? "" : " ") + std::string("(") + n.source.text + ")";
    if (!n.scope.empty())
        text += (text.empty() ? "in " : ", in ") + n.scope;
    return text.empty() ? "in forward" : text;
}

std::vector<int> nodesOfKind(const Graph& g, const std::string& kind)
{
    std::vector<int> found;
    for (size_t i = 0; i < g.nodes.size(); ++i)
        if (g.nodes[i].kind == kind)
            found.push_back(static_cast<int>(i));
    return found;
}

// The nodes in a node's blocks, nested ones included.
std::vector<int> nodesInside(const Graph& g, int node)
{
    std::vector<int> inside, pending{node};
    while (!pending.empty()) {
        const int n = pending.back();
        pending.pop_back();
        for (const int block : g.nodes[static_cast<size_t>(n)].blocks)
            for (const int child : g.blocks[static_cast<size_t>(block)].nodes) {
                inside.push_back(child);
                pending.push_back(child);
            }
    }
    return inside;
}

bool isOperator(const GraphNode& n)
{
    return n.kind != "prim::Constant" && n.kind != "prim::GetAttr" && n.kind.rfind("aten::", 0) == 0;
}

// A prim::If or prim::Loop that one graph has and the other does not.
void controlFlow(const Graph& with, const Graph& without, bool firstHasIt, const char* kind,
                 std::vector<StructuralCause>& causes)
{
    const std::vector<int> here = nodesOfKind(with, kind);
    const std::vector<int> there = nodesOfKind(without, kind);
    if (here.size() <= there.size())
        return;
    const char* one = firstHasIt ? "the first model" : "the second model";
    const char* other = firstHasIt ? "the second" : "the first";
    for (size_t i = there.size(); i < here.size(); ++i) {
        StructuralCause cause;
        const NodeRef ref = nodeRef(with, here[i]);
        (firstHasIt ? cause.a : cause.b) = ref;
        if (std::string(kind) == "prim::If") {
            cause.kind = "if";
            cause.message = fmt::format("{} decides with a prim::If at {}; {} has no prim::If there: a trace "
                                        "records only the branch its example input took, whatever the input.",
                                        one, where(ref), other);
        } else {
            cause.kind = "loop";
            // How many times the other repeats the loop body's first operation: the unrolled steps.
            std::string body;
            int repeats = 0;
            for (const int n : nodesInside(with, here[i]))
                if (isOperator(with.nodes[static_cast<size_t>(n)])) {
                    body = with.nodes[static_cast<size_t>(n)].kind;
                    const std::string scope = with.nodes[static_cast<size_t>(n)].scope;
                    for (const GraphNode& m : without.nodes)
                        repeats += m.kind == body && m.scope == scope ? 1 : 0;
                    break;
                }
            cause.message =
                fmt::format("{} loops with a prim::Loop at {}; {} has no loop there", one, where(ref), other);
            if (repeats > 0)
                cause.message += fmt::format(" but runs its body's {} {} times in a row", body, repeats);
            cause.message += ": a trace unrolls a loop to the trip count of its example input.";
        }
        causes.push_back(std::move(cause));
    }
}

// What a value is computed from, up to a few producers back.
std::set<std::string> ancestorKinds(const Graph& g, int value, int depth = 6)
{
    std::set<std::string> kinds;
    std::vector<std::pair<int, int>> pending{{value, 0}};
    std::set<int> seen;
    while (!pending.empty()) {
        const auto [v, d] = pending.back();
        pending.pop_back();
        if (v < 0 || static_cast<size_t>(v) >= g.values.size() || !seen.insert(v).second || d >= depth)
            continue;
        const int producer = g.values[static_cast<size_t>(v)].producer;
        if (producer < 0)
            continue;
        const GraphNode& n = g.nodes[static_cast<size_t>(producer)];
        kinds.insert(n.kind);
        for (const int input : n.inputs)
            pending.push_back({input, d + 1});
    }
    return kinds;
}

bool isConstant(const Graph& g, int value)
{
    const int producer = g.values.at(static_cast<size_t>(value)).producer;
    return producer >= 0 && g.nodes[static_cast<size_t>(producer)].kind == "prim::Constant";
}

bool anyOf(const std::set<std::string>& kinds, std::initializer_list<const char*> wanted)
{
    for (const char* k : wanted)
        if (kinds.count(k))
            return true;
    return false;
}

// An aligned node taking a constant in one model where the other computes that input.
void bakedInputs(const Graph& a, const Graph& b, const std::vector<std::pair<int, int>>& aligned,
                 std::vector<StructuralCause>& causes)
{
    for (const auto& [na, nb] : aligned) {
        const GraphNode& x = a.nodes.at(static_cast<size_t>(na));
        const GraphNode& y = b.nodes.at(static_cast<size_t>(nb));
        for (size_t i = 0; i < std::min(x.inputs.size(), y.inputs.size()); ++i) {
            const bool constA = isConstant(a, x.inputs[i]), constB = isConstant(b, y.inputs[i]);
            if (constA == constB)
                continue;
            const Graph& computing = constA ? b : a;
            const GraphNode& node = constA ? y : x;
            const std::set<std::string> from = ancestorKinds(computing, node.inputs[i]);
            const bool shape =
                anyOf(from, {"aten::size", "aten::dim", "aten::len", "aten::numel", "prim::shape"});
            const bool value = anyOf(from, {"aten::item", "aten::Float", "aten::Int", "aten::IntImplicit",
                                            "aten::FloatImplicit", "aten::ScalarImplicit", "aten::Bool"});
            if (!shape && !value)
                continue;
            StructuralCause cause;
            cause.kind = shape ? "baked_shape" : "baked_value";
            cause.a = nodeRef(a, na);
            cause.b = nodeRef(b, nb);
            const NodeRef& computed = constA ? cause.b : cause.a;
            const NodeRef& baked = constA ? cause.a : cause.b;
            cause.message = fmt::format(
                "{} at {} takes a constant as its input {} in the {} model, where the {} computes it from {} "
                "({}): a trace bakes numbers computed from {} in as constants, right only for inputs like "
                "its "
                "example.",
                baked.kind, where(baked), i, constA ? "first" : "second", constA ? "second" : "first",
                shape ? "the input's size" : "the input's values", where(computed),
                shape ? "sizes" : "values");
            causes.push_back(std::move(cause));
        }
    }
}

} // namespace

NodeRef nodeRef(const Graph& graph, int node)
{
    NodeRef ref;
    if (node < 0 || static_cast<size_t>(node) >= graph.nodes.size())
        return ref;
    const GraphNode& n = graph.nodes[static_cast<size_t>(node)];
    ref.node = node;
    ref.kind = n.kind;
    ref.scope = n.scope;
    ref.source = n.source;
    return ref;
}

std::vector<StructuralCause> structuralCauses(const Graph& a, const Graph& b,
                                              const std::vector<std::pair<int, int>>& aligned)
{
    std::vector<StructuralCause> causes;
    controlFlow(a, b, true, "prim::If", causes);
    controlFlow(b, a, false, "prim::If", causes);
    controlFlow(a, b, true, "prim::Loop", causes);
    controlFlow(b, a, false, "prim::Loop", causes);
    bakedInputs(a, b, aligned, causes);
    return causes;
}

} // namespace ptscope
