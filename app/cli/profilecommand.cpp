#include "profilecommand.h"

#include "clicommon.h"
#include "watchdog.h"
#include "ptscope/common/error.h"
#include "ptscope/io/atomicfile.h"
#include "ptscope/load/model.h"
#include "ptscope/profile/profilejson.h"
#include "ptscope/profile/profiler.h"

#include <CLI/CLI.hpp>
#include <iostream>

namespace ptscope::cli {

ProfileCommand::ProfileCommand(CLI::App& parent, CommonOptions& common) : m_common(common)
{
    CLI::App* sub = parent.add_subcommand(
        "profile", "Time every graph node over repeated runs: where the time and memory go, node by node");
    sub->add_option("model", m_model, "TorchScript archive (.pt)")->required();
    m_inputs.addTo(*sub);
    sub->add_option("--variant", m_variant, "Graph to run node by node: inlined, frozen, optimized or as-saved")
        ->check(CLI::IsMember({"inlined", "frozen", "optimized", "as-saved"}))
        ->capture_default_str();
    sub->add_option("--warmup", m_options.warmup, "Untimed runs first")
        ->check(CLI::NonNegativeNumber)
        ->capture_default_str();
    sub->add_option("--runs", m_options.runs, "Measured executor runs")->check(CLI::PositiveNumber)->capture_default_str();
    sub->add_option("--forward-runs", m_options.forwardRuns,
                    "Plain forward runs timed between them (default: one per ten runs, at least 2)")
        ->check(CLI::NonNegativeNumber);
    sub->add_option("--timeout", m_timeout, "End with an error when the profile takes longer than SECONDS")
        ->check(CLI::NonNegativeNumber);
    sub->add_option("--threads", m_options.threads, "Intra-op threads (default: LibTorch's)")
        ->check(CLI::NonNegativeNumber);
    sub->add_flag("--train", m_options.training, "Run in training mode (inlined graph only)");
    sub->add_flag("--grad", m_options.grad, "Record gradients (default: torch.no_grad)");
    sub->add_flag("--speedup", m_options.speedup,
                  "Also time the model as saved, frozen and optimized, under each executor mode, at 1 thread "
                  "and all cores, and its first runs after a fresh load");
    sub->add_option("--csv", m_csv, "Write one row per node to FILE.csv");
    sub->add_option("--chrome-trace", m_trace, "Write a Chrome trace (Perfetto, chrome://tracing) to FILE.json");
    sub->add_option("--json-file", m_jsonFile, "Write the JSON document, with every run's timeline, to FILE");
    sub->add_option("--save-outputs", m_options.saveOutputs,
                    "Write the executor's outputs to FILE.pt (torch.load reads it)");
    addMethodOption(*sub, m_method);
    sub->add_flag("--json", m_common.json, "Print JSON instead of text");
    sub->footer(
        "Example:\n  ptscope-cli profile model.pt --input float32[1,3,224,224] --runs 20\n"
        "  ptscope-cli profile model.pt --input float32[8,3,224,224] --variant frozen --chrome-trace trace.json\n"
        "Exit status: 0, or 2 on an error.");
}

int ProfileCommand::run() const
{
    loadLibraries(m_common);
    const RunInputs inputs = m_inputs.toRunInputs();
    // A profile can take minutes: a file it cannot write is said now, not after.
    std::vector<std::string> given{m_model};
    for (const InputSource& source : inputs.arguments)
        if (source.kind == InputSource::Kind::File)
            given.push_back(source.path);
    given.push_back(inputs.allArgumentsFile);
    for (const std::string* out : {&m_csv, &m_trace, &m_jsonFile, &m_options.saveOutputs})
        if (!out->empty())
            checkOutputFile(*out, given);
    const Watchdog watchdog(m_timeout, m_common, "The profile");
    ProfileOptions options = m_options;
    options.variant = *parseGraphVariant(m_variant);
    const Model model = Model::open(m_model, loadOptions(m_common, m_method));
    const ProfileResult result = profileModel(model, inputs, options);
    if (!m_csv.empty())
        writeFileAtomically(m_csv, profileToCsv(result));
    if (!m_trace.empty())
        writeFileAtomically(m_trace, profileToChromeTrace(result));
    if (!m_jsonFile.empty())
        writeFileAtomically(m_jsonFile, profileResultToJson(result, ProfileJsonOptions{true}));
    std::cout << (m_common.json ? profileResultToJson(result) : profileResultToText(result)) << std::flush;
    return ExitOk;
}

} // namespace ptscope::cli
