#pragma once

#include "inputoptions.h"
#include "ptscope/run/runspec.h"

#include <string>

namespace CLI {
class App;
}

namespace ptscope::cli {

struct CommonOptions;

// `ptscope-cli run MODEL.pt [--input SPEC]... [--save-outputs FILE] [--json]`: runs forward in
// LibTorch and reports every output with statistics, and the time per repeat.
class RunCommand
{
public:
    RunCommand(CLI::App& parent, CommonOptions& common);
    int run() const;

private:
    CommonOptions& m_common;
    std::string m_method;
    std::string m_model;
    InputOptions m_inputs;
    RunOptions m_options;
    double m_timeout = 0;
};

} // namespace ptscope::cli
