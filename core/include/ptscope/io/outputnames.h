#pragma once

#include <string>

namespace ptscope {

// A file-name stem for an output path ("1.0.boxes"): dict keys may hold anything, so names keep
// ASCII letters, digits, '.', '-' and '_', every other byte becomes '_', and the stem is cut to
// 80 characters. Used for the worker's output files and the GUI's exports alike.
std::string outputFileStem(const std::string& path);

} // namespace ptscope
