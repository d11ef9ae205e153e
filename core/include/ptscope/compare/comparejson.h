#pragma once

#include "ptscope/compare/nodediff.h"
#include "ptscope/compare/outputdiff.h"

#include <string>

namespace ptscope {

// The `ptscope-cli diff --json` document (README documents it); also what the worker sends.
// With perNode (--per-node): also first_divergent_node, structural_causes and per_node.
std::string outputComparisonToJson(const OutputComparison& comparison,
                                   const NodeComparison* perNode = nullptr);
OutputComparison outputComparisonFromJson(const std::string& json); // throws ProtocolError

// The readable report `ptscope-cli diff` prints by default.
std::string outputComparisonToText(const OutputComparison& comparison,
                                   const NodeComparison* perNode = nullptr);

} // namespace ptscope
