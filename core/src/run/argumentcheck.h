#pragma once

// Internal to core: inputs checked against forward's schema before anything runs.

#include "run/inputmaterializer.h"
#include "ptscope/run/runspec.h"

#include <ATen/core/function_schema.h>
#include <vector>

namespace ptscope {

// Checks the sample against forward's arguments (schema includes self): the count, then each
// value's type. Converts where Python would: an int for a float, and the untyped lists, tuples
// and dicts torch.save files give into the element types forward declares. Trailing arguments
// left out take the schema's default (or a traced example, when the graph has one). Throws
// ptscope::Error (InvalidInput) naming the argument and what it got.
void checkArguments(const c10::FunctionSchema& schema, const std::vector<ArgumentSpec>& specs,
                    Sample& sample);

} // namespace ptscope
