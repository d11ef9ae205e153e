#include "compare/comparegraphs.h"

#include "compare/compareformat.h"
#include "controllers/graphcontroller.h"
#include "controllers/modelcontroller.h"
#include "controllers/sourcecontroller.h"
#include "graph/graphcanvas.h"
#include "graph/graphmarks.h"
#include "graph/graphpanel.h"
#include "graph/graphscene.h"
#include "graph/nodeinspector.h"
#include "jobs/jobrunner.h"
#include "widgets/codeview.h"
#include "worker/modelworker.h"

#include <QCheckBox>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QScopedValueRollback>
#include <QSplitter>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace {

const QColor DivergentColor(214, 39, 40);
const QColor CauseColor(170, 30, 160);
const QColor UnalignedColor(245, 130, 20);

QString swatch(const QColor& color, const QString& text)
{
    return QStringLiteral("<span style=\"color:%1\">■</span> %2").arg(color.name(), text);
}

QString sideName(int side)
{
    return side == CompareGraphs::A ? CompareGraphs::tr("A") : CompareGraphs::tr("B");
}

} // namespace

CompareGraphs::CompareGraphs(ModelWorker* workerA, QWidget* parent)
    : QWidget(parent), m_workerB(new ModelWorker(this)), m_modelB(new ModelController(m_workerB, this)),
      m_jobs(new JobRunner(this))
{
    setObjectName(QStringLiteral("compareGraphs"));
    auto* panes = new QSplitter(Qt::Horizontal, this);
    panes->setObjectName(QStringLiteral("compareGraphSplitter"));
    panes->setChildrenCollapsible(false);
    panes->addWidget(createPane(A, workerA));
    panes->addWidget(createPane(B, m_workerB));

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("compareGraphsStatus"));
    m_status->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_status->setContentsMargins(6, 0, 6, 0);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(createLegend());
    layout->addWidget(panes, 1);
    layout->addWidget(m_status);

    connect(m_modelB, &ModelController::modelAvailable, this, [this](const ModelInfoPtr& info) {
        m_stackB->setCurrentIndex(0);
        m_sides[B].panel->setModel(info);
        emit modelBAvailable(info);
    });
    connect(m_modelB, &ModelController::failed, this, [this](const QString& message, const QString& detail) {
        m_noGraphB->setText(tr("B could not be opened:\n%1").arg(message));
        m_stackB->setCurrentIndex(1);
        emit modelBFailed(message, detail);
    });
    connect(m_modelB, &ModelController::progress, this, [this](const QString& text) {
        if (m_stackB->currentIndex() == 1)
            m_noGraphB->setText(text);
    });
}

CompareGraphs::~CompareGraphs() = default;

QWidget* CompareGraphs::createLegend()
{
    auto* row = new QWidget(this);
    auto* layout = new QHBoxLayout(row);
    layout->setContentsMargins(6, 2, 6, 0);
    auto* legend = new QLabel(row);
    legend->setObjectName(QStringLiteral("compareMarksLegend"));
    legend->setText(swatch(DivergentColor, tr("first divergent node")) + QStringLiteral(" &nbsp; ") +
                    swatch(CauseColor, tr("structural cause")) + QStringLiteral(" &nbsp; ") +
                    swatch(UnalignedColor, tr("run in this model only")));
    m_sync = new QCheckBox(tr("S&ync navigation"), row);
    m_sync->setObjectName(QStringLiteral("compareSyncCheck"));
    m_sync->setToolTip(tr("Zooming or panning one graph moves the other to the same place of its drawing"));
    m_sync->setChecked(true);
    layout->addWidget(legend, 1);
    layout->addWidget(m_sync);
    return row;
}

QWidget* CompareGraphs::createPane(int side, ModelWorker* worker)
{
    Pane& p = m_sides[size_t(side)];
    p.controller = new GraphController(worker, this);
    p.panel = new GraphPanel(p.controller, this);
    p.panel->setObjectName(side == A ? QStringLiteral("compareGraphA") : QStringLiteral("compareGraphB"));
    // The inspector lives in the window's Node dock for the Graph tab; here the code view below
    // says where a node came from.
    p.panel->inspector()->hide();
    p.sources = new SourceController(worker, this);
    p.code = new CodeView(this);
    p.code->setObjectName(side == A ? QStringLiteral("compareCodeA") : QStringLiteral("compareCodeB"));
    p.title = new QLabel(tr("%1: no model").arg(sideName(side)), this);
    p.title->setObjectName(side == A ? QStringLiteral("compareTitleA") : QStringLiteral("compareTitleB"));
    QFont bold = p.title->font();
    bold.setBold(true);
    p.title->setFont(bold);
    p.title->setContentsMargins(6, 2, 6, 2);
    p.codeTitle = new QLabel(this);
    p.codeTitle->setContentsMargins(6, 0, 6, 0);
    p.codeTitle->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);

    auto* code = new QWidget(this);
    auto* codeLayout = new QVBoxLayout(code);
    codeLayout->setContentsMargins(0, 0, 0, 0);
    codeLayout->setSpacing(0);
    codeLayout->addWidget(p.codeTitle);
    codeLayout->addWidget(p.code, 1);

    QWidget* graph = p.panel;
    if (side == B) {
        m_stackB = new QStackedWidget(this);
        m_noGraphB = new QLabel(tr("Choose a second model above to draw it here."), this);
        m_noGraphB->setObjectName(QStringLiteral("compareNoGraphB"));
        m_noGraphB->setAlignment(Qt::AlignCenter);
        m_noGraphB->setWordWrap(true);
        m_noGraphB->setForegroundRole(QPalette::PlaceholderText);
        m_stackB->addWidget(p.panel);
        m_stackB->addWidget(m_noGraphB);
        m_stackB->setCurrentIndex(1);
        graph = m_stackB;
    }
    auto* split = new QSplitter(Qt::Vertical, this);
    split->addWidget(graph);
    split->addWidget(code);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);
    split->setSizes({600, 160});

    auto* pane = new QWidget(this);
    auto* layout = new QVBoxLayout(pane);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(p.title);
    layout->addWidget(split, 1);

    connect(p.controller, &GraphController::graphAvailable, this,
            [this, side](const GraphVariantPtr& data) { onGraphAvailable(side, data); });
    connect(p.controller, &GraphController::layoutAvailable, this, [this, side]() { onLayoutAvailable(side); });
    connect(p.panel, &GraphPanel::nodeSelected, this, [this, side](int node) { followSelection(side, node); });
    connect(p.panel, &GraphPanel::sourceSelected, this,
            [this, side](const QString& file, int line) { showSource(side, file, line); });
    connect(p.panel, &GraphPanel::openSourceRequested, this,
            [this, side](const QString& file, int line) { showSource(side, file, line); });
    connect(p.panel->canvas(), &GraphCanvas::visibleAreaChanged, this, [this, side]() { followView(side); });
    connect(p.sources, &SourceController::sourceAvailable, this,
            [this, side](const QString& file, const QString& text, int line) {
                Pane& q = m_sides[size_t(side)];
                q.code->setCode(text);
                q.code->highlightLine(line);
                q.codeTitle->setText(line > 0 ? tr("%1 · line %2").arg(file).arg(line) : file);
            });
    connect(p.sources, &SourceController::failed, this, [this, side](const QString& message) {
        m_sides[size_t(side)].codeTitle->setText(tr("Cannot show the source: %1").arg(message));
    });
    clearCode(side);
    return pane;
}

void CompareGraphs::clearCode(int side)
{
    Pane& p = m_sides[size_t(side)];
    p.code->setCode({});
    // Not the code view's "no TorchScript source": nothing was asked for yet.
    p.code->setPlaceholderText(tr("Select a node, or one named under Where they part, to see its source here."));
    p.code->viewport()->update();
    p.codeTitle->clear();
}

void CompareGraphs::setModelA(const ModelInfoPtr& info)
{
    m_infoA = info;
    Pane& a = m_sides[A];
    a.inlined.reset();
    a.pendingFocus = -1;
    clearCode(A);
    a.sources->reset();
    a.title->setText(info ? tr("A: %1").arg(QFileInfo(QString::fromStdString(info->archive.path)).fileName())
                          : tr("A: no model"));
    m_loadA = bool(info);
    setReport(nullptr);
    if (isVisible())
        loadA();
}

void CompareGraphs::loadA()
{
    if (!m_loadA || !m_infoA)
        return;
    m_loadA = false;
    m_sides[A].panel->setModel(m_infoA);
}

void CompareGraphs::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    loadA();
}

void CompareGraphs::openModelB(const QString& path, const QStringList& libraries)
{
    Pane& b = m_sides[B];
    m_pathB = path;
    b.inlined.reset();
    b.pendingFocus = -1;
    clearCode(B);
    b.sources->reset();
    b.title->setText(tr("B: %1").arg(QFileInfo(path).fileName()));
    b.title->setToolTip(path);
    setReport(nullptr);
    m_graphAlignment = {};
    rebuildAlignment();
    m_noGraphB->setText(tr("Opening %1…").arg(QFileInfo(path).fileName()));
    m_stackB->setCurrentIndex(1);
    m_modelB->startOpen(path, libraries);
}

void CompareGraphs::showReferenceInB(const QString& path)
{
    m_pathB.clear();
    m_sides[B].inlined.reset();
    m_modelB->cancel(); // a second model still opening is not wanted any more
    m_sides[B].panel->controller()->clear();
    m_workerB->clear();
    m_sides[B].title->setText(tr("B: saved outputs %1").arg(QFileInfo(path).fileName()));
    m_sides[B].title->setToolTip(path);
    m_noGraphB->setText(tr("Compared against the saved outputs in %1: they have no graph to draw.\n"
                           "Node by node and the search need a second model.")
                            .arg(QFileInfo(path).fileName()));
    m_stackB->setCurrentIndex(1);
    setReport(nullptr);
}

void CompareGraphs::onGraphAvailable(int side, const GraphVariantPtr& data)
{
    if (data->graph->variant != ptscope::GraphVariant::Inlined)
        return;
    m_sides[size_t(side)].inlined = data->graph;
    realign();
}

void CompareGraphs::onLayoutAvailable(int side)
{
    Pane& p = m_sides[size_t(side)];
    const GraphDrawingPtr drawing = p.controller->drawing();
    if (p.pendingFocus >= 0 && drawing && drawing->graph->variant == ptscope::GraphVariant::Inlined) {
        const int node = std::exchange(p.pendingFocus, -1);
        const QScopedValueRollback<bool> guard(m_following, true);
        focusNode(side, node);
    }
}

void CompareGraphs::realign()
{
    const GraphPtr a = m_sides[A].inlined;
    const GraphPtr b = m_sides[B].inlined;
    m_jobs->cancelAll();
    if (!a || !b) {
        m_graphAlignment = {};
        rebuildAlignment();
        return;
    }
    // Quadratic in the graphs' sizes: a big pair takes a while, so not on the UI thread.
    m_jobs->start([a, b](JobContext&) { return NodeAlignment::fromGraphs(*a, *b); },
                  [this](const NodeAlignment& alignment) {
                      m_graphAlignment = alignment;
                      rebuildAlignment();
                  },
                  [this](const JobFailure& failure) { m_status->setText(failure.message); });
}

void CompareGraphs::rebuildAlignment()
{
    m_alignment = m_graphAlignment;
    if (m_report && m_report->perNode)
        m_alignment.addPairs(*m_report->perNode);
}

void CompareGraphs::setReport(const CompareReportPtr& report)
{
    m_report = report;
    rebuildAlignment();
    applyMarks();
    m_status->setText(report && report->perNode ? tr("Marked: where the models part, and what runs in one only. "
                                                     "Selecting a node selects its partner.")
                                                : QString());
}

void CompareGraphs::applyMarks()
{
    GraphMarks marks[2];
    if (m_report && m_report->perNode) {
        const ptscope::NodeComparison& n = *m_report->perNode;
        auto mark = [&](int side, const ptscope::NodeRef& ref, const QColor& color, const QString& tag, int priority) {
            if (ref.node < 0)
                return;
            const auto existing = marks[side].byNode.constFind(ref.node);
            if (existing == marks[side].byNode.cend() || existing->priority < priority)
                marks[side].byNode.insert(ref.node, GraphMark{color, tag, priority});
        };
        for (const ptscope::NodeRef& ref : n.unalignedA)
            mark(A, ref, UnalignedColor, tr("only in A"), 1);
        for (const ptscope::NodeRef& ref : n.unalignedB)
            mark(B, ref, UnalignedColor, tr("only in B"), 1);
        for (const ptscope::StructuralCause& cause : n.causes) {
            const QString tag = tr("cause: %1").arg(QString::fromStdString(cause.kind));
            mark(A, cause.a, CauseColor, tag, 2);
            mark(B, cause.b, CauseColor, tag, 2);
        }
        if (n.diverged) {
            mark(A, n.divergentA, DivergentColor, tr("first divergent"), 3);
            mark(B, n.divergentB, DivergentColor, tr("first divergent"), 3);
        }
    }
    for (int side : {A, B})
        m_sides[size_t(side)].panel->scene()->setMarks(marks[side]);
}

void CompareGraphs::focusNodes(int nodeA, int nodeB)
{
    const QScopedValueRollback<bool> guard(m_following, true);
    focusNode(A, nodeA);
    focusNode(B, nodeB);
}

void CompareGraphs::focusNode(int side, int node)
{
    if (node < 0)
        return;
    Pane& p = m_sides[size_t(side)];
    const GraphDrawingPtr drawing = p.panel->scene()->drawing();
    // NodeRef ids are the inlined graph's: another variant (or no drawing yet) focuses later.
    if (!drawing || drawing->graph->variant != ptscope::GraphVariant::Inlined) {
        p.pendingFocus = node;
        if (p.controller->modelInfo())
            p.controller->startExtract(ptscope::GraphVariant::Inlined);
        return;
    }
    if (node >= int(drawing->view.itemOfNode.size()))
        return;
    p.panel->selectNode(node);
    const int item = drawing->view.itemOfNode[size_t(node)];
    if (item < 0)
        return;
    const QRectF box = p.panel->scene()->boxRect(item);
    if (drawing->view.items[size_t(item)].kind == ptscope::ViewItemKind::Module)
        p.panel->revealSelectedNode(); // expanded around it, and kept in place
    else if (!p.panel->canvas()->visibleSceneRect().contains(box))
        p.panel->canvas()->focusOn(box); // in sight already: the drawing stays where it is
}

void CompareGraphs::followSelection(int side, int node)
{
    if (m_following)
        return;
    const int other = side == A ? B : A;
    const int partner = side == A ? m_alignment.partnerInB(node) : m_alignment.partnerInA(node);
    const GraphDrawingPtr drawing = m_sides[size_t(side)].panel->scene()->drawing();
    const bool inlined = drawing && drawing->graph->variant == ptscope::GraphVariant::Inlined;
    if (!inlined || node < 0 || !drawing || node >= int(drawing->graph->nodes.size()))
        return;
    const ptscope::GraphNode& n = drawing->graph->nodes[size_t(node)];
    ptscope::NodeRef ref;
    ref.node = node;
    ref.kind = n.kind;
    ref.scope = n.scope;
    if (partner < 0) {
        m_status->setText(tr("%1 has no partner in %2.").arg(CompareFormat::node(ref), sideName(other)));
        return;
    }
    m_status->setText(tr("%1 in %2 goes with node %3 in %4.")
                          .arg(CompareFormat::node(ref), sideName(side), QString::number(partner), sideName(other)));
    const QScopedValueRollback<bool> guard(m_following, true);
    focusNode(other, partner);
}

void CompareGraphs::followView(int side)
{
    if (m_following || !m_sync->isChecked())
        return;
    GraphCanvas* from = m_sides[size_t(side)].panel->canvas();
    GraphCanvas* to = m_sides[size_t(side == A ? B : A)].panel->canvas();
    const QRectF fromDrawing = from->graphScene()->sceneRect();
    const QRectF toDrawing = to->graphScene()->sceneRect();
    if (fromDrawing.isEmpty() || toDrawing.isEmpty() || !to->isVisible())
        return;
    // The same zoom, and the same place relative to each drawing: two versions of one model put
    // the same parts in about the same places.
    const QPointF centre = from->visibleSceneRect().center();
    const qreal fx = (centre.x() - fromDrawing.left()) / fromDrawing.width();
    const qreal fy = (centre.y() - fromDrawing.top()) / fromDrawing.height();
    const QScopedValueRollback<bool> guard(m_following, true);
    to->setZoom(from->zoom());
    to->centerOn(QPointF(toDrawing.left() + fx * toDrawing.width(), toDrawing.top() + fy * toDrawing.height()));
}

void CompareGraphs::showSource(int side, const QString& file, int line)
{
    if (file.isEmpty())
        return;
    m_sides[size_t(side)].sources->startShow(file, line);
}

bool CompareGraphs::isSynchronized() const
{
    return m_sync->isChecked();
}

void CompareGraphs::setSynchronized(bool on)
{
    m_sync->setChecked(on);
}

QString CompareGraphs::statusText() const
{
    return m_status->text();
}
