// The pickle scan and the rewrite for LibTorch on any bytes: they must refuse or accept, never
// crash, hang or read past them. What the rewrite makes is scanned again before LibTorch reads it
// (as readPtFile does): a malformed pickle rewritten into another malformed one is refused there.

#include "io/picklerewrite.h"
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
    if (const auto rewritten = ptscope::rewritePickleForLibTorch(bytes)) {
        try {
            ptscope::scanPickle(*rewritten, "data.pkl");
        } catch (const ptscope::Error&) {
        }
    }
    return 0;
}
