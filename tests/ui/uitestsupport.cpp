#include "uitestsupport.h"

#include "controllers/modelcontroller.h"
#include "worker/modelworker.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>
#include <ptscope/run/runresult.h>

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

QString differenceFromCli(const ptscope::RunResult& result, const QString& model,
                          const QStringList& arguments)
{
    QTemporaryDir folder;
    QProcess cli;
    cli.start(qEnvironmentVariable("PTSCOPE_CLI", QStringLiteral("ptscope-cli")),
              QStringList{QStringLiteral("run"), model} + arguments +
                  QStringList{QStringLiteral("--json"), QStringLiteral("--save-npy"), folder.path()});
    if (!cli.waitForFinished(120000) || cli.exitCode() != 0)
        return QStringLiteral("ptscope-cli run failed: ") + QString::fromUtf8(cli.readAllStandardError());
    const QJsonArray outputs = QJsonDocument::fromJson(cli.readAllStandardOutput())
                                   .object()
                                   .value(QStringLiteral("outputs"))
                                   .toArray();
    if (result.samples.size() != 1 || qsizetype(result.samples[0].outputs.size()) != outputs.size())
        return QStringLiteral("%1 outputs, the CLI's %2")
            .arg(result.samples.empty() ? 0 : result.samples[0].outputs.size())
            .arg(outputs.size());
    for (qsizetype i = 0; i < outputs.size(); ++i) {
        const ptscope::OutputInfo& ours = result.samples[0].outputs[size_t(i)];
        const QJsonObject theirs = outputs[i].toObject();
        const QString path = QString::fromStdString(ours.path);
        if (path != theirs.value(QStringLiteral("path")).toString() ||
            QString::fromStdString(ours.type) != theirs.value(QStringLiteral("type")).toString())
            return QStringLiteral("output %1: %2 %3, the CLI's %4 %5")
                .arg(i)
                .arg(path, QString::fromStdString(ours.type), theirs.value(QStringLiteral("path")).toString(),
                     theirs.value(QStringLiteral("type")).toString());
        if (ours.kind != ptscope::OutputInfo::Kind::Tensor)
            continue;
        QFile mine(QString::fromStdString(ours.file));
        QFile cliFile(theirs.value(QStringLiteral("file")).toString());
        if (!mine.open(QIODevice::ReadOnly) || !cliFile.open(QIODevice::ReadOnly))
            return QStringLiteral("output %1: no .npy to compare (%2, %3)")
                .arg(path, mine.fileName(), cliFile.fileName());
        if (mine.readAll() != cliFile.readAll())
            return QStringLiteral("output %1: the values differ from the CLI's").arg(path);
    }
    return {};
}

} // namespace UiTest
