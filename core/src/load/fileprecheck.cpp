#include "load/fileprecheck.h"

#include "ptscope/common/error.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;

namespace ptscope {

FileCheck precheckFile(const std::string& path)
{
    if (path.empty())
        throw Error(ErrorKind::InvalidArgument, "No model file given.");

    std::error_code ec;
    const fs::file_status status = fs::status(path, ec);
    if (ec || !fs::exists(status))
        throw Error(ErrorKind::FileNotFound, "File not found: " + path);
    if (!fs::is_regular_file(status))
        throw Error(ErrorKind::NotAFile, "Not a regular file: " + path,
                    fs::is_directory(status) ? "It is a folder; choose the .pt file inside it." : "");

    FileCheck check;
    check.absolutePath = fs::absolute(path, ec).lexically_normal().string();
    if (ec)
        check.absolutePath = path;
    check.size = fs::file_size(path, ec);

    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw Error(ErrorKind::NotReadable, "Cannot read " + path + ": " + std::strerror(errno));
    if (check.size == 0)
        throw Error(ErrorKind::EmptyFile, "The file is empty: " + path,
                    "A TorchScript model is a zip archive written by torch.jit.save.");

    unsigned char magic[4] = {0, 0, 0, 0};
    in.read(reinterpret_cast<char*>(magic), sizeof magic);
    const auto got = in.gcount();
    if (got >= 4 && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3 && magic[3] == 4)
        check.signature = FileSignature::ZipArchive;
    else if (got >= 2 && magic[0] == 0x80 && magic[1] >= 2 && magic[1] <= 5)
        check.signature = FileSignature::LegacyPickle; // pickle PROTO opcode, protocols 2-5
    return check;
}

void requireRegularFile(const std::string& path)
{
    // By type, before opening: opening a FIFO blocks until someone writes to it.
    std::error_code ec;
    const fs::file_status status = fs::status(path, ec);
    if (ec || !fs::exists(status))
        throw Error(ErrorKind::FileNotFound, "File not found: " + path);
    if (fs::is_regular_file(status))
        return;
    std::string what = "not a regular file";
    if (fs::is_directory(status))
        what = "a folder";
    else if (fs::is_fifo(status))
        what = "a named pipe (FIFO)";
    else if (fs::is_character_file(status) || fs::is_block_file(status))
        what = "a device";
    else if (fs::is_socket(status))
        what = "a socket";
    throw Error(ErrorKind::NotAFile, "Not a regular file: " + path + " is " + what + ".",
                "Give a file saved on disk.");
}

std::string readRegularFile(const std::string& path)
{
    requireRegularFile(path);
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw Error(ErrorKind::NotReadable, "Cannot read " + path + ".");
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return bytes.str();
}

} // namespace ptscope
