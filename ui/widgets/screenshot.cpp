#include "widgets/screenshot.h"

#include "controllers/modelcontroller.h"
#include "widgets/mainwindow.h"

#include <QCoreApplication>
#include <QTimer>

namespace {
// Long enough for layouts, column sizing and the highlighter to settle.
constexpr int SettleMs = 400;
} // namespace

void saveScreenshotWhenLoaded(MainWindow* window, const QString& file, const QString& modulePath)
{
    ModelController* controller = window->modelController();
    QObject::connect(controller, &ModelController::modelAvailable, window, [window, file, modulePath]() {
        if (!modulePath.isNull() && !window->selectModule(modulePath))
            qWarning("No module %s to select", qPrintable(modulePath));
        QTimer::singleShot(SettleMs, window, [window, file]() {
            const bool saved = window->grab().save(file);
            if (!saved)
                qWarning("Could not write %s", qPrintable(file));
            QCoreApplication::exit(saved ? 0 : 1);
        });
    });
    QObject::connect(controller, &ModelController::failed, window, [](const QString& message) {
        qWarning("%s", qPrintable(message));
        // Queued: a rejected path fails before the event loop runs, and exit() needs a running loop.
        QTimer::singleShot(0, []() { QCoreApplication::exit(1); });
    });
}
