#include "ptscope/common/format.h"
#include "ptscope/profile/profilejson.h"
#include "ptscope/profile/roofline.h"

#include <algorithm>
#include <fmt/format.h>

namespace ptscope {

namespace {

std::string ms(double v)
{
    return v >= 100 ? fmt::format("{:.1f} ms", v) : v >= 1 ? fmt::format("{:.3f} ms", v) : fmt::format("{:.1f} us", v * 1e3);
}

std::string flopsText(double flops)
{
    if (flops >= 1e9)
        return fmt::format("{:.2f} GFLOP", flops / 1e9);
    if (flops >= 1e6)
        return fmt::format("{:.2f} MFLOP", flops / 1e6);
    return fmt::format("{:.0f} FLOP", flops);
}

} // namespace

std::string profileResultToText(const ProfileResult& r, int topNodes)
{
    std::string out = fmt::format("Model     {}\nVariant   {} graph, {} thread{}, {}\nRuns      {} warm-up, {} measured\n",
                                  r.model, r.variant, r.threads, r.threads == 1 ? "" : "s", r.blas, r.warmup, r.runs);
    out += fmt::format("forward   median {}  (min {}, {} runs)\n", ms(r.forwardMs.median), ms(r.forwardMs.min),
                       r.forwardRunsMs.size());
    if (!r.nodeLevel) {
        out += "Node by node: not available: " + r.fallbackReason + "\n";
        return out;
    }
    out += fmt::format("executor  median {}  (min {}, {:.3f}x forward); nodes' own times cover {:.1f}% of a run\n",
                       ms(r.executorMs.median), ms(r.executorMs.min),
                       r.forwardMs.median > 0 ? r.executorMs.median / r.forwardMs.median : 0.0,
                       100 * r.leafFraction);
    if (r.outputsEqualForward && !*r.outputsEqualForward)
        out += "Warning: the executor's outputs differ from forward's (a nondeterministic operator?)\n";

    std::vector<const NodeProfile*> leaves;
    double flops = 0;
    for (const NodeProfile& n : r.nodes) {
        if (!n.control)
            leaves.push_back(&n);
        flops += n.flops * static_cast<double>(n.calls);
    }
    std::sort(leaves.begin(), leaves.end(), [](auto* a, auto* b) { return a->ms.median > b->ms.median; });
    out += fmt::format("\n{} nodes ran, {} per run\n", r.nodes.size(), flopsText(flops));
    out += fmt::format("{:>6}  {:<28} {:<28} {:>11} {:>6} {:>6} {:>9} {:>6}\n", "id", "kind", "module", "median",
                       "share", "calls", "GFLOP/s", "peak");
    for (int i = 0; i < topNodes && i < static_cast<int>(leaves.size()); ++i) {
        const NodeProfile& n = *leaves[i];
        const NodeRoofline roof = rooflineOf(n, r.peaks);
        std::string scope = n.scope.empty() ? "(root)" : n.scope;
        if (scope.size() > 28)
            scope = "…" + scope.substr(scope.size() - 27);
        out += fmt::format("{:>6}  {:<28} {:<28} {:>11} {:>5.1f}% {:>6} {:>9} {:>6}\n", n.id, n.kind.substr(0, 28),
                           scope, ms(n.ms.median), 100 * n.share, n.calls,
                           roof.meaningful && n.flops > 0 ? fmt::format("{:.1f}", roof.gflopsPerSecond) : "",
                           roof.meaningful ? fmt::format("{:.0f}%", 100 * roof.peakFraction) : "");
    }
    out += "\nBy kind\n";
    for (size_t i = 0; i < r.byKind.size() && i < 10; ++i)
        out += fmt::format("  {:<32} {:>11} {:>5.1f}%  {} nodes\n", r.byKind[i].key, ms(r.byKind[i].medianMs),
                           100 * r.byKind[i].share, r.byKind[i].nodes);
    out += "\nBy module (top level)\n";
    for (const GroupProfile& g : r.byModule) {
        if (g.key.empty() || g.key.find('.') != std::string::npos)
            continue;
        out += fmt::format("  {:<32} {:>11} {:>5.1f}%\n", g.key, ms(g.medianMs), 100 * g.share);
    }
    const MemoryProfile& m = r.memory;
    out += fmt::format("\nMemory    inputs {}, parameters {}, activations peak {}{}\n", formatBytes(m.inputBytes),
                       formatBytes(m.parameterBytes), formatBytes(m.peakActivationBytes),
                       m.peakNode >= 0 ? fmt::format(" after node {}", m.peakNode) : "");
    out += fmt::format("Peaks     {:.1f} GFLOP/s (BLAS sgemm {}x{}: {:.1f}, convolution: {:.1f}), {:.1f} GB/s (copy {}), "
                       "measured in {}\n",
                       r.peaks.gflops, r.peaks.gemmSize, r.peaks.gemmSize, r.peaks.gemmGflops, r.peaks.convGflops,
                       r.peaks.gbPerSecond, formatBytes(r.peaks.copyBytes), ms(r.peaks.seconds * 1e3));
    if (r.events.available)
        out += fmt::format("LibTorch  {} operator events per run, {} mapped to nodes, {} nodes disagree beyond their spread\n",
                           r.events.events, r.events.matched, r.events.flagged);
    else if (!r.events.unavailableReason.empty())
        out += "LibTorch  operator events not mapped: " + r.events.unavailableReason + "\n";
    if (r.speedup) {
        const SpeedupReport& s = *r.speedup;
        out += fmt::format("\nSpeed-ups ({} timed runs each; {} cores, LibTorch default {} thread{})\n", s.runs,
                           s.maxThreads, s.defaultThreads, s.defaultThreads == 1 ? "" : "s");
        out += fmt::format("  {:<10} {:<16} {:>7} {:>11} {:>13}\n", "variant", "executor", "threads", "median",
                           "vs as-saved");
        for (const SpeedupRow& row : s.rows) {
            if (!row.error.empty()) {
                out += fmt::format("  {:<10} {:<16} {:>7}  failed: {}\n", row.variant, row.executor, row.threads, row.error);
                continue;
            }
            out += fmt::format("  {:<10} {:<16} {:>7} {:>11} {:>13}\n", row.variant, row.executor, row.threads,
                               ms(row.ms.median),
                               row.bitwiseEqual ? "bitwise equal"
                                                : row.maxAbsDiff ? fmt::format("{:.2g}", *row.maxAbsDiff) : "-");
        }
        if (!s.firstRunsMs.empty()) {
            out += fmt::format("  First runs after a fresh load ({} executor, {} thread{}):", s.firstRunsExecutor,
                               s.firstRunsThreads, s.firstRunsThreads == 1 ? "" : "s");
            for (double v : s.firstRunsMs)
                out += " " + ms(v);
            out += "\n";
        }
    }
    if (!r.savedOutputs.empty())
        out += "\nOutputs saved to " + r.savedOutputs + "\n";
    return out;
}

} // namespace ptscope
