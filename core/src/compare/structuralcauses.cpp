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

// The values forward's arguments (the top block's inputs but `self`) flow into: from a node's
// inputs, and the values its blocks yield, to its outputs, a loop's counter and carried values,
// and whatever a mutating op (append, _set_item, add_: "(a!)" in its schema) writes into. Erring
// on the side of "depends": a node with any such input marks all it makes.
std::vector<bool> argumentDependent(const Graph& g)
{
    std::vector<bool> dependent(g.values.size(), false);
    const auto isDependent = [&](int v) { return v >= 0 && static_cast<size_t>(v) < dependent.size() && dependent[v]; };
    bool changed = false;
    const auto mark = [&](int v) {
        if (v >= 0 && static_cast<size_t>(v) < dependent.size() && !dependent[v]) {
            dependent[v] = true;
            changed = true;
        }
    };
    if (!g.blocks.empty())
        for (size_t i = 1; i < g.blocks[0].inputs.size(); ++i)
            mark(g.blocks[0].inputs[i]);
    // Loops carry values back to their start: repeat until nothing changes (two passes, mostly).
    while (changed) {
        changed = false;
        for (const GraphNode& n : g.nodes) {
            bool any = false;
            for (const int v : n.inputs)
                any = any || isDependent(v);
            for (const int b : n.blocks)
                for (const int v : g.blocks[static_cast<size_t>(b)].outputs)
                    any = any || isDependent(v);
            if (!any)
                continue;
            for (const int v : n.outputs)
                mark(v);
            for (const int b : n.blocks)
                for (const int v : g.blocks[static_cast<size_t>(b)].inputs)
                    mark(v);
            if (n.schema.find("!)") != std::string::npos)
                for (const int v : n.inputs)
                    mark(v);
        }
    }
    return dependent;
}

bool isTensor(const GraphValue& v)
{
    return v.type.rfind("Tensor", 0) == 0 || !v.dtype.empty(); // "Tensor", "Tensor[]", "Float(2, 4, ...)"
}

// Whether a prim::If or prim::Loop makes tensors: yields one, or a node in its blocks computes
// one (reading a list's or tuple's elements computes nothing: densenet's any_requires_grad loops
// over its tensors for a bool).
bool makesTensors(const Graph& g, int node)
{
    for (const int v : g.nodes[static_cast<size_t>(node)].outputs)
        if (isTensor(g.values[static_cast<size_t>(v)]))
            return true;
    for (const int inside : nodesInside(g, node)) {
        const GraphNode& n = g.nodes[static_cast<size_t>(inside)];
        if (n.kind == "aten::__getitem__" || n.kind == "prim::ListUnpack" || n.kind == "prim::TupleUnpack" ||
            n.kind == "prim::TupleIndex")
            continue;
        for (const int v : n.outputs)
            if (isTensor(g.values[static_cast<size_t>(v)]))
                return true;
    }
    return false;
}

// A prim::If or prim::Loop that a trace replaces by what its example input did: an `if` on the
// arguments' values or sizes choosing between tensor computations (not a check that raises), or a
// loop whose trip count or condition comes from the arguments and which makes tensors. One working
// on ints and bools only (an `and` in a size check, batch norm's batch-size loop) leaves a trace a
// constant, which bakedInputs names where it is used. Branches on constants and module attributes
// (inplace, self.training, use_res_connect) go the same way in a trace and a script of the same
// module in the same mode; a mode that differs shows as dropout or batch norm in training mode.
bool isDecision(const Graph& g, const std::vector<bool>& dependent, int node)
{
    const GraphNode& n = g.nodes[static_cast<size_t>(node)];
    const auto isDependent = [&](int v) { return v >= 0 && static_cast<size_t>(v) < dependent.size() && dependent[v]; };
    if (n.kind == "prim::If") {
        if (n.inputs.empty() || !isDependent(n.inputs[0]))
            return false;
        for (const int b : n.blocks)
            for (const int child : g.blocks[static_cast<size_t>(b)].nodes)
                if (g.nodes[static_cast<size_t>(child)].kind == "prim::RaiseException")
                    return false;
        return makesTensors(g, node);
    }
    const GraphBlock* body = n.blocks.empty() ? nullptr : &g.blocks[static_cast<size_t>(n.blocks[0])];
    const bool counted = (n.inputs.size() > 0 && isDependent(n.inputs[0])) ||
                         (n.inputs.size() > 1 && isDependent(n.inputs[1])) ||
                         (body && !body->outputs.empty() && isDependent(body->outputs[0]));
    return counted && makesTensors(g, node);
}

std::vector<int> decisionsOfKind(const Graph& g, const std::vector<bool>& dependent, const std::string& kind)
{
    std::vector<int> found;
    for (const int n : nodesOfKind(g, kind))
        if (isDecision(g, dependent, n))
            found.push_back(n);
    return found;
}

// A data-dependent prim::If or prim::Loop (isDecision) that one graph has and the other does not.
void controlFlow(const Graph& with, const std::vector<bool>& withDependent, const Graph& without,
                 const std::vector<bool>& withoutDependent, bool firstHasIt, const char* kind,
                 std::vector<StructuralCause>& causes)
{
    const std::vector<int> here = decisionsOfKind(with, withDependent, kind);
    const std::vector<int> there = decisionsOfKind(without, withoutDependent, kind);
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
            // How many times the other repeats the loop body: the fewest copies it has of an
            // operation that runs in every step (the body's own operator nodes, not nested ones;
            // same kind and scope), so that a copy outside the loop (the x[0] before it) is not
            // taken for a step; ops it has none of (size arithmetic a trace folds) are left out.
            std::string body;
            int repeats = 0;
            const GraphNode& loop = with.nodes[static_cast<size_t>(here[i])];
            if (!loop.blocks.empty())
                for (const int n : with.blocks[static_cast<size_t>(loop.blocks[0])].nodes) {
                    const GraphNode& step = with.nodes[static_cast<size_t>(n)];
                    if (!isOperator(step))
                        continue;
                    int copies = 0;
                    for (const GraphNode& m : without.nodes)
                        copies += m.kind == step.kind && m.scope == step.scope ? 1 : 0;
                    if (copies > 0 && (repeats == 0 || copies < repeats)) {
                        repeats = copies;
                        body = step.kind;
                    }
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

// A constant, or a list or tuple of constants (a trace writes repeat(x, [1, 2]) with its sizes
// baked into a prim::ListConstruct of constants).
bool isConstant(const Graph& g, int value, int depth = 3)
{
    const int producer = g.values.at(static_cast<size_t>(value)).producer;
    if (producer < 0)
        return false;
    const GraphNode& n = g.nodes[static_cast<size_t>(producer)];
    if (n.kind == "prim::Constant")
        return true;
    if (depth == 0 || (n.kind != "prim::ListConstruct" && n.kind != "prim::TupleConstruct") || n.inputs.empty())
        return false;
    for (const int input : n.inputs)
        if (!isConstant(g, input, depth - 1))
            return false;
    return true;
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
    const std::vector<bool> fromArgumentsA = argumentDependent(a), fromArgumentsB = argumentDependent(b);
    controlFlow(a, fromArgumentsA, b, fromArgumentsB, true, "prim::If", causes);
    controlFlow(b, fromArgumentsB, a, fromArgumentsA, false, "prim::If", causes);
    controlFlow(a, fromArgumentsA, b, fromArgumentsB, true, "prim::Loop", causes);
    controlFlow(b, fromArgumentsB, a, fromArgumentsA, false, "prim::Loop", causes);
    bakedInputs(a, b, aligned, causes);
    return causes;
}

} // namespace ptscope
