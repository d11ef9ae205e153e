#pragma once

#include "ptscope/compare/divergence.h"
#include "ptscope/compare/nodediff.h"
#include "ptscope/compare/outputdiff.h"

#include <optional>
#include <string>

namespace ptscope {

// Everything one comparison found: the outputs on the given inputs, and, when asked for, the node
// by node comparison and the divergence search. The `ptscope-cli diff --json` document, which the
// worker sends the window too.
struct CompareReport
{
    OutputComparison outputs;
    std::optional<NodeComparison> perNode;
    std::optional<SearchResult> search;

    // The outputs agree on every input, and a search found no input on which they do not.
    bool matches() const { return outputs.matches && !(search && search->found); }
};

std::string compareReportToJson(const CompareReport& report);
CompareReport compareReportFromJson(const std::string& json); // throws ProtocolError
std::string compareReportToText(const CompareReport& report);

} // namespace ptscope
