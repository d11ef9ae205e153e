// The worker's `compare` request (docs/worker-protocol.md): the window's Compare mode.

#include "ptscope/common/error.h"
#include "ptscope/compare/comparison.h"
#include "ptscope/compare/reviewer.h"
#include "ptscope/io/atomicfile.h"
#include "worker/requestfield.h"
#include "worker/workersession.h"

#include <filesystem>

namespace ptscope {

namespace {

using json = nlohmann::json;
using ordered = nlohmann::ordered_json;

std::string stampOf(const std::string& path)
{
    std::error_code ec;
    const auto size = std::filesystem::file_size(path, ec);
    const auto time = std::filesystem::last_write_time(path, ec);
    return std::to_string(size) + ":" + std::to_string(time.time_since_epoch().count());
}

Tolerance toleranceOf(const json& j, const Tolerance& fallback)
{
    Tolerance t = fallback;
    t.atol = requestField<double>(j, "atol", t.atol);
    t.rtol = requestField<double>(j, "rtol", t.rtol);
    return t;
}

ComparisonRequest comparisonOf(const json& request)
{
    ComparisonRequest c;
    c.outputs.tolerances.defaults = toleranceOf(request, {});
    const json perPath = requestField<json>(request, "tolerances", json::object());
    if (!perPath.is_object())
        throw Error(ErrorKind::ProtocolError, "Request field 'tolerances' has the wrong type.");
    for (const auto& [path, t] : perPath.items()) {
        if (!t.is_object())
            throw Error(ErrorKind::ProtocolError, "Request field 'tolerances' has the wrong type.");
        c.outputs.tolerances.byPath[path] = toleranceOf(t, c.outputs.tolerances.defaults);
    }
    c.outputs.trials = requestField<int>(request, "trials", 1);
    c.outputs.reference = requestField<std::string>(request, "reference", "");
    c.outputs.threads = requestField<int>(request, "threads", 0);
    c.perNode = requestField<bool>(request, "per_node", false);
    c.search = requestField<bool>(request, "search", false);
    c.searchOptions.budget = requestField<int>(request, "search_budget", c.searchOptions.budget);
    c.searchOptions.seconds = requestField<double>(request, "search_seconds", c.searchOptions.seconds);
    c.searchOptions.seed = requestField<uint64_t>(request, "search_seed", 0);
    c.searchOptions.saveTo = requestField<std::string>(request, "save_counterexample", "");
    for (const json& r : requestField<json>(request, "vary", json::array())) {
        DimensionRange range;
        range.argument = requiredString(r, "argument", "vary");
        range.dim = requestField<int>(r, "dim", 0);
        range.min = requestField<int64_t>(r, "min", 1);
        range.max = requestField<int64_t>(r, "max", 1);
        c.searchOptions.ranges.push_back(range);
    }
    return c;
}

} // namespace

Model WorkerSession::secondModel(const std::string& path)
{
    const std::string stamp = stampOf(path);
    if (m_second && m_second->path == path && m_second->stamp == stamp)
        return m_second->model;
    m_second.reset();
    LoadOptions options;
    options.device = m_device;
    m_second = Second{path, stamp, Model::open(path, options)};
    return m_second->model;
}

ordered WorkerSession::compare(const json& request, const CancelToken& cancel, const Emit& emit)
{
    const Model a = current(request);
    const RunInputs inputs = workerInputs(request);
    const ComparisonRequest comparison = comparisonOf(request);
    const std::string pathB = requestField<std::string>(request, "model_b", "");
    if (pathB.empty() == comparison.outputs.reference.empty())
        throw Error(ErrorKind::ProtocolError, "compare needs either a 'model_b' or a 'reference'.");
    const std::string file = requestField<std::string>(request, "output_file", "");
    std::optional<Model> b;
    if (!pathB.empty())
        b = secondModel(pathB).withMethod(requestField<std::string>(request, "method", ""));

    ProgressThrottle throttle(request, emit);
    const CompareReport report =
        compareModels(a, b ? &*b : nullptr, inputs, comparison, cancel,
                      [&](const ComparisonProgress& p) { throttle(p.phase, p.done, p.total, p.what); });
    // The Compare mode shows what changed beside whether the two agree.
    const std::string reviewFile = requestField<std::string>(request, "review_file", "");
    ordered reviewed = nullptr;
    if (!reviewFile.empty() && b) {
        const Review review = reviewModels(a, *b, cancel);
        writeFileAtomically(reviewFile, reviewToJson(review));
        reviewed = reviewFile;
    }
    if (file.empty())
        return ordered::parse(compareReportToJson(report));
    writeFileAtomically(file, compareReportToJson(report));
    return {{"file", file}, {"verdict", report.matches() ? "match" : "mismatch"}, {"review_file", reviewed}};
}

} // namespace ptscope
