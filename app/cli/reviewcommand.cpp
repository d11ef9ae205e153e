#include "reviewcommand.h"

#include "clicommon.h"
#include "ptscope/common/error.h"
#include "ptscope/compare/reviewer.h"
#include "ptscope/compare/reviewtimings.h"
#include "ptscope/load/model.h"
#include "ptscope/profile/profiler.h"
#include "watchdog.h"

#include <CLI/CLI.hpp>
#include <iostream>

namespace ptscope::cli {

ReviewCommand::ReviewCommand(CLI::App& parent, CommonOptions& common) : m_common(common)
{
    CLI::App* sub = parent.add_subcommand(
        "review", "What changed between two versions of a model: modules, parameters, op counts, code, timings");
    sub->add_option("model_a", m_modelA, "The first version (.pt)")->required();
    sub->add_option("model_b", m_modelB, "The second version (.pt)")->required();
    sub->add_flag("--profile", m_profile,
                  "Also profile both on the same inputs and list the aligned nodes whose times differ most");
    m_inputs.addTo(*sub);
    m_runsOption = sub->add_option("--runs,--repeats", m_runs, "Measured runs per model with --profile")
                       ->check(CLI::PositiveNumber)
                       ->capture_default_str();
    sub->add_option("--timeout", m_timeout, "End with an error when the review takes longer than SECONDS")
        ->check(CLI::NonNegativeNumber);
    addMethodOption(*sub, m_method);
    sub->add_flag("--json", m_common.json, "Print JSON instead of text");
    sub->footer("Example:\n  ptscope-cli review model_v1.pt model_v2.pt\n"
                "  ptscope-cli review model_v1.pt model_v2.pt --profile --input float32[1,3,224,224] --json\n"
                "Exit status: 0 when the two are identical, 1 when something changed, 2 on error.");
}

int ReviewCommand::run() const
{
    // Inputs only matter to the timings: given without --profile they would be silently unused.
    const bool runsGiven = m_runsOption && m_runsOption->count() > 0;
    if (!m_profile && (!m_inputs.inputs.empty() || !m_inputs.allInputs.empty() || runsGiven))
        throw Error(ErrorKind::InvalidArgument, "--input, --inputs and --runs belong to --profile.",
                    "Add --profile to time both versions on those inputs.");
    loadLibraries(m_common);
    const RunInputs inputs = m_inputs.toRunInputs();
    const Watchdog watchdog(m_timeout, m_common, "The review");
    const Model a = Model::open(m_modelA, loadOptions(m_common, m_method));
    const Model b = Model::open(m_modelB, loadOptions(m_common, m_method));
    Review review = reviewModels(a, b);
    if (m_profile) {
        ProfileOptions options;
        options.runs = m_runs;
        const ProfileResult pa = profileModel(a, inputs, options);
        const ProfileResult pb = profileModel(b, inputs, options);
        addTimingChanges(review, pa, pb);
    }
    std::cout << (m_common.json ? reviewToJson(review) : reviewToText(review)) << std::flush;
    return review.identical() ? ExitOk : ExitCheckFailed;
}

} // namespace ptscope::cli
