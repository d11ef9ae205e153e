// The pickle scan on any bytes: it must refuse or accept, never crash, hang or read past them.

#include "load/picklescan.h"
#include "ptscope/common/error.h"

#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const std::string bytes(reinterpret_cast<const char*>(data), size);
    try {
        ptscope::scanPickle(bytes, "data.pkl");
    } catch (const ptscope::Error&) {
    }
    return 0;
}
