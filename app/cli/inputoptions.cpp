#include "inputoptions.h"

#include "ptscope/run/inputspec.h"

#include <CLI/CLI.hpp>

namespace ptscope::cli {

void InputOptions::addTo(CLI::App& command)
{
    CLI::Option* input =
        command
            .add_option(
                "--input", inputs,
                "One forward argument, in order (repeat per argument): DTYPE[D0,D1,...][:FILL] with FILL "
                "randn (default), rand, zeros, ones, arange or a number; @FILE.npy, @FILE.pt or @FOLDER "
                "(one sample per file); int:N, float:X, bool:true|false, str:TEXT, none")
            ->allow_extra_args(false)
            ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
    command
        .add_option("--inputs", allInputs,
                    "@FILE.pt holding a tuple or list of every argument (or a dict by argument name); "
                    "@FOLDER of them "
                    "for a batch")
        ->excludes(input);
    command.add_option("--seed", seed, "Seed for generated inputs (torch.manual_seed)")
        ->capture_default_str();
}

RunInputs InputOptions::toRunInputs() const
{
    RunInputs run;
    for (const std::string& spec : inputs)
        run.arguments.push_back(parseInputSpec(spec));
    run.allArgumentsFile = allInputs;
    run.seed = seed;
    return run;
}

} // namespace ptscope::cli
