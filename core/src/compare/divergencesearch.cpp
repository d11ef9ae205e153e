#include "ptscope/compare/divergencesearch.h"

#include "common/torchnames.h"
#include "compare/modelcall.h"
#include "compare/searchcandidates.h"
#include "io/tensorfiles.h"
#include "ptscope/common/error.h"
#include "ptscope/load/model.h"
#include "ptscope/run/runner.h"
#include "run/runsupport.h"

#include <algorithm>
#include <chrono>
#include <fmt/format.h>
#include <map>
#include <mutex>
#include <optional>
#include <random>

namespace ptscope {

namespace {

using Clock = std::chrono::steady_clock;

// Stops the search: the budget or the time is spent.
struct OutOfBudget
{
};

struct Outcome
{
    bool disagrees = false;
    bool aRaised = false, bRaised = false;
    InputDiff diff;
};

bool raisedOf(const Outcome& o)
{
    return o.aRaised || o.bRaised;
}

int64_t elementsOf(const std::vector<c10::IValue>& values)
{
    int64_t n = 0;
    for (const c10::IValue& v : values)
        if (v.isTensor())
            n += v.toTensor().numel();
    return n;
}

class Search
{
public:
    Search(const Model& a, const Model& b, const SearchOptions& options, const CancelToken& cancel,
           const SearchProgressCallback& progress)
        : m_a(modelSide(a)), m_b(modelSide(b)), m_options(options), m_cancel(cancel), m_progress(progress),
          m_started(Clock::now()), m_rng(options.seed)
    {
    }

    SearchResult run(const RunInputs& inputs)
    {
        m_result.budget = m_options.budget;
        m_result.secondsBudget = m_options.seconds;
        m_result.seed = m_options.seed;
        std::vector<Sample> samples = materializeInputs(inputs, m_a.specs);
        if (samples.empty())
            throw Error(ErrorKind::InvalidInput, "The inputs make no sample to start the search from.");
        m_start = std::move(samples.front());
        m_space = std::make_unique<CandidateSpace>(m_start.values, argumentNames(), m_options.ranges);
        try {
            searchFromStart();
            if (m_found)
                shrink();
            m_result.stopped = m_found ? "found" : "exhausted";
        } catch (const OutOfBudget&) {
            m_result.stopped = m_found ? "found" : m_outOfTime ? "time" : "budget";
        }
        m_result.freeDimensions = m_space->freeDimensions();
        m_result.seconds = elapsed();
        if (m_found)
            finish();
        return m_result;
    }

private:
    std::vector<std::string> argumentNames() const
    {
        std::vector<std::string> names;
        for (const ArgumentSpec& s : m_a.specs)
            names.push_back(s.name);
        return names;
    }

    double elapsed() const { return std::chrono::duration<double>(Clock::now() - m_started).count(); }

    void searchFromStart()
    {
        const Candidate start = m_space->start();
        if (tryCandidate(start))
            return;
        for (const Candidate& c : m_space->valueVariations(m_options.seed))
            if (tryCandidate(c))
                return;
        // Each dimension alone, to learn which are free; a size only one model accepts is itself a
        // disagreement.
        for (const DimensionProbe& probe : m_space->dimensionProbes()) {
            for (int64_t size : probe.sizes) {
                const Candidate c = m_space->resized(probe.dimension, size);
                const Outcome& o = m_last;
                const bool found = tryCandidate(c);
                m_space->record(probe.dimension, size, !o.aRaised && !o.bRaised);
                if (found)
                    return;
            }
        }
        // Random combinations of free sizes and fresh values, until the budget ends.
        for (;;) {
            if (!m_space->canCombine())
                return;
            if (tryCandidate(m_space->randomCombination(m_rng)))
                return;
        }
    }

    // Makes the counterexample smaller, dimension by dimension, while the models still disagree.
    void shrink()
    {
        bool smaller = true;
        while (smaller) {
            smaller = false;
            for (const CandidateSpace::Dimension& d : m_space->dimensionsOf(m_foundCandidate.values)) {
                const int64_t size = d.size;
                for (int64_t target : {int64_t(1), size / 2, size - 1}) {
                    if (target < 1 || target >= size || !m_space->allows(d, target))
                        continue;
                    Candidate c = m_space->narrowed(m_foundCandidate, d, target);
                    const std::optional<Outcome> o = tryQuietly(c);
                    // Only a disagreement of the same nature: differing outputs say more about where
                    // the models part than a smaller input one of them refuses.
                    if (o && o->disagrees && raisedOf(*o) == raisedOf(m_foundOutcome)) {
                        accept(std::move(c), *o);
                        smaller = true;
                        break;
                    }
                }
                if (smaller)
                    break;
            }
        }
    }

    bool tryCandidate(const Candidate& c)
    {
        const std::optional<Outcome> o = tryQuietly(c);
        if (o && o->disagrees) {
            accept(c, *o);
            return true;
        }
        return false;
    }

    std::optional<Outcome> tryQuietly(const Candidate& c)
    {
        m_cancel.throwIfCancelled();
        if (m_result.trials >= m_options.budget)
            throw OutOfBudget{};
        if (elapsed() >= m_options.seconds) {
            m_outOfTime = true;
            throw OutOfBudget{};
        }
        ++m_result.trials;
        if (m_progress)
            m_progress(m_result.trials, m_options.budget, c.description);
        Sample sample = m_start;
        sample.values = c.values;
        const GeneratorSnapshot generators;
        Outcome o;
        ModelCall ra = callModel(m_a, sample, generators);
        ModelCall rb = callModel(m_b, sample, generators);
        o.aRaised = !ra.error.empty();
        o.bRaised = !rb.error.empty();
        o.diff.input = c.description;
        judgeCalls(ra, rb, m_options.tolerances, o.diff);
        // Both refusing an input (a size neither accepts) is no disagreement, whatever each says.
        o.disagrees = o.aRaised || o.bRaised ? o.aRaised != o.bRaised : !o.diff.matches;
        m_last = o;
        return o;
    }

    void accept(Candidate c, const Outcome& o)
    {
        if (m_found && elementsOf(c.values) > elementsOf(m_foundCandidate.values))
            return;
        m_found = true;
        m_foundCandidate = std::move(c);
        m_foundOutcome = o;
        m_result.foundAtTrial = m_result.trials;
    }

    void finish()
    {
        m_result.found = true;
        m_result.description = m_foundCandidate.description;
        m_result.diff = m_foundOutcome.diff;
        m_result.elements = elementsOf(m_foundCandidate.values);
        for (const c10::IValue& v : m_foundCandidate.values)
            if (v.isTensor())
                m_result.shapes.push_back(v.toTensor().sizes().vec());
        if (!m_options.saveTo.empty()) {
            writePtFile(m_options.saveTo, c10::ivalue::Tuple::create(m_foundCandidate.values));
            m_result.file = m_options.saveTo;
        }
    }

    ModelSide m_a, m_b;
    const SearchOptions& m_options;
    const CancelToken& m_cancel;
    const SearchProgressCallback& m_progress;
    Clock::time_point m_started;
    std::mt19937_64 m_rng;
    Sample m_start;
    std::unique_ptr<CandidateSpace> m_space;
    SearchResult m_result;
    Outcome m_last;
    bool m_outOfTime = false;
    bool m_found = false;
    Candidate m_foundCandidate;
    Outcome m_foundOutcome;
};

} // namespace

SearchResult searchDivergence(const Model& a, const Model& b, const RunInputs& inputs,
                              const SearchOptions& options, const CancelToken& cancel,
                              const SearchProgressCallback& progress)
{
    if (options.budget < 1)
        throw Error(ErrorKind::InvalidArgument, "The search budget must be at least one trial.");
    if (!(options.seconds > 0))
        throw Error(ErrorKind::InvalidArgument, "The search's time budget must be more than 0 seconds.");
    for (const DimensionRange& r : options.ranges)
        if (r.min < 1 || r.max < r.min)
            throw Error(ErrorKind::InvalidArgument,
                        fmt::format("The range {}..{} for dimension {} of {} is empty or below 1.", r.min,
                                    r.max, r.dim, r.argument));
    configureBlasThreads();
    std::lock_guard<std::mutex> lock(runMutex());
    const ThreadsGuard threads(options.threads);
    const c10::AutoGradMode noGrad(false);
    try {
        return Search(a, b, options, cancel, progress).run(inputs);
    } catch (const Error&) {
        throw;
    } catch (const std::bad_alloc&) {
        throw Error(ErrorKind::OutOfMemory, "Ran out of memory while searching for a disagreeing input.",
                    "Give smaller ranges (--vary) or a smaller starting input.");
    } catch (const c10::Error& e) {
        throw Error(ErrorKind::Internal, "The divergence search failed: " + std::string(e.msg()), {},
                    e.what_without_backtrace());
    } catch (const std::exception& e) {
        throw Error(ErrorKind::Internal, std::string("The divergence search failed: ") + e.what());
    }
}

} // namespace ptscope
