#include "widgets/screenshot.h"

#include "controllers/graphcontroller.h"
#include "controllers/modelcontroller.h"
#include "controllers/profilecontroller.h"
#include "controllers/runcontroller.h"
#include "graph/graphpanel.h"
#include "graph/graphscene.h"
#include "profile/profilepanel.h"
#include "run/inputsmodel.h"
#include "run/outputspanel.h"
#include "run/runpanel.h"
#include "widgets/mainwindow.h"

#include <QCoreApplication>
#include <QTabWidget>
#include <QTimer>
#include <functional>
#include <memory>
#include <utility>

namespace {
// Long enough for layouts, column sizing and the highlighter to settle.
constexpr int SettleMs = 400;

void save(MainWindow* window, const QString& file)
{
    QTimer::singleShot(SettleMs, window, [window, file]() {
        const bool saved = window->grab().save(file);
        if (!saved)
            qWarning("Could not write %s", qPrintable(file));
        QCoreApplication::exit(saved ? 0 : 1);
    });
}

// Runs then() once the graph controller has a drawing and nothing left to do.
void whenGraphSettled(MainWindow* window, std::function<void()> then)
{
    GraphController* graph = window->graphPanel()->controller();
    if (graph->drawing() && !graph->isBusy()) {
        QTimer::singleShot(0, window, then);
        return;
    }
    auto connection = std::make_shared<QMetaObject::Connection>();
    *connection = QObject::connect(graph, &GraphController::busyChanged, window, [=](bool busy) {
        if (busy || !graph->drawing())
            return;
        QObject::disconnect(*connection);
        QTimer::singleShot(0, window, then);
    });
}

void expandThenSave(MainWindow* window, ScreenshotOptions options)
{
    if (!options.graphVariant.isEmpty()) {
        const QString name = std::exchange(options.graphVariant, QString());
        const auto variant = ptscope::parseGraphVariant(name.toStdString());
        if (variant) {
            window->graphPanel()->controller()->startExtract(*variant);
            whenGraphSettled(window, [window, options]() { expandThenSave(window, options); });
            return;
        }
        qWarning("No graph variant %s", qPrintable(name));
    }
    if (!options.expand.isEmpty()) {
        const QString scope = options.expand.takeFirst();
        if (scope == QLatin1String("*"))
            window->graphPanel()->controller()->expandAll(); // Expand All
        else
            window->graphPanel()->controller()->expandScope(scope.toStdString());
        whenGraphSettled(window, [window, options]() { expandThenSave(window, options); });
        return;
    }
    if (!options.graphSearch.isEmpty()) {
        // The first hit drawn as its own box, rather than one inside a collapsed module.
        GraphPanel* panel = window->graphPanel();
        panel->setSearch(options.graphSearch);
        const int hits = int(panel->search().hits().size());
        for (int i = 0; i < hits; ++i) {
            const int node = panel->nextHit();
            const ptscope::GraphView& view = panel->scene()->drawing()->view;
            if (view.items[view.itemOfNode[node]].kind == ptscope::ViewItemKind::Op)
                break;
        }
        if (hits == 0)
            qWarning("Nothing in the graph matches %s", qPrintable(options.graphSearch));
    }
    save(window, options.file);
}

// Runs the model once the worker has it open, then selects the output asked for and saves.
void runThenSave(MainWindow* window, const ScreenshotOptions& options)
{
    RunController* runs = window->runController();
    auto start = [window, options]() {
        RunPanel* panel = window->runPanel();
        for (int i = 0; i < options.runInputs.size() && i < panel->inputsModel()->argumentCount(); ++i)
            panel->inputsModel()->setSpec(i, options.runInputs[i]);
        if (!panel->run())
            save(window, options.file); // the banner shows why
    };
    QObject::connect(runs, &RunController::runAvailable, window, [window, options]() {
        OutputsPanel* outputs = window->runPanel()->outputsPanel();
        if (!options.outputPath.isEmpty() && !outputs->selectOutput(options.outputPath))
            qWarning("No output %s", qPrintable(options.outputPath));
        save(window, options.file);
    });
    QObject::connect(runs, &RunController::failed, window,
                     [window, options]() { save(window, options.file); });
    QObject::connect(runs, &RunController::modelFailed, window,
                     [window, options]() { save(window, options.file); });
    if (runs->state() == RunController::State::Ready)
        QTimer::singleShot(0, window, start);
    else
        QObject::connect(runs, &RunController::modelReady, window, start, Qt::SingleShotConnection);
}

// Profiles the Run tab's inputs once the worker has the model open, then shows the chart or the
// heat map asked for and saves.
void profileThenSave(MainWindow* window, const ScreenshotOptions& options)
{
    RunController* runs = window->runController();
    auto start = [window, options]() {
        RunPanel* panel = window->runPanel();
        for (int i = 0; i < options.runInputs.size() && i < panel->inputsModel()->argumentCount(); ++i)
            panel->inputsModel()->setSpec(i, options.runInputs[i]);
        window->showTab(QStringLiteral("profilePanel"));
        emit window->profilePanel()->profileRequested();
    };
    ProfileController* profiles = window->profileController();
    QObject::connect(profiles, &ProfileController::profileAvailable, window, [window, options]() {
        ProfilePanel* panel = window->profilePanel();
        if (options.heatMap) {
            emit panel->showOnGraphRequested();
            whenGraphSettled(window, [window, options]() { expandThenSave(window, options); });
            return;
        }
        QTabWidget* charts = panel->chartTabs();
        for (int i = 0; i < charts->count(); ++i)
            if (charts->tabText(i) == options.profileChart)
                charts->setCurrentIndex(i);
        save(window, options.file);
    });
    QObject::connect(profiles, &ProfileController::failed, window, [window, options]() { save(window, options.file); });
    if (runs->state() == RunController::State::Ready)
        QTimer::singleShot(0, window, start);
    else
        QObject::connect(runs, &RunController::modelReady, window, start, Qt::SingleShotConnection);
}

} // namespace

void saveScreenshotWhenLoaded(MainWindow* window, const ScreenshotOptions& options)
{
    if (options.size.isValid())
        window->resize(options.size);
    ModelController* controller = window->modelController();
    QObject::connect(controller, &ModelController::modelAvailable, window, [window, options]() {
        if (!options.modulePath.isNull() && !window->selectModule(options.modulePath))
            qWarning("No module %s to select", qPrintable(options.modulePath));
        if (!options.tab.isEmpty() && !window->showTab(options.tab))
            qWarning("No tab %s", qPrintable(options.tab));
        if (options.profile)
            profileThenSave(window, options);
        else if (!options.runInputs.isEmpty())
            runThenSave(window, options);
        else if (options.tab == QLatin1String("graphPanel"))
            whenGraphSettled(window, [window, options]() { expandThenSave(window, options); });
        else
            save(window, options.file);
    });
    QObject::connect(controller, &ModelController::failed, window, [](const QString& message) {
        qWarning("%s", qPrintable(message));
        // Queued: a rejected path fails before the event loop runs, and exit() needs a running loop.
        QTimer::singleShot(0, []() { QCoreApplication::exit(1); });
    });
}
