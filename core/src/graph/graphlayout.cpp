#include "ptscope/graph/graphlayout.h"

#include "ptscope/common/error.h"
#include "ptscope/graph/graphdot.h"

#include "graphvizcontext.h"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <string>

namespace ptscope {

namespace {

// Big drawings get cheaper settings: network simplex and crossing minimisation dominate there.
std::string tunedDot(const Graph& graph, const GraphView& view, const DotOptions& options)
{
    std::string dot = graphViewToDot(graph, view, options);
    if (view.items.size() > 1200)
        dot.insert(dot.find('\n') + 1, "  graph [nslimit=2, nslimit1=2, mclimit=0.3, searchsize=20];\n");
    else if (view.items.size() > 500)
        dot.insert(dot.find('\n') + 1, "  graph [mclimit=0.5];\n");
    return dot;
}

int indexAfter(const char* name, const char* prefix)
{
    const size_t n = std::char_traits<char>::length(prefix);
    if (std::char_traits<char>::compare(name, prefix, n) != 0)
        return -1;
    return std::atoi(name + n);
}

LayoutRect rectFromBox(const boxf& bb, double height)
{
    return {bb.LL.x, height - bb.UR.y, bb.UR.x - bb.LL.x, bb.UR.y - bb.LL.y};
}

void collectClusters(Agraph_t* g, double height, GraphLayout& layout)
{
    for (int i = 1; i <= GD_n_cluster(g); ++i) {
        Agraph_t* sub = GD_clust(g)[i];
        const int index = indexAfter(agnameof(sub), "cluster_");
        if (index >= 0 && index < static_cast<int>(layout.clusters.size()))
            layout.clusters[index] = rectFromBox(GD_bb(sub), height);
        collectClusters(sub, height, layout);
    }
}

} // namespace

GraphLayout layoutGraphViewWhole(const Graph& graph, const GraphView& view)
{
    const std::string dot = tunedDot(graph, view, DotOptions{false, true});
    std::lock_guard<std::mutex> lock(graphviz::mutex());
    GVC_t* gvc = graphviz::context();
    graphviz::GraphPtr g = graphviz::parse(dot);

    const auto start = std::chrono::steady_clock::now();
    if (gvLayout(gvc, g.get(), "dot") != 0)
        throw Error(ErrorKind::Internal, "Graphviz could not lay the graph out.");
    GraphLayout layout;
    layout.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

    const boxf bb = GD_bb(g.get());
    layout.width = bb.UR.x - bb.LL.x;
    layout.height = bb.UR.y - bb.LL.y;
    const double h = bb.UR.y;
    layout.items.resize(view.items.size());
    layout.edges.resize(view.edges.size());
    layout.clusters.resize(view.clusters.size());

    for (Agnode_t* n = agfstnode(g.get()); n; n = agnxtnode(g.get(), n)) {
        const int index = indexAfter(agnameof(n), "i");
        if (index < 0 || index >= static_cast<int>(layout.items.size()))
            continue;
        const double w = ND_width(n) * 72.0;
        const double hh = ND_height(n) * 72.0;
        layout.items[index] = {ND_coord(n).x - w / 2, h - ND_coord(n).y - hh / 2, w, hh};
    }
    for (size_t i = 0; i < view.edges.size(); ++i) {
        const ViewEdge& edge = view.edges[i];
        Agnode_t* from = agnode(g.get(), const_cast<char*>(("i" + std::to_string(edge.from)).c_str()), 0);
        Agnode_t* to = agnode(g.get(), const_cast<char*>(("i" + std::to_string(edge.to)).c_str()), 0);
        const std::string key = "e" + std::to_string(i);
        Agedge_t* e = (from && to) ? agedge(g.get(), from, to, const_cast<char*>(key.c_str()), 0) : nullptr;
        if (!e || !ED_spl(e) || ED_spl(e)->size == 0)
            continue;
        const bezier& bz = ED_spl(e)->list[0];
        EdgeLayout& out = layout.edges[i];
        for (size_t p = 0; p < bz.size; ++p)
            out.path.push_back({bz.list[p].x, h - bz.list[p].y});
        if (bz.eflag) {
            out.hasArrowHead = true;
            out.arrowTip = {bz.ep.x, h - bz.ep.y};
        }
    }
    collectClusters(g.get(), h, layout);
    gvFreeLayout(gvc, g.get());
    return layout;
}

std::string renderGraphView(const Graph& graph, const GraphView& view, const std::string& format,
                            const LayoutOptions& options)
{
    if (format != "svg" && format != "png")
        throw Error(ErrorKind::InvalidArgument, "Graphviz cannot render the format '" + format + "'.");
    // The composed layout, which Graphviz's nop2 engine takes as it is (positions and splines), so
    // the export draws what the window shows.
    const GraphLayout layout = layoutGraphView(graph, view, options);
    DotOptions dotOptions;
    dotOptions.positions = &layout;
    std::string dot = graphViewToDot(graph, view, dotOptions);
    // A fully expanded ViT is 100,000 points tall: at Graphviz's 96 dpi that PNG took 3 minutes and
    // 4 GB. Its longer side is kept to 16,384 pixels instead (an SVG scales as it is).
    const double longest = std::max(layout.width, layout.height) * 96.0 / 72.0;
    if (format == "png" && longest > 16384)
        dot.insert(dot.find('\n') + 1, "  graph [dpi=" + std::to_string(96.0 * 16384 / longest) + "];\n");
    std::lock_guard<std::mutex> lock(graphviz::mutex());
    GVC_t* gvc = graphviz::context();
    graphviz::GraphPtr g = graphviz::parse(dot);
    if (gvLayout(gvc, g.get(), "nop2") != 0)
        throw Error(ErrorKind::Internal, "Graphviz could not take the layout.", {}, graphviz::lastError());
    char* data = nullptr;
    unsigned int length = 0;
    const int rc = gvRenderData(gvc, g.get(), format.c_str(), &data, &length);
    std::string out;
    if (rc == 0 && data)
        out.assign(data, length);
    if (data)
        gvFreeRenderData(data);
    gvFreeLayout(gvc, g.get());
    if (rc != 0)
        throw Error(ErrorKind::Internal, "Graphviz could not render the graph as " + format + ".", {},
                    graphviz::lastError());
    return out;
}

} // namespace ptscope
