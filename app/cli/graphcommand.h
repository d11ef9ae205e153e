#pragma once

#include <string>

namespace CLI {
class App;
}

namespace ptscope::cli {

struct CommonOptions;

// `ptscope-cli graph MODEL.pt [--variant V] [--format dot|svg|png|json] [--depth N|all] [-o FILE]`
class GraphCommand
{
public:
    GraphCommand(CLI::App& parent, CommonOptions& common);
    int run() const;

private:
    CommonOptions& m_common;
    std::string m_method;
    std::string m_model;
    std::string m_variant = "inlined";
    std::string m_format = "dot";
    std::string m_depth;
    std::string m_output;
    bool m_showConstants = false;
};

} // namespace ptscope::cli
