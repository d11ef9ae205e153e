#pragma once

#include <string>
#include <vector>

namespace ptscope {

// Devices this LibTorch build can run on, as LoadOptions::device spells them: "cpu" first, then
// "cuda:0", "cuda:1"... when the build has CUDA and a GPU is present.
std::vector<std::string> availableDevices();

} // namespace ptscope
