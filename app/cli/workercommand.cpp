#include "workercommand.h"

#include "clicommon.h"
#include "ptscope/run/runner.h"
#include "ptscope/worker/worker.h"

#include <CLI/CLI.hpp>
#include <csignal>
#include <ext/stdio_filebuf.h>
#include <iostream>
#include <unistd.h>

namespace ptscope::cli {

WorkerCommand::WorkerCommand(CLI::App& parent, CommonOptions& common) : m_common(common)
{
    parent.add_subcommand(
        "worker", "Serve JSON-line requests on stdin/stdout (for the GUI; see docs/worker-protocol.md)");
}

int WorkerCommand::run() const
{
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
