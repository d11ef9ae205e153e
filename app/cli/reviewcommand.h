#pragma once

#include "inputoptions.h"

#include <string>

namespace CLI {
class App;
class Option;
}

namespace ptscope::cli {

struct CommonOptions;

// `ptscope-cli review A.pt B.pt [--profile [inputs] [--runs|--repeats N]] [--json]`: what changed between
// two versions of a model. Exit 0 when identical, 1 when they differ, 2 on error.
class ReviewCommand
{
public:
    ReviewCommand(CLI::App& parent, CommonOptions& common);
    int run() const;

private:
    CommonOptions& m_common;
    std::string m_method;
    std::string m_modelA, m_modelB;
    bool m_profile = false;
    InputOptions m_inputs;
    int m_runs = 10;
    CLI::Option* m_runsOption = nullptr; // to tell --runs given from its default
    double m_timeout = 0;
};

} // namespace ptscope::cli
