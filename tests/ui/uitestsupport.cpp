#include "uitestsupport.h"

#include "controllers/modelcontroller.h"
#include "worker/modelworker.h"

#include <QCoreApplication>
#include <QElapsedTimer>
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

OpenedModel::OpenedModel()
    : m_worker(std::make_unique<ModelWorker>()), m_controller(std::make_unique<ModelController>(m_worker.get()))
{
}

OpenedModel::~OpenedModel()
{
    m_controller.reset(); // before the worker it listens to
}

bool OpenedModel::open(const QString& fixture)
{
    QSignalSpy available(m_controller.get(), &ModelController::modelAvailable);
    QSignalSpy failed(m_controller.get(), &ModelController::failed);
    m_controller->startOpen(fixturePath(fixture));
    QElapsedTimer timer;
    timer.start();
    while (available.isEmpty() && failed.isEmpty() && timer.elapsed() < LoadTimeoutMs)
        QTest::qWait(10);
    if (!failed.isEmpty())
        qWarning("Opening %s failed: %s", qPrintable(fixture), qPrintable(failed.first().first().toString()));
    return !available.isEmpty();
}

ModelInfoPtr OpenedModel::modelInfo() const
{
    return m_controller->modelInfo();
}

std::unique_ptr<OpenedModel> openModel(const QString& fixture)
{
    auto model = std::make_unique<OpenedModel>();
    return model->open(fixture) ? std::move(model) : nullptr;
}

ModelInfoPtr load(const QString& fixture)
{
    const std::unique_ptr<OpenedModel> model = openModel(fixture);
    return model ? model->modelInfo() : nullptr;
}

void drainJobs()
{
    QThreadPool::globalInstance()->waitForDone();
    QCoreApplication::processEvents();
    QCoreApplication::processEvents();
}

} // namespace UiTest
