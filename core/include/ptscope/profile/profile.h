#pragma once

#include "ptscope/graph/graph.h"
#include "ptscope/run/runresult.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ptscope {

// How to profile: the graph variant the node executor runs, and how often.
struct ProfileOptions
{
    GraphVariant variant = GraphVariant::Inlined; // inlined, frozen or optimized
    int warmup = 3;  // untimed runs first: plain forwards (the JIT profiles, then optimizes) and executor runs
    int runs = 20;   // measured executor runs
    // Plain module.forward runs timed between executor runs, for comparison and for LibTorch's own
    // events; -1: one per ten measured runs, at least two.
    int forwardRuns = -1;
    int threads = 0; // intra-op threads; 0 leaves LibTorch's setting
    bool training = false;
    bool grad = false;
    bool speedup = false;     // also measure the speed-up report (SpeedupReport)
    std::string saveOutputs;  // the executor's last outputs as a .pt, like RunOptions::saveOutputs
    // Timeline events kept per run (a loop runs its body's nodes once per trip); later ones are
    // counted in the statistics but left off the timeline.
    int64_t timelineLimit = 200000;
};

// Milliseconds over the measured runs.
struct TimingStats
{
    double median = 0;
    double mean = 0;
    double min = 0;
    double max = 0;
    double std = 0; // sample standard deviation; 0 for one run
};

struct ValueShape
{
    std::string kind; // "tensor", "int", "list", ... (OutputInfo kinds)
    std::vector<int64_t> shape; // tensors
    std::string dtype;          // tensors
    int64_t bytes = 0;          // tensors: numel * element size
};

// One graph node that ran. Times are per run: every call of the node in one run added up.
struct NodeProfile
{
    int id = -1; // the node's index in extractGraph(model, variant).nodes
    std::string kind;
    std::string scope;
    std::string label;
    // prim::If / prim::Loop: times include the nodes of their blocks; depth counts enclosing ones.
    bool control = false;
    int depth = 0;
    int64_t calls = 0; // per run
    TimingStats ms;
    std::vector<double> runsMs; // one per measured run
    double share = 0; // median over the executor's median run; control nodes' inclusive share
    std::vector<ValueShape> outputs; // of the node's first call
    // Per call, from the shapes the node saw (0 where ptscope has no formula for the kind).
    double flops = 0; // a multiply-add counts as two
    double bytesRead = 0;
    double bytesWritten = 0;
    bool hasFlopFormula = false;
    // LibTorch's own events for this node during the plain forward runs (per run, median), when
    // the JIT ran it as a dispatcher op; and whether the two measurements disagree by more than
    // their run-to-run spread.
    std::optional<double> eventMs;
    int64_t eventCalls = 0;
    bool eventDisagrees = false;
};

// Nodes grouped by kind or by module scope. A scope's totals include its nested scopes, so a
// collapsed cluster on the graph shows its own total; leafMs counts its own nodes only.
struct GroupProfile
{
    std::string key; // kind ("aten::conv2d") or scope ("layer1.0", "" for the root)
    int64_t nodes = 0;
    int64_t calls = 0;
    double medianMs = 0; // sum of its nodes' medians (leaf nodes only: no double counting)
    double share = 0;
    double leafMs = 0;   // scopes: nodes directly in the scope
    double flops = 0;    // per run
    double bytes = 0;    // per run, read plus written
};

struct MemoryPoint
{
    int node = -1;              // the node just run; -1 for the start and the end of the run
    int64_t activationBytes = 0; // tensors alive that are neither inputs nor parameters
};

// Bytes of tensor storage alive during one run, storages shared by views counted once.
struct MemoryProfile
{
    int64_t inputBytes = 0;     // forward's arguments (held by the caller all run long)
    int64_t parameterBytes = 0; // parameters, buffers and constant tensors
    int64_t peakActivationBytes = 0;
    int peakNode = -1;
    std::vector<MemoryPoint> curve; // start, after every node call, end (after outputs are returned)
    bool truncated = false;
};

// This machine's own limits, measured at the profile's thread count.
struct MachinePeaks
{
    double gflops = 0;        // the higher of the two compute probes: the roofline's compute roof
    double gemmGflops = 0;    // float32 matrix products through LibTorch's BLAS (linear, matmul)
    double convGflops = 0;    // a float32 3x3 convolution through LibTorch's own kernels (oneDNN)
    double gbPerSecond = 0;      // large memory copy, bytes read plus written
    double cacheGbPerSecond = 0; // a small copy that stays in cache
    int64_t cacheBytes = 0;      // per core: nodes moving less per call are held to the cache roof
    int64_t gemmSize = 0;     // N of the N x N x N product
    int64_t copyBytes = 0;
    int threads = 0;
    double seconds = 0;       // what the probe took
};

// One node call in one run, for the timeline and the Chrome trace.
struct TimelineEvent
{
    int node = -1;
    int depth = 0;       // enclosing If/Loop nodes
    double startUs = 0;  // from the start of the run
    double durationUs = 0;
};

struct RunTimeline
{
    std::vector<TimelineEvent> events;
    double totalUs = 0;
    bool truncated = false; // more events than ProfileOptions::timelineLimit
};

// LibTorch's own operator events (RecordFunction) during the plain forward runs, mapped to
// nodes by the interpreter's call stack and module hierarchy.
struct EventCheck
{
    bool available = false;
    std::string unavailableReason; // why, when not available
    int runs = 0;
    int64_t events = 0;   // top-level operator events per run
    int64_t matched = 0;  // of them, mapped to a node
    int64_t flagged = 0;  // nodes whose two measurements disagree beyond their spread
    struct Unmatched
    {
        std::string name;
        int64_t calls = 0; // per run
        double ms = 0;     // per run
    };
    std::vector<Unmatched> unmatched;
    double eventMs = 0; // sum of all top-level events, median run
};

struct SpeedupRow
{
    std::string variant;  // "as-saved", "frozen", "optimized"
    std::string executor; // "profiling" (LibTorch's default), "legacy", "no-optimization"
    int threads = 0;
    TimingStats ms;
    std::optional<double> maxAbsDiff; // against the as-saved, profiling, same threads run
    bool bitwiseEqual = false;
    std::string error; // when this configuration could not run
};

// The speed-ups TorchScript's JIT offers this model on this machine, side by side.
struct SpeedupReport
{
    std::vector<SpeedupRow> rows;
    std::vector<double> firstRunsMs; // the first ten forwards after a fresh load
    std::string firstRunsExecutor;
    int firstRunsThreads = 0;
    int defaultThreads = 0; // LibTorch's intra-op default in this process
    int maxThreads = 0;     // cores
    std::string blas;
    int runs = 0; // timed runs per row
};

struct ProfileResult
{
    std::string model;
    std::string device;
    std::string variant; // graphVariantId
    int threads = 0;
    std::string blas;
    bool training = false;
    bool grad = false;
    uint64_t seed = 0;
    int warmup = 0;
    int runs = 0;
    std::vector<InputInfo> inputs;

    // The node executor ran the graph; otherwise only whole forwards were timed, and
    // fallbackReason says which node kind stopped it.
    bool nodeLevel = true;
    std::string fallbackReason;

    std::vector<double> executorRunsMs;
    TimingStats executorMs;
    std::vector<double> forwardRunsMs;
    TimingStats forwardMs;
    double leafSumMs = 0;    // sum of leaf nodes' medians
    double leafFraction = 0; // median over runs of (leaf nodes' times / the run's total)

    std::vector<NodeProfile> nodes; // every node that ran, in id order
    std::vector<GroupProfile> byKind;   // most time first
    std::vector<GroupProfile> byModule; // scope order (parents before children)
    MemoryProfile memory;
    MachinePeaks peaks;
    std::vector<RunTimeline> timelines; // one per measured run
    EventCheck events;
    std::optional<SpeedupReport> speedup;

    std::vector<OutputInfo> outputs; // the executor's last outputs, flattened as run does
    // Whether they equal (torch.equal) the last plain forward's outputs; empty when not compared.
    std::optional<bool> outputsEqualForward;
    std::string savedOutputs;
};

// The run whose total is the median (the timeline the GUI shows first); -1 without runs.
int medianRunIndex(const ProfileResult& result);

} // namespace ptscope
