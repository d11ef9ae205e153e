#pragma once

// Internal to core: tensors and values in files (.npy through ptscope/io/npy.h, .pt through
// torch's pickle format).

#include "ptscope/io/npy.h"

#include <ATen/core/ivalue.h>
#include <optional>
#include <string>

namespace ptscope {

// "float32" (Python's names, as ptscope prints dtypes) to torch's type; empty for other names.
std::optional<c10::ScalarType> scalarTypeFromName(const std::string& dtype);

// Throws InvalidInput for arrays with no torch dtype (uint16, uint32, uint64).
at::Tensor tensorFromNpy(const NpyArray& array, const std::string& nameForMessages);
at::Tensor readNpyTensor(const std::string& path);

// C order, little-endian, on the CPU. bfloat16 becomes float32 and complex32 complex64 (numpy has
// neither; both convert exactly); quantized tensors are dequantized.
NpyArray npyFromTensor(const at::Tensor& tensor);

// What torch.save wrote: a tensor, a tuple, list or dict (two or more entries) of values. Throws
// ptscope::Error: FileNotFound, NotReadable, InvalidInput with a reason (a one-entry dict, a
// TorchScript archive, a legacy or damaged file).
c10::IValue readPtFile(const std::string& path);

// Writes what torch.load reads, completely or not at all (tensors moved to the CPU and detached
// first). Throws ptscope::Error (WriteFailed).
void writePtFile(const std::string& path, const c10::IValue& value);

} // namespace ptscope
