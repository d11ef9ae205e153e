#pragma once

#include "inputoptions.h"
#include "ptscope/profile/profile.h"

#include <string>

namespace CLI {
class App;
}

namespace ptscope::cli {

struct CommonOptions;

// `ptscope-cli profile MODEL.pt [inputs] [--variant V] [--warmup N] [--runs M] [--threads T]
// [--json] [--csv FILE] [--chrome-trace FILE] [--save-outputs FILE.pt] [--speedup]`: times every
// graph node over repeated runs with the node executor.
class ProfileCommand
{
public:
    ProfileCommand(CLI::App& parent, CommonOptions& common);
    int run() const;

private:
    CommonOptions& m_common;
    std::string m_method;
    std::string m_model;
    InputOptions m_inputs;
    ProfileOptions m_options;
    std::string m_variant = "inlined";
    double m_timeout = 0;
    std::string m_csv;
    std::string m_trace;
    std::string m_jsonFile;
};

} // namespace ptscope::cli
