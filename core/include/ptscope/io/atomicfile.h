#pragma once

#include <cstddef>
#include <string>

namespace ptscope {

// Writes to a temporary file in the same folder, then renames it over path, so readers see the
// old file or the whole new one, and a failure leaves nothing behind. Throws ptscope::Error.
void writeFileAtomically(const std::string& path, const char* data, size_t size);
inline void writeFileAtomically(const std::string& path, const std::string& data)
{
    writeFileAtomically(path, data.data(), data.size());
}

} // namespace ptscope
