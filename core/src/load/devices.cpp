#include "ptscope/load/devices.h"

#include <torch/csrc/api/include/torch/cuda.h>

namespace ptscope {

std::vector<std::string> availableDevices()
{
    std::vector<std::string> devices{"cpu"};
    // device_count() is 0, not an error, on a CPU-only build or without a GPU.
    const size_t gpus = torch::cuda::is_available() ? torch::cuda::device_count() : 0;
    for (size_t i = 0; i < gpus; ++i)
        devices.push_back("cuda:" + std::to_string(i));
    return devices;
}

} // namespace ptscope
