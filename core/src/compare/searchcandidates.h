#pragma once

// Internal to core's compare part: the inputs the divergence search tries, made from its start.

#include "ptscope/compare/divergence.h"

#include <ATen/core/ivalue.h>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

namespace ptscope {

struct Candidate
{
    std::vector<c10::IValue> values; // forward's arguments
    std::string change;              // how it was made from the start, for people
    std::string description;         // its shapes and the change
};

// A dimension the search varies: one of an argument's, or dimension 0 of every tensor argument at
// once (a batch the arguments share).
struct DimensionKey
{
    int argument = -1; // -1: the shared batch
    int dim = 0;
    bool operator<(const DimensionKey& o) const
    {
        return argument != o.argument ? argument < o.argument : dim < o.dim;
    }
};

struct DimensionProbe
{
    DimensionKey dimension;
    std::vector<int64_t> sizes;
};

class CandidateSpace
{
public:
    struct Dimension
    {
        DimensionKey key;
        int64_t size = 0;
    };

    // Throws ptscope::Error (InvalidArgument) for a range naming no tensor dimension.
    CandidateSpace(std::vector<c10::IValue> start, std::vector<std::string> names,
                   const std::vector<DimensionRange>& ranges);

    Candidate start() const;
    // The start's values transformed, every floating (or integer, or bool) argument at once.
    std::vector<Candidate> valueVariations(uint64_t seed) const;
    // Sizes to try for each dimension: the user's ranges, or guesses around each size.
    std::vector<DimensionProbe> dimensionProbes() const;
    Candidate resized(const DimensionKey& key, int64_t size) const;
    void record(const DimensionKey& key, int64_t size, bool accepted);

    bool canCombine() const;
    Candidate randomCombination(std::mt19937_64& rng) const;

    // For shrinking: every dimension of these values above size 1 that the search may vary.
    std::vector<Dimension> dimensionsOf(const std::vector<c10::IValue>& values) const;
    bool allows(const Dimension& d, int64_t size) const;
    Candidate narrowed(const Candidate& from, const Dimension& d, int64_t size) const;

    std::vector<FreeDimension> freeDimensions() const;

private:
    Candidate make(std::vector<c10::IValue> values, std::string change) const;
    std::vector<c10::IValue> resizedValues(const std::vector<c10::IValue>& values, const DimensionKey& key,
                                           int64_t size) const;
    std::string dimensionName(const DimensionKey& key) const;
    int64_t startSize(const DimensionKey& key) const;
    const DimensionRange* rangeFor(const DimensionKey& key) const;

    std::vector<c10::IValue> m_start;
    std::vector<std::string> m_names;
    std::vector<int> m_tensors; // argument indexes holding tensors
    bool m_sharedBatch = false;
    std::map<DimensionKey, DimensionRange> m_ranges;
    std::vector<DimensionKey> m_dimensions; // the ones varied
    std::map<DimensionKey, std::set<int64_t>> m_accepted, m_refused;
    int64_t m_startElements = 0;
};

} // namespace ptscope
