#pragma once

#include "inputoptions.h"
#include "ptscope/compare/comparer.h"

#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace ptscope::cli {

struct CommonOptions;

// `ptscope-cli diff A.pt (B.pt | --reference FILE_OR_DIR) [inputs] [--trials N] [--atol X]
// [--rtol Y] [--json]`: runs both on the same inputs and compares their outputs. Exit 0 when
// everything agrees within tolerance, 1 when it does not, 2 on error.
class DiffCommand
{
public:
    DiffCommand(CLI::App& parent, CommonOptions& common);
    int run() const;

private:
    CommonOptions& m_common;
    std::string m_modelA;
    std::string m_modelB;
    InputOptions m_inputs;
    CompareOptions m_options;
    std::vector<std::string> m_pathTolerances; // PATH=ATOL[,RTOL]
    double m_timeout = 0;
    bool m_perNode = false;
};

// "boxes=1e-3" or "boxes=1e-3,1e-4" (atol, then rtol; rtol defaults to the global one). Throws
// ptscope::Error (InvalidArgument).
void parsePathTolerance(const std::string& text, Tolerances& tolerances);

} // namespace ptscope::cli
