// Times what stands between opening a model and its first drawn graph, per phase, and the
// fully expanded view; prints one JSON line per model. Peak memory is the process's maximum
// resident size after that model (models run in order, so run one model per process to
// attribute memory: `for m in *.pt; do ptscope-bench-graph $m; done`).
//
//   ptscope-bench-graph [--load-library LIB.so] [--no-full] MODEL.pt...

#include "ptscope/error.h"
#include "ptscope/graph.h"
#include "ptscope/graphlayout.h"
#include "ptscope/graphview.h"
#include "ptscope/model.h"
#include "ptscope/operatorlibrary.h"

#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

double since(Clock::time_point start)
{
    return std::chrono::duration<double>(Clock::now() - start).count();
}

long peakRssMiB()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss / 1024;
}

void bench(const std::string& path, bool full)
{
    const auto t0 = Clock::now();
    const ptscope::Model model = ptscope::Model::open(path);
    const double open = since(t0);

    auto t = Clock::now();
    const ptscope::Graph graph = ptscope::extractGraph(model, ptscope::GraphVariant::Inlined);
    const double extract = since(t);

    ptscope::ViewOptions options;
    for (const auto& m : model.info().modules)
        options.scopeTypes[m.path] = m.shortType;
    t = Clock::now();
    options.collapsedScopes = ptscope::initialCollapsedScopes(graph, options);
    const ptscope::GraphView first = ptscope::buildGraphView(graph, options);
    const double view = since(t);
    t = Clock::now();
    const ptscope::GraphLayout firstLayout = ptscope::layoutGraphView(graph, first);
    const double layout = since(t);
    const double total = since(t0);

    std::printf("{\"model\": \"%s\", \"graph_nodes\": %zu, \"open_s\": %.3f, \"extract_s\": %.3f, "
                "\"first_view_items\": %zu, \"first_view_s\": %.3f, \"first_layout_s\": %.3f, "
                "\"open_to_first_layout_s\": %.3f",
                path.c_str(), graph.nodes.size(), open, extract, first.items.size(), view, layout, total);
    if (full) {
        options.collapsedScopes.clear();
        t = Clock::now();
        const ptscope::GraphView all = ptscope::buildGraphView(graph, options);
        const ptscope::GraphLayout allLayout = ptscope::layoutGraphView(graph, all);
        std::printf(", \"full_view_items\": %zu, \"full_view_and_layout_s\": %.3f", all.items.size(), since(t));
    }
    std::printf(", \"peak_rss_mib\": %ld}\n", peakRssMiB());
    std::fflush(stdout);
}

} // namespace

int main(int argc, char** argv)
{
    bool full = true;
    std::vector<std::string> models;
    try {
        for (int i = 1; i < argc; ++i) {
            if (std::strcmp(argv[i], "--no-full") == 0)
                full = false;
            else if (std::strcmp(argv[i], "--load-library") == 0 && i + 1 < argc)
                ptscope::loadOperatorLibrary(argv[++i]);
            else
                models.emplace_back(argv[i]);
        }
        for (const std::string& m : models)
            bench(m, full);
    } catch (const ptscope::Error& e) {
        std::fprintf(stderr, "ptscope-bench-graph: %s\n", e.what());
        return 2;
    }
    return models.empty() ? 2 : 0;
}
