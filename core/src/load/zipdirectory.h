#pragma once

// Internal to core: a zip archive's central directory, read by ptscope itself before LibTorch
// (whose reader trusts what the directory says) sees the file.

#include <cstdint>
#include <string>
#include <vector>

namespace ptscope {

struct ZipEntry
{
    std::string name;
    uint16_t method = 0; // 0 stored, 8 deflated
    uint32_t crc = 0;
    uint64_t compressedSize = 0;
    uint64_t size = 0;       // inflated
    uint64_t headerOffset = 0;
    uint64_t dataOffset = 0; // where the record's bytes start in the file
};

// A zip file read with pread, never whole. Throws ptscope::Error: NotReadable, or CorruptArchive
// naming the record and byte offset of what is wrong.
class ZipFile
{
public:
    explicit ZipFile(const std::string& path);
    ~ZipFile();
    ZipFile(const ZipFile&) = delete;
    ZipFile& operator=(const ZipFile&) = delete;

    uint64_t size() const { return m_size; }
    // The directory, checked: every record inside the file, its local header agreeing with the
    // directory, stored records their stated size, only stored or deflated records.
    std::vector<ZipEntry> readDirectory() const;
    // A record's bytes, inflated to exactly its stated size (a directory understating it is a
    // bomb), checked against its CRC; refused when larger than limit.
    std::string read(const ZipEntry& entry, uint64_t limit) const;

private:
    std::string m_path;
    int m_fd = -1;
    uint64_t m_size = 0;
};

} // namespace ptscope
