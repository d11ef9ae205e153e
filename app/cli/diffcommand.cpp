#include "diffcommand.h"

#include "clicommon.h"
#include "ptscope/common/error.h"
#include "ptscope/compare/comparejson.h"
#include "ptscope/compare/nodecompare.h"
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
    sub->add_flag("--json", m_common.json, "Print JSON instead of text");
    sub->footer(
        "Example:\n  ptscope-cli diff model_scripted.pt model_traced.pt --input float32[1,10] --trials 20\n"
        "  ptscope-cli diff model.pt --reference python_outputs.pt --inputs @python_inputs.pt\n"
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
    const Model a = Model::open(m_modelA, LoadOptions{m_common.device});
    std::optional<Model> b;
    if (!m_modelB.empty())
        b.emplace(Model::open(m_modelB, LoadOptions{m_common.device}));
    if (m_perNode && !b)
        throw Error(ErrorKind::InvalidArgument,
                    "--per-node compares two models; reference outputs have no nodes.");
    const OutputComparison result = compareOutputs(a, b ? &*b : nullptr, inputs, options);
    std::optional<NodeComparison> perNode;
    if (m_perNode && result.worstInput >= 0) {
        const InputDiff& worst = result.inputs[static_cast<size_t>(result.worstInput)];
        RunInputs worstInputs = inputs;
        worstInputs.seed = worst.seed;
        perNode = compareNodes(a, *b, worstInputs, worst.sample, options.tolerances);
        perNode->input = worst.input;
    }
    const NodeComparison* nodes = perNode ? &*perNode : nullptr;
    std::cout << (m_common.json ? outputComparisonToJson(result, nodes)
                                : outputComparisonToText(result, nodes))
              << std::flush;
    return result.matches ? ExitOk : ExitCheckFailed;
}

} // namespace ptscope::cli
