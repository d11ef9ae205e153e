// What profiling costs and how faithful its times are, per model and thread count, measured side
// by side in one process (the machine is shared and noisy; ratios hold where absolute times do
// not). Prints one JSON line per model and thread count:
//
//   forward_ms             median of the plain module.forward runs the first profile interleaves
//   executor_ms            median of the node executor's runs in the same profile
//   executor_over_forward  executor / forward median, median over the rounds (target <= 1.03)
//   leaf_fraction          leaf nodes' times over the run's, median over the rounds (0.97 to 1.03)
//   profile_s              a default profile (3 warm-up, 20 runs), median over the rounds
//   forwards_s             23 plain forwards through runModel, timed right after each profile
//   profile_over_forwards  median over the rounds of profile / forwards (target <= 1.15)
//   first_profile_*        the process's first profile: the machine probe and the JIT's first
//                          runs of the model, against the 23 forwards after it
//   nodes                  graph nodes that ran
//
//   ptscope-bench-profile [--threads 1,2] [--rounds 5] [--load-library LIB.so] MODEL.pt=SPEC[;SPEC...]...

#include "ptscope/common/error.h"
#include "ptscope/load/model.h"
#include "ptscope/load/operatorlibrary.h"
#include "ptscope/profile/profiler.h"
#include "ptscope/run/inputspec.h"
#include "ptscope/run/runner.h"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstdio>
#include <cstring>
#include <sstream>
#include <string>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

double since(Clock::time_point start)
{
    return std::chrono::duration<double>(Clock::now() - start).count();
}

std::vector<std::string> split(const std::string& text, char separator)
{
    std::vector<std::string> parts;
    std::stringstream in(text);
    std::string part;
    while (std::getline(in, part, separator))
        if (!part.empty())
            parts.push_back(part);
    return parts;
}

int g_rounds = 5;

double median(std::vector<double> values)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    const size_t n = values.size();
    return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

void bench(const std::string& path, const std::vector<std::string>& specs, int threads)
{
    const ptscope::Model model = ptscope::Model::open(path);
    ptscope::RunInputs inputs;
    for (const std::string& spec : specs)
        inputs.arguments.push_back(ptscope::parseInputSpec(spec));
    inputs.seed = 1;

    ptscope::ProfileOptions options; // the defaults the GUI and the CLI use
    options.threads = threads;
    ptscope::RunOptions run;
    run.threads = threads;
    run.repeat = options.warmup + options.runs;
    run.warmup = 0;

    // The first profile in the process pays for the probe and the JIT's first runs of the model.
    auto t = Clock::now();
    const ptscope::ProfileResult first = ptscope::profileModel(model, inputs, options);
    const double firstSeconds = since(t);
    t = Clock::now();
    ptscope::runModel(model, inputs, run);
    const double firstForwards = since(t);

    // Then rounds of a profile beside 23 forwards, so a busy machine slows both alike; medians.
    std::vector<double> profiles, forwards, ratios, executorRatios, leaf;
    for (int round = 0; round < g_rounds; ++round) {
        t = Clock::now();
        const ptscope::ProfileResult r = ptscope::profileModel(model, inputs, options);
        profiles.push_back(since(t));
        t = Clock::now();
        ptscope::runModel(model, inputs, run);
        forwards.push_back(since(t));
        ratios.push_back(profiles.back() / forwards.back());
        executorRatios.push_back(r.executorMs.median / r.forwardMs.median);
        leaf.push_back(r.leafFraction);
    }
    std::printf("{\"model\": \"%s\", \"threads\": %d, \"nodes\": %zu, \"node_level\": %s, \"forward_ms\": %.4f, "
                "\"executor_ms\": %.4f, \"executor_over_forward\": %.4f, \"leaf_fraction\": %.4f, "
                "\"profile_s\": %.3f, \"forwards_s\": %.3f, \"profile_over_forwards\": %.3f, "
                "\"first_profile_s\": %.3f, \"first_profile_over_forwards\": %.3f, \"probe_s\": %.3f, \"rounds\": %d}\n",
                path.c_str(), first.threads, first.nodes.size(), first.nodeLevel ? "true" : "false", first.forwardMs.median,
                first.executorMs.median, median(executorRatios), median(leaf), median(profiles), median(forwards),
                median(ratios), firstSeconds, firstSeconds / firstForwards, first.peaks.seconds, g_rounds);
    std::fflush(stdout);
}

} // namespace

int main(int argc, char** argv)
{
    std::vector<int> threads{1, 2};
    std::vector<std::string> models;
    for (int i = 1; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--threads") && i + 1 < argc) {
            threads.clear();
            for (const std::string& t : split(argv[++i], ','))
                threads.push_back(std::stoi(t));
        } else if (!std::strcmp(argv[i], "--rounds") && i + 1 < argc) {
            g_rounds = std::max(1, std::atoi(argv[++i]));
        } else if (!std::strcmp(argv[i], "--load-library") && i + 1 < argc) {
            ptscope::loadOperatorLibrary(argv[++i]);
        } else {
            models.emplace_back(argv[i]);
        }
    }
    if (models.empty()) {
        std::fprintf(stderr, "usage: ptscope-bench-profile [--threads 1,2] [--load-library LIB.so] "
                             "MODEL.pt=SPEC[;SPEC...]...\n");
        return 2;
    }
    try {
        for (const std::string& entry : models) {
            const size_t eq = entry.find('=');
            const std::string path = entry.substr(0, eq);
            const std::vector<std::string> specs =
                eq == std::string::npos ? std::vector<std::string>{} : split(entry.substr(eq + 1), ';');
            for (int t : threads)
                bench(path, specs, t);
        }
    } catch (const ptscope::Error& e) {
        std::fprintf(stderr, "ptscope-bench-profile: %s\n", e.message().c_str());
        return 1;
    }
    return 0;
}
