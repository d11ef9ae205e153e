#pragma once

// Internal to core: what one node call costs in arithmetic and memory traffic, from the values
// it received and made.

#include <ATen/core/ivalue.h>
#include <ATen/core/stack.h>

namespace ptscope {

struct OpCost
{
    double flops = 0; // a multiply-add counts as two
    double bytesRead = 0;
    double bytesWritten = 0;
    bool known = false; // ptscope has a FLOP formula for the kind
};

// kind: the node's kind ("aten::conv2d"). Views (outputs sharing an input's storage, not in
// place) move no data and cost nothing.
OpCost costOf(c10::Symbol kind, const torch::jit::Stack& inputs, const c10::IValue* outputs, size_t count);

} // namespace ptscope
