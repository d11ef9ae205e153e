#include "ptscope/run/runner.h"

#include <climits>
#include <cstdlib>
#include <dlfcn.h>
#include <mutex>

namespace ptscope {

void configureBlasThreads()
{
    static std::once_flag once;
    std::call_once(once, [] {
        // OpenBLAS reads OPENBLAS_NUM_THREADS once, when it loads (before main), so the only way
        // to change it from here is its own setter. A user's explicit setting wins.
        if (std::getenv("OPENBLAS_NUM_THREADS"))
            return;
        using SetThreads = void (*)(int);
        for (const char* name : {"openblas_set_num_threads", "goto_set_num_threads"}) {
            if (auto set = reinterpret_cast<SetThreads>(dlsym(RTLD_DEFAULT, name))) {
                set(1);
                return;
            }
        }
    });
}

std::string blasDescription()
{
    // The library LibTorch's sgemm_ calls resolves to; with the reference BLAS preloaded,
    // OpenBLAS may still be loaded (for LAPACK) without doing the matrix products.
    Dl_info where{};
    void* gemm = dlsym(RTLD_DEFAULT, "sgemm_");
    if (!gemm || !dladdr(gemm, &where) || !where.dli_fname)
        return "unknown BLAS";
    // Debian's alternatives make libblas.so.3 a link; its target names the implementation.
    char resolved[PATH_MAX];
    const std::string library = realpath(where.dli_fname, resolved) ? resolved : where.dli_fname;
    using GetConfig = char* (*)();
    using GetThreads = int (*)();
    auto config = reinterpret_cast<GetConfig>(dlsym(RTLD_DEFAULT, "openblas_get_config"));
    auto threads = reinterpret_cast<GetThreads>(dlsym(RTLD_DEFAULT, "openblas_get_num_threads"));
    if (library.find("openblas") == std::string::npos || !config)
        return library;
    std::string text = config();
    if (threads)
        text += ", " + std::to_string(threads()) + " thread" + (threads() == 1 ? "" : "s");
    return text;
}

} // namespace ptscope
