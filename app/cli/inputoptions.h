#pragma once

#include "ptscope/run/runspec.h"

#include <cstdint>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace ptscope::cli {

// --input SPEC (once per forward argument), --inputs @FILE, --seed N: the input grammar every
// verb that runs a model shares (run, profile, diff).
struct InputOptions
{
    std::vector<std::string> inputs;
    std::string allInputs;
    uint64_t seed = 0;

    void addTo(CLI::App& command);
    // Parses the specs; throws ptscope::Error (InvalidInput) naming the one that does not parse.
    RunInputs toRunInputs() const;
};

} // namespace ptscope::cli
