#pragma once

#include "ptscope/load/modelinfo.h"

#include <string>

namespace ptscope {

// The `ptscope-cli info --json` document (see README for the fields).
std::string modelInfoToJson(const ModelInfo& info);
// The readable report `ptscope-cli info` prints by default.
std::string modelInfoToText(const ModelInfo& info);

class Error;
// {"error": {"kind": ..., "message": ..., "hint": ...}}
std::string errorToJson(const Error& error);

} // namespace ptscope
