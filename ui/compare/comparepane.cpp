#include "compare/comparepane.h"

#include "controllers/graphcontroller.h"
#include "controllers/sourcecontroller.h"
#include "graph/graphcanvas.h"
#include "graph/graphpanel.h"
#include "graph/graphscene.h"
#include "graph/nodeinspector.h"
#include "widgets/codeview.h"

#include <QLabel>
#include <QScopedValueRollback>
#include <QSplitter>
#include <QStackedWidget>
#include <QVBoxLayout>

ComparePane::ComparePane(const QString& side, ModelWorker* worker, QWidget* parent)
    : QWidget(parent), m_side(side), m_controller(new GraphController(worker, this)),
      m_panel(new GraphPanel(m_controller, this)), m_sources(new SourceController(worker, this)),
      m_code(new CodeView(this)), m_title(new QLabel(this)), m_codeTitle(new QLabel(this)),
      m_stack(new QStackedWidget(this)), m_message(new QLabel(this))
{
    setObjectName(QStringLiteral("comparePane") + side);
    m_panel->setObjectName(QStringLiteral("compareGraph") + side);
    // The inspector lives in the window's Node dock for the Graph tab; here the code view below
    // says where a node came from.
    m_panel->inspector()->hide();
    m_code->setObjectName(QStringLiteral("compareCode") + side);
    m_title->setObjectName(QStringLiteral("compareTitle") + side);
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_title->setContentsMargins(6, 2, 6, 2);
    m_title->setText(tr("%1: no model").arg(side));
    m_codeTitle->setContentsMargins(6, 0, 6, 0);
    m_codeTitle->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_message->setObjectName(QStringLiteral("compareNoGraph") + side);
    m_message->setAlignment(Qt::AlignCenter);
    m_message->setWordWrap(true);
    m_message->setForegroundRole(QPalette::PlaceholderText);
    m_stack->addWidget(m_panel);
    m_stack->addWidget(m_message);

    auto* code = new QWidget(this);
    auto* codeLayout = new QVBoxLayout(code);
    codeLayout->setContentsMargins(0, 0, 0, 0);
    codeLayout->setSpacing(0);
    codeLayout->addWidget(m_codeTitle);
    codeLayout->addWidget(m_code, 1);
    auto* split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_stack);
    split->addWidget(code);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);
    split->setSizes({600, 160});
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_title);
    layout->addWidget(split, 1);

    connect(m_controller, &GraphController::graphAvailable, this, [this](const GraphVariantPtr& data) {
        if (data->graph->variant != ptscope::GraphVariant::Inlined)
            return;
        m_inlined = data->graph;
        emit inlinedGraphAvailable(m_inlined);
    });
    connect(m_controller, &GraphController::layoutAvailable, this, &ComparePane::onLayoutAvailable);
    connect(m_panel, &GraphPanel::nodeSelected, this, &ComparePane::nodeSelected);
    connect(m_panel, &GraphPanel::sourceSelected, this, &ComparePane::showSource);
    connect(m_panel, &GraphPanel::openSourceRequested, this, &ComparePane::showSource);
    connect(m_panel->canvas(), &GraphCanvas::visibleAreaChanged, this, &ComparePane::viewChanged);
    connect(m_sources, &SourceController::sourceAvailable, this,
            [this](const QString& file, const QString& text, int line) {
                m_code->setCode(text);
                m_code->highlightLine(line);
                m_codeTitle->setText(line > 0 ? tr("%1 · line %2").arg(file).arg(line) : file);
            });
    connect(m_sources, &SourceController::failed, this,
            [this](const QString& message) { m_codeTitle->setText(tr("Cannot show the source: %1").arg(message)); });
    clearCode();
}

void ComparePane::setTitle(const QString& text, const QString& toolTip)
{
    m_title->setText(text);
    m_title->setToolTip(toolTip);
}

void ComparePane::setModel(const ModelInfoPtr& info)
{
    m_stack->setCurrentWidget(m_panel);
    m_panel->setModel(info);
}

void ComparePane::showMessage(const QString& text)
{
    m_message->setText(text);
    m_stack->setCurrentWidget(m_message);
}

bool ComparePane::isShowingGraph() const
{
    return m_stack->currentWidget() == m_panel;
}

QString ComparePane::message() const
{
    return m_message->text();
}

void ComparePane::forget()
{
    m_inlined.reset();
    m_pendingFocus = -1;
    m_controller->clear();
    m_sources->reset();
    clearCode();
}

void ComparePane::clearCode()
{
    m_code->setCode({});
    // Not the code view's "no TorchScript source": nothing was asked for yet.
    m_code->setPlaceholderText(tr("Select a node, or one named under Where they part, to see its source here."));
    m_code->viewport()->update();
    m_codeTitle->clear();
}

void ComparePane::showSource(const QString& file, int line)
{
    if (!file.isEmpty())
        m_sources->startShow(file, line);
}

void ComparePane::onLayoutAvailable()
{
    const GraphDrawingPtr drawing = m_controller->drawing();
    if (m_pendingFocus >= 0 && drawing && drawing->graph->variant == ptscope::GraphVariant::Inlined)
        focusNode(std::exchange(m_pendingFocus, -1));
}

void ComparePane::focusNode(int node)
{
    if (node < 0)
        return;
    const GraphDrawingPtr drawing = m_panel->scene()->drawing();
    if (!drawing || drawing->graph->variant != ptscope::GraphVariant::Inlined) {
        m_pendingFocus = node;
        if (m_controller->modelInfo())
            m_controller->startExtract(ptscope::GraphVariant::Inlined);
        return;
    }
    if (node >= int(drawing->view.itemOfNode.size()))
        return;
    const QScopedValueRollback<bool> guard(m_focusing, true);
    m_panel->selectNode(node);
    const int item = drawing->view.itemOfNode[size_t(node)];
    if (item < 0)
        return;
    const QRectF box = m_panel->scene()->boxRect(item);
    if (drawing->view.items[size_t(item)].kind == ptscope::ViewItemKind::Module)
        m_panel->revealSelectedNode(); // expanded around it, and kept in place
    else if (!m_panel->canvas()->visibleSceneRect().contains(box))
        m_panel->canvas()->focusOn(box); // in sight already: the drawing stays where it is
}
