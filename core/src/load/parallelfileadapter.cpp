#include "load/parallelfileadapter.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <system_error>
#include <thread>

namespace ptscope {

namespace {

// Below this a second thread costs more than it saves (starting one is ~50 us; copying 1 MiB
// from the page cache into fresh memory ~1 ms).
constexpr size_t kSplitBytes = size_t(1) << 20;

// Bytes read from pos into buf, stopping early only at the end of the file or on an error.
size_t readFully(int fd, uint64_t pos, char* buf, size_t n)
{
    size_t done = 0;
    while (done < n) {
        const ssize_t got = ::pread(fd, buf + done, n - done, static_cast<off_t>(pos + done));
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            break;
        done += static_cast<size_t>(got);
    }
    return done;
}

bool twoCores()
{
    static const bool two = std::thread::hardware_concurrency() >= 2;
    return two;
}

} // namespace

ParallelFileAdapter::ParallelFileAdapter(const std::string& path)
{
    m_fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    struct stat st{};
    if (m_fd < 0 || ::fstat(m_fd, &st) != 0) {
        const int error = errno;
        if (m_fd >= 0)
            ::close(m_fd);
        throw std::runtime_error("open file failed because of errno " + std::to_string(error) + " on open: " +
                                 std::strerror(error) + ", file path: " + path);
    }
    m_size = static_cast<size_t>(st.st_size);
}

ParallelFileAdapter::~ParallelFileAdapter()
{
    ::close(m_fd);
}

size_t ParallelFileAdapter::read(uint64_t pos, void* buf, size_t n, const char*) const
{
    char* out = static_cast<char*>(buf);
    if (n < kSplitBytes || !twoCores())
        return readFully(m_fd, pos, out, n);
    const size_t half = n / 2;
    size_t second = 0;
    std::thread helper;
    try {
        helper = std::thread([&] { second = readFully(m_fd, pos + half, out + half, n - half); });
    } catch (const std::system_error&) {
        return readFully(m_fd, pos, out, n); // no thread to be had: read it alone
    }
    const size_t first = readFully(m_fd, pos, out, half);
    helper.join();
    return first < half ? first : half + second;
}

} // namespace ptscope
