#pragma once

namespace CLI {
class App;
}

namespace ptscope::cli {

struct CommonOptions;

// `ptscope-cli worker`: the process the GUI runs models in (docs/worker-protocol.md), so a model
// that crashes, exhausts memory or never returns cannot take the window down.
class WorkerCommand
{
public:
    WorkerCommand(CLI::App& parent, CommonOptions& common);
    int run() const;

private:
    CommonOptions& m_common;
    long long m_memoryLimitMiB = -1; // -1: three quarters of the machine's memory; 0: none
};

} // namespace ptscope::cli
