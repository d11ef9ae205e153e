#include "ptscope/load/operatorlibrary.h"

#include <filesystem>

namespace fs = std::filesystem;

namespace ptscope {

// Apart from loadOperatorLibrary: the window lists these without loading anything itself.
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
