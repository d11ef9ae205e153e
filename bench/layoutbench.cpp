// Times what the Graph tab lays out, the way the worker does it (one LayoutCache for the whole
// session, kept across views and variants): the first view, Expand All, the constants toggle on
// the first view and on Expand All, every variant (the graph made and its first view laid out:
// freezing counted), a single expand of the largest collapsed module of the first view and its
// collapse, and how soon a cancel lands (the worst of three cancels during the cold layout of the
// view with constants). With --whole, also the whole expanded view in one Graphviz call, as before
// the composed layout (in a child process: Graphviz can crash or take minutes on it). Prints one
// JSON line per model (seconds):
//
//   ptscope-bench-layout [--load-library LIB.so] [--whole] [--whole-timeout S] MODEL.pt...

#include "benchclock.h"
#include "ptscope/common/error.h"
#include "ptscope/graph/graph.h"
#include "ptscope/graph/graphlayout.h"
#include "ptscope/graph/graphview.h"
#include "ptscope/load/model.h"
#include "ptscope/load/operatorlibrary.h"

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

namespace {

using benchclock::Clock;
using benchclock::peakRssMiB;
using benchclock::since;

struct Timed
{
    double seconds = 0;
    ptscope::GraphView view;
    ptscope::GraphLayout layout;
};

Timed timeLayout(const ptscope::Graph& graph, const ptscope::ViewOptions& options, ptscope::LayoutCache& cache)
{
    const auto t = Clock::now();
    Timed out;
    out.view = ptscope::buildGraphView(graph, options);
    ptscope::LayoutOptions layoutOptions;
    layoutOptions.cache = &cache;
    out.layout = ptscope::layoutGraphView(graph, out.view, layoutOptions);
    out.seconds = since(t);
    return out;
}

// The whole view in one Graphviz call, in a child process; -1 on a crash, -2 past the timeout.
double wholeLayoutSeconds(const ptscope::Graph& graph, const ptscope::GraphView& view, int timeout)
{
    int pipeFds[2];
    if (pipe(pipeFds) != 0)
        return -3;
    const pid_t pid = fork();
    if (pid == 0) {
        close(pipeFds[0]);
        alarm(static_cast<unsigned>(timeout));
        const auto t = Clock::now();
        ptscope::layoutGraphViewWhole(graph, view);
        const double seconds = since(t);
        (void)!write(pipeFds[1], &seconds, sizeof seconds);
        _exit(0);
    }
    close(pipeFds[1]);
    double seconds = -1;
    const bool got = read(pipeFds[0], &seconds, sizeof seconds) == static_cast<ssize_t>(sizeof seconds);
    close(pipeFds[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    if (got)
        return seconds;
    return WIFSIGNALED(status) && WTERMSIG(status) == SIGALRM ? -2 : -1;
}

void bench(const std::string& path, bool whole, int wholeTimeout)
{
    const ptscope::Model model = ptscope::Model::open(path);
    ptscope::ViewOptions base;
    for (const ptscope::ModuleInfo& module : model.info().modules)
        base.scopeTypes[module.path] = module.shortType;
    const ptscope::Graph graph = ptscope::extractGraph(model, ptscope::GraphVariant::Inlined);
    ptscope::LayoutCache cache;

    ptscope::ViewOptions first = base;
    first.collapsedScopes = ptscope::initialCollapsedScopes(graph, base);
    const Timed firstView = timeLayout(graph, first, cache);
    std::printf("{\"model\": \"%s\", \"graph_nodes\": %zu, \"first_view_boxes\": %zu, \"first_view_s\": %.3f",
                path.c_str(), graph.nodes.size(), firstView.view.items.size(), firstView.seconds);

    // The largest collapsed module of the first view: expanded, then collapsed again.
    std::string largest;
    size_t members = 0;
    for (const ptscope::ViewItem& item : firstView.view.items)
        if (item.kind == ptscope::ViewItemKind::Module && static_cast<size_t>(item.memberCount) > members) {
            members = static_cast<size_t>(item.memberCount);
            largest = item.scope;
        }
    if (!largest.empty()) {
        ptscope::ViewOptions expanded = first;
        expanded.collapsedScopes.erase(largest);
        const Timed expand = timeLayout(graph, expanded, cache);
        const Timed collapse = timeLayout(graph, first, cache);
        std::printf(", \"expand_scope\": \"%s\", \"expand_s\": %.3f, \"expand_pieces_laid_out\": %d, \"collapse_s\": %.3f",
                    largest.c_str(), expand.seconds, expand.layout.piecesLaidOut, collapse.seconds);
    }

    ptscope::ViewOptions firstConstants = first;
    firstConstants.showConstants = true;
    std::printf(", \"first_view_constants_s\": %.3f", timeLayout(graph, firstConstants, cache).seconds);

    ptscope::ViewOptions all = base;
    const Timed expandAll = timeLayout(graph, all, cache);
    std::printf(", \"expand_all_boxes\": %zu, \"expand_all_s\": %.3f, \"expand_all_pieces\": %d, "
                "\"expand_all_laid_out\": %d, \"expand_all_simple\": %d, \"expand_all_graphviz_s\": %.3f, "
                "\"expand_all_points\": [%.0f, %.0f]",
                expandAll.view.items.size(), expandAll.seconds, expandAll.layout.pieces, expandAll.layout.piecesLaidOut,
                expandAll.layout.piecesSimple, expandAll.layout.seconds, expandAll.layout.width,
                expandAll.layout.height);
    ptscope::LayoutCache cold;
    const Timed expandAllCold = timeLayout(graph, all, cold);
    std::printf(", \"expand_all_cold_s\": %.3f", expandAllCold.seconds);
    all.showConstants = true;
    const Timed constants = timeLayout(graph, all, cache);
    std::printf(", \"constants_boxes\": %zu, \"constants_s\": %.3f", constants.view.items.size(), constants.seconds);

    // Cancel mid-way through the cold layout of that view, at a quarter, half and three quarters
    // of its time: how long after cancel() the layout returns.
    double worstCancel = 0;
    for (double at : {0.25, 0.5, 0.75}) {
        ptscope::LayoutCache fresh;
        ptscope::LayoutOptions layoutOptions;
        layoutOptions.cache = &fresh;
        Clock::time_point cancelledAt{};
        std::thread canceller([&] {
            std::this_thread::sleep_for(std::chrono::duration<double>(at * constants.seconds));
            cancelledAt = Clock::now();
            layoutOptions.cancel.cancel();
        });
        try {
            ptscope::layoutGraphView(graph, constants.view, layoutOptions);
        } catch (const ptscope::Error&) {
        }
        const auto returned = Clock::now();
        canceller.join();
        worstCancel = std::max(worstCancel, std::chrono::duration<double>(returned - cancelledAt).count());
    }
    std::printf(", \"cancel_latency_max_s\": %.3f", worstCancel);

    for (ptscope::GraphVariant variant :
         {ptscope::GraphVariant::AsSaved, ptscope::GraphVariant::Frozen, ptscope::GraphVariant::Optimized}) {
        const auto t = Clock::now();
        try {
            const ptscope::Graph g = ptscope::extractGraph(model, variant);
            ptscope::ViewOptions options = base;
            options.collapsedScopes = ptscope::initialCollapsedScopes(g, base);
            const Timed laid = timeLayout(g, options, cache);
            std::printf(", \"%s_s\": %.3f, \"%s_layout_s\": %.3f", ptscope::graphVariantId(variant), since(t),
                        ptscope::graphVariantId(variant), laid.seconds);
        } catch (const ptscope::Error& e) {
            std::printf(", \"%s_error\": \"%s\"", ptscope::graphVariantId(variant), e.message().c_str());
        }
    }
    if (whole) // the same expanded view, in one Graphviz call
        std::printf(", \"expand_all_whole_s\": %.3f", wholeLayoutSeconds(graph, expandAll.view, wholeTimeout));
    std::printf(", \"peak_rss_mib\": %ld}\n", peakRssMiB());
    std::fflush(stdout);
}

} // namespace

int main(int argc, char** argv)
{
    bool whole = false;
    int wholeTimeout = 120;
    std::vector<std::string> models;
    try {
        for (int i = 1; i < argc; ++i) {
            if (std::strcmp(argv[i], "--whole") == 0)
                whole = true;
            else if (std::strcmp(argv[i], "--whole-timeout") == 0 && i + 1 < argc)
                wholeTimeout = std::atoi(argv[++i]);
            else if (std::strcmp(argv[i], "--load-library") == 0 && i + 1 < argc)
                ptscope::loadOperatorLibrary(argv[++i]);
            else
                models.emplace_back(argv[i]);
        }
    } catch (const ptscope::Error& e) {
        std::fprintf(stderr, "ptscope-bench-layout: %s\n", e.what());
        return 2;
    }
    int failures = 0;
    for (const std::string& m : models) {
        try {
            bench(m, whole, wholeTimeout);
        } catch (const ptscope::Error& e) {
            std::fprintf(stderr, "ptscope-bench-layout: %s: %s\n", m.c_str(), e.what());
            ++failures;
        }
    }
    return models.empty() || failures ? 2 : 0;
}
