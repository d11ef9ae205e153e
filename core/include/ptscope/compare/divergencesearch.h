#pragma once

#include "ptscope/common/canceltoken.h"
#include "ptscope/compare/divergence.h"
#include "ptscope/run/runspec.h"

#include <functional>
#include <string>

namespace ptscope {

class Model;

// (trials done, budget, what is being tried)
using SearchProgressCallback = std::function<void(int done, int budget, const std::string& what)>;

// Looks for an input on which a and b disagree (or one raises and the other does not), starting
// from the first sample the inputs make: the start itself, then its values transformed (sign,
// scale, offset, zeros, a constant, fresh random draws), then each tensor dimension resized
// within the user's ranges or, without them, around its size (a dimension is free where both
// models accept the sizes tried), then seeded random combinations of both. The first
// disagreement found is shrunk (dimensions made smaller while the models still disagree) and
// saved to options.saveTo as a .pt of forward's arguments, which --inputs @FILE reads back.
// Reproducible for a seed; bounded by options.budget calls and options.seconds. Throws
// ptscope::Error (InvalidArgument, InvalidInput, Cancelled, ...).
SearchResult searchDivergence(const Model& a, const Model& b, const RunInputs& inputs,
                              const SearchOptions& options, const CancelToken& cancel = {},
                              const SearchProgressCallback& progress = {});

} // namespace ptscope
