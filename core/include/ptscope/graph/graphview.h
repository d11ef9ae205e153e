#pragma once

#include "ptscope/graph/graph.h"

#include <map>
#include <set>
#include <string>
#include <vector>

namespace ptscope {

// What of a Graph is drawn: module scopes may be collapsed into one box each, and constants and
// attribute reads are folded into the nodes that use them unless asked for. Layout cost follows
// what is drawn, not the raw node count, so every view of a big model starts from here.
struct ViewOptions
{
    std::set<std::string> collapsedScopes; // module paths drawn as one box
    bool showConstants = false;            // draw prim::Constant, prim::GetAttr and constant lists
    std::map<std::string, std::string> scopeTypes; // module path -> short class name, for labels
};

enum class ViewItemKind { Op, Module, Input, Output };

struct ViewItem
{
    ViewItemKind kind = ViewItemKind::Op;
    int node = -1;          // Op: the graph node
    std::string scope;      // Module: the collapsed module's path; Op: the node's scope
    std::string label;
    OpCategory category = OpCategory::Other;
    int memberCount = 0;    // Module: how many graph nodes it stands for
    int cluster = -1;       // innermost cluster holding the item; -1 for the top level
};

struct ViewEdge
{
    int from = -1; // item indices
    int to = -1;
    std::string label; // value type or shape, when one value makes the edge
    int values = 1;    // how many values this edge stands for
    bool backEdge = false; // a block's result flowing back to its prim::If / prim::Loop
    // No value flows: keeps a node without drawn inputs (a check, an in-place update) after the
    // node before it in program order, instead of floating loose. Not drawn.
    bool ordering = false;
    int value = -1; // the graph value that made the edge first (of `values`)
};

enum class ClusterKind { Module, Block };

struct ViewCluster
{
    ClusterKind kind = ClusterKind::Module;
    std::string scope; // Module: path; Block: scope of the owning node
    int block = 0;     // the graph block it lives in (Block: the block itself)
    std::string label;
    int parent = -1;
    std::vector<int> children;
    std::vector<int> items;
};

struct GraphView
{
    std::vector<ViewItem> items;
    std::vector<ViewEdge> edges;
    std::vector<ViewCluster> clusters;
    std::vector<int> itemOfNode; // graph node -> item drawing it (its own or a module box), -1 hidden
};

GraphView buildGraphView(const Graph& graph, const ViewOptions& options);

// How edges write a shape: "1×64×56×56"; empty for a 0-d shape.
std::string shapeLabel(const std::vector<int64_t>& shape);

// Every module scope that has nodes, with the depth of its path ("a.b" is 2), shallow first.
std::vector<std::pair<std::string, int>> graphScopes(const Graph& graph);

// The scopes deeper than depth (depth 0 collapses every top-level module).
std::set<std::string> scopesBelowDepth(const Graph& graph, int depth);

// The deepest expansion whose drawing stays within maxItems boxes.
int chooseInitialDepth(const Graph& graph, const ViewOptions& base, int maxItems = 250);

// The first view of any model: the depth chooseInitialDepth picks, with leaf modules (those
// without submodules) of more than a few nodes collapsed too, since their insides (a batch
// norm's training checks, say) are rarely what one opens a model to see.
std::set<std::string> initialCollapsedScopes(const Graph& graph, const ViewOptions& base, int maxItems = 250);

} // namespace ptscope
