#include "graphcommand.h"

#include "clicommon.h"
#include "ptscope/io/atomicfile.h"
#include "ptscope/common/error.h"
#include "ptscope/graph/graphdot.h"
#include "ptscope/graph/graphjson.h"
#include "ptscope/graph/graphlayout.h"
#include "ptscope/load/model.h"

#include <CLI/CLI.hpp>

#include <iostream>

namespace ptscope::cli {

GraphCommand::GraphCommand(CLI::App& parent, CommonOptions& common)
    : m_common(common)
{
    CLI::App* sub = parent.add_subcommand("graph", "Export the forward graph as DOT, SVG, PNG or JSON");
    sub->add_option("model", m_model, "TorchScript archive (.pt)")->required();
    sub->add_option("--variant", m_variant, "as-saved, inlined, frozen or optimized")
        ->check(CLI::IsMember({"as-saved", "inlined", "frozen", "optimized"}))
        ->capture_default_str();
    sub->add_option("--format", m_format, "dot, svg, png or json")
        ->check(CLI::IsMember({"dot", "svg", "png", "json"}))
        ->capture_default_str();
    sub->add_option("--depth", m_depth,
                    "Module depth drawn expanded (deeper modules become one box each), or 'all'. Without it "
                    "DOT/SVG/PNG use the window's first view and JSON lists every node");
    sub->add_option("-o,--output", m_output, "Write to FILE (completely or not at all) instead of stdout");
    sub->add_flag("--show-constants", m_showConstants, "Draw constants and attribute reads as nodes");
    addMethodOption(*sub, m_method);
    sub->footer(
        "Example:\n  ptscope-cli graph model.pt --format svg -o model.svg\n"
        "  ptscope-cli graph model.pt --variant frozen --format json\n"
        "Exit status: 0, or 2 on an error.");
}

int GraphCommand::run() const
{
    loadLibraries(m_common);
    int depth = -1; // -1: every module expanded
    if (!m_depth.empty() && m_depth != "all") {
        try {
            depth = std::stoi(m_depth);
        } catch (const std::exception&) {
            depth = -2;
        }
        if (depth < 0)
            throw Error(ErrorKind::InvalidArgument, "--depth takes a number from 0, or 'all'.");
    }

    const Model model = Model::open(m_model, loadOptions(m_common, m_method));
    const Graph graph = extractGraph(model, *parseGraphVariant(m_variant));

    std::string out;
    if (m_format == "json" && m_depth.empty()) {
        out = graphToJson(graph);
    } else {
        ViewOptions options;
        options.showConstants = m_showConstants;
        for (const ModuleInfo& m : model.info().modules)
            options.scopeTypes[m.path] = m.shortType;
        if (m_depth.empty())
            options.collapsedScopes = initialCollapsedScopes(graph, options);
        else if (depth >= 0)
            options.collapsedScopes = scopesBelowDepth(graph, depth);
        const GraphView view = buildGraphView(graph, options);
        if (m_format == "json") {
            const GraphLayout layout = layoutGraphView(graph, view);
            out = graphViewToJson(graph, view, &layout);
            for (const std::string& note : layout.notes)
                std::cerr << "ptscope-cli: " << note << "\n";
        }
        else if (m_format == "dot")
            out = graphViewToDot(graph, view);
        else
            out = renderGraphView(graph, view, m_format);
    }

    if (m_output.empty())
        std::cout << out << std::flush;
    else
        writeFileAtomically(m_output, out);
    return ExitOk;
}

} // namespace ptscope::cli
