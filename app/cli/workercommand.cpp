#include "workercommand.h"

#include "clicommon.h"
#include "ptscope/run/runner.h"
#include "ptscope/worker/worker.h"

#include <CLI/CLI.hpp>
#include <csignal>
#include <ext/stdio_filebuf.h>
#include <iostream>
#include <sys/resource.h>
#include <unistd.h>

namespace ptscope::cli {

WorkerCommand::WorkerCommand(CLI::App& parent, CommonOptions& common) : m_common(common)
{
    CLI::App* sub = parent.add_subcommand(
        "worker", "Serve JSON-line requests on stdin/stdout (for the GUI; see docs/worker-protocol.md)");
    sub->add_option("--memory-limit", m_memoryLimitMiB,
                    "Address space the worker may use, in MiB (default: three quarters of this machine's memory; "
                    "0: no limit). Beyond it allocations fail and the request ends as out of memory.")
        ->check(CLI::Range(-1LL, 1LL << 40));
    sub->footer(
        "Example (the window starts it; the protocol is docs/worker-protocol.md):\n"
        "  echo '{\"id\": 1, \"cmd\": \"ping\"}' | ptscope-cli worker");
}

namespace {

// Under the limit, an allocation LibTorch makes for a huge input fails (and the request ends with
// out-of-memory) instead of the kernel's OOM killer choosing a process, maybe the desktop's.
void applyMemoryLimit(long long mib)
{
#if defined(__SANITIZE_ADDRESS__)
    // AddressSanitizer reserves terabytes of address space for its shadow memory.
    (void)mib;
    return;
#endif
    rlim_t bytes = 0;
    if (mib < 0) {
        const long pages = sysconf(_SC_PHYS_PAGES);
        const long pageSize = sysconf(_SC_PAGESIZE);
        if (pages <= 0 || pageSize <= 0)
            return;
        bytes = static_cast<rlim_t>(pages) * static_cast<rlim_t>(pageSize) / 4 * 3;
    } else if (mib > 0) {
        bytes = static_cast<rlim_t>(mib) << 20;
    } else {
        return;
    }
    rlimit limit{};
    if (getrlimit(RLIMIT_AS, &limit) == 0 && limit.rlim_max != RLIM_INFINITY && limit.rlim_max < bytes)
        bytes = limit.rlim_max;
    limit.rlim_cur = bytes;
    if (setrlimit(RLIMIT_AS, &limit) != 0)
        std::cerr << "ptscope-cli worker: cannot set the memory limit\n";
}

} // namespace

int WorkerCommand::run() const
{
    applyMemoryLimit(m_memoryLimitMiB);
    loadLibraries(m_common);
    configureBlasThreads();
    // The protocol keeps the real stdout to itself. Anything else writing to stdout (TorchScript's
    // print(), a custom op's printf) goes to stderr, where it cannot break a reply line.
    std::cout.flush();
    const int protocolFd = dup(STDOUT_FILENO);
    if (protocolFd < 0 || dup2(STDERR_FILENO, STDOUT_FILENO) < 0) {
        std::cerr << "ptscope-cli worker: cannot set up stdout\n";
        return ExitError;
    }
    // A client that went away must not kill the worker mid-write; the end of stdin stops it.
    std::signal(SIGPIPE, SIG_IGN);
    __gnu_cxx::stdio_filebuf<char> buffer(protocolFd, std::ios::out);
    std::ostream protocol(&buffer);
    return serveWorker(std::cin, protocol);
}

} // namespace ptscope::cli
