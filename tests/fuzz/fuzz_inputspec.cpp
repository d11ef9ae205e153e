// The input grammar on any text: a spec or a typed error.

#include "ptscope/common/error.h"
#include "ptscope/run/inputspec.h"

#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const std::string text(reinterpret_cast<const char*>(data), size);
    try {
        ptscope::parseInputSpec(text);
    } catch (const ptscope::Error&) {
    }
    return 0;
}
