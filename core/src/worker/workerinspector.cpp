#include "worker/workerinspector.h"

#include "ptscope/graph/graphdot.h"
#include "ptscope/graph/graphlayout.h"
#include "ptscope/graph/graphview.h"
#include "ptscope/io/atomicfile.h"
#include "ptscope/io/wire.h"
#include "ptscope/load/archiverecord.h"
#include "worker/requestfield.h"

namespace ptscope {

namespace {

using json = nlohmann::json;
using ordered = nlohmann::ordered_json;

GraphVariant variantOf(const json& request)
{
    const std::string id = requestField<std::string>(request, "variant", "inlined");
    const auto variant = parseGraphVariant(id);
    if (!variant)
        throw Error(ErrorKind::ProtocolError, "Unknown graph variant '" + id + "'.");
    return *variant;
}

ViewOptions viewOf(const json& request)
{
    const auto it = request.find("view");
    if (it == request.end() || !it->is_object())
        throw Error(ErrorKind::ProtocolError, "Request field 'view' is missing or not an object.");
    return viewOptionsFromWire(it->dump());
}

} // namespace

void ModelSlot::set(std::optional<Model> model)
{
    std::lock_guard<std::mutex> lock(m_mutex);
    m_model = std::move(model);
    ++m_generation;
}

std::pair<std::optional<Model>, uint64_t> ModelSlot::get() const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    return {m_model, m_generation};
}

bool WorkerInspector::handles(const std::string& cmd)
{
    return cmd == "graph" || cmd == "layout" || cmd == "render" || cmd == "source";
}

ordered WorkerInspector::handle(const std::string& cmd, const json& request, const CancelToken& cancel)
{
    if (cmd == "graph")
        return graphRequest(request);
    if (cmd == "layout")
        return layoutRequest(request, cancel);
    if (cmd == "render")
        return renderRequest(request, cancel);
    return sourceRequest(request);
}

Model WorkerInspector::current()
{
    auto [model, generation] = m_slot.get();
    if (generation != m_generation) {
        m_generation = generation;
        m_model = std::move(model);
        m_graphs.clear(); // graphs of the model before
    }
    if (!m_model)
        throw Error(ErrorKind::ProtocolError, "No model is open; send open first.");
    return *m_model;
}

const Graph& WorkerInspector::graph(GraphVariant variant)
{
    const Model model = current();
    auto it = m_graphs.find(variant);
    if (it == m_graphs.end())
        it = m_graphs.emplace(variant, extractGraph(model, variant)).first;
    return it->second;
}

ordered WorkerInspector::graphRequest(const json& request)
{
    const GraphVariant variant = variantOf(request);
    const std::string file = requiredString(request, "output_file", "graph");
    const Graph& inlined = graph(GraphVariant::Inlined);
    const Graph& g = graph(variant);
    // A graph of a big model is megabytes: it goes to a file the client reads off its UI thread.
    writeFileAtomically(file, graphVariantToWire(g, summarizeVariant(inlined, g)));
    return {{"file", file}, {"variant", graphVariantId(variant)}, {"nodes", g.nodes.size()}};
}

ordered WorkerInspector::layoutRequest(const json& request, const CancelToken& cancel)
{
    const GraphVariant variant = variantOf(request);
    const ViewOptions options = viewOf(request);
    const std::string file = requiredString(request, "output_file", "layout");
    const Graph& g = graph(variant);
    // The client builds the same view from the same graph and options, and checks the counts.
    const GraphView view = buildGraphView(g, options);
    LayoutOptions layoutOptions;
    layoutOptions.cache = &m_layoutCache;
    layoutOptions.cancel = cancel;
    const GraphLayout layout = layoutGraphView(g, view, layoutOptions);
    writeFileAtomically(file, layoutToWire(layout));
    return {{"file", file},
            {"items", view.items.size()},
            {"edges", view.edges.size()},
            {"clusters", view.clusters.size()},
            {"seconds", layout.seconds},
            {"pieces", layout.pieces},
            {"pieces_laid_out", layout.piecesLaidOut},
            {"pieces_simple", layout.piecesSimple},
            {"notes", layout.notes}};
}

ordered WorkerInspector::renderRequest(const json& request, const CancelToken& cancel)
{
    const GraphVariant variant = variantOf(request);
    const ViewOptions options = viewOf(request);
    const std::string format = requestField<std::string>(request, "format", "svg");
    if (format != "svg" && format != "png" && format != "dot")
        throw Error(ErrorKind::ProtocolError, "Unknown render format '" + format + "'.",
                    "Formats: svg, png, dot.");
    const std::string file = requiredString(request, "output_file", "render");
    const Graph& g = graph(variant);
    const GraphView view = buildGraphView(g, options);
    LayoutOptions layoutOptions;
    layoutOptions.cache = &m_layoutCache;
    layoutOptions.cancel = cancel;
    writeFileAtomically(file, format == "dot" ? graphViewToDot(g, view) : renderGraphView(g, view, format, layoutOptions));
    return {{"file", file}};
}

ordered WorkerInspector::sourceRequest(const json& request)
{
    const std::string record = requiredString(request, "record", "source");
    const Model model = current();
    return {{"record", record}, {"text", readArchiveRecord(model.path(), record)}};
}

} // namespace ptscope
