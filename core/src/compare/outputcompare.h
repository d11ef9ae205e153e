#pragma once

// Internal to core: forward's return values compared path by path (paths as the run engine's
// flattening names them), with numpy.isclose's rule per element.

#include "ptscope/compare/outputdiff.h"

#include <ATen/core/Tensor.h>
#include <ATen/core/ivalue.h>
#include <vector>

namespace ptscope {

// a and b same-shaped or not; b is the reference side of the tolerance (atol + rtol * |b|).
OutputDiff compareTensors(const std::string& path, const at::Tensor& a, const at::Tensor& b,
                          const Tolerance& tolerance);

// Every path of either value, in a's order, then the paths only b has.
std::vector<OutputDiff> compareValues(const c10::IValue& a, const c10::IValue& b,
                                      const Tolerances& tolerances);

} // namespace ptscope
