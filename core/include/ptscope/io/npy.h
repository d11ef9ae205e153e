#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace ptscope {

// A NumPy array as .npy files hold it, without torch: the GUI reads output files with it too.
struct NpyArray
{
    std::string dtype;          // numpy name: "float32", "int64", "bool", "complex64", "uint16", ...
    std::vector<int64_t> shape; // empty: 0-d
    std::vector<char> data;     // C order, little-endian

    int64_t numel() const;
    size_t itemSize() const;
};

// Element size in bytes of a numpy dtype name; 0 when .npy support does not know it.
size_t npyItemSize(const std::string& dtype);

// Reads .npy versions 1 to 3: numeric dtypes and bool, either byte order (big-endian data is
// swapped). Refuses Fortran order, object and structured arrays, strings, truncated files.
// Throws ptscope::Error (FileNotFound, NotReadable, InvalidInput).
NpyArray readNpy(const std::string& path);
NpyArray parseNpy(const std::string& bytes, const std::string& nameForMessages);

// Writes a version 1.0 file through a temporary file and a rename. Throws ptscope::Error (WriteFailed).
void writeNpy(const std::string& path, const NpyArray& array);
std::string serializeNpy(const NpyArray& array);

} // namespace ptscope
