#include "ptscope/load/operatorlibrary.h"

#include "ptscope/common/error.h"

#include <dlfcn.h>

#include <algorithm>
#include <filesystem>
#include <mutex>

namespace fs = std::filesystem;

namespace ptscope {

namespace {

std::mutex s_mutex;
std::vector<std::string> s_loaded;

} // namespace

void loadOperatorLibrary(const std::string& path)
{
    std::error_code ec;
    if (!fs::is_regular_file(path, ec))
        throw Error(ErrorKind::LibraryLoadFailed, "Operator library not found: " + path);
    const std::string canonical = fs::canonical(path, ec).string();
    std::lock_guard<std::mutex> lock(s_mutex);
    if (std::find(s_loaded.begin(), s_loaded.end(), canonical) != s_loaded.end())
        return;
    // RTLD_GLOBAL: the library's static initialisers register its operators with LibTorch's
    // global registry, and other libraries may resolve symbols against it.
    if (!dlopen(canonical.c_str(), RTLD_NOW | RTLD_GLOBAL)) {
        const char* why = dlerror();
        throw Error(ErrorKind::LibraryLoadFailed, "Cannot load operator library " + path,
                    why ? std::string(why) : std::string());
    }
    s_loaded.push_back(canonical);
}

std::vector<std::string> loadedOperatorLibraries()
{
    std::lock_guard<std::mutex> lock(s_mutex);
    return s_loaded;
}

} // namespace ptscope
