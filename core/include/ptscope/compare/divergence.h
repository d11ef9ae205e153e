#pragma once

// What the divergence search found: plain values, which the CLI prints and the window shows.

#include "ptscope/compare/outputdiff.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ptscope {

// A range the user allows one dimension of one argument to take; "x:0=1..8" on the command line.
struct DimensionRange
{
    std::string argument; // forward's argument name, or its position ("0")
    int dim = 0;
    int64_t min = 1;
    int64_t max = 1;
};

struct SearchOptions
{
    Tolerances tolerances;
    int budget = 200;       // calls of both models at most
    double seconds = 60;    // wall-clock budget
    uint64_t seed = 0;      // the search's own random choices, and the fresh values it draws
    std::vector<DimensionRange> ranges; // dimensions to vary, and how far; empty: guessed
    int threads = 0;
    std::string saveTo;     // where the counterexample is written (a .pt of forward's arguments)
};

// How far a dimension was found to be free: both models accepted every size tried in min..max.
struct FreeDimension
{
    std::string argument;
    int dim = 0;
    int64_t size = 0; // in the starting input
    int64_t min = 0, max = 0;
    bool userRange = false;
};

struct SearchResult
{
    bool found = false;
    // How the search ended: "found", "budget", "time", "exhausted" (every candidate tried).
    std::string stopped;
    int trials = 0;
    double seconds = 0;
    int budget = 0;
    double secondsBudget = 0;
    uint64_t seed = 0;
    std::vector<FreeDimension> freeDimensions;

    // The counterexample: the smallest disagreeing input found.
    std::string description; // "x: float32[1, 4], the start's values negated"
    std::vector<std::vector<int64_t>> shapes; // per tensor argument, in order
    int64_t elements = 0;     // over every tensor argument
    std::string file;         // where it was saved (empty when it was not)
    InputDiff diff;           // the metrics on it (or which one raised)
    int foundAtTrial = -1;
};

} // namespace ptscope
