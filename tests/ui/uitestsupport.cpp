#include "uitestsupport.h"

#include "controllers/modelcontroller.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QThreadPool>

namespace UiTest {

namespace {
constexpr int LoadTimeoutMs = 120000;
}

void isolateSettings()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("ptscope-tests"));
    // One settings file per test program: ctest runs them side by side, and one clearing what
    // another just saved made tests fail at random.
    const QString program = QFileInfo(QCoreApplication::applicationFilePath()).completeBaseName();
    QCoreApplication::setApplicationName(QStringLiteral("ptscope-tests-") + program);
}

QString fixturePath(const QString& name)
{
    return QStringLiteral(PTSCOPE_FIXTURES_DIR) + QLatin1Char('/') + name;
}

QJsonObject expectedFor(const QString& fixture)
{
    QString name = fixture;
    name.replace(QStringLiteral(".pt"), QStringLiteral(".expected.json"));
    QFile file(fixturePath(name));
    if (!file.open(QIODevice::ReadOnly))
        qWarning("Cannot read %s", qPrintable(file.fileName()));
    return QJsonDocument::fromJson(file.readAll()).object();
}

ModelInfoPtr load(const QString& fixture)
{
    ModelController controller;
    QSignalSpy available(&controller, &ModelController::modelAvailable);
    QSignalSpy failed(&controller, &ModelController::failed);
    controller.startOpen(fixturePath(fixture));
    QElapsedTimer timer;
    timer.start();
    while (available.isEmpty() && failed.isEmpty() && timer.elapsed() < LoadTimeoutMs)
        QTest::qWait(10);
    if (!failed.isEmpty())
        qWarning("Loading %s failed: %s", qPrintable(fixture), qPrintable(failed.first().first().toString()));
    return available.isEmpty() ? nullptr : controller.modelInfo();
}

void drainJobs()
{
    QThreadPool::globalInstance()->waitForDone();
    QCoreApplication::processEvents();
    QCoreApplication::processEvents();
}

} // namespace UiTest
