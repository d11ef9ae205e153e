#pragma once

#include "ptscope/compare/outputdiff.h"

#include <string>

namespace ptscope {

// The `ptscope-cli diff --json` document (README documents it); also what the worker sends.
std::string outputComparisonToJson(const OutputComparison& comparison);
OutputComparison outputComparisonFromJson(const std::string& json); // throws ProtocolError

// The readable report `ptscope-cli diff` prints by default.
std::string outputComparisonToText(const OutputComparison& comparison);

} // namespace ptscope
