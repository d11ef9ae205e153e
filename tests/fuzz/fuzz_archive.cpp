// The archive checks on any bytes as a file: the zip directory, every pickle and code record.
// The file lives in memory (memfd), read through its /proc path as ptscope reads files.

#include "load/archivecheck.h"
#include "ptscope/common/error.h"

#include <cstdint>
#include <string>
#include <sys/mman.h>
#include <unistd.h>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    static const int fd = memfd_create("ptscope-fuzz", 0);
    if (fd < 0 || ftruncate(fd, 0) != 0 || pwrite(fd, data, size, 0) != static_cast<ssize_t>(size))
        return 0;
    ptscope::ArchiveCheckLimits limits;
    limits.memoryBytes = 1ull << 30; // what the records may add up to
    limits.maxPickleBytes = 16u << 20;
    limits.maxCodeBytes = 16u << 20;
    try {
        ptscope::checkArchive("/proc/self/fd/" + std::to_string(fd), limits);
    } catch (const ptscope::Error&) {
    }
    return 0;
}
