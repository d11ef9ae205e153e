#pragma once

#include <string>

namespace ptscope {

enum class FileSignature { ZipArchive, LegacyPickle, Unknown };

struct FileCheck
{
    std::string absolutePath;
    uint64_t size = 0;
    FileSignature signature = FileSignature::Unknown;
};

// Checks that path names a readable, non-empty regular file and sniffs its first bytes, so
// obvious mistakes get a precise message before LibTorch sees the file. Throws ptscope::Error.
FileCheck precheckFile(const std::string& path);

// Throws FileNotFound, or NotAFile naming what path is instead (a folder, a FIFO, a device),
// without opening it.
void requireRegularFile(const std::string& path);

// The bytes of a regular, readable file (inputs such as .npy and .pt). Throws ptscope::Error.
std::string readRegularFile(const std::string& path);

} // namespace ptscope
