#pragma once

#include "inputoptions.h"
#include "ptscope/compare/comparer.h"
#include "ptscope/compare/divergence.h"

#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace ptscope::cli {

struct CommonOptions;

// `ptscope-cli diff A.pt (B.pt | --reference FILE_OR_DIR) [inputs] [--trials N] [--atol X]
// [--rtol Y] [--per-node] [--search ...] [--json]`: runs both on the same inputs and compares their outputs. Exit 0 when
// everything agrees within tolerance, 1 when it does not, 2 on error.
class DiffCommand
{
public:
    DiffCommand(CLI::App& parent, CommonOptions& common);
    int run() const;

private:
    CommonOptions& m_common;
    std::string m_method;
    std::string m_modelA;
    std::string m_modelB;
    InputOptions m_inputs;
    CompareOptions m_options;
    std::vector<std::string> m_pathTolerances; // PATH=ATOL[,RTOL]
    double m_timeout = 0;
    bool m_perNode = false;
    bool m_search = false;
    SearchOptions m_searchOptions;
    std::vector<std::string> m_ranges; // ARG:DIM=MIN..MAX
    std::string m_counterexample;
};

// "boxes=1e-3" or "boxes=1e-3,1e-4" (atol, then rtol; rtol defaults to the global one). Throws
// ptscope::Error (InvalidArgument).
void parsePathTolerance(const std::string& text, Tolerances& tolerances);

// "x:0=1..8": dimension 0 of argument x (a name or a position) from 1 to 8. Throws
// ptscope::Error (InvalidArgument).
DimensionRange parseDimensionRange(const std::string& text);

} // namespace ptscope::cli
