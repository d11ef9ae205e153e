// Times what the GUI does between opening a model and its first drawn graph, in the GUI's order
// and with the same calls: ModelController's load job (Model::open, then a shared copy of the
// ModelInfo), GraphController's extract job (the inlined graph, its variant summary, the first
// view's collapsed scopes) and its layout job (the view, then Graphviz). Then, unless --no-full,
// what Expand All lays out. Prints one JSON line per model (seconds):
//
//   open_s                 Model::open: load, inline forward, describe modules (two threads)
//   extract_s              extractGraph(Inlined) + summarizeVariant + initialCollapsedScopes
//   first_view_s           buildGraphView of the first view
//   first_layout_s         layoutGraphView of it (Graphviz dot, in process)
//   open_to_first_view_s   all of the above: open to a first view ready to draw
//   expand_all_s           buildGraphView + layoutGraphView with nothing collapsed
//   peak_rss_mib           the process's maximum resident size so far
//
// Models run in order in one process, so run one model per process for cold figures and
// memory: bench/graph-bench.py does that, several times each, and prints medians.
//
//   ptscope-bench-graph [--load-library LIB.so] [--no-full] MODEL.pt...

#include "benchclock.h"
#include "ptscope/common/error.h"
#include "ptscope/graph/graph.h"
#include "ptscope/graph/graphlayout.h"
#include "ptscope/graph/graphview.h"
#include "ptscope/load/model.h"
#include "ptscope/load/operatorlibrary.h"

#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace {

using benchclock::Clock;
using benchclock::peakRssMiB;
using benchclock::since;

void bench(const std::string& path, bool full)
{
    // ModelController::startOpen's job.
    const auto t0 = Clock::now();
    const ptscope::Model model = ptscope::Model::open(path);
    const auto info = std::make_shared<const ptscope::ModelInfo>(model.info());
    const double open = since(t0);

    // GraphController::setModel, then its extract job (extractVariant).
    auto t = Clock::now();
    std::map<std::string, std::string> scopeTypes;
    for (const ptscope::ModuleInfo& module : info->modules)
        scopeTypes[module.path] = module.shortType;
    const auto graph = std::make_shared<const ptscope::Graph>(
        ptscope::extractGraph(model, ptscope::GraphVariant::Inlined));
    const ptscope::VariantSummary summary = ptscope::summarizeVariant(*graph, *graph);
    ptscope::ViewOptions options;
    options.scopeTypes = scopeTypes;
    options.collapsedScopes = ptscope::initialCollapsedScopes(*graph, options);
    const double extract = since(t);

    // GraphController::startLayout's job with the first view's options.
    t = Clock::now();
    const ptscope::GraphView first = ptscope::buildGraphView(*graph, options);
    const double view = since(t);
    t = Clock::now();
    const ptscope::GraphLayout firstLayout = ptscope::layoutGraphView(*graph, first);
    const double layout = since(t);
    const double total = since(t0);

    std::printf("{\"model\": \"%s\", \"graph_nodes\": %lld, \"open_s\": %.3f, \"extract_s\": %.3f, "
                "\"first_view_items\": %zu, \"first_view_s\": %.3f, \"first_layout_s\": %.3f, "
                "\"open_to_first_view_s\": %.3f",
                path.c_str(), static_cast<long long>(summary.nodes), open, extract, first.items.size(), view,
                layout, total);
    if (full) {
        // GraphController::expandAll.
        options.collapsedScopes.clear();
        t = Clock::now();
        const ptscope::GraphView all = ptscope::buildGraphView(*graph, options);
        const ptscope::GraphLayout allLayout = ptscope::layoutGraphView(*graph, all);
        std::printf(", \"full_view_items\": %zu, \"expand_all_s\": %.3f", all.items.size(), since(t));
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
