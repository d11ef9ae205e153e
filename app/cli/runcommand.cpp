#include "runcommand.h"

#include "clicommon.h"
#include "watchdog.h"
#include "ptscope/load/model.h"
#include "ptscope/run/runjson.h"
#include "ptscope/run/runner.h"

#include <CLI/CLI.hpp>
#include <iostream>

namespace ptscope::cli {

RunCommand::RunCommand(CLI::App& parent, CommonOptions& common) : m_common(common)
{
    CLI::App* sub =
        parent.add_subcommand("run", "Run forward on given or generated inputs and report every output");
    sub->add_option("model", m_model, "TorchScript archive (.pt)")->required();
    m_inputs.addTo(*sub);
    sub->add_option("--repeat", m_options.repeat, "Timed runs; outputs come from the last")
        ->check(CLI::PositiveNumber)
        ->capture_default_str();
    sub->add_option("--warmup", m_options.warmup,
                    "Untimed runs first (default: 2 with --repeat above 1, else 0)")
        ->check(CLI::NonNegativeNumber);
    sub->add_option("--timeout", m_timeout, "End with an error when the run takes longer than SECONDS")
        ->check(CLI::NonNegativeNumber);
    sub->add_option("--threads", m_options.threads, "Intra-op threads (default: LibTorch's)")
        ->check(CLI::NonNegativeNumber);
    sub->add_flag("--train", m_options.training, "Run in training mode (default: eval)");
    sub->add_flag("--grad", m_options.grad, "Record gradients (default: torch.no_grad)");
    sub->add_option("--save-outputs", m_options.saveOutputs,
                    "Write forward's return value to FILE.pt (torch.load reads it)");
    sub->add_option("--save-npy", m_options.outputFolder, "Write each output tensor to FOLDER as .npy");
    addMethodOption(*sub, m_method);
    sub->add_flag("--json", m_common.json, "Print JSON instead of text");
    sub->footer(
        "Example:\n  ptscope-cli run model.pt --input float32[1,3,224,224] --repeat 10\n"
        "  ptscope-cli run model.pt --inputs @inputs.pt --save-outputs outputs.pt --json\n"
        "  ptscope-cli run lstm.pt --method forward__0 --input float32[5,1,10]\n"
        "Exit status: 0, or 2 on an error (the message says which input or line).");
}

int RunCommand::run() const
{
    loadLibraries(m_common);
    const RunInputs inputs = m_inputs.toRunInputs();
    const Watchdog watchdog(m_timeout, m_common, "The run");
    const Model model = Model::open(m_model, loadOptions(m_common, m_method));
    const RunResult result = runModel(model, inputs, m_options);
    std::cout << (m_common.json ? runResultToJson(result) : runResultToText(result)) << std::flush;
    return ExitOk;
}

} // namespace ptscope::cli
