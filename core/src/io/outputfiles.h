#pragma once

// Internal to core: output tensors as .npy files for readers without LibTorch (the GUI).

#include "run/outputflatten.h"

#include <string>

namespace ptscope {

// Writes each tensor into folder (created if needed) as PREFIX + "NNN_PATH.npy", NNN counting
// tensors in flattened order, and records the file in its OutputInfo. Throws ptscope::Error (WriteFailed).
void writeOutputTensors(FlatOutputs& flat, const std::string& folder, const std::string& prefix);

} // namespace ptscope
