#include "graph/graphpanel.h"

#include "controllers/graphcontroller.h"
#include "graph/graphcanvas.h"
#include "graph/graphlegend.h"
#include "graph/graphoverview.h"
#include "graph/graphscene.h"
#include "graph/graphsearchbar.h"
#include "graph/graphselection.h"
#include "graph/graphtoolbar.h"
#include "graph/nodeinspector.h"
#include "graph/variantsummarytext.h"
#include "widgets/loadstatuswidget.h"

#include <QAction>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QStackedWidget>
#include <QToolBar>
#include <QVBoxLayout>

GraphPanel::GraphPanel(GraphController* controller, QWidget* parent)
    : QWidget(parent), m_controller(controller), m_scene(new GraphScene(this)),
      m_canvas(new GraphCanvas(m_scene, this)), m_toolBar(new GraphToolBar(this)),
      m_searchBar(new GraphSearchBar(this)), m_summary(new QLabel(this)), m_message(new QLabel(this)),
      m_stack(new QStackedWidget(this)), m_unavailable(new QLabel(this)),
      m_inspector(new NodeInspector(this)),
      m_selection(new GraphSelection(controller, m_canvas, m_inspector, this))
{
    m_canvas->setObjectName(QStringLiteral("graphCanvas"));
    m_summary->setObjectName(QStringLiteral("variantSummary"));
    m_summary->setWordWrap(true);
    m_summary->setContentsMargins(6, 2, 6, 2);
    m_summary->setVisible(false);
    m_message->setObjectName(QStringLiteral("graphMessage"));
    m_message->setContentsMargins(6, 2, 6, 2);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_unavailable->setObjectName(QStringLiteral("graphUnavailable"));
    m_unavailable->setAlignment(Qt::AlignCenter);
    m_unavailable->setWordWrap(true);
    m_unavailable->setForegroundRole(QPalette::PlaceholderText);
    m_stack->addWidget(m_canvas);
    m_stack->addWidget(m_unavailable);
    createOverlays();

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_toolBar);
    layout->addWidget(createSearchRow());
    layout->addWidget(m_summary);
    layout->addWidget(m_stack, 1);
    layout->addWidget(m_message);

    connectController();
    connectToolBar();
    connect(m_selection, &GraphSelection::nodeSelected, this, &GraphPanel::onNodeSelected);
    connect(m_selection, &GraphSelection::moduleSelected, this, &GraphPanel::moduleSelected);
    connect(m_selection, &GraphSelection::sourceSelected, this, &GraphPanel::sourceSelected);
    connect(m_selection, &GraphSelection::openSourceRequested, this, &GraphPanel::openSourceRequested);
    connect(m_selection, &GraphSelection::message, this, [this](const QString& text) { setMessage(text); });
    connect(m_inspector, &NodeInspector::openSourceRequested, this, &GraphPanel::openSourceRequested);
}

QWidget* GraphPanel::createSearchRow()
{
    // Constants, Expand All and First View share the row with the search: the toolbar above is
    // full with the variants.
    auto* viewBar = new QToolBar(this);
    viewBar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    viewBar->addActions(m_toolBar->viewActions());
    auto* row = new QWidget(this);
    auto* layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_searchBar, 1);
    layout->addWidget(viewBar);

    connect(m_searchBar, &GraphSearchBar::queryChanged, this, &GraphPanel::runSearch);
    connect(m_searchBar, &GraphSearchBar::nextRequested, this, &GraphPanel::nextHit);
    connect(m_searchBar, &GraphSearchBar::previousRequested, this, &GraphPanel::previousHit);
    connect(m_searchBar, &GraphSearchBar::revealRequested, this, &GraphPanel::revealSelectedNode);
    auto* find = new QAction(this);
    find->setShortcut(QKeySequence::Find);
    find->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(find, &QAction::triggered, m_searchBar, &GraphSearchBar::focusSearch);
    addAction(find);
    return row;
}

void GraphPanel::createOverlays()
{
    m_busy = new LoadStatusWidget(this);
    auto* busy = new QFrame(this);
    busy->setObjectName(QStringLiteral("graphBusy"));
    busy->setFrameShape(QFrame::StyledPanel);
    busy->setAutoFillBackground(true);
    auto* layout = new QVBoxLayout(busy);
    layout->setContentsMargins(6, 3, 6, 3);
    layout->addWidget(m_busy);
    busy->setVisible(false);
    connect(m_busy, &LoadStatusWidget::cancelRequested, m_controller, &GraphController::cancel);
    m_canvas->addOverlay(busy, Qt::AlignTop | Qt::AlignHCenter);

    m_legend = new GraphLegend(this);
    connect(m_toolBar->legendAction(), &QAction::toggled, m_legend, &GraphLegend::setWanted);
    m_canvas->addOverlay(m_legend, Qt::AlignBottom | Qt::AlignLeft);

    m_overview = new GraphOverview(m_canvas, this);
    m_overview->setObjectName(QStringLiteral("graphOverview"));
    m_overview->setVisible(false);
    connect(m_toolBar->overviewAction(), &QAction::toggled, m_overview, &GraphOverview::setWanted);
    m_canvas->addOverlay(m_overview, Qt::AlignBottom | Qt::AlignRight);
}

void GraphPanel::connectController()
{
    connect(m_controller, &GraphController::graphAvailable, this, &GraphPanel::onGraphAvailable);
    connect(m_controller, &GraphController::layoutAvailable, this, &GraphPanel::onLayoutAvailable);
    connect(m_controller, &GraphController::busyChanged, this, &GraphPanel::onBusyChanged);
    connect(m_controller, &GraphController::progress, m_busy, &LoadStatusWidget::setText);
    connect(m_controller, &GraphController::unavailable, this, &GraphPanel::onUnavailable);
    connect(m_controller, &GraphController::failed, this,
            [this](const QString& message) { onFailed(message); });
    connect(m_controller, &GraphController::cancelled, this, [this]() {
        m_toolBar->setVariant(m_controller->variant());
        m_toolBar->setShowConstants(m_controller->requestedOptions().showConstants);
        m_selection->forgetPlace();
        setMessage(tr("Cancelled; still showing the previous drawing."));
    });
    connect(m_controller, &GraphController::exported, this,
            [this](const QString& path) { setMessage(tr("Saved %1").arg(QDir::toNativeSeparators(path))); });
}

void GraphPanel::connectToolBar()
{
    connect(m_toolBar, &GraphToolBar::variantRequested, m_controller, &GraphController::startExtract);
    connect(m_toolBar->heatAction(), &QAction::toggled, this, &GraphPanel::applyHeat);
    connect(m_toolBar, &GraphToolBar::showConstantsToggled, this, [this](bool show) {
        m_selection->keepSelectionInPlace();
        m_controller->setShowConstants(show);
    });
    connect(m_toolBar, &GraphToolBar::expandAllRequested, this, [this]() {
        m_selection->keepSelectionInPlace();
        m_controller->expandAll();
    });
    connect(m_toolBar, &GraphToolBar::firstViewRequested, this, [this]() {
        m_selection->keepSelectionInPlace();
        m_controller->collapseToFirstView();
    });
    connect(m_toolBar, &GraphToolBar::zoomInRequested, m_canvas, [this]() { m_canvas->zoomBy(1.25); });
    connect(m_toolBar, &GraphToolBar::zoomOutRequested, m_canvas, [this]() { m_canvas->zoomBy(1 / 1.25); });
    connect(m_toolBar, &GraphToolBar::fitRequested, m_canvas, &GraphCanvas::fitAll);
    connect(m_toolBar, &GraphToolBar::exportRequested, this, &GraphPanel::exportInteractively);
    for (QAction* action : m_toolBar->shortcutActions())
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addActions(m_toolBar->shortcutActions());
}

OpLegendModel* GraphPanel::legendModel() const
{
    return m_legend->model();
}

void GraphPanel::setModel(const ModelInfoPtr& info)
{
    m_scene->clearDrawing();
    m_legend->setDrawing(nullptr);
    m_overview->refresh();
    m_selection->clear();
    m_search.clear();
    m_freshVariant = true;
    m_summary->setVisible(false);
    m_toolBar->setNodeCount({}, {});
    setMessage({});
    m_controller->setModel(info);
}

void GraphPanel::onGraphAvailable(const GraphVariantPtr& data)
{
    m_stack->setCurrentWidget(m_canvas);
    m_toolBar->setEnabled(true);
    m_searchBar->setEnabled(true);
    m_toolBar->setVariant(data->graph->variant);
    const VariantSummaryText text(data->summary);
    m_toolBar->setNodeCount(text.nodeCount(), text.details());
    m_summary->setText(text.headline());
    m_summary->setToolTip(text.details());
    m_summary->setVisible(data->graph->variant != ptscope::GraphVariant::Inlined);
    m_freshVariant = true;
}

void GraphPanel::onLayoutAvailable(const GraphDrawingPtr& drawing)
{
    m_scene->setDrawing(drawing);
    m_legend->setDrawing(drawing);
    m_legend->setHeatScale(isHeatMapOn() && showsProfiledVariant());
    m_toolBar->setShowConstants(drawing->options.showConstants);
    m_overview->refresh();
    m_selection->drawingReplaced(m_freshVariant);
    m_freshVariant = false;
    runSearch();
    const QLocale locale;
    const ptscope::GraphLayout& layout = drawing->layout;
    QString message = tr("%1 boxes, laid out in %2 s (%3 of %4 scopes by Graphviz, %5 s; the rest as before)")
                          .arg(locale.toString(qlonglong(drawing->view.items.size())),
                               locale.toString(drawing->milliseconds / 1000.0, 'f', 2),
                               locale.toString(layout.piecesLaidOut), locale.toString(layout.pieces),
                               locale.toString(layout.seconds, 'f', 2));
    for (const std::string& note : layout.notes)
        message += QLatin1Char(' ') + QString::fromStdString(note);
    setMessage(message);
}

void GraphPanel::onBusyChanged(bool busy)
{
    m_busy->setBusy(busy);
    m_busy->parentWidget()->setVisible(busy);
    // An export leaves the drawing as it is; anything else replaces it.
    m_canvas->setDimmed(busy && m_controller->isLayingOut());
}

void GraphPanel::onUnavailable(const QString& message)
{
    m_scene->clearDrawing();
    m_legend->setDrawing(nullptr);
    m_selection->clear();
    m_unavailable->setText(message);
    m_stack->setCurrentWidget(m_unavailable);
    m_summary->setVisible(false);
    m_toolBar->setNodeCount({}, {});
    m_toolBar->setEnabled(false);
    m_searchBar->setEnabled(false);
}

void GraphPanel::onFailed(const QString& message)
{
    m_toolBar->setVariant(m_controller->variant());
    m_toolBar->setShowConstants(m_controller->requestedOptions().showConstants);
    m_selection->forgetPlace();
    m_canvas->setDimmed(false);
    setMessage(message.section(QLatin1Char('\n'), 0, 0), true);
    if (!m_scene->drawing()) {
        m_unavailable->setText(tr("The graph could not be drawn.\n%1").arg(message));
        m_stack->setCurrentWidget(m_unavailable);
    }
}

bool GraphPanel::focusModule(const QString& path)
{
    return m_selection->focusModule(path);
}

void GraphPanel::selectNode(int node)
{
    m_selection->selectNode(node);
}

int GraphPanel::selectedNode() const
{
    return m_selection->selectedNode();
}

void GraphPanel::onNodeSelected(int node)
{
    const GraphDrawingPtr& drawing = m_scene->drawing();
    const int item = drawing->view.itemOfNode[node];
    m_searchBar->setRevealVisible(item >= 0 &&
                                  drawing->view.items[item].kind == ptscope::ViewItemKind::Module);
    if (m_search.setCurrentNode(node))
        updateSearchResult();
    emit nodeSelected(node);
}

void GraphPanel::setProfile(const ProfileResultPtr& result)
{
    m_heat = GraphHeat(result);
    QAction* action = m_toolBar->heatAction();
    action->setEnabled(bool(result));
    if (!result) {
        const QSignalBlocker blocker(action);
        action->setChecked(false);
    }
    applyHeat();
}

void GraphPanel::showProfile(const ProfileResultPtr& result)
{
    setProfile(result);
    m_toolBar->heatAction()->setChecked(true); // applies it
    if (!m_heat.isEmpty() && m_controller->variant() != m_heat.variant())
        m_controller->startExtract(m_heat.variant());
}

bool GraphPanel::isHeatMapOn() const
{
    return m_toolBar->heatAction()->isChecked() && !m_heat.isEmpty();
}

bool GraphPanel::showsProfiledVariant() const
{
    return !m_heat.isEmpty() && m_controller->variant() == m_heat.variant();
}

void GraphPanel::applyHeat()
{
    m_scene->setHeat(isHeatMapOn() ? m_heat : GraphHeat());
    m_legend->setHeatScale(isHeatMapOn() && showsProfiledVariant());
    if (isHeatMapOn() && !showsProfiledVariant())
        setMessage(tr("The profile ran the %1 graph: switch to it to see the heat map.")
                       .arg(QString::fromLatin1(ptscope::graphVariantId(m_heat.variant()))));
}

void GraphPanel::setSearch(const QString& text, bool regex)
{
    m_searchBar->setText(text); // runs the search through queryChanged
    if (regex != m_searchBar->isRegex() || m_searchBar->text() != text)
        runSearch();
}

void GraphPanel::runSearch()
{
    const GraphDrawingPtr& drawing = m_scene->drawing();
    if (!drawing) {
        m_search.clear();
        updateSearchResult();
        return;
    }
    m_search.run(*drawing->graph, drawing->view, m_searchBar->text(), m_searchBar->isRegex());
    QSet<int> items;
    for (int node : m_search.hits())
        items.insert(drawing->view.itemOfNode[node]);
    m_scene->setHits(items);
    updateSearchResult();
}

void GraphPanel::updateSearchResult()
{
    m_searchBar->setResult(m_search.current(), m_search.hits().size(), m_search.hiddenMatches(),
                           m_search.error());
}

int GraphPanel::nextHit()
{
    const int node = m_search.next();
    goToHit(node);
    return node;
}

int GraphPanel::previousHit()
{
    const int node = m_search.previous();
    goToHit(node);
    return node;
}

void GraphPanel::goToHit(int node)
{
    updateSearchResult();
    if (node < 0)
        return;
    m_selection->selectNode(node);
    const GraphDrawingPtr& drawing = m_scene->drawing();
    const int item = drawing->view.itemOfNode[node];
    m_canvas->focusOn(m_scene->boxRect(item));
    if (drawing->view.items[item].kind == ptscope::ViewItemKind::Module)
        setMessage(tr("This hit is inside the collapsed module %1: Reveal (Ctrl+Enter) expands it.")
                       .arg(QString::fromStdString(drawing->view.items[item].scope)));
    else
        setMessage({});
}

void GraphPanel::revealSelectedNode()
{
    m_searchBar->setRevealVisible(false);
    m_selection->revealNode(m_search.currentNode() >= 0 ? m_search.currentNode()
                                                        : m_selection->selectedNode());
}

void GraphPanel::exportInteractively(const QString& format)
{
    const GraphDrawingPtr drawing = m_controller->drawing();
    const ModelInfoPtr info = m_controller->modelInfo();
    if (!drawing || !info)
        return;
    const QFileInfo model(QString::fromStdString(info->archive.path));
    const QString suggested =
        model.absolutePath() + QLatin1Char('/') + model.completeBaseName() + QLatin1Char('-') +
        QLatin1String(ptscope::graphVariantId(drawing->graph->variant)) + QLatin1Char('.') + format;
    const QString path = QFileDialog::getSaveFileName(this, tr("Export Graph"), suggested,
                                                      tr("%1 files (*.%2)").arg(format.toUpper(), format));
    if (!path.isEmpty())
        exportTo(format, path);
}

void GraphPanel::exportTo(const QString& format, const QString& path)
{
    const ModelInfoPtr info = m_controller->modelInfo();
    // ptscope never writes to the file it opened, even when asked to.
    if (info && QFileInfo(path) == QFileInfo(QString::fromStdString(info->archive.path))) {
        setMessage(tr("Not overwriting the model file; choose another name."), true);
        return;
    }
    m_controller->startExport(format, path);
}

QString GraphPanel::message() const
{
    return m_message->text();
}

bool GraphPanel::isShowingGraph() const
{
    return m_stack->currentWidget() == m_canvas;
}

QString GraphPanel::unavailableMessage() const
{
    return m_unavailable->text();
}

void GraphPanel::setMessage(const QString& text, bool error)
{
    m_message->setText(text);
    m_message->setToolTip(text);
    m_message->setStyleSheet(error ? QStringLiteral("color: #b00020;") : QString());
}
