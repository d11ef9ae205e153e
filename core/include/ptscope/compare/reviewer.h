#pragma once

#include "ptscope/common/canceltoken.h"
#include "ptscope/compare/review.h"

namespace ptscope {

class Model;

// What changed from a to b: modules added, removed or of another class; parameters and buffers
// added, removed, reshaped or with other values (and by how much); op kinds counted in the inlined
// forward graphs; each module's TorchScript code (mangled class numbers ignored), as unified
// diffs. Throws ptscope::Error.
Review reviewModels(const Model& a, const Model& b, const CancelToken& cancel = {});

} // namespace ptscope
