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

std::vector<std::string> operatorLibraryCandidates(const std::string& ns)
{
    // Where Debian's python3-torchvision / python3-torchaudio put their C++ operators.
    static const char* const roots[] = {"/usr/lib/python3/dist-packages", "/usr/local/lib/python3/dist-packages"};
    std::vector<std::string> found;
    for (const char* root : roots) {
        std::error_code ec;
        if (ns == "torchvision") {
            const fs::path dir = fs::path(root) / "torchvision";
            for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
                const std::string name = it->path().filename().string();
                if (name.rfind("_C", 0) == 0 && name.find(".so") != std::string::npos)
                    found.push_back(it->path().string());
            }
        } else if (ns == "torchaudio") {
            const fs::path lib = fs::path(root) / "torchaudio" / "lib" / "libtorchaudio.so";
            if (fs::exists(lib, ec))
                found.push_back(lib.string());
        }
    }
    return found;
}

} // namespace ptscope
