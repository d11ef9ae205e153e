#pragma once

#include "ptscope/run/runspec.h"

#include <string>

namespace ptscope {

// The input grammar shared by `ptscope-cli run`, `profile` and `diff`, the worker protocol and
// the GUI. One spec per forward argument:
//   DTYPE[D0,D1,...][:FILL]   a generated tensor; FILL is randn (default for floating dtypes),
//                             rand, zeros (default otherwise), ones, arange, or a number
//   @PATH                     a .npy or .pt file, or a folder of them (one sample per file)
//   int:N  float:X  bool:true|false  str:TEXT  none
// DTYPE is a Python dtype name (float32, int64, bool, ...; float, double, half, long, int are
// accepted too). Throws ptscope::Error (InvalidInput) with a message saying what was expected.
InputSource parseInputSpec(const std::string& text);

// The canonical spec for a source: parseInputSpec(formatInputSpec(s)) gives s back.
std::string formatInputSpec(const InputSource& source);

// "float32" for "float", "float32", "torch.float32"; empty when the name is no dtype.
std::string canonicalDtypeName(const std::string& name);

} // namespace ptscope
