#include "compare/comparegraphs.h"

#include "compare/compareformat.h"
#include "compare/comparemarks.h"
#include "compare/comparepane.h"
#include "controllers/modelcontroller.h"
#include "graph/graphcanvas.h"
#include "graph/graphpanel.h"
#include "graph/graphscene.h"
#include "jobs/jobrunner.h"
#include "worker/modelworker.h"

#include <QCheckBox>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QScopedValueRollback>
#include <QSplitter>
#include <QVBoxLayout>

namespace {

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
    m_panes[A] = new ComparePane(QStringLiteral("A"), workerA, this);
    m_panes[B] = new ComparePane(QStringLiteral("B"), m_workerB, this);
    m_panes[B]->showMessage(tr("Choose a second model above to draw it here."));
    auto* panes = new QSplitter(Qt::Horizontal, this);
    panes->setObjectName(QStringLiteral("compareGraphSplitter"));
    panes->setChildrenCollapsible(false);
    for (int side : {A, B}) {
        ComparePane* pane = m_panes[size_t(side)];
        panes->addWidget(pane);
        connect(pane, &ComparePane::inlinedGraphAvailable, this, &CompareGraphs::realign);
        connect(pane, &ComparePane::nodeSelected, this, [this, side](int node) { followSelection(side, node); });
        connect(pane, &ComparePane::viewChanged, this, [this, side]() { followView(side); });
    }

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
    connectModelB();
}

CompareGraphs::~CompareGraphs() = default;

void CompareGraphs::connectModelB()
{
    connect(m_modelB, &ModelController::modelAvailable, this, [this](const ModelInfoPtr& info) {
        m_panes[B]->setModel(info);
        emit modelBAvailable(info);
    });
    connect(m_modelB, &ModelController::failed, this, [this](const QString& message, const QString& detail) {
        m_panes[B]->showMessage(tr("B could not be opened:\n%1").arg(message));
        emit modelBFailed(message, detail);
    });
    connect(m_modelB, &ModelController::progress, this, [this](const QString& text) {
        if (!m_panes[B]->isShowingGraph())
            m_panes[B]->showMessage(text);
    });
}

QWidget* CompareGraphs::createLegend()
{
    auto* row = new QWidget(this);
    auto* layout = new QHBoxLayout(row);
    layout->setContentsMargins(6, 2, 6, 0);
    auto* legend = new QLabel(row);
    legend->setObjectName(QStringLiteral("compareMarksLegend"));
    legend->setText(swatch(CompareMarks::divergentColor(), tr("first divergent node")) + QStringLiteral(" &nbsp; ") +
                    swatch(CompareMarks::causeColor(), tr("structural cause")) + QStringLiteral(" &nbsp; ") +
                    swatch(CompareMarks::unalignedColor(), tr("run in this model only")));
    m_sync = new QCheckBox(tr("S&ync navigation"), row);
    m_sync->setObjectName(QStringLiteral("compareSyncCheck"));
    m_sync->setToolTip(tr("Zooming or panning one graph moves the other to the same place of its drawing"));
    m_sync->setChecked(true);
    layout->addWidget(legend, 1);
    layout->addWidget(m_sync);
    return row;
}

GraphPanel* CompareGraphs::pane(int side) const
{
    return m_panes[size_t(side)]->panel();
}

CodeView* CompareGraphs::codeView(int side) const
{
    return m_panes[size_t(side)]->codeView();
}

void CompareGraphs::setModelA(const ModelInfoPtr& info)
{
    m_infoA = info;
    m_panes[A]->forget();
    m_panes[A]->setTitle(info ? tr("A: %1").arg(QFileInfo(QString::fromStdString(info->archive.path)).fileName())
                              : tr("A: no model"),
                         info ? QString::fromStdString(info->archive.path) : QString());
    m_loadA = bool(info);
    setReport(nullptr);
    realign();
    if (isVisible())
        loadA();
}

void CompareGraphs::loadA()
{
    if (!m_loadA || !m_infoA)
        return;
    m_loadA = false;
    m_panes[A]->setModel(m_infoA);
}

void CompareGraphs::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    loadA();
}

void CompareGraphs::openModelB(const QString& path, const QStringList& libraries)
{
    m_pathB = path;
    m_panes[B]->forget();
    m_panes[B]->setTitle(tr("B: %1").arg(QFileInfo(path).fileName()), path);
    m_panes[B]->showMessage(tr("Opening %1…").arg(QFileInfo(path).fileName()));
    setReport(nullptr);
    realign();
    m_modelB->startOpen(path, libraries);
}

void CompareGraphs::showReferenceInB(const QString& path)
{
    m_pathB.clear();
    m_modelB->cancel(); // a second model still opening is not wanted any more
    m_panes[B]->forget();
    m_workerB->clear();
    m_panes[B]->setTitle(tr("B: saved outputs %1").arg(QFileInfo(path).fileName()), path);
    m_panes[B]->showMessage(tr("Compared against the saved outputs in %1: they have no graph to draw.\n"
                               "Node by node and the search need a second model.")
                                .arg(QFileInfo(path).fileName()));
    setReport(nullptr);
    realign();
}

void CompareGraphs::realign()
{
    const GraphPtr a = m_panes[A]->inlinedGraph();
    const GraphPtr b = m_panes[B]->inlinedGraph();
    m_jobs->cancelAll();
    m_graphAlignment = {};
    rebuildAlignment();
    if (!a || !b)
        return;
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
    const std::array<GraphMarks, 2> marks =
        m_report && m_report->perNode ? CompareMarks::of(*m_report->perNode) : std::array<GraphMarks, 2>();
    for (int side : {A, B})
        pane(side)->scene()->setMarks(marks[size_t(side)]);
}

void CompareGraphs::focusNodes(int nodeA, int nodeB)
{
    const QScopedValueRollback<bool> guard(m_following, true);
    m_panes[A]->focusNode(nodeA);
    m_panes[B]->focusNode(nodeB);
}

void CompareGraphs::followSelection(int side, int node)
{
    // A node focused for the results (now, or once its drawing arrived) brings its partner along
    // already; only the user's own selections are followed.
    if (m_following || m_panes[size_t(side)]->isFocusing())
        return;
    const int other = side == A ? B : A;
    const GraphDrawingPtr drawing = pane(side)->scene()->drawing();
    if (!drawing || drawing->graph->variant != ptscope::GraphVariant::Inlined || node < 0 ||
        node >= int(drawing->graph->nodes.size()))
        return;
    const ptscope::GraphNode& n = drawing->graph->nodes[size_t(node)];
    ptscope::NodeRef ref;
    ref.node = node;
    ref.kind = n.kind;
    ref.scope = n.scope;
    const int partner = side == A ? m_alignment.partnerInB(node) : m_alignment.partnerInA(node);
    if (partner < 0) {
        m_status->setText(tr("%1 has no partner in %2.").arg(CompareFormat::node(ref), sideName(other)));
        return;
    }
    m_status->setText(tr("%1 in %2 goes with node %3 in %4.")
                          .arg(CompareFormat::node(ref), sideName(side), QString::number(partner), sideName(other)));
    const QScopedValueRollback<bool> guard(m_following, true);
    m_panes[size_t(other)]->focusNode(partner);
}

void CompareGraphs::followView(int side)
{
    if (m_following || !m_sync->isChecked())
        return;
    GraphCanvas* from = pane(side)->canvas();
    GraphCanvas* to = pane(side == A ? B : A)->canvas();
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
    m_panes[size_t(side)]->showSource(file, line);
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
