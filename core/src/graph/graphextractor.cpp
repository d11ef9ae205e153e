#include "graph/graphcounting.h"
#include "graph/variantgraph.h"
#include "load/modelimpl.h"
#include "graph/opcategory.h"
#include "ptscope/common/error.h"
#include "ptscope/common/format.h"
#include "ptscope/graph/graph.h"
#include "common/torchnames.h"

#include <torch/csrc/jit/api/module.h>
#include <torch/csrc/jit/passes/inliner.h>

#include <algorithm>
#include <future>
#include <map>
#include <optional>
#include <sstream>
#include <system_error>
#include <unordered_map>

namespace ptscope {

namespace {

using torch::jit::Block;
using torch::jit::Node;
using torch::jit::Value;

std::string trimmedFirstLine(std::string text)
{
    text = text.substr(0, text.find('\n'));
    const size_t first = text.find_first_not_of(" \t");
    if (first == std::string::npos)
        return {};
    text = text.substr(first, text.find_last_not_of(" \t") - first + 1);
    if (text.size() > 160)
        text = text.substr(0, 157) + "...";
    return text;
}

std::string commonScope(const std::string& a, const std::string& b)
{
    size_t end = 0;
    for (size_t i = 0; i <= std::min(a.size(), b.size()); ++i) {
        const bool aEnd = i == a.size() || a[i] == '.';
        const bool bEnd = i == b.size() || b[i] == '.';
        if (aEnd && bEnd)
            end = i;
        if (i == a.size() || i == b.size() || a[i] != b[i])
            break;
    }
    return a.substr(0, end);
}

SourceLocation sourceOf(const torch::jit::SourceRange& range)
{
    SourceLocation location;
    if (!range.source())
        return location;
    if (auto flc = range.file_line_col()) {
        location.file = std::get<0>(*flc);
        location.line = static_cast<int>(std::get<1>(*flc));
    }
    // Only the first line is kept; a prim::If's range spans its whole statement.
    const torch::jit::StringCordView text = range.text();
    const size_t newline = text.find("\n", 0);
    location.text = trimmedFirstLine(newline == std::string::npos ? text.str() : text.substr(0, newline).str());
    return location;
}

std::string attributeValue(const Node* node, c10::Symbol name)
{
    std::ostringstream os;
    switch (node->kindOf(name)) {
    case torch::jit::AttributeKind::i: os << node->i(name); break;
    case torch::jit::AttributeKind::f: os << node->f(name); break;
    case torch::jit::AttributeKind::s: os << node->s(name); break;
    case torch::jit::AttributeKind::ival: {
        const c10::IValue value = node->ival(name);
        if (value.isTensor())
            os << "Tensor " << value.toTensor().sizes() << " " << dtypeName(value.toTensor().scalar_type());
        else
            os << value;
        break;
    }
    case torch::jit::AttributeKind::t: {
        const at::Tensor& t = node->t(name);
        if (t.dim() == 0)
            os << t.item();
        else
            os << "Tensor " << t.sizes() << " " << dtypeName(t.scalar_type());
        break;
    }
    case torch::jit::AttributeKind::ty: os << node->ty(name)->annotation_str(); break;
    default: os << "(" << toString(node->kindOf(name)) << ")"; break;
    }
    std::string text = os.str();
    if (text.size() > 120)
        text = text.substr(0, 117) + "...";
    return text;
}

// A module called from an unrolled loop over a ModuleList or ModuleDict is recorded by its
// own name ("0"), without the container's ("layers"); find the one container it sits in.
std::string childPath(const std::string& parent, const std::string& name,
                      const std::map<std::string, std::string>& modules)
{
    const std::string direct = parent.empty() ? name : parent + "." + name;
    if (modules.empty() || modules.count(direct))
        return direct;
    const std::string prefix = parent.empty() ? std::string() : parent + ".";
    std::string found;
    int matches = 0;
    for (auto it = modules.lower_bound(prefix); it != modules.end() && it->first.rfind(prefix, 0) == 0; ++it) {
        const std::string rest = it->first.substr(prefix.size());
        const size_t dot = rest.find('.');
        if (dot != std::string::npos && rest.substr(dot + 1) == name) {
            found = it->first;
            ++matches;
        }
    }
    return matches == 1 ? found : direct;
}

// Inlining records, for every node, the chain of module instances it was called through; calls
// of the module's own methods (self._forward_impl) appear as the instance "SELF". (vec() is not
// const, though it only reads.)
std::string scopeOf(torch::jit::InlinedCallStack& callstack, const std::map<std::string, std::string>& modules)
{
    std::string path;
    for (const auto& entry : callstack.vec()) {
        const auto& instance = std::get<2>(entry);
        if (!instance)
            continue;
        const std::string name = instance->instance_name();
        if (name.empty() || name == "SELF" || name == "self")
            continue;
        path = childPath(path, name, modules);
    }
    return path;
}

std::string graphText(const torch::jit::Graph& graph)
{
    std::ostringstream text;
    text << graph;
    return text.str();
}

class GraphBuilder
{
public:
    // scopeFiles: module path -> the archive file defining its class, for repairScopes().
    explicit GraphBuilder(std::map<std::string, std::string> scopeFiles)
        : m_scopeFiles(std::move(scopeFiles))
    {
    }

    Graph build(const torch::jit::Graph& graph, GraphVariant variant, bool withText)
    {
        m_graph.variant = variant;
        // LibTorch prints the IR on a second thread while this one reads the graph; printing
        // only reads it too (reading here caches each node's operator, which printing never
        // looks at).
        std::future<std::string> text;
        if (withText) {
            try {
                text = std::async(std::launch::async, [&graph] { return graphText(graph); });
            } catch (const std::system_error&) {
            }
        }
        addBlock(graph.block(), -1);
        repairScopes();
        for (GraphNode& node : m_graph.nodes)
            foldConstants(node);
        if (withText)
            m_graph.text = text.valid() ? text.get() : graphText(graph);
        return std::move(m_graph);
    }

private:
    int valueIndex(const Value* value)
    {
        const auto it = m_valueIndex.find(value);
        if (it != m_valueIndex.end())
            return it->second;
        GraphValue v;
        v.name = value->debugName();
        const c10::Type* type = value->type().get();
        auto typeText = m_typeText.find(type);
        if (typeText == m_typeText.end())
            typeText = m_typeText.emplace(type, value->type()->str()).first;
        v.type = typeText->second;
        if (auto tensorType = value->type()->cast<c10::TensorType>()) {
            if (auto sizes = tensorType->sizes().concrete_sizes())
                v.shape = *sizes;
            if (auto dtype = tensorType->scalarType())
                v.dtype = dtypeName(*dtype);
        }
        const int index = static_cast<int>(m_graph.values.size());
        m_graph.values.push_back(std::move(v));
        m_valueIndex.emplace(value, index);
        return index;
    }

    int addBlock(const Block* block, int owner)
    {
        const int blockIndex = static_cast<int>(m_graph.blocks.size());
        m_graph.blocks.emplace_back();
        m_graph.blocks[blockIndex].owner = owner;
        for (const Value* input : block->inputs())
            m_graph.blocks[blockIndex].inputs.push_back(valueIndex(input));
        for (const Node* node : block->nodes())
            addNode(node, blockIndex);
        for (const Value* output : block->outputs())
            m_graph.blocks[blockIndex].outputs.push_back(valueIndex(output));
        return blockIndex;
    }

    void addNode(const Node* node, int blockIndex)
    {
        const int index = static_cast<int>(m_graph.nodes.size());
        const c10::FunctionSchema* schema = nullptr;
        m_graph.nodes.emplace_back();
        m_graph.blocks[blockIndex].nodes.push_back(index);
        {
            GraphNode& n = m_graph.nodes[index];
            n.kind = node->kind().toQualString();
            n.category = categorizeOp(n.kind);
            n.block = blockIndex;
            const auto callstack = node->callstack();
            if (callstack)
                n.scope = scopeOf(**callstack);
            m_hasCallstack.push_back(callstack.has_value());
            n.source = sourceOf(node->sourceRange());
            schema = node->maybeSchema();
            if (schema)
                n.schema = schemaText(*schema);
            for (const c10::Symbol name : node->attributeNames())
                n.attributes.push_back({name.toUnqualString(), attributeValue(node, name)});
        }
        for (const Value* input : node->inputs()) {
            const int v = valueIndex(input);
            m_graph.nodes[index].inputs.push_back(v);
            m_graph.values[v].users.push_back(index);
        }
        for (const Value* output : node->outputs()) {
            const int v = valueIndex(output);
            m_graph.values[v].producer = index;
            m_graph.nodes[index].outputs.push_back(v);
        }
        for (const Block* inner : node->blocks()) {
            const int innerIndex = addBlock(inner, index);
            m_graph.nodes[index].blocks.push_back(innerIndex);
        }
        m_schemas.resize(m_graph.nodes.size());
        m_schemas[index] = schema;
    }

    // Nodes that came through one call share its call stack; inlined copies of one module's code
    // share their source ranges; every conv2d shares one schema. Each is worked out once.
    const std::string& scopeOf(torch::jit::InlinedCallStack& callstack)
    {
        const auto it = m_scopeOfCallstack.find(&callstack);
        if (it != m_scopeOfCallstack.end())
            return it->second;
        return m_scopeOfCallstack.emplace(&callstack, ptscope::scopeOf(callstack, m_scopeFiles)).first->second;
    }

    SourceLocation sourceOf(const torch::jit::SourceRange& range)
    {
        const auto key = std::make_tuple(range.source().get(), range.start(), range.end());
        const auto it = m_sourceOfRange.find(key);
        if (it != m_sourceOfRange.end())
            return it->second;
        return m_sourceOfRange.emplace(key, ptscope::sourceOf(range)).first->second;
    }

    const std::string& schemaText(const c10::FunctionSchema& schema)
    {
        auto& text = m_schemaText[&schema];
        if (text.empty()) {
            std::ostringstream os;
            os << schema;
            text = os.str();
        }
        return text;
    }

    // Arguments that are constants or attribute reads are shown on the node that uses them.
    void foldConstants(GraphNode& node)
    {
        const int index = static_cast<int>(&node - m_graph.nodes.data());
        const c10::FunctionSchema* schema = m_schemas[index];
        const size_t argCount = schema ? schema->arguments().size() : 0;
        for (size_t i = 0; i < node.inputs.size(); ++i) {
            const GraphValue& value = m_graph.values[node.inputs[i]];
            if (value.producer < 0)
                continue;
            const GraphNode& producer = m_graph.nodes[value.producer];
            std::string shown;
            if (producer.kind == "prim::Constant")
                shown = producer.attributes.empty() ? "None" : producer.attributes.front().value;
            else if (producer.kind == "prim::GetAttr" && !producer.attributes.empty())
                shown = "self…" + producer.attributes.front().value;
            else if (producer.kind == "prim::ListConstruct" && allConstant(producer))
                shown = listText(producer);
            else
                continue;
            const std::string name = i < argCount ? schema->arguments()[i].name() : "arg" + std::to_string(i);
            node.constantInputs.push_back({name, shown});
        }
        node.label = labelFor(node);
    }

    // LibTorch 1.13's inliner gives no call stack to nodes without outputs (a prim::If that only
    // has side effects), nor to nodes inside blocks, so they would fall out of their module. A
    // node inside a block belongs where its owner does. A top-level one belongs to the nearest
    // neighbour's module (or one of its ancestors) whose class is defined in the node's source file;
    // failing that (code of a function such as F.batch_norm), to what its neighbours share.
    void repairScopes()
    {
        for (const GraphBlock& block : m_graph.blocks) {
            const auto& nodes = block.nodes;
            if (block.owner < 0)
                indexTopBlock(nodes);
            for (size_t i = 0; i < nodes.size(); ++i) {
                const int index = nodes[i];
                GraphNode& node = m_graph.nodes[index];
                if (block.owner >= 0) {
                    // Nodes in blocks of inlined functions keep only the function's own call stack.
                    const std::string& ownerScope = m_graph.nodes[block.owner].scope;
                    if (!m_hasCallstack[index] || commonScope(node.scope, ownerScope) != ownerScope)
                        node.scope = ownerScope;
                    continue;
                }
                if (m_hasCallstack[index])
                    continue;
                if (auto scope = scopeDefinedIn(node.source.file, i))
                    node.scope = *scope;
                else
                    node.scope = sharedNeighbourScope(nodes, i);
            }
        }
    }

    // For the top block's nodes with a call stack (whose scopes repairScopes leaves alone): by
    // file, their positions in order, each with the deepest scope on its path whose class is
    // defined in that file; and for every position, the nearest such node before and after.
    void indexTopBlock(const std::vector<int>& nodes)
    {
        m_withFile.clear();
        m_previousWithCallstack.assign(nodes.size(), -1);
        m_nextWithCallstack.assign(nodes.size(), static_cast<long>(nodes.size()));
        std::unordered_map<std::string, std::vector<std::pair<std::string, std::string>>> filesOfScope;
        long previous = -1;
        for (size_t pos = 0; pos < nodes.size(); ++pos) {
            m_previousWithCallstack[pos] = previous;
            if (!m_hasCallstack[nodes[pos]])
                continue;
            previous = static_cast<long>(pos);
            const std::string& scope = m_graph.nodes[nodes[pos]].scope;
            auto files = filesOfScope.find(scope);
            if (files == filesOfScope.end()) {
                std::vector<std::pair<std::string, std::string>> list; // file, deepest scope
                for (std::string s = scope;; s = parentOf(s)) {
                    const auto it = m_scopeFiles.find(s);
                    if (it != m_scopeFiles.end() &&
                        std::none_of(list.begin(), list.end(), [&](const auto& f) { return f.first == it->second; }))
                        list.emplace_back(it->second, s);
                    if (s.empty())
                        break;
                }
                files = filesOfScope.emplace(scope, std::move(list)).first;
            }
            for (const auto& [file, deepest] : files->second)
                m_withFile[file].emplace_back(pos, deepest);
        }
        long next = static_cast<long>(nodes.size());
        for (size_t pos = nodes.size(); pos-- > 0;) {
            m_nextWithCallstack[pos] = next;
            if (m_hasCallstack[nodes[pos]])
                next = static_cast<long>(pos);
        }
    }

    // The scope of the nearest node with a call stack (after before before at equal distance)
    // that is, or sits in, a module whose class is defined in file.
    std::optional<std::string> scopeDefinedIn(const std::string& file, size_t at) const
    {
        if (file.empty())
            return std::nullopt;
        const auto it = m_withFile.find(file);
        if (it == m_withFile.end())
            return std::nullopt;
        const auto& list = it->second;
        const auto after = std::upper_bound(list.begin(), list.end(), at,
                                            [](size_t pos, const auto& entry) { return pos < entry.first; });
        if (after == list.begin())
            return after->second;
        const auto before = std::prev(after);
        if (after != list.end() && after->first - at <= at - before->first)
            return after->second;
        return before->second;
    }

    std::string sharedNeighbourScope(const std::vector<int>& nodes, size_t at) const
    {
        const long before = m_previousWithCallstack[at];
        const long after = m_nextWithCallstack[at];
        if (before < 0 || after >= static_cast<long>(nodes.size()))
            return {};
        return commonScope(m_graph.nodes[nodes[before]].scope, m_graph.nodes[nodes[after]].scope);
    }

    static std::string parentOf(const std::string& scope)
    {
        const size_t dot = scope.rfind('.');
        return dot == std::string::npos ? std::string() : scope.substr(0, dot);
    }

    bool allConstant(const GraphNode& list) const
    {
        for (int v : list.inputs) {
            const int p = m_graph.values[v].producer;
            if (p < 0 || m_graph.nodes[p].kind != "prim::Constant")
                return false;
        }
        return true;
    }

    std::string listText(const GraphNode& list) const
    {
        std::string text = "[";
        for (size_t i = 0; i < list.inputs.size(); ++i) {
            const GraphNode& c = m_graph.nodes[m_graph.values[list.inputs[i]].producer];
            text += (i ? ", " : "") + (c.attributes.empty() ? std::string("None") : c.attributes.front().value);
        }
        return text + "]";
    }

    static std::string labelFor(const GraphNode& node)
    {
        const size_t sep = node.kind.find("::");
        std::string label = sep == std::string::npos ? node.kind : node.kind.substr(sep + 2);
        auto constant = [&node](const char* name) -> std::string {
            for (const NodeAttribute& a : node.constantInputs)
                if (a.name == name)
                    return a.value;
            return {};
        };
        if (node.kind == "prim::GetAttr" && !node.attributes.empty())
            return "." + node.attributes.front().value;
        if (node.kind == "prim::Constant")
            return node.attributes.empty() ? "None" : node.attributes.front().value;
        if (label.rfind("conv", 0) == 0 || label.find("pool") != std::string::npos) {
            const std::string stride = constant("stride");
            if (!stride.empty() && stride != "[1, 1]" && stride != "[1]" && stride != "1")
                label += " /" + stride;
            const std::string kernel = constant("kernel_size");
            if (!kernel.empty())
                label += " k" + kernel;
        }
        return label;
    }

    Graph m_graph;
    std::unordered_map<const Value*, int> m_valueIndex;
    std::vector<const c10::FunctionSchema*> m_schemas; // per node; schemas live in LibTorch's registry
    std::vector<bool> m_hasCallstack;
    std::map<std::string, std::string> m_scopeFiles;
    // The graph being read keeps these keys alive while the builder runs.
    std::unordered_map<const torch::jit::InlinedCallStack*, std::string> m_scopeOfCallstack;
    std::map<std::tuple<const torch::jit::Source*, size_t, size_t>, SourceLocation> m_sourceOfRange;
    std::unordered_map<const c10::FunctionSchema*, std::string> m_schemaText;
    std::unordered_map<const c10::Type*, std::string> m_typeText;
    std::unordered_map<std::string, std::vector<std::pair<size_t, std::string>>> m_withFile;
    std::vector<long> m_previousWithCallstack;
    std::vector<long> m_nextWithCallstack;
};

// "__torch__.torch.nn.modules.batchnorm.BatchNorm2d" is defined in
// "code/__torch__/torch/nn/modules/batchnorm.py".
std::map<std::string, std::string> scopeFiles(const ModelInfo& info)
{
    std::map<std::string, std::string> files;
    for (const ModuleInfo& m : info.modules) {
        const size_t dot = m.type.rfind('.');
        if (dot == std::string::npos)
            continue;
        std::string file = "code/" + m.type.substr(0, dot) + ".py";
        std::replace(file.begin() + 5, file.end() - 3, '.', '/');
        files.emplace(m.path, std::move(file));
    }
    return files;
}

std::shared_ptr<torch::jit::Graph> forwardGraphOf(const torch::jit::Module& module, const std::string& name)
{
    auto method = module.find_method(name);
    if (!method)
        throw Error(ErrorKind::NoSuchMethod,
                    name == "forward" ? "The model has no forward method, so it has no forward graph."
                                      : "The model has no method " + name + ".",
                    "Its methods: " + methodNames(module) + ".");
    return method->graph()->copy();
}

} // namespace

VariantGraph makeVariantGraph(const Model::Impl& impl, GraphVariant variant)
{
    switch (variant) {
    case GraphVariant::AsSaved: return {impl.module, forwardGraphOf(impl.module, impl.entry)};
    case GraphVariant::Inlined: {
        if (impl.inlinedForward)
            return {impl.module, impl.inlinedForward};
        auto graph = forwardGraphOf(impl.module, impl.entry);
        torch::jit::Inline(*graph);
        return {impl.module, graph};
    }
    case GraphVariant::Frozen:
    case GraphVariant::Optimized: {
        forwardGraphOf(impl.module, impl.entry); // a clear error before cloning
        torch::jit::Module clone = impl.module.clone();
        clone.eval();
        // Freezing keeps forward only, unless told to keep another method too.
        const std::vector<std::string> keep =
            impl.entry == "forward" ? std::vector<std::string>{} : std::vector<std::string>{impl.entry};
        torch::jit::Module frozen = variant == GraphVariant::Frozen
                                        ? torch::jit::freeze(clone, keep)
                                        : torch::jit::optimize_for_inference(clone, keep);
        return {frozen, forwardGraphOf(frozen, impl.entry)};
    }
    }
    throw Error(ErrorKind::InvalidArgument, "Unknown graph variant.");
}

Graph buildGraph(const Model& model, const torch::jit::Graph& graph, GraphVariant variant, bool withText)
{
    return GraphBuilder(scopeFiles(model.info())).build(graph, variant, withText);
}

Graph extractGraph(const Model& model, GraphVariant variant)
{
    try {
        const VariantGraph made = makeVariantGraph(model.impl(), variant);
        return buildGraph(model, *made.graph, variant);
    } catch (const Error&) {
        throw;
    } catch (const c10::Error& e) {
        throw Error(ErrorKind::Internal, std::string("LibTorch could not make the ") + graphVariantId(variant) +
                                             " graph.", {}, e.what_without_backtrace());
    } catch (const std::exception& e) {
        throw Error(ErrorKind::Internal, std::string("LibTorch could not make the ") + graphVariantId(variant) +
                                             " graph.", {}, e.what());
    }
}

} // namespace ptscope
