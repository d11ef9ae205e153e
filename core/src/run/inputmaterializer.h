#pragma once

// Internal to core: from input specs to TorchScript values.

#include "ptscope/run/runspec.h"

#include <ATen/core/ivalue.h>
#include <string>
#include <vector>

namespace ptscope {

// The values for one call of forward, in argument order, with where each came from.
struct Sample
{
    std::string name; // file stem when the inputs came from a folder
    std::vector<c10::IValue> values;
    // "float32[1,10]:randn", "@x.npy", "@all.pt, item 1"; "default" marks a gap (a dict of
    // arguments by name that skips one) that the argument check fills from forward's default.
    std::vector<std::string> sources;
};

// Seeds torch's generator with inputs.seed, then reads or generates every argument in order.
// An argument (or --inputs) naming a folder makes one sample per .npy/.pt file in it, in file
// name order; arguments given once are shared by every sample. Values are not yet checked
// against forward (see argumentcheck.h). Throws ptscope::Error (InvalidInput, FileNotFound, ...).
std::vector<Sample> materializeInputs(const RunInputs& inputs, const std::vector<ArgumentSpec>& arguments);

// A .npy or .pt file's value, by extension, else by its first bytes. Throws ptscope::Error.
c10::IValue readValueFile(const std::string& path);

// A generated tensor, drawing from torch's global generator. Throws InvalidInput.
at::Tensor generateTensor(const InputSource& source);

} // namespace ptscope
