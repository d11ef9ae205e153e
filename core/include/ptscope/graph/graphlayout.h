#pragma once

#include "ptscope/common/canceltoken.h"
#include "ptscope/graph/graphview.h"

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace ptscope {

struct LayoutPoint
{
    double x = 0;
    double y = 0;
};

// In points, origin top left, y growing downwards (screen coordinates).
struct LayoutRect
{
    double x = 0;
    double y = 0;
    double width = 0;
    double height = 0;
};

struct EdgeLayout
{
    // Cubic Bézier control points: start, then three points per segment.
    std::vector<LayoutPoint> path;
    bool hasArrowHead = false;
    LayoutPoint arrowTip;
};

struct GraphLayout
{
    double width = 0;
    double height = 0;
    std::vector<LayoutRect> items;    // by view item index
    std::vector<EdgeLayout> edges;    // by view edge index
    std::vector<LayoutRect> clusters; // by view cluster index
    double seconds = 0;               // time spent in Graphviz
    int pieces = 0;                   // scopes (and the top level) the layout is composed of
    int piecesLaidOut = 0;            // of them, laid out this time rather than taken from the cache
    int piecesSimple = 0;             // of them, in the simple placement (too big, or Graphviz failed)
    std::vector<std::string> notes;   // for the status line: what was placed simply, and why
};

struct PieceLayout;

// Pieces laid out before, by content: scopes of the same structure in the same collapse state
// (a ViT's encoder layers, densenet's dense layers) are laid out once, and an expand or collapse
// lays out only the scope that changed and its ancestors. Thread-safe; bounded.
class LayoutCache
{
public:
    explicit LayoutCache(size_t maxEntries = 20000);
    ~LayoutCache();
    LayoutCache(const LayoutCache&) = delete;
    LayoutCache& operator=(const LayoutCache&) = delete;

    std::shared_ptr<const PieceLayout> find(const std::string& key);
    void insert(const std::string& key, std::shared_ptr<const PieceLayout> piece);
    size_t hits() const;
    size_t misses() const;
    size_t size() const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

struct LayoutOptions
{
    LayoutCache* cache = nullptr; // without one, repeats within this layout are still shared
    CancelToken cancel;           // checked between pieces
    int maxPieceNodes = 1500;     // a bigger piece is placed simply rather than given to Graphviz
    // For tests: pieces (by view cluster, -1 the top level) on which Graphviz is made to fail.
    std::function<bool(int cluster)> failPiece;
};

// Lays a view out piece by piece, each expanded scope on its own with Graphviz's dot engine
// (deepest first, child scopes as fixed boxes, edges crossing a frame through ports on it), and
// composes the pieces. Throws ptscope::Error (Cancelled when cancelled).
GraphLayout layoutGraphView(const Graph& graph, const GraphView& view, const LayoutOptions& options = {});

// The whole view in one Graphviz call, clusters and all: what layoutGraphView replaced, kept for
// the benchmark's side-by-side figures. Superlinear, and Graphviz can crash on big views.
GraphLayout layoutGraphViewWhole(const Graph& graph, const GraphView& view);

// Renders a view as "svg" or "png": the composed layout, drawn by Graphviz.
std::string renderGraphView(const Graph& graph, const GraphView& view, const std::string& format,
                            const LayoutOptions& options = {});

} // namespace ptscope
