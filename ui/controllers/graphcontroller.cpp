#include "controllers/graphcontroller.h"

#include "jobs/jobrunner.h"

#include <QElapsedTimer>
#include <QFile>
#include <ptscope/io/atomicfile.h>
#include <ptscope/graph/graphdot.h>

namespace {

QString variantName(ptscope::GraphVariant variant)
{
    switch (variant) {
    case ptscope::GraphVariant::AsSaved:
        return GraphController::tr("as-saved");
    case ptscope::GraphVariant::Inlined:
        return GraphController::tr("inlined");
    case ptscope::GraphVariant::Frozen:
        return GraphController::tr("frozen");
    case ptscope::GraphVariant::Optimized:
        return GraphController::tr("optimized");
    }
    return {};
}

GraphVariantPtr extractVariant(const ptscope::Model& model, ptscope::GraphVariant variant, GraphPtr inlined,
                               const std::map<std::string, std::string>& scopeTypes, JobContext& job)
{
    auto data = std::make_shared<GraphVariantData>();
    data->graph = std::make_shared<const ptscope::Graph>(ptscope::extractGraph(model, variant));
    job.throwIfCancelled();
    if (variant == ptscope::GraphVariant::Inlined)
        inlined = data->graph;
    else if (!inlined)
        inlined = std::make_shared<const ptscope::Graph>(
            ptscope::extractGraph(model, ptscope::GraphVariant::Inlined));
    data->summary = ptscope::summarizeVariant(*inlined, *data->graph);
    ptscope::ViewOptions options;
    options.scopeTypes = scopeTypes;
    data->initialCollapsed = ptscope::initialCollapsedScopes(*data->graph, options);
    return data;
}

} // namespace

GraphController::GraphController(QObject* parent) : QObject(parent), m_runner(new JobRunner(this))
{
    qRegisterMetaType<GraphVariantPtr>();
    qRegisterMetaType<GraphDrawingPtr>();
    connect(m_runner, &JobRunner::progress, this, [this](JobId id, const QString& text) {
        if (id == m_extractJob || id == m_layoutJob || id == m_exportJob)
            emit progress(text);
    });
}

GraphController::~GraphController() = default;

void GraphController::setModel(const ptscope::Model& model, const ModelInfoPtr& info)
{
    clear();
    m_model = model;
    m_info = info;
    for (const ptscope::ModuleInfo& module : info->modules)
        m_scopeTypes[module.path] = module.shortType;
    if (!info->hasForward) {
        QStringList methods;
        for (const ptscope::MethodInfo& method : info->methods)
            methods << QString::fromStdString(method.name);
        emit unavailable(
            methods.isEmpty()
                ? tr("This model has no forward method and no other methods, so there is no graph to draw.")
                : tr("This model has no forward method, so there is no forward graph to draw.\n"
                     "Its methods: %1.")
                      .arg(methods.join(QStringLiteral(", "))));
        return;
    }
    startExtract(ptscope::GraphVariant::Inlined);
}

void GraphController::clear()
{
    m_runner->cancelAll();
    m_extractJob = m_layoutJob = m_exportJob = 0;
    m_model.reset();
    m_info.reset();
    m_scopeTypes.clear();
    m_variants.clear();
    m_drawings.clear();
    m_variant = ptscope::GraphVariant::Inlined;
    m_options = {};
    m_drawing.reset();
    updateBusy();
}

GraphVariantPtr GraphController::variantData() const
{
    const auto it = m_variants.find(m_variant);
    return it == m_variants.end() ? nullptr : it->second;
}

void GraphController::startExtract(ptscope::GraphVariant variant)
{
    if (!m_model || !m_info || !m_info->hasForward)
        return;
    if (variant == m_variant && !m_extractJob && m_variants.count(variant))
        return; // already shown (or being laid out)
    // A layout of the variant shown so far would arrive stale.
    m_runner->cancel(m_extractJob);
    m_runner->cancel(m_layoutJob);
    m_extractJob = m_layoutJob = 0;
    const auto cached = m_variants.find(variant);
    if (cached != m_variants.end()) {
        showVariant(cached->second);
        updateBusy();
        return;
    }
    const auto inlined = m_variants.find(ptscope::GraphVariant::Inlined);
    const GraphPtr inlinedGraph = inlined == m_variants.end() ? nullptr : inlined->second->graph;
    m_extractJob = m_runner->start(
        [model = *m_model, variant, inlinedGraph, scopeTypes = m_scopeTypes](JobContext& job) {
            return extractVariant(model, variant, inlinedGraph, scopeTypes, job);
        },
        [this, variant](GraphVariantPtr data) {
            m_extractJob = 0;
            m_variants[variant] = data;
            showVariant(data);
            updateBusy();
        },
        [this](const JobFailure& failure) { fail(m_extractJob, failure.message, failure.detail); });
    emit progress(variant == ptscope::GraphVariant::Inlined || variant == ptscope::GraphVariant::AsSaved
                      ? tr("Reading the %1 graph…").arg(variantName(variant))
                      : tr("Making the %1 graph with LibTorch…").arg(variantName(variant)));
    updateBusy();
}

void GraphController::showVariant(const GraphVariantPtr& data)
{
    m_variant = data->graph->variant;
    emit graphAvailable(data);
    const auto drawn = m_drawings.find(m_variant);
    if (drawn == m_drawings.end()) {
        startLayout(firstViewOptions(*data));
        return;
    }
    m_drawing = drawn->second;
    m_options = m_drawing->options;
    emit layoutAvailable(m_drawing);
}

ptscope::ViewOptions GraphController::firstViewOptions(const GraphVariantData& data) const
{
    ptscope::ViewOptions options;
    options.collapsedScopes = data.initialCollapsed;
    options.showConstants = m_options.showConstants;
    return options;
}

void GraphController::startLayout(const ptscope::ViewOptions& options)
{
    const GraphVariantPtr data = variantData();
    if (!data)
        return;
    m_runner->cancel(m_layoutJob);
    m_options = options;
    m_options.scopeTypes = m_scopeTypes;
    m_layoutJob = m_runner->start(
        [graph = data->graph, options = m_options](JobContext& job) {
            QElapsedTimer timer;
            timer.start();
            auto drawing = std::make_shared<GraphDrawing>();
            drawing->graph = graph;
            drawing->options = options;
            drawing->view = ptscope::buildGraphView(*graph, options);
            job.reportProgress(tr("Laying out %1 boxes with Graphviz…").arg(drawing->view.items.size()));
            job.throwIfCancelled();
            // Graphviz cannot be interrupted: a cancelled layout runs to its end on the pool, and
            // the runner drops its result. The cancel token is checked before and after.
            drawing->layout = ptscope::layoutGraphView(*graph, drawing->view);
            job.throwIfCancelled();
            drawing->milliseconds = timer.elapsed();
            return GraphDrawingPtr(std::move(drawing));
        },
        [this](GraphDrawingPtr drawing) { finishLayout(std::move(drawing)); },
        [this](const JobFailure& failure) { fail(m_layoutJob, failure.message, failure.detail); });
    emit progress(tr("Laying out the graph…"));
    updateBusy();
}

void GraphController::finishLayout(GraphDrawingPtr drawing)
{
    m_layoutJob = 0;
    m_drawing = std::move(drawing);
    m_drawings[m_variant] = m_drawing;
    emit layoutAvailable(m_drawing);
    updateBusy();
}

void GraphController::expandScope(const std::string& scope)
{
    expandScopes({scope});
}

void GraphController::expandScopes(const std::set<std::string>& scopes)
{
    ptscope::ViewOptions options = m_options;
    size_t erased = 0;
    for (const std::string& scope : scopes)
        erased += options.collapsedScopes.erase(scope);
    if (erased > 0)
        startLayout(options);
}

void GraphController::collapseScope(const std::string& scope)
{
    ptscope::ViewOptions options = m_options;
    if (options.collapsedScopes.insert(scope).second)
        startLayout(options);
}

void GraphController::setShowConstants(bool show)
{
    if (m_options.showConstants == show)
        return;
    ptscope::ViewOptions options = m_options;
    options.showConstants = show;
    startLayout(options);
}

void GraphController::expandAll()
{
    ptscope::ViewOptions options = m_options;
    options.collapsedScopes.clear();
    startLayout(options);
}

void GraphController::collapseToFirstView()
{
    if (const GraphVariantPtr data = variantData())
        startLayout(firstViewOptions(*data));
}

void GraphController::startExport(const QString& format, const QString& path)
{
    if (!m_drawing)
        return;
    m_runner->cancel(m_exportJob);
    const std::string file = QFile::encodeName(path).toStdString();
    m_exportJob = m_runner->start(
        [drawing = m_drawing, format = format.toStdString(), file](JobContext&) {
            // Graphviz renders its own SVG and PNG, edge labels included; DOT is the view itself.
            const std::string data = format == "dot"
                                         ? ptscope::graphViewToDot(*drawing->graph, drawing->view)
                                         : ptscope::renderGraphView(*drawing->graph, drawing->view, format);
            ptscope::writeFileAtomically(file, data);
            return true;
        },
        [this, path](bool) {
            m_exportJob = 0;
            emit exported(path);
            updateBusy();
        },
        [this](const JobFailure& failure) { fail(m_exportJob, failure.message, failure.detail); });
    emit progress(tr("Exporting %1…").arg(path));
    updateBusy();
}

void GraphController::cancel()
{
    // Neither LibTorch's freezing nor Graphviz can be interrupted: cancelled work runs to its end
    // on the pool and the runner drops what it returns. The UI is free at once all the same.
    if (!isBusy())
        return;
    m_runner->cancel(m_extractJob);
    m_runner->cancel(m_layoutJob);
    m_runner->cancel(m_exportJob);
    m_extractJob = m_layoutJob = m_exportJob = 0;
    if (m_drawing)
        m_options = m_drawing->options; // the next request starts from what is shown
    emit cancelled();
    updateBusy();
}

void GraphController::fail(JobId& job, const QString& message, const QString& detail)
{
    job = 0;
    if (m_drawing && !m_layoutJob)
        m_options = m_drawing->options;
    emit failed(message, detail);
    updateBusy();
}

void GraphController::updateBusy()
{
    if (m_wasBusy == isBusy())
        return;
    m_wasBusy = isBusy();
    emit busyChanged(m_wasBusy);
}
