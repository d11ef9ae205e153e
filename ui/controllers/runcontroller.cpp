#include "controllers/runcontroller.h"

#include "appsettings.h"
#include "run/workerclient.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <algorithm>
#include <ptscope/common/error.h>
#include <ptscope/run/runjson.h>

namespace {

std::string compactJson(const QJsonValue& value)
{
    const QJsonDocument document =
        value.isArray() ? QJsonDocument(value.toArray()) : QJsonDocument(value.toObject());
    return document.toJson(QJsonDocument::Compact).toStdString();
}

struct WorkerError
{
    QString kind;
    QString message;
    QString detail;
};

WorkerError errorOf(const QJsonObject& reply)
{
    const QJsonObject error = reply.value(QStringLiteral("error")).toObject();
    WorkerError result;
    result.kind = error.value(QStringLiteral("kind")).toString();
    result.message = error.value(QStringLiteral("message")).toString();
    const QString hint = error.value(QStringLiteral("hint")).toString();
    if (!hint.isEmpty())
        result.message += QLatin1Char('\n') + hint;
    result.detail = error.value(QStringLiteral("detail")).toString();
    return result;
}

} // namespace

RunController::RunController(QObject* parent) : QObject(parent), m_worker(new WorkerClient(this))
{
    qRegisterMetaType<RunResultPtr>();
    m_cancelTimer.setSingleShot(true);
    m_cancelTimer.setInterval(500);
    connect(&m_cancelTimer, &QTimer::timeout, this, &RunController::killAfterCancel);
    connect(m_worker, &WorkerClient::replied, this, &RunController::onReply);
    connect(m_worker, &WorkerClient::progressed, this, &RunController::onProgress);
    connect(m_worker, &WorkerClient::died, this, &RunController::onWorkerDied);
}

RunController::~RunController() = default;

void RunController::setModel(const QString& path, const QStringList& libraries, const QString& device)
{
    // An idle worker is kept: it replaces its model on the next open, and stays warm.
    const bool running = m_state == State::Running;
    if (running)
        m_worker->kill();
    resetModel();
    if (running)
        emit cancelled();
    m_path = QFileInfo(path).absoluteFilePath();
    m_libraries = libraries;
    m_device = device;
    openInWorker();
}

void RunController::setDevice(const QString& device)
{
    if (device == m_device)
        return;
    m_device = device;
    if (!m_path.isEmpty())
        setModel(QString(m_path), QStringList(m_libraries), device);
}

void RunController::clear()
{
    const bool running = m_state == State::Running;
    m_worker->kill();
    resetModel();
    setState(State::NoModel);
    if (running)
        emit cancelled();
}

void RunController::resetModel()
{
    m_cancelTimer.stop();
    m_path.clear();
    m_arguments.clear();
    m_hasForward = false;
    m_modelOpen = false;
    m_forward.clear();
    m_lastResult.reset();
    m_runFolder.reset();
    m_openId = m_runId = 0;
    m_cancelling = false;
}

void RunController::openInWorker()
{
    QJsonObject request{{QStringLiteral("cmd"), QStringLiteral("open")}, {QStringLiteral("path"), m_path}};
    if (!m_libraries.isEmpty())
        request.insert(QStringLiteral("libraries"), QJsonArray::fromStringList(m_libraries));
    if (!m_device.isEmpty())
        request.insert(QStringLiteral("device"), m_device);
    m_modelOpen = false;
    m_openId = m_worker->send(request);
    setState(State::Opening);
    emit progress(tr("Starting the worker for %1…").arg(QFileInfo(m_path).fileName()), 0, 0);
}

QString RunController::checkState() const
{
    if (m_path.isEmpty())
        return tr("Open a model first.");
    if (m_state == State::Running)
        return tr("A run is going on; cancel it first.");
    if (m_modelOpen && !m_hasForward)
        return tr("This model has no forward method to run.");
    return {};
}

bool RunController::startRun(const RunRequest& request)
{
    QString problem = checkState();
    if (problem.isEmpty())
        problem = checkRunRequest(request, m_modelOpen ? &m_arguments : nullptr, m_forward);
    if (!problem.isEmpty()) {
        emit failed(problem, {});
        return false;
    }
    auto folder =
        std::make_shared<QTemporaryDir>(QDir::temp().filePath(QStringLiteral("ptscope-run-XXXXXX")));
    if (!folder->isValid()) {
        emit failed(tr("Could not create a temporary folder for the outputs: %1").arg(folder->errorString()),
                    {});
        return false;
    }
    const QString outputs = folder->filePath(QStringLiteral("outputs"));
    if (!QDir().mkpath(outputs)) {
        emit failed(tr("Could not create a temporary folder for the outputs."), {});
        return false;
    }
    if (m_state == State::Unusable || !m_worker->isRunning())
        openInWorker(); // the worker died opening this model before; try once more

    const QJsonObject run =
        runRequestToJson(request, outputs, folder->filePath(QStringLiteral("outputs.pt")));

    if (request.inputsFile.isEmpty()) {
        QVariantMap remembered = AppSettings::lastRunInputs();
        remembered.insert(m_path, request.inputs);
        AppSettings::setLastRunInputs(remembered);
    }
    m_runFolder = std::move(folder);
    m_runId = m_worker->send(run);
    m_cancelling = false;
    setState(State::Running);
    emit progress(tr("Running…"), 0, 0);
    return true;
}

QStringList RunController::rememberedInputs(const QString& modelPath)
{
    return AppSettings::lastRunInputs().value(QFileInfo(modelPath).absoluteFilePath()).toStringList();
}

void RunController::cancel()
{
    if (m_state != State::Running || m_cancelling)
        return;
    m_cancelling = true;
    m_worker->send({{QStringLiteral("cmd"), QStringLiteral("cancel")}});
    m_cancelTimer.start();
    emit progress(tr("Cancelling…"), 0, 0);
}

void RunController::killAfterCancel()
{
    if (m_state != State::Running)
        return;
    // The forward is still going (a loop that never ends, or one long operator): only killing
    // the worker stops it. A fresh worker opens the model again for the next run.
    m_worker->kill();
    m_runId = 0;
    m_cancelling = false;
    m_runFolder.reset();
    openInWorker();
    emit cancelled();
}

void RunController::onReply(int id, const QJsonObject& reply)
{
    if (id == m_openId) {
        m_openId = 0;
        finishOpen(reply);
    } else if (id == m_runId) {
        m_runId = 0;
        finishRun(reply);
    }
}

void RunController::finishOpen(const QJsonObject& reply)
{
    if (!reply.value(QStringLiteral("ok")).toBool()) {
        const WorkerError error = errorOf(reply);
        m_arguments.clear();
        m_hasForward = false;
        m_modelOpen = false;
        if (m_state == State::Opening)
            setState(State::Unusable);
        emit modelFailed(error.message, error.detail);
        return;
    }
    const QJsonObject result = reply.value(QStringLiteral("result")).toObject();
    const QJsonValue arguments = result.value(QStringLiteral("arguments"));
    m_hasForward = arguments.isArray();
    m_forward = result.value(QStringLiteral("forward")).toString();
    try {
        m_arguments = m_hasForward ? ptscope::argumentSpecsFromJson(compactJson(arguments))
                                   : std::vector<ptscope::ArgumentSpec>{};
    } catch (const ptscope::Error& e) {
        m_hasForward = false;
        setState(State::Unusable);
        emit modelFailed(
            tr("The worker's reply could not be read: %1").arg(QString::fromStdString(e.message())), {});
        return;
    }
    m_modelOpen = true;
    if (m_state == State::Opening)
        setState(State::Ready);
    emit modelReady();
}

void RunController::finishRun(const QJsonObject& reply)
{
    m_cancelTimer.stop();
    m_cancelling = false;
    std::shared_ptr<QTemporaryDir> folder = std::exchange(m_runFolder, nullptr);
    setState(m_openId ? State::Opening : m_modelOpen ? State::Ready : State::Unusable);
    if (!reply.value(QStringLiteral("ok")).toBool()) {
        const WorkerError error = errorOf(reply);
        if (error.kind == QLatin1String("cancelled"))
            emit cancelled();
        else
            emit failed(error.message, error.detail);
        return;
    }
    try {
        auto* result = new ptscope::RunResult(
            ptscope::runResultFromJson(compactJson(reply.value(QStringLiteral("result")))));
        // The output files live in the run's folder, which goes when the last view lets go.
        m_lastResult = RunResultPtr(result, [folder](const ptscope::RunResult* r) { delete r; });
    } catch (const ptscope::Error& e) {
        emit failed(tr("The worker's reply could not be read: %1").arg(QString::fromStdString(e.message())),
                    {});
        return;
    }
    emit runAvailable(m_lastResult);
}

void RunController::onProgress(int id, const QJsonObject& event)
{
    if (id != m_runId || m_cancelling)
        return;
    const int done = event.value(QStringLiteral("done")).toInt();
    const int total = event.value(QStringLiteral("total")).toInt();
    const bool warmup = event.value(QStringLiteral("phase")).toString() == QLatin1String("warmup");
    emit progress(warmup ? tr("Warming up: %1 of %2").arg(done).arg(total)
                         : tr("Running: %1 of %2").arg(done).arg(total),
                  done, total);
}

void RunController::onWorkerDied(const QString& message, const QString& stderrTail,
                                 const QVector<int>& pending)
{
    const bool wasRunning = pending.contains(m_runId) && m_runId != 0;
    const bool wasOpening = pending.contains(m_openId) && m_openId != 0;
    m_runId = m_openId = 0;
    m_cancelTimer.stop();
    m_runFolder.reset();
    if (wasOpening) {
        // Opening this model kills the worker: starting another at once would only loop.
        m_cancelling = false;
        m_arguments.clear();
        m_hasForward = false;
        m_modelOpen = false;
        setState(State::Unusable);
        emit modelFailed(tr("%1 It happened while the worker was opening the model.").arg(message),
                         stderrTail);
        if (wasRunning)
            emit failed(message, stderrTail);
        return;
    }
    openInWorker();
    if (wasRunning) {
        const bool cancelling = std::exchange(m_cancelling, false);
        if (cancelling) {
            emit cancelled();
            return;
        }
        emit failed(tr("%1 A new worker has been started; you can run again.").arg(message), stderrTail);
    } else {
        emit workerRestarted(message);
    }
}

void RunController::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    emit stateChanged(state);
}
