#include "ptscope/graph/graphview.h"

#include <algorithm>
#include <map>
#include <unordered_map>
#include <unordered_set>

namespace ptscope {

namespace {

bool isUnder(const std::string& scope, const std::string& ancestor)
{
    if (ancestor.empty())
        return true;
    return scope.size() >= ancestor.size() && scope.compare(0, ancestor.size(), ancestor) == 0 &&
           (scope.size() == ancestor.size() || scope[ancestor.size()] == '.');
}

std::string parentScope(const std::string& scope)
{
    const size_t dot = scope.rfind('.');
    return dot == std::string::npos ? std::string() : scope.substr(0, dot);
}

std::string lastComponent(const std::string& scope)
{
    const size_t dot = scope.rfind('.');
    return dot == std::string::npos ? scope : scope.substr(dot + 1);
}

int scopeDepth(const std::string& scope)
{
    return scope.empty() ? 0 : 1 + static_cast<int>(std::count(scope.begin(), scope.end(), '.'));
}

std::string edgeLabel(const GraphValue& value)
{
    if (!value.shape.empty())
        return shapeLabel(value.shape);
    // Plain "Tensor" on every edge is noise; other types (int[], bool, tuples) say something.
    if (value.type.rfind("Tensor", 0) == 0 || value.type.find('(') != std::string::npos)
        return {};
    return value.type.size() <= 24 ? value.type : std::string();
}

class ViewBuilder
{
public:
    ViewBuilder(const Graph& graph, const ViewOptions& options)
        : m_graph(graph)
        , m_options(options)
    {
    }

    GraphView build()
    {
        markHidden();
        m_view.itemOfNode.assign(m_graph.nodes.size(), -1);
        addInputs();
        for (size_t i = 0; i < m_graph.nodes.size(); ++i)
            placeNode(static_cast<int>(i));
        const int output = addItem({ViewItemKind::Output, -1, "", "output", OpCategory::Other, 0, -1});
        addEdges(output);
        return std::move(m_view);
    }

private:
    void markHidden()
    {
        m_hidden.assign(m_graph.nodes.size(), false);
        if (m_options.showConstants)
            return;
        for (size_t i = 0; i < m_graph.nodes.size(); ++i) {
            const GraphNode& node = m_graph.nodes[i];
            if (node.kind == "prim::Constant" || node.kind == "prim::GetAttr") {
                m_hidden[i] = true;
            } else if (node.kind == "prim::ListConstruct" || node.kind == "prim::TupleConstruct") {
                bool allHidden = !node.inputs.empty();
                for (int v : node.inputs) {
                    const int p = m_graph.values[v].producer;
                    allHidden = allHidden && p >= 0 && m_hidden[p];
                }
                m_hidden[i] = allHidden;
            }
        }
    }

    int addItem(ViewItem item)
    {
        const int index = static_cast<int>(m_view.items.size());
        if (item.cluster >= 0)
            m_view.clusters[item.cluster].items.push_back(index);
        m_view.items.push_back(std::move(item));
        return index;
    }

    void addInputs()
    {
        for (int v : m_graph.blocks.front().inputs) {
            const GraphValue& value = m_graph.values[v];
            // `self` only feeds attribute reads; the module itself is the picture.
            if (value.type.rfind("__torch__.", 0) == 0)
                continue;
            m_inputItem[v] = addItem({ViewItemKind::Input, -1, "", value.name, OpCategory::Other, 0, -1});
        }
    }

    // Nodes of one module share its scope: each scope is looked up once.
    const std::string& collapsedAncestor(const std::string& scope)
    {
        const auto it = m_collapsedAncestor.find(scope);
        if (it != m_collapsedAncestor.end())
            return it->second;
        return m_collapsedAncestor.emplace(scope, findCollapsedAncestor(scope)).first->second;
    }

    std::string findCollapsedAncestor(const std::string& scope) const
    {
        std::string prefix;
        size_t pos = 0;
        while (pos <= scope.size() && !scope.empty()) {
            const size_t dot = scope.find('.', pos);
            prefix = scope.substr(0, dot);
            if (m_options.collapsedScopes.count(prefix))
                return prefix;
            if (dot == std::string::npos)
                break;
            pos = dot + 1;
        }
        return {};
    }

    const std::string& baseScope(int block) const
    {
        static const std::string root;
        return block == 0 ? root : m_graph.nodes[m_graph.blocks[block].owner].scope;
    }

    // A module called twice (ResNet's BasicBlock applies self.relu twice) gets a cluster per
    // call: one cluster around both calls would hold nodes far apart and make the clusters' order
    // cyclic. So clusters are opened per block as program order enters a scope, and closed when
    // it leaves it.
    void enterScope(int block, const std::string& scope)
    {
        for (auto* open : {&m_openClusters[block], &m_openBoxes[block]}) {
            for (auto it = open->begin(); it != open->end();)
                it = isUnder(scope, it->first) ? std::next(it) : open->erase(it);
        }
    }

    int clusterFor(int block, const std::string& scope)
    {
        const std::string& base = baseScope(block);
        if (scope == base || !isUnder(scope, base))
            return blockCluster(block);
        auto& open = m_openClusters[block];
        const auto it = open.find(scope);
        if (it != open.end())
            return it->second;
        const int parent = clusterFor(block, parentScope(scope));
        ViewCluster cluster;
        cluster.kind = ClusterKind::Module;
        cluster.scope = scope;
        cluster.block = block;
        cluster.label = lastComponent(scope);
        const auto type = m_options.scopeTypes.find(scope);
        if (type != m_options.scopeTypes.end() && !type->second.empty())
            cluster.label += " (" + type->second + ")";
        cluster.parent = parent;
        return open[scope] = addCluster(std::move(cluster));
    }

    int blockCluster(int block)
    {
        if (block == 0)
            return -1;
        const auto it = m_blockClusters.find(block);
        if (it != m_blockClusters.end())
            return it->second;
        const int owner = m_graph.blocks[block].owner;
        const GraphNode& ownerNode = m_graph.nodes[owner];
        ViewCluster cluster;
        cluster.kind = ClusterKind::Block;
        cluster.scope = ownerNode.scope;
        cluster.block = block;
        if (ownerNode.kind == "prim::Loop") {
            cluster.label = "loop body";
        } else {
            const bool first = !ownerNode.blocks.empty() && ownerNode.blocks.front() == block;
            cluster.label = ownerNode.kind == "prim::If" ? (first ? "if: then" : "if: else") : ownerNode.kind;
        }
        cluster.parent = clusterFor(ownerNode.block, ownerNode.scope);
        return m_blockClusters[block] = addCluster(std::move(cluster));
    }

    int addCluster(ViewCluster cluster)
    {
        const int index = static_cast<int>(m_view.clusters.size());
        if (cluster.parent >= 0)
            m_view.clusters[cluster.parent].children.push_back(index);
        m_view.clusters.push_back(std::move(cluster));
        return index;
    }

    // The block where a collapsed module is entered: nested blocks of its own nodes stay inside.
    int entryBlock(int block, const std::string& collapsed) const
    {
        while (block != 0) {
            const GraphNode& owner = m_graph.nodes[m_graph.blocks[block].owner];
            if (!isUnder(owner.scope, collapsed))
                break;
            block = owner.block;
        }
        return block;
    }

    void placeNode(int index)
    {
        if (m_hidden[index])
            return;
        const GraphNode& node = m_graph.nodes[index];
        const std::string collapsed = collapsedAncestor(node.scope);
        if (collapsed.empty()) {
            enterScope(node.block, node.scope);
            m_view.itemOfNode[index] = addItem({ViewItemKind::Op, index, node.scope, node.label, node.category, 1,
                                                clusterFor(node.block, node.scope)});
            return;
        }
        const int block = entryBlock(node.block, collapsed);
        if (block == node.block)
            enterScope(block, collapsed);
        auto& boxes = m_openBoxes[block];
        auto it = boxes.find(collapsed);
        if (it == boxes.end()) {
            std::string label = lastComponent(collapsed);
            const auto type = m_options.scopeTypes.find(collapsed);
            if (type != m_options.scopeTypes.end() && !type->second.empty())
                label += "\n" + type->second;
            const int item = addItem({ViewItemKind::Module, -1, collapsed, label, OpCategory::Other, 0,
                                      clusterFor(block, parentScope(collapsed))});
            it = boxes.emplace(collapsed, item).first;
        }
        ++m_view.items[it->second].memberCount;
        m_view.itemOfNode[index] = it->second;
    }

    int sourceItem(int value) const
    {
        const int producer = m_graph.values[value].producer;
        if (producer >= 0)
            return m_view.itemOfNode[producer];
        const auto input = m_inputItem.find(value);
        if (input != m_inputItem.end())
            return input->second;
        // A block's own input (loop counter, carried value) comes from the node owning the block.
        for (size_t b = 1; b < m_graph.blocks.size(); ++b) {
            const auto& inputs = m_graph.blocks[b].inputs;
            if (std::find(inputs.begin(), inputs.end(), value) != inputs.end())
                return m_view.itemOfNode[m_graph.blocks[b].owner];
        }
        return -1;
    }

    void connect(int from, int to, int value, bool backEdge)
    {
        if (from < 0 || to < 0 || from == to)
            return;
        const auto key = std::make_tuple(from, to, backEdge);
        const auto it = m_edgeIndex.find(key);
        if (it != m_edgeIndex.end()) {
            ViewEdge& edge = m_view.edges[it->second];
            if (edge.label != edgeLabel(m_graph.values[value]))
                edge.label.clear();
            ++edge.values;
            return;
        }
        m_edgeIndex.emplace(key, static_cast<int>(m_view.edges.size()));
        m_view.edges.push_back({from, to, edgeLabel(m_graph.values[value]), 1, backEdge});
        m_view.edges.back().value = value;
    }

    void addEdges(int output)
    {
        std::vector<bool> fed(m_view.items.size(), false);
        for (size_t i = 0; i < m_graph.nodes.size(); ++i) {
            const int to = m_view.itemOfNode[i];
            if (to < 0)
                continue;
            for (int v : m_graph.nodes[i].inputs) {
                const int from = sourceItem(v);
                fed[to] = fed[to] || (from >= 0 && from != to);
                connect(from, to, v, false);
            }
        }
        addOrderingEdges(fed);
        for (size_t b = 1; b < m_graph.blocks.size(); ++b) {
            const int owner = m_view.itemOfNode[m_graph.blocks[b].owner];
            for (int v : m_graph.blocks[b].outputs)
                connect(sourceItem(v), owner, v, true);
        }
        for (int v : m_graph.blocks.front().outputs)
            connect(sourceItem(v), output, v, false);
    }

    void addOrderingEdges(const std::vector<bool>& fed)
    {
        for (const GraphBlock& block : m_graph.blocks) {
            int previous = -1;
            for (int node : block.nodes) {
                const int item = m_view.itemOfNode[node];
                if (item < 0)
                    continue;
                if (!fed[item] && previous >= 0 && previous != item &&
                    !m_edgeIndex.count(std::make_tuple(previous, item, false))) {
                    ViewEdge edge;
                    edge.from = previous;
                    edge.to = item;
                    edge.ordering = true;
                    m_edgeIndex.emplace(std::make_tuple(previous, item, false), static_cast<int>(m_view.edges.size()));
                    m_view.edges.push_back(edge);
                }
                previous = item;
            }
        }
    }

    const Graph& m_graph;
    const ViewOptions& m_options;
    GraphView m_view;
    std::vector<bool> m_hidden;
    std::map<int, int> m_inputItem;
    std::map<int, std::map<std::string, int>> m_openClusters; // block -> scope -> cluster
    std::map<int, std::map<std::string, int>> m_openBoxes;    // block -> collapsed scope -> item
    std::map<int, int> m_blockClusters;
    std::map<std::tuple<int, int, bool>, int> m_edgeIndex;
    std::unordered_map<std::string, std::string> m_collapsedAncestor;
};

} // namespace

std::string shapeLabel(const std::vector<int64_t>& shape)
{
    std::string text;
    for (size_t i = 0; i < shape.size(); ++i)
        text += (i ? "×" : "") + std::to_string(shape[i]);
    return text;
}

GraphView buildGraphView(const Graph& graph, const ViewOptions& options)
{
    return ViewBuilder(graph, options).build();
}

std::vector<std::pair<std::string, int>> graphScopes(const Graph& graph)
{
    std::set<std::string> scopes;
    std::unordered_set<std::string> seen;
    for (const GraphNode& node : graph.nodes) {
        if (!seen.insert(node.scope).second)
            continue;
        // Every scope in the set came with all its ancestors.
        for (std::string s = node.scope; !s.empty() && scopes.insert(s).second; s = parentScope(s)) {
        }
    }
    std::vector<std::pair<std::string, int>> out;
    for (const std::string& s : scopes)
        out.emplace_back(s, scopeDepth(s));
    std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
    return out;
}

namespace {

std::set<std::string> scopesBelowDepth(const std::vector<std::pair<std::string, int>>& scopes, int depth)
{
    std::set<std::string> out;
    for (const auto& [scope, d] : scopes)
        if (d == depth + 1)
            out.insert(scope);
    return out;
}

int chooseInitialDepth(const Graph& graph, const std::vector<std::pair<std::string, int>>& scopes,
                       const ViewOptions& base, int maxItems)
{
    int maxDepth = 0;
    for (const auto& scope : scopes)
        maxDepth = std::max(maxDepth, scope.second);
    for (int depth = maxDepth; depth > 0; --depth) {
        ViewOptions options = base;
        const auto collapsed = scopesBelowDepth(scopes, depth);
        options.collapsedScopes.insert(collapsed.begin(), collapsed.end());
        if (static_cast<int>(buildGraphView(graph, options).items.size()) <= maxItems)
            return depth;
    }
    return 0;
}

} // namespace

std::set<std::string> scopesBelowDepth(const Graph& graph, int depth)
{
    return scopesBelowDepth(graphScopes(graph), depth);
}

int chooseInitialDepth(const Graph& graph, const ViewOptions& base, int maxItems)
{
    return chooseInitialDepth(graph, graphScopes(graph), base, maxItems);
}

std::set<std::string> initialCollapsedScopes(const Graph& graph, const ViewOptions& base, int maxItems)
{
    const auto scopes = graphScopes(graph);
    std::map<std::string, int> drawnNodes;
    for (const GraphNode& node : graph.nodes)
        if (node.kind != "prim::Constant" && node.kind != "prim::GetAttr" && node.kind != "prim::ListConstruct")
            ++drawnNodes[node.scope];
    std::set<std::string> parents;
    for (const auto& scope : scopes)
        if (!scope.first.empty())
            parents.insert(parentScope(scope.first));

    ViewOptions options = base;
    for (const auto& scope : scopes)
        if (!parents.count(scope.first) && drawnNodes[scope.first] > 3)
            options.collapsedScopes.insert(scope.first);
    const int depth = chooseInitialDepth(graph, scopes, options, maxItems);
    const auto deeper = scopesBelowDepth(scopes, depth);
    options.collapsedScopes.insert(deeper.begin(), deeper.end());
    return options.collapsedScopes;
}

} // namespace ptscope
