#include "profile/profilepanel.h"

#include "profile/kindtimechart.h"
#include "profile/memorychart.h"
#include "profile/moduletreemap.h"
#include "profile/noderunschart.h"
#include "profile/profilecontrols.h"
#include "profile/profileexport.h"
#include "profile/profileformat.h"
#include "profile/profilenodesmodel.h"
#include "profile/profilenodesproxy.h"
#include "profile/profilesummary.h"
#include "profile/rooflinechart.h"
#include "profile/speedupview.h"
#include "profile/timelinechart.h"
#include "profile/topnodeschart.h"
#include "run/messagebanner.h"

#include <QCheckBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

ProfilePanel::ProfilePanel(QWidget* parent)
    : QWidget(parent), m_controls(new ProfileControls(this)), m_inputs(new QLabel(this)),
      m_banner(new MessageBanner(this)), m_summary(new ProfileSummary(this)), m_model(new ProfileNodesModel(this)),
      m_proxy(new ProfileNodesProxy(this))
{
    setObjectName(QStringLiteral("profilePanel"));
    m_proxy->setSourceModel(m_model);
    m_inputs->setObjectName(QStringLiteral("profileInputs"));
    m_inputs->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_inputs->setWordWrap(true);
    m_inputs->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_inputs->hide();
    connect(m_controls, &ProfileControls::profileRequested, this, &ProfilePanel::profileRequested);
    connect(m_controls, &ProfileControls::cancelRequested, this, &ProfilePanel::cancelRequested);

    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->setObjectName(QStringLiteral("profileSplitter"));
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(createNodesArea());
    splitter->addWidget(createCharts());
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    createExportMenu();

    auto* top = new QVBoxLayout;
    top->setContentsMargins(8, 6, 8, 0);
    top->addWidget(m_controls);
    top->addWidget(m_inputs);
    top->addWidget(m_summary);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_banner);
    layout->addLayout(top);
    layout->addWidget(splitter, 1);
    clear();
}

QWidget* ProfilePanel::createNodesArea()
{
    auto* area = new QWidget(this);
    m_filter = new QLineEdit(area);
    m_filter->setObjectName(QStringLiteral("profileFilter"));
    m_filter->setPlaceholderText(tr("Filter nodes by kind, module or label (conv, relu…; module:layer1.0)"));
    m_filter->setClearButtonEnabled(true);
    m_hideControl = new QCheckBox(tr("Hide If/Loop"), area);
    m_hideControl->setObjectName(QStringLiteral("profileHideControl"));
    m_hideControl->setToolTip(tr("If and Loop nodes' times include their blocks' nodes"));
    m_hidePrim = new QCheckBox(tr("Hide prim::"), area);
    m_hidePrim->setObjectName(QStringLiteral("profileHidePrim"));
    m_hidePrim->setToolTip(tr("TorchScript's bookkeeping: attribute reads, list and tuple construction, …"));
    m_showOnGraph = new QPushButton(tr("Show on Graph"), area);
    m_showOnGraph->setObjectName(QStringLiteral("profileShowOnGraph"));
    m_showOnGraph->setToolTip(tr("Colour the Graph tab's nodes and modules by their time in this profile"));
    connect(m_showOnGraph, &QPushButton::clicked, this, &ProfilePanel::showOnGraphRequested);
    m_count = new QLabel(area);
    m_count->setObjectName(QStringLiteral("profileNodeCount"));
    connect(m_filter, &QLineEdit::textChanged, this, [this](const QString& text) {
        refilter([&]() {
            // "module:layer1.0" keeps that module's nodes (a click in the By Module chart writes it).
            static const QString prefix = QStringLiteral("module:");
            const bool module = text.trimmed().startsWith(prefix);
            m_proxy->setModuleFilter(module ? text.trimmed().mid(prefix.size()).trimmed() : QString());
            m_proxy->setFilterText(module ? QString() : text);
        });
    });
    connect(m_hideControl, &QCheckBox::toggled, this,
            [this](bool hide) { refilter([&]() { m_proxy->setHideControl(hide); }); });
    connect(m_hidePrim, &QCheckBox::toggled, this, [this](bool hide) { refilter([&]() { m_proxy->setHidePrim(hide); }); });

    m_view = new QTableView(area);
    m_view->setObjectName(QStringLiteral("profileNodesView"));
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(ProfileNodesModel::Median, Qt::DescendingOrder);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setWordWrap(false);
    m_view->setTextElideMode(Qt::ElideMiddle);
    m_view->setAlternatingRowColors(true);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 6);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->horizontalHeader()->setHighlightSections(false);
    const int digit = m_view->fontMetrics().horizontalAdvance(QLatin1Char('0'));
    // Node, kind, module, median, std, share, calls, shapes, GFLOP/s, GB/s, % of peak, event, check.
    const int widths[ProfileNodesModel::NUM_COLUMNS] = {26, 24, 20, 11, 9, 9, 7, 24, 9, 8, 9, 10, 6};
    for (int column = 0; column < ProfileNodesModel::NUM_COLUMNS; ++column)
        m_view->setColumnWidth(column, widths[column] * digit);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &ProfilePanel::onTableSelection);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &ProfilePanel::updateCount);

    auto* filterRow = new QHBoxLayout;
    filterRow->addWidget(m_filter, 1);
    filterRow->addWidget(m_hideControl);
    filterRow->addWidget(m_hidePrim);
    filterRow->addWidget(m_count);
    filterRow->addWidget(m_showOnGraph);
    auto* layout = new QVBoxLayout(area);
    layout->setContentsMargins(8, 4, 8, 0);
    layout->addLayout(filterRow);
    layout->addWidget(m_view, 1);
    return area;
}

QWidget* ProfilePanel::createCharts()
{
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("profileCharts"));
    m_tabs->setDocumentMode(true);
    m_topNodes = new TopNodesChart(m_tabs);
    m_kinds = new KindTimeChart(m_tabs);
    m_modules = new ModuleTreemap(m_tabs);
    m_timeline = new TimelineChart(m_tabs);
    m_memory = new MemoryChart(m_tabs);
    m_runs = new NodeRunsChart(m_tabs);
    m_roofline = new RooflineChart(m_tabs);
    m_speedup = new SpeedupView(m_tabs);
    m_tabs->addTab(m_topNodes, tr("Top Nodes"));
    m_tabs->addTab(m_kinds, tr("By Kind"));
    m_tabs->addTab(m_modules, tr("By Module"));
    m_tabs->addTab(m_timeline, tr("Timeline"));
    m_tabs->addTab(m_memory, tr("Memory"));
    m_tabs->addTab(m_runs, tr("Runs"));
    m_tabs->addTab(m_roofline, tr("Roofline"));
    m_tabs->addTab(m_speedup, tr("Speed-ups"));
    m_tabs->setTabToolTip(2, tr("Time per run by module; click a module to list its nodes"));
    m_tabs->setTabToolTip(5, tr("The selected node's time in each measured run"));

    connect(m_topNodes, &TopNodesChart::nodeClicked, this, &ProfilePanel::userSelected);
    connect(m_timeline, &TimelineChart::nodeClicked, this, &ProfilePanel::userSelected);
    connect(m_memory, &MemoryChart::nodeClicked, this, &ProfilePanel::userSelected);
    connect(m_roofline, &RooflineChart::nodeClicked, this, &ProfilePanel::userSelected);
    // Kinds and modules are groups of nodes: clicking one lists them in the table.
    connect(m_kinds, &KindTimeChart::kindClicked, m_filter, &QLineEdit::setText);
    connect(m_modules, &ModuleTreemap::moduleClicked, this, [this](const QString& scope) {
        m_filter->setText(scope.isEmpty() ? QString() : QStringLiteral("module:") + scope);
    });
    return m_tabs;
}

void ProfilePanel::createExportMenu()
{
    m_exportMenu = new QMenu(this);
    m_exportMenu->setObjectName(QStringLiteral("profileExportMenu"));
    const QList<std::pair<QString, QString>> actions = {
        {QStringLiteral("csv"), tr("Export CSV…")},
        {QStringLiteral("json"), tr("Export JSON…")},
        {QStringLiteral("chrome-trace"), tr("Export Chrome Trace…")}};
    for (const auto& [format, text] : actions) {
        QAction* action = m_exportMenu->addAction(text);
        action->setObjectName(QStringLiteral("profileExport-") + format);
        connect(action, &QAction::triggered, this, [this, format = format]() { exportInteractively(format); });
    }
    m_controls->exportButton()->setMenu(m_exportMenu);
}

ProfileSettings ProfilePanel::settings() const
{
    return m_controls->settings();
}

void ProfilePanel::setSettings(const ProfileSettings& settings)
{
    m_controls->setSettings(settings);
}

void ProfilePanel::setBusy(bool busy)
{
    m_controls->setBusy(busy);
    if (busy)
        m_banner->hide();
}

void ProfilePanel::setProgress(const QString& text, int done, int total)
{
    m_controls->setProgress(text, done, total);
}

void ProfilePanel::showError(const QString& message, const QString& detail)
{
    m_banner->showError(message, detail);
    m_controls->setStatus(tr("Profile failed."));
}

void ProfilePanel::setInputsSummary(const QString& text)
{
    m_inputs->setText(text);
    m_inputs->setVisible(!text.isEmpty());
}

void ProfilePanel::setResult(const ProfileResultPtr& result)
{
    m_result = result;
    m_selected = -1;
    {
        const QSignalBlocker blocker(m_view->selectionModel());
        m_model->setResult(result);
    }
    m_summary->setResult(result.get());
    m_topNodes->setResult(result);
    m_kinds->setResult(result);
    m_modules->setResult(result);
    m_modules->clearSelectedScope();
    m_timeline->setResult(result);
    m_memory->setResult(result);
    m_runs->setResult(result);
    m_roofline->setResult(result);
    m_speedup->setReport(result ? result->speedup : std::nullopt);
    m_controls->exportButton()->setEnabled(bool(result));
    m_showOnGraph->setEnabled(result && result->nodeLevel);
    updateCount();
    if (!result) {
        m_controls->setStatus(QString());
        return;
    }
    m_banner->hide();
    const ptscope::ProfileResult& r = *result;
    m_controls->setStatus(
        r.nodeLevel ? tr("Done: %1 nodes, executor median %2 over %3 runs")
                          .arg(r.nodes.size())
                          .arg(ProfileFormat::duration(r.executorMs.median))
                          .arg(r.executorRunsMs.size())
                    : tr("Done: forward median %1 over %2 runs (no per-node times)")
                          .arg(ProfileFormat::duration(r.forwardMs.median))
                          .arg(r.forwardRunsMs.size()));
    if (m_exportFolder.isEmpty())
        m_exportFolder = QFileInfo(QString::fromStdString(r.model)).absolutePath();
}

void ProfilePanel::clear()
{
    setResult(nullptr);
    m_banner->hide();
    m_filter->clear();
}

void ProfilePanel::refilter(const std::function<void()>& change)
{
    // Filtering moves the table's current row: that is not the user choosing another node, and
    // the selected node stays selected wherever it is still listed.
    m_syncing = true;
    change();
    m_syncing = false;
    applySelection(m_selected);
    updateCount();
}

void ProfilePanel::updateCount()
{
    const int all = m_model->rowCount();
    const int shown = m_proxy->rowCount();
    m_count->setText(all == shown ? tr("%1 nodes").arg(all) : tr("%1 of %2 nodes").arg(shown).arg(all));
}

void ProfilePanel::onTableSelection()
{
    if (m_syncing)
        return;
    const QModelIndex current = m_view->selectionModel()->currentIndex();
    if (current.isValid())
        userSelected(current.data(ProfileNodesModel::NodeIdRole).toInt());
}

void ProfilePanel::userSelected(int id)
{
    if (id == m_selected)
        return;
    applySelection(id);
    emit nodeSelected(m_selected);
}

void ProfilePanel::selectNode(int id)
{
    if (id == m_selected)
        return;
    applySelection(id);
}

void ProfilePanel::applySelection(int id)
{
    const int row = m_model->rowOfNode(id);
    m_selected = row >= 0 ? id : -1;
    m_syncing = true;
    const QModelIndex index = m_proxy->mapFromSource(m_model->indexOfNodeId(m_selected));
    if (index.isValid()) {
        m_view->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect |
                                                             QItemSelectionModel::Rows);
        m_view->scrollTo(index);
    } else {
        m_view->selectionModel()->clearSelection();
        m_view->selectionModel()->setCurrentIndex({}, QItemSelectionModel::NoUpdate);
    }
    m_topNodes->setSelectedNode(m_selected);
    m_timeline->setSelectedNode(m_selected);
    m_memory->setSelectedNode(m_selected);
    m_runs->setSelectedNode(m_selected);
    m_roofline->setSelectedNode(m_selected);
    if (row >= 0)
        m_modules->setSelectedScope(QString::fromStdString(m_model->nodeAt(row).scope));
    else
        m_modules->clearSelectedScope();
    m_syncing = false;
}

bool ProfilePanel::exportTo(const QString& format, const QString& path, QString* error)
{
    if (!m_result) {
        if (error)
            *error = tr("There is no profile to export.");
        return false;
    }
    return ProfileExport::write(*m_result, format, path, error);
}

void ProfilePanel::exportInteractively(const QString& format)
{
    if (!m_result)
        return;
    const QString suggested =
        QDir(m_exportFolder).filePath(ProfileExport::suggestedFileName(*m_result, format));
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Export Profile"), suggested, ProfileExport::fileFilter(format));
    if (path.isEmpty())
        return;
    m_exportFolder = QFileInfo(path).absolutePath();
    QString error;
    if (exportTo(format, path, &error))
        m_controls->setStatus(tr("Wrote %1").arg(QDir::toNativeSeparators(path)));
    else
        m_banner->showError(tr("The profile could not be exported."), error);
}
