#pragma once

#include "ptscope/graph/graph.h"

#include <string>

namespace ptscope {

// The colour group of an operator kind ("aten::conv2d", "prim::If", "mkldnn_prepacked::..."),
// by its name without namespace; unknown names fall back on words such as "conv" or "pool".
OpCategory categorizeOp(const std::string& kind);

} // namespace ptscope
