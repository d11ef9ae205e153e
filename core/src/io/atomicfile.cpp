#include "io/atomicfile.h"

#include "ptscope/common/error.h"

#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

namespace fs = std::filesystem;

namespace ptscope {

namespace {

Error writeError(const std::string& path, int error)
{
    return Error(ErrorKind::WriteFailed, "Cannot write " + path + ": " + std::strerror(error) + ".");
}

} // namespace

void writeFileAtomically(const std::string& path, const char* data, size_t size)
{
    static std::atomic<unsigned> counter{0};
    const fs::path target(path);
    if (target.filename().empty())
        throw Error(ErrorKind::WriteFailed, "Cannot write " + path + ": it names a folder.");
    // Same folder as the target: rename() is atomic only within one file system.
    const fs::path temp = target.parent_path() / ("." + target.filename().string() + ".tmp-" + std::to_string(getpid()) +
                                                  "-" + std::to_string(counter++));
    FILE* file = std::fopen(temp.c_str(), "wb");
    if (!file)
        throw writeError(path, errno);
    const bool written = size == 0 || std::fwrite(data, 1, size, file) == size;
    const int writeErrno = errno;
    const bool closed = std::fclose(file) == 0;
    if (!written || !closed) {
        std::remove(temp.c_str());
        throw writeError(path, written ? errno : writeErrno);
    }
    if (std::rename(temp.c_str(), target.c_str()) != 0) {
        const int renameErrno = errno;
        std::remove(temp.c_str());
        throw writeError(path, renameErrno);
    }
}

} // namespace ptscope
