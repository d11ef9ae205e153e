// The .npy reader on any bytes: a typed error or an array whose data is as big as it says.

#include "ptscope/common/error.h"
#include "ptscope/io/npy.h"

#include <cstdint>
#include <cstdlib>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const std::string bytes(reinterpret_cast<const char*>(data), size);
    try {
        const ptscope::NpyArray array = ptscope::parseNpy(bytes, "input.npy");
        if (array.data.size() != static_cast<size_t>(array.numel()) * array.itemSize())
            std::abort();
    } catch (const ptscope::Error&) {
    }
    return 0;
}
