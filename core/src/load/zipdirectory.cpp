#include "load/zipdirectory.h"

#include "ptscope/common/error.h"

#include <algorithm>
#include <fcntl.h>
#include <unistd.h>
#include <zlib.h>

namespace ptscope {

namespace {

constexpr uint32_t kEndOfDirectory = 0x06054b50;
constexpr uint32_t kZip64Locator = 0x07064b50;
constexpr uint32_t kZip64End = 0x06064b50;
constexpr uint32_t kDirectoryEntry = 0x02014b50;
constexpr uint32_t kLocalHeader = 0x04034b50;

// Reads what is asked with pread: the directory check never holds the whole file in memory.
class Bytes
{
public:
    Bytes(int fd, uint64_t size, const std::string& path) : m_fd(fd), m_size(size), m_path(path) {}

    uint64_t get(uint64_t at, int width) const
    {
        const std::string raw = text(at, static_cast<uint64_t>(width), "a zip structure runs past the end of the file");
        uint64_t value = 0;
        for (int i = width - 1; i >= 0; --i)
            value = (value << 8) | static_cast<unsigned char>(raw[static_cast<size_t>(i)]);
        return value;
    }
    std::string text(uint64_t at, uint64_t length, const char* what = "a record name runs past the end of the file") const
    {
        if (at > m_size || m_size - at < length)
            fail(what, at);
        std::string out(static_cast<size_t>(length), '\0');
        size_t done = 0;
        while (done < out.size()) {
            const ssize_t n = pread(m_fd, out.data() + done, out.size() - done, static_cast<off_t>(at + done));
            if (n <= 0)
                throw Error(ErrorKind::NotReadable, "Cannot read " + m_path + ".");
            done += static_cast<size_t>(n);
        }
        return out;
    }
    uint64_t size() const { return m_size; }
    [[noreturn]] void fail(const std::string& what, uint64_t at) const
    {
        throw Error(ErrorKind::CorruptArchive, "The archive is damaged: " + what + " (at byte " + std::to_string(at) + ").",
                    "Its zip directory does not describe the file: " + m_path);
    }

private:
    int m_fd;
    uint64_t m_size;
    const std::string& m_path;
};

// The zip64 extra field replaces the 32-bit fields that are all ones, in this order.
void readZip64Extra(const Bytes& b, uint64_t extra, uint64_t length, ZipEntry& e, bool sizeMax, bool compressedMax,
                    bool offsetMax)
{
    const uint64_t end = extra + length;
    while (extra + 4 <= end) {
        const uint64_t id = b.get(extra, 2);
        const uint64_t size = b.get(extra + 2, 2);
        if (extra + 4 + size > end)
            b.fail("an extra field runs past its entry", extra);
        if (id == 1) {
            uint64_t at = extra + 4;
            auto next = [&](uint64_t& field) {
                if (at + 8 > extra + 4 + size)
                    b.fail("a zip64 field is too short", extra);
                field = b.get(at, 8);
                at += 8;
            };
            if (sizeMax)
                next(e.size);
            if (compressedMax)
                next(e.compressedSize);
            if (offsetMax)
                next(e.headerOffset);
            return;
        }
        extra += 4 + size;
    }
}

} // namespace

std::vector<ZipEntry> ZipFile::readDirectory() const
{
    const Bytes b(m_fd, m_size, m_path);
    const uint64_t fileSize = m_size;
    if (fileSize < 22)
        b.fail("the file is too short to be a zip archive", 0);
    // The end record is the last 22 bytes, or earlier by a comment of at most 64 KiB.
    const uint64_t lowest = fileSize > 22 + 65535 ? fileSize - 22 - 65535 : 0;
    const std::string tail = b.text(lowest, fileSize - lowest);
    uint64_t end = fileSize - 22;
    auto endAt = [&](uint64_t at) {
        const size_t i = static_cast<size_t>(at - lowest);
        return static_cast<unsigned char>(tail[i]) == 0x50 && tail[i + 1] == 0x4b && tail[i + 2] == 0x05 && tail[i + 3] == 0x06;
    };
    while (!endAt(end)) {
        if (end == lowest)
            b.fail("no end of central directory record", fileSize);
        --end;
    }
    uint64_t count = b.get(end + 10, 2);
    uint64_t directorySize = b.get(end + 12, 4);
    uint64_t directory = b.get(end + 16, 4);
    if ((count == 0xffff || directory == 0xffffffff || directorySize == 0xffffffff) && end >= 20 &&
        b.get(end - 20, 4) == kZip64Locator) {
        const uint64_t zip64 = b.get(end - 20 + 8, 8);
        if (b.get(zip64, 4) != kZip64End)
            b.fail("a damaged zip64 end record", zip64);
        count = b.get(zip64 + 32, 8);
        directorySize = b.get(zip64 + 40, 8);
        directory = b.get(zip64 + 48, 8);
    }
    if (directory > fileSize || directorySize > fileSize - directory)
        b.fail("the central directory lies outside the file", directory);
    // Each entry takes at least 46 bytes: a count beyond that is a lie.
    if (count > directorySize / 46)
        b.fail("the directory claims more records than it can hold", end);

    std::vector<ZipEntry> entries;
    entries.reserve(static_cast<size_t>(count));
    uint64_t at = directory;
    for (uint64_t i = 0; i < count; ++i) {
        if (b.get(at, 4) != kDirectoryEntry)
            b.fail("a damaged central directory entry", at);
        ZipEntry e;
        e.method = static_cast<uint16_t>(b.get(at + 10, 2));
        e.crc = static_cast<uint32_t>(b.get(at + 16, 4));
        e.compressedSize = b.get(at + 20, 4);
        e.size = b.get(at + 24, 4);
        const uint64_t nameLength = b.get(at + 28, 2);
        const uint64_t extraLength = b.get(at + 30, 2);
        const uint64_t commentLength = b.get(at + 32, 2);
        e.headerOffset = b.get(at + 42, 4);
        e.name = b.text(at + 46, nameLength);
        readZip64Extra(b, at + 46 + nameLength, extraLength, e, e.size == 0xffffffff, e.compressedSize == 0xffffffff,
                       e.headerOffset == 0xffffffff);
        at += 46 + nameLength + extraLength + commentLength;

        if (b.get(e.headerOffset, 4) != kLocalHeader)
            b.fail("the record " + e.name + " has no local header where the directory says", e.headerOffset);
        const uint64_t localName = b.get(e.headerOffset + 26, 2);
        const uint64_t localExtra = b.get(e.headerOffset + 28, 2);
        if (b.text(e.headerOffset + 30, localName) != e.name)
            b.fail("the record " + e.name + " has another name in its local header", e.headerOffset);
        e.dataOffset = e.headerOffset + 30 + localName + localExtra;
        if (e.dataOffset > fileSize || e.compressedSize > fileSize - e.dataOffset)
            b.fail("the record " + e.name + " runs past the end of the file", e.dataOffset);
        if (e.method == 0 && e.size != e.compressedSize)
            b.fail("the stored record " + e.name + " has two different sizes", e.headerOffset);
        if (e.method != 0 && e.method != 8)
            b.fail("the record " + e.name + " uses compression method " + std::to_string(e.method), e.headerOffset);
        entries.push_back(std::move(e));
    }
    return entries;
}

ZipFile::ZipFile(const std::string& path) : m_path(path)
{
    m_fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (m_fd < 0)
        throw Error(ErrorKind::NotReadable, "Cannot open " + path + ".");
    const off_t size = lseek(m_fd, 0, SEEK_END);
    if (size < 0) {
        ::close(m_fd);
        throw Error(ErrorKind::NotReadable, "Cannot read " + path + ".");
    }
    m_size = static_cast<uint64_t>(size);
}

ZipFile::~ZipFile()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

std::string ZipFile::read(const ZipEntry& entry, uint64_t limit) const
{
    const Bytes b(m_fd, m_size, m_path);
    if (entry.size > limit)
        b.fail("the record " + entry.name + " is larger than ptscope reads (" + std::to_string(entry.size) + " bytes)",
               entry.headerOffset);
    const std::string raw = b.text(entry.dataOffset, entry.compressedSize);
    std::string out;
    if (entry.method == 0) {
        out = raw;
    } else {
        out.resize(static_cast<size_t>(entry.size));
        z_stream z{};
        if (inflateInit2(&z, -MAX_WBITS) != Z_OK)
            throw Error(ErrorKind::OutOfMemory, "Could not inflate " + entry.name + ".");
        z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(raw.data()));
        z.avail_in = static_cast<uInt>(raw.size());
        z.next_out = reinterpret_cast<Bytef*>(out.data());
        z.avail_out = static_cast<uInt>(out.size());
        const int status = inflate(&z, Z_FINISH);
        const uint64_t produced = z.total_out;
        inflateEnd(&z);
        // Exactly the stated size: more is a bomb the directory understates, less a damaged stream.
        if (status != Z_STREAM_END || produced != entry.size)
            b.fail("the compressed record " + entry.name + " does not inflate to its stated size", entry.dataOffset);
    }
    const uint32_t crc = static_cast<uint32_t>(crc32(0L, reinterpret_cast<const Bytef*>(out.data()), static_cast<uInt>(out.size())));
    if (crc != entry.crc)
        b.fail("the record " + entry.name + " fails its checksum", entry.dataOffset);
    return out;
}

} // namespace ptscope
