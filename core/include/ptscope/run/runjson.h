#pragma once

#include "ptscope/run/runresult.h"
#include "ptscope/run/runspec.h"

#include <string>
#include <vector>

namespace ptscope {

// The `ptscope-cli run --json` document, also the worker's `run` result (README documents it).
std::string runResultToJson(const RunResult& result);
RunResult runResultFromJson(const std::string& json); // throws ptscope::Error (ProtocolError)

// [{name, type, kind, default, example}], as the worker's `open` result lists forward's arguments.
std::string argumentSpecsToJson(const std::vector<ArgumentSpec>& arguments);
std::vector<ArgumentSpec> argumentSpecsFromJson(const std::string& json); // throws ProtocolError

// The readable report `ptscope-cli run` prints by default.
std::string runResultToText(const RunResult& result);

} // namespace ptscope
