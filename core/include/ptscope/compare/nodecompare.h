#pragma once

#include "ptscope/common/canceltoken.h"
#include "ptscope/compare/nodediff.h"
#include "ptscope/run/runspec.h"

namespace ptscope {

class Model;

// Runs both models' inlined forward graphs in the node executor on one input (sample `sample` of
// what the inputs make: a folder gives several), keeping every operator node's outputs; aligns
// the nodes each ran by op kind and module scope in execution order (a longest common
// subsequence); compares aligned nodes' tensor outputs with the tolerances and names the first
// that differs; and says what the structure shows (structuralCauses, plus dropout or batch norm
// running in training mode in one). Throws ptscope::Error (InvalidInput, ...).
NodeComparison compareNodes(const Model& a, const Model& b, const RunInputs& inputs, int sample,
                            const Tolerances& tolerances, const CancelToken& cancel = {});

} // namespace ptscope
