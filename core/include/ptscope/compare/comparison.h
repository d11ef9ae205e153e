#pragma once

#include "ptscope/common/canceltoken.h"
#include "ptscope/compare/comparer.h"
#include "ptscope/compare/comparereport.h"
#include "ptscope/compare/divergence.h"
#include "ptscope/run/runspec.h"

#include <functional>
#include <string>

namespace ptscope {

class Model;

// One whole comparison, as `ptscope-cli diff` and the window's Compare mode ask for it.
struct ComparisonRequest
{
    CompareOptions outputs;
    bool search = false; // look for a disagreeing input (two models only)
    SearchOptions searchOptions;
    // Node by node, on the counterexample when the search found one, else on the worst input.
    bool perNode = false;
};

struct ComparisonProgress
{
    std::string phase; // "outputs", "search", "per_node"
    int done = 0;
    int total = 0;
    std::string what; // what the search is trying
};

using ComparisonProgressCallback = std::function<void(const ComparisonProgress&)>;

// Checks the request as a whole before any work (search and per-node need a second model), then
// compares the outputs, searches, and compares node by node. Throws ptscope::Error.
CompareReport compareModels(const Model& a, const Model* b, const RunInputs& inputs,
                            const ComparisonRequest& request, const CancelToken& cancel = {},
                            const ComparisonProgressCallback& progress = {});

} // namespace ptscope
