#include "controllers/graphcontroller.h"

#include "jobs/jobrunner.h"
#include "worker/modelworker.h"
#include "worker/workerreply.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <ptscope/common/error.h>
#include <ptscope/io/wire.h>

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

// What the worker wrote, read once and removed: the worker's scratch files are the window's to tidy.
std::string takeFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        throw ptscope::Error(ptscope::ErrorKind::ProtocolError, "The worker did not write its result file.");
    const QByteArray text = file.readAll();
    file.close();
    file.remove();
    return text.toStdString();
}

QString nextScratchName(const char* kind)
{
    static int s_files = 0;
    return QStringLiteral("%1-%2.json").arg(QLatin1String(kind)).arg(++s_files);
}

} // namespace

GraphController::GraphController(ModelWorker* worker, QObject* parent)
    : QObject(parent), m_worker(worker), m_runner(new JobRunner(this))
{
    qRegisterMetaType<GraphVariantPtr>();
    qRegisterMetaType<GraphDrawingPtr>();
    connect(m_worker, &ModelWorker::queryFinished, this, &GraphController::onQueryFinished);
    connect(m_worker, &ModelWorker::queryFailed, this, &GraphController::onQueryFailed);
}

GraphController::~GraphController() = default;

void GraphController::setModel(const ModelInfoPtr& info)
{
    clear();
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
    stop(m_extract);
    stop(m_layout);
    m_worker->forgetQuery(std::exchange(m_exportQuery, 0));
    m_layoutWanted = false;
    m_info.reset();
    m_scopeTypes.clear();
    m_variants.clear();
    m_drawings.clear();
    m_variant = ptscope::GraphVariant::Inlined;
    m_options = {};
    m_drawing.reset();
    updateBusy();
}

void GraphController::stop(Step& step)
{
    if (&step == &m_layout && step.query && !m_exportQuery)
        m_worker->cancelInspection(); // frees the worker's inspection lane for what comes next
    m_worker->forgetQuery(std::exchange(step.query, 0));
    m_runner->cancel(std::exchange(step.job, 0));
}

QJsonObject GraphController::viewRequest(const QString& cmd, const ptscope::ViewOptions& options) const
{
    return {{QStringLiteral("cmd"), cmd},
            {QStringLiteral("variant"), QString::fromLatin1(ptscope::graphVariantId(m_variant))},
            {QStringLiteral("view"),
             QJsonDocument::fromJson(QByteArray::fromStdString(ptscope::viewOptionsToWire(options))).object()}};
}

GraphVariantPtr GraphController::variantData() const
{
    const auto it = m_variants.find(m_variant);
    return it == m_variants.end() ? nullptr : it->second;
}

void GraphController::startExtract(ptscope::GraphVariant variant)
{
    if (!m_info || !m_info->hasForward)
        return;
    if (variant == m_variant && !m_extract.active() && m_variants.count(variant))
        return; // already shown (or being laid out)
    // A layout of the variant shown so far would arrive stale.
    stop(m_extract);
    stop(m_layout);
    m_layoutWanted = false;
    const auto cached = m_variants.find(variant);
    if (cached != m_variants.end()) {
        showVariant(cached->second);
        updateBusy();
        return;
    }
    const QString file = m_worker->scratchFile(nextScratchName("graph"));
    m_extractVariant = variant;
    m_extract.query = m_worker->query({{QStringLiteral("cmd"), QStringLiteral("graph")},
                                       {QStringLiteral("variant"), QString::fromLatin1(ptscope::graphVariantId(variant))},
                                       {QStringLiteral("output_file"), file}});
    if (!m_extract.query) {
        fail(m_extract, tr("The model is not open in its worker."), {});
        return;
    }
    m_extractFile = file;
    emit progress(variant == ptscope::GraphVariant::Inlined || variant == ptscope::GraphVariant::AsSaved
                      ? tr("Reading the %1 graph…").arg(variantName(variant))
                      : tr("Making the %1 graph with LibTorch…").arg(variantName(variant)));
    updateBusy();
}

void GraphController::onQueryFinished(int id, const QJsonObject& reply)
{
    if (id == m_exportQuery) {
        m_exportQuery = 0;
        if (replySucceeded(reply)) {
            emit exported(m_exportPath);
            updateBusy();
        } else {
            const WorkerError error = workerErrorOf(reply);
            emit failed(error.message, error.detail);
            updateBusy();
        }
        return;
    }
    Step* step = id == m_extract.query ? &m_extract : id == m_layout.query ? &m_layout : nullptr;
    if (!step)
        return;
    step->query = 0;
    if (!replySucceeded(reply)) {
        if (step == &m_layout && m_layoutWanted) {
            sendLayout(); // this one was cancelled (or failed) for a newer view
            return;
        }
        const WorkerError error = workerErrorOf(reply);
        fail(*step, error.message, error.detail);
        return;
    }
    if (step == &m_extract)
        readGraph(m_extractVariant, m_extractFile);
    else
        readLayout(m_layoutOptions, m_layoutFile);
}

void GraphController::onQueryFailed(int id, const QString& message, const QString& detail)
{
    if (id == m_exportQuery) {
        m_exportQuery = 0;
        emit failed(tr("The worker stopped while exporting the graph: %1").arg(message), detail);
        updateBusy();
    } else if (id == m_extract.query) {
        m_extract.query = 0;
        fail(m_extract, tr("The worker stopped while making the graph: %1").arg(message), detail);
    } else if (id == m_layout.query) {
        m_layout.query = 0;
        m_layoutWanted = false;
        fail(m_layout,
             tr("The worker stopped while Graphviz laid out this view: %1 The model has been opened again; "
                "the drawing shown before stays.")
                 .arg(message),
             detail);
    }
}

void GraphController::readGraph(ptscope::GraphVariant variant, const QString& file)
{
    m_extract.job = m_runner->start(
        [file, scopeTypes = m_scopeTypes](JobContext&) {
            ptscope::GraphVariantWire wire = ptscope::graphVariantFromWire(takeFile(file));
            auto data = std::make_shared<GraphVariantData>();
            data->graph = std::make_shared<const ptscope::Graph>(std::move(wire.graph));
            data->summary = std::move(wire.summary);
            ptscope::ViewOptions options;
            options.scopeTypes = scopeTypes;
            data->initialCollapsed = ptscope::initialCollapsedScopes(*data->graph, options);
            return GraphVariantPtr(std::move(data));
        },
        [this, variant](GraphVariantPtr data) {
            m_extract.job = 0;
            m_variants[variant] = data;
            showVariant(data);
            updateBusy();
        },
        [this](const JobFailure& failure) { fail(m_extract, failure.message, failure.detail); });
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
    if (!variantData())
        return;
    m_runner->cancel(std::exchange(m_layout.job, 0));
    m_options = options;
    m_options.scopeTypes = m_scopeTypes;
    // The worker's layout in progress stops at its next piece; the newest view asked for goes
    // next (the ones in between are never laid out).
    if (m_layout.query) {
        if (!m_layoutWanted && !m_exportQuery)
            m_worker->cancelInspection();
        m_layoutWanted = true;
    } else {
        sendLayout();
    }
    emit progress(tr("Laying out the graph…"));
    updateBusy();
}

void GraphController::sendLayout()
{
    m_layoutWanted = false;
    m_layoutOptions = m_options;
    m_layoutFile = m_worker->scratchFile(nextScratchName("layout"));
    m_layoutTimer.start();
    QJsonObject request = viewRequest(QStringLiteral("layout"), m_layoutOptions);
    request.insert(QStringLiteral("output_file"), m_layoutFile);
    m_layout.query = m_worker->query(request);
    if (!m_layout.query)
        fail(m_layout, tr("The model is not open in its worker."), {});
}

void GraphController::readLayout(const ptscope::ViewOptions& options, const QString& file)
{
    if (m_layoutWanted) {
        // A newer view is waiting: this one would be drawn only to be replaced.
        QFile::remove(file);
        sendLayout();
        return;
    }
    const GraphVariantPtr data = variantData();
    if (!data)
        return;
    m_layout.job = m_runner->start(
        [graph = data->graph, options, file, started = m_layoutTimer](JobContext& job) {
            auto drawing = std::make_shared<GraphDrawing>();
            drawing->graph = graph;
            drawing->options = options;
            drawing->view = ptscope::buildGraphView(*graph, options);
            job.throwIfCancelled();
            drawing->layout = ptscope::layoutFromWire(takeFile(file), drawing->view);
            drawing->milliseconds = started.elapsed();
            return GraphDrawingPtr(std::move(drawing));
        },
        [this](GraphDrawingPtr drawing) { finishLayout(std::move(drawing)); },
        [this](const JobFailure& failure) { fail(m_layout, failure.message, failure.detail); });
}

void GraphController::finishLayout(GraphDrawingPtr drawing)
{
    m_layout.job = 0;
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
    m_worker->forgetQuery(std::exchange(m_exportQuery, 0));
    // Graphviz renders its own SVG and PNG, edge labels included; DOT is the view itself. The
    // worker draws the view shown from the same options.
    QJsonObject request = viewRequest(QStringLiteral("render"), m_drawing->options);
    request.insert(QStringLiteral("format"), format);
    request.insert(QStringLiteral("output_file"), path);
    m_exportPath = path;
    m_exportQuery = m_worker->query(request);
    if (!m_exportQuery) {
        emit failed(tr("The model is not open in its worker."), {});
        return;
    }
    emit progress(tr("Exporting %1…").arg(path));
    updateBusy();
}

void GraphController::cancel()
{
    // LibTorch's freezing cannot be interrupted: the worker finishes it and its answer is dropped.
    // A layout stops at its next piece. The UI is free at once all the same, the drawing before
    // left as it was.
    if (!isBusy())
        return;
    stop(m_extract);
    stop(m_layout);
    m_layoutWanted = false;
    m_worker->forgetQuery(std::exchange(m_exportQuery, 0));
    if (m_drawing)
        m_options = m_drawing->options; // the next request starts from what is shown
    emit cancelled();
    updateBusy();
}

void GraphController::fail(Step& step, const QString& message, const QString& detail)
{
    stop(step);
    if (&step == &m_layout)
        m_layoutWanted = false;
    if (m_drawing && !m_layout.active())
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
