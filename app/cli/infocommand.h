#pragma once

#include <string>

namespace CLI {
class App;
}

namespace ptscope::cli {

struct CommonOptions;

// `ptscope-cli info MODEL.pt [--json]`: what is inside a TorchScript archive.
class InfoCommand
{
public:
    InfoCommand(CLI::App& parent, CommonOptions& common);
    int run() const;

private:
    CommonOptions& m_common;
    std::string m_model;
};

} // namespace ptscope::cli
