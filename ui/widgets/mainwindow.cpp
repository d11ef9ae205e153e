#include "widgets/mainwindow.h"

#include "appsettings.h"
#include "compare/compareview.h"
#include "controllers/comparecontroller.h"
#include "controllers/graphcontroller.h"
#include "controllers/modelcontroller.h"
#include "controllers/operatorlibrarycontroller.h"
#include "controllers/profilecontroller.h"
#include "controllers/runcontroller.h"
#include "controllers/sourcecontroller.h"
#include "graph/graphpanel.h"
#include "graph/nodeinspector.h"
#include "models/modelsummarymodel.h"
#include "models/moduletreemodel.h"
#include "profile/profilecontrols.h"
#include "profile/profilepanel.h"
#include "recentfiles.h"
#include "run/runpanel.h"
#include "widgets/codeview.h"
#include "widgets/loadstatuswidget.h"
#include "widgets/moduledetailspanel.h"
#include "widgets/modulespanel.h"
#include "widgets/operatorlibrariesdialog.h"
#include "widgets/recentfilesmenu.h"
#include "worker/modelworker.h"

#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QInputDialog>
#include <QMimeData>
#include <QScopedValueRollback>
#include <QStackedWidget>
#include <QScreen>
#include <QStatusBar>
#include <QTabWidget>
#include <QTreeView>
#include <ptscope/common/format.h>

#include <algorithm>

namespace {

// The first window's share of the screen's available size, when there is no saved geometry.
constexpr double FirstWindowShare = 0.85;

QString droppedFile(const QMimeData* mime)
{
    if (!mime->hasUrls() || mime->urls().size() != 1 || !mime->urls().first().isLocalFile())
        return {};
    return mime->urls().first().toLocalFile();
}

} // namespace

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent), m_worker(new ModelWorker(this)), m_controller(new ModelController(m_worker, this)),
      m_libraries(new OperatorLibraryController(this)), m_graphController(new GraphController(m_worker, this)),
      m_sources(new SourceController(m_worker, this)),
      m_runController(new RunController(m_worker, this)), m_profileController(new ProfileController(m_worker, this)),
      m_compareController(new CompareController(m_worker, this)),
      m_moduleModel(new ModuleTreeModel(this)), m_summaryModel(new ModelSummaryModel(this))
{
    setWindowTitle(tr("ptscope"));
    setAcceptDrops(true);
    setCentralWidget(createCentralArea());
    createDocks();
    createMenus();
    connectGraph();
    connectProfile();
    connectCompare();
    m_worker->setTaskTimeLimitSeconds(AppSettings::taskTimeLimitSeconds());
    m_worker->setMemoryLimitMiB(AppSettings::workerMemoryLimitMiB());
    // Started now, while the user picks a file, so opening one does not wait for LibTorch.
    m_worker->prestart();

    m_status = new LoadStatusWidget(this);
    m_status->setText(tr("No model loaded."));
    statusBar()->addWidget(m_status, 1);
    connect(m_status, &LoadStatusWidget::cancelRequested, m_controller, &ModelController::cancel);

    connect(m_controller, &ModelController::busyChanged, m_status, &LoadStatusWidget::setBusy);
    connect(m_controller, &ModelController::progress, m_status, &LoadStatusWidget::setText);
    connect(m_controller, &ModelController::modelAvailable, this, &MainWindow::onModelAvailable);
    connect(m_controller, &ModelController::failed, this, &MainWindow::onLoadFailed);
    connect(m_controller, &ModelController::cancelled, this,
            [this]() { m_status->setText(tr("Loading cancelled.")); });
    connect(m_libraries, &OperatorLibraryController::loadFailed, this,
            [this](const QString&, const QString& message, const QString& detail) {
                showError(tr("Cannot Load Operator Library"), message, detail);
            });

    if (!restoreGeometry(AppSettings::windowGeometry())) {
        // The first run: most of the screen, centred.
        if (const QScreen* screen = this->screen() ? this->screen() : QGuiApplication::primaryScreen()) {
            const QRect available = screen->availableGeometry();
            QRect frame(QPoint(), available.size() * FirstWindowShare);
            frame.moveCenter(available.center());
            setGeometry(frame);
        } else {
            resize(1360, 840);
        }
    }
    if (!restoreState(AppSettings::windowState())) {
        // The first-run layout: room for the module names on the left and the tensor table's
        // columns on the right, in proportion to the window.
        const int modules = std::clamp(width() * 24 / 100, 300, 520);
        const int details = std::clamp(width() * 30 / 100, 360, 620);
        resizeDocks({findChild<QDockWidget*>(QStringLiteral("modulesDock")),
                     findChild<QDockWidget*>(QStringLiteral("detailsDock"))},
                    {modules, details}, Qt::Horizontal);
    }
    m_details->restoreSplitterState(AppSettings::detailsSplitterState());
}

MainWindow::~MainWindow() = default;

QWidget* MainWindow::createCentralArea()
{
    auto* empty = new QLabel(tr("Open a TorchScript model (File ▸ Open, or drop a .pt file here)"), this);
    empty->setObjectName(QStringLiteral("emptyState"));
    empty->setAlignment(Qt::AlignCenter);
    empty->setWordWrap(true);
    QFont font = empty->font();
    font.setPointSizeF(font.pointSizeF() * 1.3);
    empty->setFont(font);
    empty->setForegroundRole(QPalette::PlaceholderText);

    auto* summary = new QTreeView(this);
    summary->setObjectName(QStringLiteral("summaryView"));
    summary->setModel(m_summaryModel);
    summary->setRootIsDecorated(false);
    summary->setAlternatingRowColors(true);
    summary->setHeaderHidden(true);
    summary->header()->setSectionResizeMode(ModelSummaryModel::Property, QHeaderView::ResizeToContents);

    m_code = new CodeView(this);
    m_code->setObjectName(QStringLiteral("codeView"));
    m_graphPanel = new GraphPanel(m_graphController, this);
    m_graphPanel->setObjectName(QStringLiteral("graphPanel"));
    m_runPanel = new RunPanel(m_runController, this);

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("centralTabs"));
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(summary, tr("Overview"));
    m_tabs->addTab(m_graphPanel, tr("Graph"));
    m_tabs->addTab(m_code, tr("Code"));
    m_tabs->addTab(m_runPanel, tr("Run"));
    m_profilePanel = new ProfilePanel(this);
    m_tabs->addTab(m_profilePanel, tr("Profile"));
    m_compareView = new CompareView(m_compareController, this);
    m_tabs->addTab(m_compareView, tr("Compare"));

    m_central = new QStackedWidget(this);
    m_central->addWidget(empty);
    m_central->addWidget(m_tabs);
    return m_central;
}

void MainWindow::createDocks()
{
    m_modulesPanel = new ModulesPanel(m_moduleModel, this);
    connect(m_modulesPanel, &ModulesPanel::currentModuleChanged, this, &MainWindow::showModule);
    auto* modulesDock = new QDockWidget(tr("Modules"), this);
    modulesDock->setObjectName(QStringLiteral("modulesDock"));
    modulesDock->setWidget(m_modulesPanel);
    addDockWidget(Qt::LeftDockWidgetArea, modulesDock);

    m_details = new ModuleDetailsPanel(this);
    auto* detailsDock = new QDockWidget(tr("Details"), this);
    detailsDock->setObjectName(QStringLiteral("detailsDock"));
    detailsDock->setWidget(m_details);
    addDockWidget(Qt::RightDockWidgetArea, detailsDock);

    m_nodeDock = new QDockWidget(tr("Node"), this);
    m_nodeDock->setObjectName(QStringLiteral("nodeDock"));
    m_nodeDock->setWidget(m_graphPanel->inspector());
    addDockWidget(Qt::RightDockWidgetArea, m_nodeDock);
    tabifyDockWidget(detailsDock, m_nodeDock);
    detailsDock->raise();
}

void MainWindow::createMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* open = file->addAction(tr("&Open…"), this, &MainWindow::chooseFile);
    open->setShortcut(QKeySequence::Open);
    open->setIcon(style()->standardIcon(QStyle::SP_DialogOpenButton));
    auto* recent = new RecentFilesMenu(file);
    connect(recent, &RecentFilesMenu::fileChosen, this, &MainWindow::openFile);
    file->addMenu(recent);
    file->addSeparator();
    m_compareActions << file->addAction(tr("&Compare With Model…"), this, [this]() { compareWithModel(); });
    m_compareActions.last()->setObjectName(QStringLiteral("compareWithModelAction"));
    m_compareActions << file->addAction(tr("Compare With &Saved Outputs…"), this, [this]() { compareWithReference(); });
    m_compareActions.last()->setObjectName(QStringLiteral("compareWithReferenceAction"));
    for (QAction* action : std::as_const(m_compareActions))
        action->setEnabled(false);
    file->addSeparator();
    QMenu* exportGraph = file->addMenu(tr("&Export Graph"));
    exportGraph->setEnabled(false);
    connect(m_graphController, &GraphController::layoutAvailable, exportGraph,
            [exportGraph]() { exportGraph->setEnabled(true); });
    connect(m_graphController, &GraphController::unavailable, exportGraph,
            [exportGraph]() { exportGraph->setEnabled(false); });
    for (const QString& format : {QStringLiteral("svg"), QStringLiteral("png"), QStringLiteral("dot")})
        exportGraph->addAction(tr("As %1…").arg(format.toUpper()), this,
                               [this, format]() { m_graphPanel->exportInteractively(format); });
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    QMenu* model = menuBar()->addMenu(tr("&Model"));
    model->addAction(m_runPanel->runAction());
    model->addAction(m_runPanel->cancelAction());
    connect(m_runPanel->runAction(), &QAction::triggered, this,
            [this]() { m_tabs->setCurrentWidget(m_runPanel); });

    QMenu* view = menuBar()->addMenu(tr("&View"));
    for (QDockWidget* dock : findChildren<QDockWidget*>())
        view->addAction(dock->toggleViewAction());

    QMenu* settings = menuBar()->addMenu(tr("&Settings"));
    settings->addAction(tr("&Operator Libraries…"), this, &MainWindow::showOperatorLibraries);
    settings->addAction(tr("&Time Limit…"), this, [this]() {
        bool ok = false;
        const int seconds = QInputDialog::getInt(
            this, tr("Time Limit"),
            tr("Stop a run or profile that takes longer than this many seconds (0: no limit).\n"
               "A forward that never returns can only be stopped by stopping its worker."),
            AppSettings::taskTimeLimitSeconds(), 0, 7 * 24 * 3600, 1, &ok);
        if (!ok)
            return;
        AppSettings::setTaskTimeLimitSeconds(seconds);
        m_worker->setTaskTimeLimitSeconds(seconds);
    });
    settings->addAction(tr("Worker &Memory Limit…"), this, [this]() {
        bool ok = false;
        const int mib = QInputDialog::getInt(
            this, tr("Worker Memory Limit"),
            tr("Memory the worker process may use, in MiB (0: three quarters of this machine's memory).\n"
               "A run that needs more ends as out of memory; the window is not affected.\n"
               "Takes effect when the next worker starts (open the model again)."),
            AppSettings::workerMemoryLimitMiB(), 0, 1 << 30, 256, &ok);
        if (!ok)
            return;
        AppSettings::setWorkerMemoryLimitMiB(mib);
        m_worker->setMemoryLimitMiB(mib);
    });

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About ptscope"), this, [this]() {
        QMessageBox::about(this, tr("About ptscope"),
                           tr("<b>ptscope %1</b><br>Inspects and profiles PyTorch TorchScript models.")
                               .arg(QCoreApplication::applicationVersion()));
    });
}

void MainWindow::openFile(const QString& path)
{
    m_loadingPath = path;
    m_controller->startOpen(path, m_libraries->loadedPaths());
}

bool MainWindow::selectModule(const QString& path)
{
    return m_modulesPanel->selectModule(path);
}

bool MainWindow::showTab(const QString& objectName)
{
    for (int i = 0; i < m_tabs->count(); ++i) {
        if (m_tabs->widget(i)->objectName() == objectName) {
            m_tabs->setCurrentIndex(i);
            return true;
        }
    }
    return false;
}

void MainWindow::connectGraph()
{
    connect(m_graphPanel, &GraphPanel::moduleSelected, this, &MainWindow::selectModuleFromGraph);
    connect(m_graphPanel, &GraphPanel::sourceSelected, this, [this](const QString& file, int line) {
        m_nodeDock->raise();
        m_sources->startShow(file, line);
    });
    connect(m_graphPanel, &GraphPanel::openSourceRequested, this, [this](const QString& file, int line) {
        m_raiseCode = true;
        m_sources->startShow(file, line);
    });
    connect(m_sources, &SourceController::sourceAvailable, this, &MainWindow::showSource);
    connect(m_sources, &SourceController::failed, this, [this](const QString& message) {
        m_status->setText(tr("Cannot show the source: %1").arg(message));
    });
}

void MainWindow::selectModuleFromGraph(const QString& path)
{
    m_selectingFromGraph = true;
    m_modulesPanel->selectModule(path);
    m_selectingFromGraph = false;
}

void MainWindow::showSource(const QString& file, const QString& text, int line)
{
    m_code->setCode(text);
    m_code->highlightLine(line);
    m_tabs->setTabText(m_tabs->indexOf(m_code), tr("Code: %1:%2").arg(QFileInfo(file).fileName()).arg(line));
    if (m_raiseCode)
        m_tabs->setCurrentWidget(m_code);
    m_raiseCode = false;
}

void MainWindow::chooseFile()
{
    const QStringList recent = RecentFiles::entries();
    const QString start = recent.isEmpty() ? QString() : QFileInfo(recent.first()).absolutePath();
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open TorchScript Model"), start, tr("TorchScript (*.pt *.pth *.ptl *.zip);;All files (*)"));
    if (!path.isEmpty())
        openFile(path);
}

void MainWindow::showOperatorLibraries()
{
    OperatorLibrariesDialog dialog(m_libraries, this);
    dialog.exec();
}

void MainWindow::onModelAvailable(const ModelInfoPtr& info)
{
    const QString path = QFile::decodeName(info->archive.path.c_str());
    const QString fileName = QFileInfo(path).fileName();
    RecentFiles::add(path);
    setWindowTitle(tr("ptscope — %1").arg(fileName));
    m_summaryModel->setModelInfo(info);
    m_sources->reset();
    m_graphPanel->setModel(info);
    m_profilePanel->clear();
    m_graphPanel->setProfile(nullptr);
    m_runController->forgetResult(); // the worker has the new model open already
    m_runPanel->setModelInfo(info);
    m_compareView->setModel(info);
    for (QAction* action : std::as_const(m_compareActions))
        action->setEnabled(true);
    m_moduleModel->setModelInfo(info); // the panel selects the root, which fills details and code
    m_central->setCurrentWidget(m_tabs);
    // The tab last used (the graph at first); the Compare mode is entered, not opened on.
    const QString tab = AppSettings::centralTab();
    if (tab == m_compareView->objectName() || !showTab(tab))
        m_tabs->setCurrentWidget(m_graphPanel);
    fitModulesDock();
    m_status->setText(tr("Loaded %1 in %2 s: %3 modules, %4 parameters (%5)")
                          .arg(fileName,
                               QLocale().toString(m_controller->lastLoadMilliseconds() / 1000.0, 'f', 2),
                               QLocale().toString(qlonglong(info->modules.size())),
                               QString::fromStdString(ptscope::formatCount(info->numParameters)),
                               QString::fromStdString(ptscope::formatBytes(info->parameterBytes))));
}

void MainWindow::onLoadFailed(const QString& message, const QString& detail)
{
    const QString fileName = QFileInfo(m_loadingPath).fileName();
    m_status->setText(m_controller->modelInfo()
                          ? tr("Could not open %1; still showing the previous model.").arg(fileName)
                          : tr("Could not open %1.").arg(fileName));
    showError(tr("Cannot Open Model"), message, detail);
}

void MainWindow::showModule(const QModelIndex& index)
{
    const ModelInfoPtr& info = m_moduleModel->modelInfo();
    if (!index.isValid() || !info) {
        m_details->clear();
        m_code->setCode({});
        return;
    }
    const int module = index.data(ModuleTreeModel::ModuleIndexRole).toInt();
    m_details->setModule(info->modules[module]);
    m_code->setCode(index.data(ModuleTreeModel::CodeRole).toString());
    m_tabs->setTabText(m_tabs->indexOf(m_code), tr("Code"));
    if (!m_selectingFromGraph)
        m_graphPanel->focusModule(index.data(ModuleTreeModel::ModulePathRole).toString());
}

void MainWindow::showError(const QString& title, const QString& message, const QString& detail)
{
    // Not exec(): the window stays live behind the box, and tests never block on it.
    auto* box = new QMessageBox(QMessageBox::Critical, title, message.section(QLatin1Char('\n'), 0, 0),
                                QMessageBox::Ok, this);
    box->setInformativeText(message.section(QLatin1Char('\n'), 1));
    box->setDetailedText(detail);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    // The layout saved is the one the user made, not the Compare tab's.
    restoreDocksAfterCompare();
    AppSettings::setWindowGeometry(saveGeometry(), saveState());
    AppSettings::setDetailsSplitterState(m_details->saveSplitterState());
    QMainWindow::closeEvent(event);
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event)
{
    if (!droppedFile(event->mimeData()).isEmpty())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event)
{
    const QString path = droppedFile(event->mimeData());
    if (path.isEmpty())
        return;
    event->acceptProposedAction();
    openFile(path);
}

void MainWindow::connectProfile()
{
    ProfileController* profiles = m_profileController;
    connect(m_profilePanel, &ProfilePanel::profileRequested, this, &MainWindow::startProfile);
    connect(m_profilePanel, &ProfilePanel::cancelRequested, profiles, &ProfileController::cancel);
    connect(profiles, &ProfileController::stateChanged, this, [this](ProfileController::State state) {
        m_profilePanel->setBusy(m_profileController->isProfiling());
        m_profilePanel->controls()->setEnabled(state != ProfileController::State::NoModel);
    });
    connect(profiles, &ProfileController::progress, m_profilePanel, &ProfilePanel::setProgress);
    connect(profiles, &ProfileController::failed, m_profilePanel,
            [this](const QString& message, const QString& detail) { m_profilePanel->showError(message, detail); });
    connect(profiles, &ProfileController::cancelled, this,
            [this]() { m_profilePanel->controls()->setStatus(tr("Profile cancelled.")); });
    connect(profiles, &ProfileController::profileAvailable, this, [this](const ProfileResultPtr& result) {
        m_profilePanel->setResult(result);
        m_graphPanel->setProfile(result);
    });
    // The profile takes the Run tab's inputs: say which, whenever the tab is looked at.
    connect(m_tabs, &QTabWidget::currentChanged, this, [this]() {
        if (m_tabs->currentWidget() == m_profilePanel)
            updateProfileInputs();
    });
    connect(m_runController, &RunController::modelReady, this, &MainWindow::updateProfileInputs);

    // One selection for the graph and the profile (when the graph shows the profiled variant).
    connect(m_profilePanel, &ProfilePanel::nodeSelected, this, [this](int id) {
        if (id < 0 || !m_graphPanel->showsProfiledVariant())
            return;
        const QScopedValueRollback<bool> guard(m_selectingFromProfile, true);
        m_graphPanel->selectNode(id);
    });
    connect(m_graphPanel, &GraphPanel::nodeSelected, this, [this](int id) {
        if (!m_selectingFromProfile && m_graphPanel->showsProfiledVariant())
            m_profilePanel->selectNode(id);
    });
    connect(m_profilePanel, &ProfilePanel::showOnGraphRequested, this, &MainWindow::showProfileOnGraph);
}

void MainWindow::startProfile()
{
    updateProfileInputs();
    m_profileController->startProfile(m_runPanel->request(), m_profilePanel->settings());
}

void MainWindow::updateProfileInputs()
{
    const RunRequest request = m_runPanel->request();
    QString inputs;
    if (!request.inputsFile.isEmpty()) {
        inputs = QFileInfo(request.inputsFile).fileName();
    } else {
        QStringList given;
        for (const QString& spec : request.inputs)
            if (!spec.isEmpty())
                given << spec;
        inputs = given.isEmpty() ? tr("none given") : given.join(QStringLiteral(", "));
    }
    m_profilePanel->setInputsSummary(
        tr("Inputs from the Run tab: %1 (seed %2%3%4)")
            .arg(inputs)
            .arg(request.seed)
            .arg(request.training ? tr(", training mode") : QString(),
                 request.method.isEmpty() ? QString() : tr(", method %1").arg(request.method)));
}

void MainWindow::showProfileOnGraph()
{
    const ProfileResultPtr result = m_profilePanel->result();
    if (!result)
        return;
    m_tabs->setCurrentWidget(m_graphPanel);
    m_graphPanel->showProfile(result);
}

void MainWindow::connectCompare()
{
    connect(m_tabs, &QTabWidget::currentChanged, this, &MainWindow::onTabChanged);
    connect(m_compareView, &CompareView::runCounterexampleRequested, this, [this](const QString& file) {
        m_runPanel->setInputsFile(file);
        m_tabs->setCurrentWidget(m_runPanel);
    });
}

void MainWindow::fitModulesDock()
{
    // Wide enough for every column of the tree as it opened, up to a third of the window; only
    // ever wider, so a narrower dock the user chose is not undone unless it hides the names.
    auto* dock = findChild<QDockWidget*>(QStringLiteral("modulesDock"));
    QTreeView* tree = m_modulesPanel->view();
    if (!dock || dock->isFloating() || !dock->isVisible())
        return;
    const int missing = tree->header()->length() - tree->viewport()->width();
    if (missing <= 0)
        return;
    const int wanted = std::min(dock->width() + missing + tree->style()->pixelMetric(QStyle::PM_ScrollBarExtent),
                                std::max(dock->width(), width() / 3));
    resizeDocks({dock}, {wanted}, Qt::Horizontal);
}

void MainWindow::onTabChanged()
{
    // Remembered while a model is on show, so the next one opens on the same tab.
    if (m_central->currentWidget() == m_tabs && m_tabs->currentWidget() != m_compareView)
        AppSettings::setCentralTab(m_tabs->currentWidget()->objectName());
    const bool comparing = m_tabs->currentWidget() == m_compareView;
    if (comparing) {
        // The comparison takes the Run tab's inputs unless others were typed there.
        m_compareView->setRunRequest(m_runPanel->request());
        if (!m_docksHiddenForCompare.isEmpty())
            return;
        // Open docks, tabbed ones included (toggleViewAction is checked for each tab); the ones on
        // top are raised again afterwards.
        m_docksRaisedBeforeCompare.clear();
        for (QDockWidget* dock : findChildren<QDockWidget*>()) {
            if (dock->toggleViewAction()->isChecked() && !dock->isFloating()) {
                m_docksHiddenForCompare << dock;
                if (dock->isVisible())
                    m_docksRaisedBeforeCompare << dock;
            }
        }
        for (QDockWidget* dock : std::as_const(m_docksHiddenForCompare))
            dock->hide();
    } else {
        restoreDocksAfterCompare();
    }
}

void MainWindow::restoreDocksAfterCompare()
{
    for (QDockWidget* dock : std::as_const(m_docksHiddenForCompare))
        dock->show();
    for (QDockWidget* dock : std::as_const(m_docksRaisedBeforeCompare))
        dock->raise();
    m_docksHiddenForCompare.clear();
    m_docksRaisedBeforeCompare.clear();
}

void MainWindow::compareWithModel(const QString& path)
{
    m_tabs->setCurrentWidget(m_compareView);
    m_compareView->compareWithModel(path);
}

void MainWindow::compareWithReference(const QString& path)
{
    m_tabs->setCurrentWidget(m_compareView);
    m_compareView->compareWithReference(path);
}
