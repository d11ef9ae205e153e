#include "diffcommand.h"

#include "clicommon.h"
#include "ptscope/common/error.h"
#include "ptscope/compare/comparereport.h"
#include "ptscope/compare/comparison.h"
#include "ptscope/load/model.h"
#include "watchdog.h"

#include <CLI/CLI.hpp>
#include <cmath>
#include <iostream>
#include <optional>

namespace ptscope::cli {

namespace {

double parseTolerance(const std::string& text, const std::string& whole)
{
    try {
        size_t used = 0;
        const double value = std::stod(text, &used);
        if (used == text.size() && std::isfinite(value) && value >= 0)
            return value;
    } catch (const std::exception&) {
    }
    throw Error(ErrorKind::InvalidArgument, "Cannot read the tolerance \"" + whole + "\".",
                "Write PATH=ATOL or PATH=ATOL,RTOL with non-negative numbers, e.g. boxes=1e-3,1e-4.");
}

} // namespace

void parsePathTolerance(const std::string& text, Tolerances& tolerances)
{
    const size_t equals = text.rfind('=');
    if (equals == std::string::npos || equals == 0)
        throw Error(ErrorKind::InvalidArgument, "Cannot read the tolerance \"" + text + "\".",
                    "Write PATH=ATOL or PATH=ATOL,RTOL, e.g. boxes=1e-3,1e-4.");
    const std::string path = text.substr(0, equals);
    const std::string numbers = text.substr(equals + 1);
    Tolerance t = tolerances.defaults;
    const size_t comma = numbers.find(',');
    t.atol = parseTolerance(numbers.substr(0, comma), text);
    if (comma != std::string::npos)
        t.rtol = parseTolerance(numbers.substr(comma + 1), text);
    tolerances.byPath[path] = t;
}

DimensionRange parseDimensionRange(const std::string& text)
{
    const size_t colon = text.rfind(':');
    const size_t equals = text.find('=', colon == std::string::npos ? 0 : colon);
    const size_t dots = text.find("..", equals == std::string::npos ? 0 : equals);
    const auto refuse = [&]() {
        return Error(ErrorKind::InvalidArgument, "Cannot read the range \"" + text + "\".",
                     "Write ARGUMENT:DIM=MIN..MAX, e.g. x:0=1..8 for a batch of 1 to 8 (ARGUMENT is a name "
                     "or a position).");
    };
    if (colon == std::string::npos || colon == 0 || equals == std::string::npos || dots == std::string::npos)
        throw refuse();
    DimensionRange r;
    r.argument = text.substr(0, colon);
    try {
        size_t used = 0;
        const std::string dim = text.substr(colon + 1, equals - colon - 1);
        r.dim = std::stoi(dim, &used);
        if (used != dim.size())
            throw refuse();
        const std::string min = text.substr(equals + 1, dots - equals - 1);
        r.min = std::stoll(min, &used);
        if (used != min.size())
            throw refuse();
        const std::string max = text.substr(dots + 2);
        r.max = std::stoll(max, &used);
        if (used != max.size())
            throw refuse();
    } catch (const std::logic_error&) {
        throw refuse();
    }
    if (r.dim < 0 || r.min < 1 || r.max < r.min)
        throw Error(ErrorKind::InvalidArgument, "The range \"" + text + "\" is empty.",
                    "Give a dimension of 0 or more and sizes with 1 <= MIN <= MAX.");
    return r;
}

DiffCommand::DiffCommand(CLI::App& parent, CommonOptions& common) : m_common(common)
{
    CLI::App* sub = parent.add_subcommand(
        "diff",
        "Run two models (or one, against saved outputs) on the same inputs and compare their outputs");
    sub->add_option("model_a", m_modelA, "TorchScript archive (.pt)")->required();
    CLI::Option* b = sub->add_option("model_b", m_modelB, "The TorchScript archive to compare it with");
    sub->add_option(
           "--reference", m_options.reference,
           "Outputs to compare with instead of a second model: a .pt from torch.save or a .npy, or a "
           "folder of them named as the files of a folder of inputs")
        ->excludes(b);
    m_inputs.addTo(*sub);
    sub->add_option("--trials", m_options.trials,
                    "Compare on N generated inputs (seeds SEED, SEED+1, ...); report the worst")
        ->check(CLI::PositiveNumber)
        ->capture_default_str();
    sub->add_option("--atol", m_options.tolerances.defaults.atol,
                    "Absolute tolerance: |a - b| <= atol + rtol * |b|")
        ->check(CLI::NonNegativeNumber)
        ->capture_default_str();
    sub->add_option("--rtol", m_options.tolerances.defaults.rtol, "Relative tolerance")
        ->check(CLI::NonNegativeNumber)
        ->capture_default_str();
    sub->add_option(
           "--tolerance", m_pathTolerances,
           "Tolerance for one output path, PATH=ATOL[,RTOL] (repeatable), e.g. --tolerance boxes=1e-3")
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
    sub->add_option("--threads", m_options.threads, "Intra-op threads (default: LibTorch's)")
        ->check(CLI::NonNegativeNumber);
    sub->add_option("--timeout", m_timeout, "End with an error when the comparison takes longer than SECONDS")
        ->check(CLI::NonNegativeNumber);
    sub->add_flag("--per-node", m_perNode,
                  "On the worst input, run both node by node, name the first aligned node whose output "
                  "differs and the structural causes (second model only)");
    sub->add_flag("--search", m_search,
                  "Vary the inputs (sign, scale, offset, zeros, constants, each dimension's size) to find "
                  "the smallest input on which the two models disagree (second model only)");
    sub->add_option("--search-budget", m_searchOptions.budget, "Trials the search may make")
        ->check(CLI::PositiveNumber)
        ->capture_default_str();
    sub->add_option("--search-time", m_searchOptions.seconds, "Seconds the search may take")
        ->check(CLI::PositiveNumber)
        ->capture_default_str();
    sub->add_option("--search-seed", m_searchOptions.seed, "Seed of the search's random choices")
        ->capture_default_str();
    sub->add_option("--vary", m_ranges,
                    "A dimension the search may resize, ARG:DIM=MIN..MAX (repeatable), e.g. --vary x:0=1..8; "
                    "without it every dimension is tried around its size")
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
    sub->add_option("--save-counterexample", m_counterexample,
                    "Write the input the search found to FILE (.pt; reopen it with --inputs @FILE)");
    addMethodOption(*sub, m_method);
    sub->add_flag("--json", m_common.json, "Print JSON instead of text");
    sub->footer(
        "Example:\n  ptscope-cli diff model_scripted.pt model_traced.pt --input float32[1,10] --trials 20\n"
        "  ptscope-cli diff model.pt --reference python_outputs.pt --inputs @python_inputs.pt\n"
        "  ptscope-cli diff model_traced.pt model_scripted.pt --input float32[2,10] --search --per-node \\\n"
        "      --vary x:0=1..16 --save-counterexample disagree.pt\n"
        "Exit status: 0 when every output agrees within tolerance, 1 when one does not, 2 on error.");
}

int DiffCommand::run() const
{
    if (m_modelB.empty() && m_options.reference.empty())
        throw Error(ErrorKind::InvalidArgument, "Give a second model, or reference outputs with --reference.",
                    "ptscope-cli diff A.pt B.pt, or ptscope-cli diff A.pt --reference OUTPUTS.pt");
    CompareOptions options = m_options;
    for (const std::string& text : m_pathTolerances)
        parsePathTolerance(text, options.tolerances);
    loadLibraries(m_common);
    const RunInputs inputs = m_inputs.toRunInputs();
    const Watchdog watchdog(m_timeout, m_common, "The comparison");
    if ((m_perNode || m_search) && m_modelB.empty())
        throw Error(ErrorKind::InvalidArgument,
                    std::string(m_search ? "--search" : "--per-node") +
                        " compares two models: reference outputs have no nodes and belong to their inputs.");
    if (!m_search && (!m_ranges.empty() || !m_counterexample.empty()))
        throw Error(ErrorKind::InvalidArgument, "--vary and --save-counterexample belong to --search.");
    ComparisonRequest request;
    request.outputs = options;
    request.perNode = m_perNode;
    request.search = m_search;
    request.searchOptions = m_searchOptions;
    for (const std::string& text : m_ranges)
        request.searchOptions.ranges.push_back(parseDimensionRange(text));
    if (!m_counterexample.empty()) {
        std::vector<std::string> inputFiles = {m_modelA, m_modelB, inputs.allArgumentsFile};
        for (const InputSource& source : inputs.arguments)
            if (source.kind == InputSource::Kind::File)
                inputFiles.push_back(source.path);
        checkOutputFile(m_counterexample, inputFiles);
        request.searchOptions.saveTo = m_counterexample;
    }
    const Model a = Model::open(m_modelA, loadOptions(m_common, m_method));
    std::optional<Model> b;
    if (!m_modelB.empty())
        b.emplace(Model::open(m_modelB, loadOptions(m_common, m_method)));
    const CompareReport report = compareModels(a, b ? &*b : nullptr, inputs, request);
    std::cout << (m_common.json ? compareReportToJson(report) : compareReportToText(report)) << std::flush;
    return report.matches() ? ExitOk : ExitCheckFailed;
}

} // namespace ptscope::cli
