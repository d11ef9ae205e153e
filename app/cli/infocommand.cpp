#include "infocommand.h"

#include "clicommon.h"
#include "ptscope/load/model.h"
#include "ptscope/load/modelinfoformat.h"

#include <CLI/CLI.hpp>

#include <iostream>

namespace ptscope::cli {

InfoCommand::InfoCommand(CLI::App& parent, CommonOptions& common)
    : m_common(common)
{
    CLI::App* sub = parent.add_subcommand("info", "Show what a TorchScript archive holds: modules, parameters, "
                                                  "methods, graph size");
    sub->add_option("model", m_model, "TorchScript archive (.pt)")->required();
    sub->add_flag("--json", m_common.json, "Print JSON instead of text");
    sub->footer(
        "Example:\n  ptscope-cli info model.pt\n  ptscope-cli info detector.pt --load-library /path/to/torchvision/_C.so --json\n"
        "Exit status: 0, or 2 when the file cannot be read (the message says why).");
}

int InfoCommand::run() const
{
    loadLibraries(m_common);
    const Model model = Model::open(m_model, LoadOptions{m_common.device});
    std::cout << (m_common.json ? modelInfoToJson(model.info()) : modelInfoToText(model.info()));
    return ExitOk;
}

} // namespace ptscope::cli
