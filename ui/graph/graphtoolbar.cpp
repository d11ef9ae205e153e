#include "graph/graphtoolbar.h"

#include <QActionGroup>
#include <QLabel>
#include <QMenu>
#include <QToolButton>

GraphToolBar::GraphToolBar(QWidget* parent)
    : QToolBar(parent), m_variants(new QActionGroup(this)), m_nodeCount(new QLabel(this))
{
    setObjectName(QStringLiteral("graphToolBar"));
    setIconSize(QSize(16, 16));
    setToolButtonStyle(Qt::ToolButtonTextOnly);
    addVariants();
    m_nodeCount->setObjectName(QStringLiteral("graphNodeCount"));
    m_nodeCount->setContentsMargins(6, 0, 6, 0);
    addWidget(m_nodeCount);
    addSeparator();

    m_constants = new QAction(tr("Constants"), this);
    m_constants->setCheckable(true);
    m_constants->setToolTip(tr("Draw constants and attribute reads as their own boxes"));
    connect(m_constants, &QAction::toggled, this, &GraphToolBar::showConstantsToggled);
    m_viewActions << m_constants;
    m_viewActions << new QAction(tr("Expand All"), this);
    m_viewActions.last()->setToolTip(tr("Draw every module expanded (a big model takes a while to lay out)"));
    connect(m_viewActions.last(), &QAction::triggered, this, &GraphToolBar::expandAllRequested);
    m_viewActions << new QAction(tr("First View"), this);
    m_viewActions.last()->setToolTip(tr("Collapse back to the first view"));
    connect(m_viewActions.last(), &QAction::triggered, this, &GraphToolBar::firstViewRequested);
    m_heat = new QAction(tr("Heat Map"), this);
    m_heat->setObjectName(QStringLiteral("graphHeatAction"));
    m_heat->setCheckable(true);
    m_heat->setEnabled(false);
    m_heat->setToolTip(tr("Colour nodes and modules by their time in the last profile (Profile tab)"));
    m_viewActions << m_heat;

    m_fit = addAction(tr("Fit"), this, &GraphToolBar::fitRequested);
    m_fit->setToolTip(tr("Fit the whole graph in the window (F)"));
    addExportMenu();
    addViewMenu();
}

void GraphToolBar::addViewMenu()
{
    // Zoom and the overlays: wanted less often than the toolbar's width is worth.
    auto* menu = new QMenu(tr("View"), this);
    m_zoomIn = menu->addAction(tr("Zoom In"), this, &GraphToolBar::zoomInRequested);
    m_zoomIn->setShortcuts({QKeySequence::ZoomIn, QKeySequence(Qt::CTRL | Qt::Key_Equal)});
    m_zoomOut = menu->addAction(tr("Zoom Out"), this, &GraphToolBar::zoomOutRequested);
    m_zoomOut->setShortcut(QKeySequence::ZoomOut);
    menu->addAction(m_fit);
    menu->addSeparator();
    m_legend = menu->addAction(tr("Legend"));
    m_legend->setCheckable(true);
    m_legend->setChecked(true);
    m_overview = menu->addAction(tr("Overview"));
    m_overview->setCheckable(true);
    m_overview->setChecked(true);
    addWidget(menuButton(menu, tr("Zoom, legend and overview")));
}

QToolButton* GraphToolBar::menuButton(QMenu* menu, const QString& toolTip)
{
    auto* button = new QToolButton(this);
    button->setText(menu->title());
    button->setToolTip(toolTip);
    button->setMenu(menu);
    button->setPopupMode(QToolButton::InstantPopup);
    return button;
}

void GraphToolBar::addVariants()
{
    const std::pair<ptscope::GraphVariant, QString> variants[] = {
        {ptscope::GraphVariant::AsSaved, tr("As Saved")},
        {ptscope::GraphVariant::Inlined, tr("Inlined")},
        {ptscope::GraphVariant::Frozen, tr("Frozen")},
        {ptscope::GraphVariant::Optimized, tr("Optimized")},
    };
    const QString tips[] = {
        tr("The forward graph as saved: calls to submodules stay calls"),
        tr("Every call inlined; each node keeps the module it came from"),
        tr("torch.jit.freeze: attributes become constants, batch norms fold into convolutions"),
        tr("torch.jit.optimize_for_inference on top of freezing"),
    };
    int i = 0;
    for (const auto& [variant, name] : variants) {
        QAction* action = addAction(name);
        action->setCheckable(true);
        action->setToolTip(tips[i++]);
        action->setData(int(variant));
        action->setObjectName(QStringLiteral("variant-") + QLatin1String(ptscope::graphVariantId(variant)));
        m_variants->addAction(action);
        connect(action, &QAction::triggered, this,
                [this, variant = variant]() { emit variantRequested(variant); });
    }
    setVariant(ptscope::GraphVariant::Inlined);
}

void GraphToolBar::addExportMenu()
{
    auto* menu = new QMenu(tr("Export"), this);
    for (const QString& format : {QStringLiteral("svg"), QStringLiteral("png"), QStringLiteral("dot")}) {
        QAction* action = menu->addAction(tr("%1…").arg(format.toUpper()), this,
                                          [this, format]() { emit exportRequested(format); });
        action->setData(format);
        m_exports << action;
    }
    addWidget(menuButton(menu, tr("Save the current view as SVG, PNG or DOT")));
}

void GraphToolBar::setVariant(ptscope::GraphVariant variant)
{
    for (QAction* action : m_variants->actions())
        action->setChecked(action->data().toInt() == int(variant));
}

void GraphToolBar::setNodeCount(const QString& text, const QString& toolTip)
{
    m_nodeCount->setText(text);
    m_nodeCount->setToolTip(toolTip);
}

void GraphToolBar::setShowConstants(bool show)
{
    const QSignalBlocker blocker(m_constants);
    m_constants->setChecked(show);
}

QList<QAction*> GraphToolBar::shortcutActions() const
{
    return {m_zoomIn, m_zoomOut};
}

QAction* GraphToolBar::exportAction(const QString& format) const
{
    for (QAction* action : m_exports)
        if (action->data().toString() == format)
            return action;
    return nullptr;
}
