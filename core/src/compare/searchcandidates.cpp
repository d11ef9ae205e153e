#include "compare/searchcandidates.h"

#include "common/torchnames.h"
#include "ptscope/common/error.h"

#include <ATen/ATen.h>
#include <ATen/CPUGeneratorImpl.h>
#include <algorithm>
#include <fmt/format.h>

namespace ptscope {

namespace {

// A resized input may hold this many times the start's elements, so a guess cannot make a model
// run for minutes.
constexpr int64_t kGrowth = 4;
constexpr int64_t kMinElementBudget = 1 << 16;

// The tensor with dimension `dim` made `size` long: cut, or the start's values repeated.
at::Tensor resizeAlong(const at::Tensor& t, int dim, int64_t size)
{
    const int64_t now = t.size(dim);
    if (size <= now)
        return t.narrow(dim, 0, size).clone();
    if (now == 0) {
        std::vector<int64_t> shape = t.sizes().vec();
        shape[static_cast<size_t>(dim)] = size;
        return at::zeros(shape, t.options());
    }
    std::vector<int64_t> reps(static_cast<size_t>(t.dim()), 1);
    reps[static_cast<size_t>(dim)] = (size + now - 1) / now;
    return t.repeat(reps).narrow(dim, 0, size).clone();
}

std::string shapeText(const at::Tensor& t)
{
    return fmt::format("{}[{}]", dtypeName(t.scalar_type()), fmt::join(t.sizes(), ", "));
}

at::Generator generatorFor(uint64_t seed)
{
    return at::make_generator<at::CPUGeneratorImpl>(seed);
}

// Applies f to every tensor argument of one kind of dtype.
template<typename F>
std::vector<c10::IValue> mapArguments(const std::vector<c10::IValue>& values, bool (*which)(const at::Tensor&),
                                      F f)
{
    std::vector<c10::IValue> out = values;
    for (c10::IValue& v : out)
        if (v.isTensor() && which(v.toTensor()))
            v = f(v.toTensor());
    return out;
}

bool isFloating(const at::Tensor& t) { return at::isFloatingType(t.scalar_type()); }
bool isInteger(const at::Tensor& t) { return at::isIntegralType(t.scalar_type(), false); }
bool isBool(const at::Tensor& t) { return t.scalar_type() == at::kBool; }

bool anyOf(const std::vector<c10::IValue>& values, bool (*which)(const at::Tensor&))
{
    return std::any_of(values.begin(), values.end(),
                       [&](const c10::IValue& v) { return v.isTensor() && which(v.toTensor()); });
}

} // namespace

CandidateSpace::CandidateSpace(std::vector<c10::IValue> start, std::vector<std::string> names,
                               const std::vector<DimensionRange>& ranges)
    : m_start(std::move(start)), m_names(std::move(names))
{
    m_names.resize(std::max(m_names.size(), m_start.size()));
    for (size_t i = 0; i < m_start.size(); ++i) {
        if (m_names[i].empty())
            m_names[i] = "argument " + std::to_string(i);
        if (m_start[i].isTensor() && m_start[i].toTensor().defined()) {
            m_tensors.push_back(static_cast<int>(i));
            m_startElements += m_start[i].toTensor().numel();
        }
    }
    // Arguments whose first dimensions agree are most likely a batch (a sequence and its mask):
    // resizing one alone only makes both models refuse.
    if (m_tensors.size() > 1) {
        m_sharedBatch = true;
        for (int i : m_tensors) {
            const at::Tensor& t = m_start[static_cast<size_t>(i)].toTensor();
            const at::Tensor& first = m_start[static_cast<size_t>(m_tensors.front())].toTensor();
            if (t.dim() == 0 || first.dim() == 0 || t.size(0) != first.size(0))
                m_sharedBatch = false;
        }
    }
    for (const DimensionRange& r : ranges) {
        int argument = -1;
        for (size_t i = 0; i < m_names.size(); ++i)
            if (m_names[i] == r.argument || std::to_string(i) == r.argument)
                argument = static_cast<int>(i);
        if (argument < 0 || !m_start[static_cast<size_t>(argument)].isTensor())
            throw Error(ErrorKind::InvalidArgument,
                        "The range names " + r.argument + ", which is no tensor argument of forward.",
                        "Name an argument by its name or position: x:0=1..8.");
        const int rank = static_cast<int>(m_start[static_cast<size_t>(argument)].toTensor().dim());
        if (r.dim < 0 || r.dim >= rank)
            throw Error(ErrorKind::InvalidArgument,
                        fmt::format("{} has {} dimensions; there is no dimension {} to vary.", r.argument,
                                    rank, r.dim));
        const DimensionKey key{argument, r.dim};
        m_ranges[key] = r;
        m_dimensions.push_back(key);
    }
    if (!ranges.empty())
        return;
    if (m_sharedBatch)
        m_dimensions.push_back({-1, 0});
    for (int i : m_tensors) {
        const at::Tensor& t = m_start[static_cast<size_t>(i)].toTensor();
        for (int d = m_sharedBatch ? 1 : 0; d < t.dim(); ++d)
            m_dimensions.push_back({i, d});
    }
}

Candidate CandidateSpace::make(std::vector<c10::IValue> values, std::string change) const
{
    Candidate c;
    std::vector<std::string> shapes;
    for (size_t i = 0; i < values.size(); ++i)
        if (values[i].isTensor() && values[i].toTensor().defined())
            shapes.push_back(m_names[i] + ": " + shapeText(values[i].toTensor()));
    c.values = std::move(values);
    c.change = std::move(change);
    c.description = fmt::format("{}", fmt::join(shapes, ", "));
    if (!c.change.empty())
        c.description += "; " + c.change;
    return c;
}

Candidate CandidateSpace::start() const { return make(m_start, "the starting input"); }

std::vector<Candidate> CandidateSpace::valueVariations(uint64_t seed) const
{
    std::vector<Candidate> out;
    const auto floating = [&](const char* change, auto f) {
        if (anyOf(m_start, isFloating))
            out.push_back(make(mapArguments(m_start, isFloating, f), change));
    };
    floating("the start's values negated", [](const at::Tensor& t) { return -t; });
    if (anyOf(m_start, isBool))
        out.push_back(make(mapArguments(m_start, isBool, [](const at::Tensor& t) { return t.logical_not(); }),
                           "the start's booleans negated"));
    floating("the start's values times 10", [](const at::Tensor& t) { return t * 10; });
    floating("the start's values plus 1", [](const at::Tensor& t) { return t + 1; });
    floating("the start's values minus 1", [](const at::Tensor& t) { return t - 1; });
    floating("the start's values times 0.1", [](const at::Tensor& t) { return t * 0.1; });
    floating("the start's values times 2", [](const at::Tensor& t) { return t * 2; });
    floating("zeros", [](const at::Tensor& t) { return at::zeros_like(t); });
    floating("ones", [](const at::Tensor& t) { return at::ones_like(t); });
    floating("every value -1", [](const at::Tensor& t) { return at::full_like(t, -1); });
    floating("the start's absolute values", [](const at::Tensor& t) { return t.abs(); });
    floating("the start's absolute values negated", [](const at::Tensor& t) { return -t.abs(); });
    floating("the start's values times 100", [](const at::Tensor& t) { return t * 100; });
    floating("the start's values plus 10", [](const at::Tensor& t) { return t + 10; });
    floating("the start's values minus 10", [](const at::Tensor& t) { return t - 10; });
    floating("the start's values times 0.001", [](const at::Tensor& t) { return t * 0.001; });
    floating("every value 0.5", [](const at::Tensor& t) { return at::full_like(t, 0.5); });
    for (uint64_t k = 1; k <= 3; ++k) {
        at::Generator gen = generatorFor(seed + 1000 + k);
        floating(k == 1 ? "fresh values from randn" : k == 2 ? "fresh values from randn times 10"
                                                            : "fresh values from rand (0 to 1)",
                 [&](const at::Tensor& t) {
                     if (k == 3)
                         return at::rand(t.sizes(), gen, t.options());
                     return at::randn(t.sizes(), gen, t.options()) * (k == 2 ? 10.0 : 1.0);
                 });
    }
    if (anyOf(m_start, isInteger)) {
        out.push_back(make(mapArguments(m_start, isInteger, [](const at::Tensor& t) { return at::zeros_like(t); }),
                           "integer arguments all 0"));
        out.push_back(make(mapArguments(m_start, isInteger,
                                        [](const at::Tensor& t) { return t.dim() ? t.flip({-1}) : t.clone(); }),
                           "integer arguments reversed along their last dimension"));
    }
    return out;
}

int64_t CandidateSpace::startSize(const DimensionKey& key) const
{
    const int argument = key.argument < 0 ? m_tensors.front() : key.argument;
    return m_start[static_cast<size_t>(argument)].toTensor().size(key.dim);
}

const DimensionRange* CandidateSpace::rangeFor(const DimensionKey& key) const
{
    const auto it = m_ranges.find(key);
    return it == m_ranges.end() ? nullptr : &it->second;
}

std::vector<DimensionProbe> CandidateSpace::dimensionProbes() const
{
    std::vector<DimensionProbe> probes;
    for (const DimensionKey& key : m_dimensions) {
        const int64_t s = startSize(key);
        std::vector<int64_t> guesses;
        if (const DimensionRange* r = rangeFor(key))
            guesses = {s + 1, r->min, r->max, (r->min + r->max) / 2, s - 1, r->min + 1};
        else
            guesses = {s + 1, 1, 2 * s, s - 1, 2, s + 3};
        DimensionProbe probe{key, {}};
        for (int64_t size : guesses) {
            if (size < 1 || size == s || !allows({key, s}, size) ||
                std::find(probe.sizes.begin(), probe.sizes.end(), size) != probe.sizes.end())
                continue;
            probe.sizes.push_back(size);
        }
        if (!probe.sizes.empty())
            probes.push_back(std::move(probe));
    }
    return probes;
}

std::vector<c10::IValue> CandidateSpace::resizedValues(const std::vector<c10::IValue>& values,
                                                       const DimensionKey& key, int64_t size) const
{
    std::vector<c10::IValue> out = values;
    for (int i : m_tensors) {
        if (key.argument >= 0 && key.argument != i)
            continue;
        c10::IValue& v = out[static_cast<size_t>(i)];
        v = resizeAlong(v.toTensor(), key.dim, size);
    }
    return out;
}

std::string CandidateSpace::dimensionName(const DimensionKey& key) const
{
    if (key.argument < 0)
        return "the batch (dimension 0 of every argument)";
    return fmt::format("dimension {} of {}", key.dim, m_names[static_cast<size_t>(key.argument)]);
}

Candidate CandidateSpace::resized(const DimensionKey& key, int64_t size) const
{
    return make(resizedValues(m_start, key, size),
                fmt::format("{} made {} (was {}; the start's values {})", dimensionName(key), size,
                            startSize(key), size > startSize(key) ? "repeated" : "cut"));
}

void CandidateSpace::record(const DimensionKey& key, int64_t size, bool accepted)
{
    (accepted ? m_accepted : m_refused)[key].insert(size);
}

bool CandidateSpace::canCombine() const
{
    if (anyOf(m_start, isFloating))
        return true;
    for (const auto& [key, sizes] : m_accepted)
        if (!sizes.empty())
            return true;
    return false;
}

Candidate CandidateSpace::randomCombination(std::mt19937_64& rng) const
{
    std::vector<c10::IValue> values = m_start;
    std::vector<std::string> changes;
    for (const auto& [key, sizes] : m_accepted) {
        if (sizes.empty() || rng() % 2)
            continue;
        int64_t size = 0;
        if (const DimensionRange* r = rangeFor(key)) {
            size = r->min + static_cast<int64_t>(rng() % static_cast<uint64_t>(r->max - r->min + 1));
        } else {
            std::vector<int64_t> choices(sizes.begin(), sizes.end());
            choices.push_back(startSize(key));
            size = choices[rng() % choices.size()];
        }
        if (!allows({key, startSize(key)}, size))
            continue;
        values = resizedValues(values, key, size);
        changes.push_back(fmt::format("{} made {}", dimensionName(key), size));
    }
    static constexpr double kScales[] = {0.01, 0.1, 1, 1, 10, 100};
    static constexpr double kOffsets[] = {0, 0, 0, 1, -1, 5};
    const double scale = kScales[rng() % 6];
    const double offset = kOffsets[rng() % 6];
    const uint64_t seed = rng();
    at::Generator gen = generatorFor(seed);
    if (anyOf(values, isFloating)) {
        values = mapArguments(values, isFloating, [&](const at::Tensor& t) {
            return at::randn(t.sizes(), gen, t.options()) * scale + offset;
        });
        changes.push_back(fmt::format("fresh values randn * {} + {}", scale, offset));
    }
    return make(std::move(values), fmt::format("{} (random combination)", fmt::join(changes, ", ")));
}

std::vector<CandidateSpace::Dimension> CandidateSpace::dimensionsOf(const std::vector<c10::IValue>& values) const
{
    std::vector<Dimension> out;
    for (const DimensionKey& key : m_dimensions) {
        const int argument = key.argument < 0 ? m_tensors.front() : key.argument;
        const c10::IValue& v = values[static_cast<size_t>(argument)];
        if (!v.isTensor() || key.dim >= v.toTensor().dim())
            continue;
        const int64_t size = v.toTensor().size(key.dim);
        if (size > 1)
            out.push_back({key, size});
    }
    return out;
}

bool CandidateSpace::allows(const Dimension& d, int64_t size) const
{
    if (const DimensionRange* r = rangeFor(d.key))
        return size >= r->min && size <= r->max;
    // Elements after the change, from the start's: a guess must not grow the input without bound.
    const int64_t limit = std::max(kMinElementBudget, kGrowth * m_startElements);
    int64_t elements = 0;
    for (int i : m_tensors) {
        const at::Tensor& t = m_start[static_cast<size_t>(i)].toTensor();
        const bool changes = d.key.argument < 0 ? t.dim() > 0 : d.key.argument == i;
        const int64_t along = changes ? t.size(d.key.dim) : 1;
        elements += changes && along > 0 ? t.numel() / along * size : t.numel();
    }
    return elements <= limit;
}

Candidate CandidateSpace::narrowed(const Candidate& from, const Dimension& d, int64_t size) const
{
    std::string change = from.change;
    change += fmt::format(", then {} cut to {}", dimensionName(d.key), size);
    return make(resizedValues(from.values, d.key, size), std::move(change));
}

std::vector<FreeDimension> CandidateSpace::freeDimensions() const
{
    std::vector<FreeDimension> out;
    for (const DimensionKey& key : m_dimensions) {
        const auto it = m_accepted.find(key);
        if (it == m_accepted.end() || it->second.empty())
            continue;
        FreeDimension f;
        f.argument = key.argument < 0 ? "batch" : m_names[static_cast<size_t>(key.argument)];
        f.dim = key.dim;
        f.size = startSize(key);
        f.min = std::min(*it->second.begin(), f.size);
        f.max = std::max(*it->second.rbegin(), f.size);
        f.userRange = rangeFor(key) != nullptr;
        out.push_back(f);
    }
    return out;
}

} // namespace ptscope
