#include "controllers/runcontroller.h"

#include "appsettings.h"
#include "worker/modelworker.h"
#include "worker/workerclient.h"
#include "worker/workerreply.h"

#include <QDir>
#include <QFileInfo>
#include <QTemporaryDir>
#include <ptscope/common/error.h>
#include <ptscope/run/runjson.h>

RunController::RunController(QObject* parent) : RunController(new ModelWorker(nullptr), parent)
{
    m_worker->setParent(this);
}

RunController::RunController(ModelWorker* worker, QObject* parent) : QObject(parent), m_worker(worker)
{
    qRegisterMetaType<RunResultPtr>();
    connectWorker();
    updateState();
}

RunController::~RunController() = default;

void RunController::connectWorker()
{
    connect(m_worker, &ModelWorker::stateChanged, this, &RunController::updateState);
    connect(m_worker, &ModelWorker::opening, this,
            [this](const QString& file) { emit progress(tr("Starting the worker for %1…").arg(file), 0, 0); });
    connect(m_worker, &ModelWorker::modelReady, this, &RunController::modelReady);
    // A model that failed to open while another stays open changes nothing for runs.
    connect(m_worker, &ModelWorker::modelFailed, this, [this](const QString& message, const QString& detail) {
        if (!m_worker->isModelOpen())
            emit modelFailed(message, detail);
    });
    connect(m_worker, &ModelWorker::workerRestarted, this, &RunController::workerRestarted);
    connect(m_worker, &ModelWorker::taskProgress, this, &RunController::onTaskProgress);
    connect(m_worker, &ModelWorker::taskFinished, this, &RunController::onTaskFinished);
    connect(m_worker, &ModelWorker::taskCancelled, this, &RunController::onTaskCancelled);
    connect(m_worker, &ModelWorker::taskDied, this, &RunController::onTaskDied);
}

void RunController::setModel(const QString& path, const QStringList& libraries, const QString& device)
{
    m_lastResult.reset();
    m_worker->setModel(path, libraries, device);
}

void RunController::setDevice(const QString& device)
{
    m_worker->setDevice(device);
}

QString RunController::device() const
{
    return m_worker->device();
}

void RunController::clear()
{
    m_lastResult.reset();
    m_worker->clear();
}

QString RunController::modelPath() const
{
    return m_worker->modelPath();
}

const std::vector<ptscope::ArgumentSpec>& RunController::arguments() const
{
    return m_worker->arguments();
}

bool RunController::hasForward() const
{
    return m_worker->hasForward();
}

QString RunController::forwardSignature() const
{
    return m_worker->forwardSignature();
}

const std::vector<RunnableMethod>& RunController::methods() const
{
    return m_worker->methods();
}

const RunnableMethod* RunController::method(const QString& name) const
{
    return m_worker->method(name);
}

void RunController::setCancelGraceMilliseconds(int ms)
{
    m_worker->setCancelGraceMilliseconds(ms);
}

WorkerClient* RunController::worker() const
{
    return m_worker->client();
}

QString RunController::checkState(const QString& method) const
{
    if (m_worker->modelPath().isEmpty())
        return tr("Open a model first.");
    if (m_state == State::Running)
        return tr("A run is going on; cancel it first.");
    if (m_state == State::Busy)
        return tr("The worker is busy profiling the model; wait for it or cancel it first.");
    if (m_worker->isModelOpen() && !m_worker->method(method))
        return method.isEmpty() ? tr("This model has no forward method to run; choose one of its methods.")
                                : tr("This model has no method %1.").arg(method);
    return {};
}

bool RunController::startRun(const RunRequest& request)
{
    QString problem = checkState(request.method);
    if (problem.isEmpty())
        problem = checkRunRequest(request, *m_worker);
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
    const QJsonObject run =
        runRequestToJson(request, outputs, folder->filePath(QStringLiteral("outputs.pt")));
    if (request.inputsFile.isEmpty()) {
        // forward's inputs as a plain list, as before methods could be run; another method's with
        // its name.
        QVariantMap remembered = AppSettings::lastRunInputs();
        if (request.method.isEmpty())
            remembered.insert(m_worker->modelPath(), request.inputs);
        else
            remembered.insert(m_worker->modelPath(), QVariantMap{{QStringLiteral("method"), request.method},
                                                                 {QStringLiteral("inputs"), request.inputs}});
        AppSettings::setLastRunInputs(remembered);
    }
    m_runFolder = std::move(folder);
    m_runId = m_worker->startTask(run);
    updateState();
    emit progress(tr("Running…"), 0, 0);
    return true;
}

namespace {

QVariant rememberedRun(const QString& modelPath)
{
    return AppSettings::lastRunInputs().value(QFileInfo(modelPath).absoluteFilePath());
}

} // namespace

QStringList RunController::rememberedInputs(const QString& modelPath, const QString& method)
{
    const QVariant run = rememberedRun(modelPath);
    if (run.typeId() != QMetaType::QVariantMap)
        return method.isEmpty() ? run.toStringList() : QStringList();
    const QVariantMap map = run.toMap();
    return map.value(QStringLiteral("method")).toString() == method
               ? map.value(QStringLiteral("inputs")).toStringList()
               : QStringList();
}

QString RunController::rememberedMethod(const QString& modelPath)
{
    return rememberedRun(modelPath).toMap().value(QStringLiteral("method")).toString();
}

void RunController::cancel()
{
    if (m_state != State::Running || m_worker->isCancelling())
        return;
    m_worker->cancelTask();
    emit progress(tr("Cancelling…"), 0, 0);
}

void RunController::endRun()
{
    m_runId = 0;
    m_runFolder.reset();
    updateState();
}

void RunController::onTaskFinished(int id, const QJsonObject& reply)
{
    if (id != m_runId || id == 0)
        return;
    std::shared_ptr<QTemporaryDir> folder = std::exchange(m_runFolder, nullptr);
    endRun();
    if (!replySucceeded(reply)) {
        const WorkerError error = workerErrorOf(reply);
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

void RunController::onTaskCancelled(int id)
{
    if (id != m_runId || id == 0)
        return;
    endRun();
    emit cancelled();
}

void RunController::onTaskDied(int id, const QString& message, const QString& detail)
{
    if (id != m_runId || id == 0)
        return;
    endRun();
    emit failed(message, detail);
}

void RunController::onTaskProgress(int id, const QJsonObject& event)
{
    if (id != m_runId || id == 0)
        return;
    const int done = event.value(QStringLiteral("done")).toInt();
    const int total = event.value(QStringLiteral("total")).toInt();
    const bool warmup = event.value(QStringLiteral("phase")).toString() == QLatin1String("warmup");
    emit progress(warmup ? tr("Warming up: %1 of %2").arg(done).arg(total)
                         : tr("Running: %1 of %2").arg(done).arg(total),
                  done, total);
}

void RunController::updateState()
{
    State state = State::NoModel;
    switch (m_worker->state()) {
    case ModelWorker::State::NoModel: state = State::NoModel; break;
    case ModelWorker::State::Opening: state = State::Opening; break;
    case ModelWorker::State::Ready: state = State::Ready; break;
    case ModelWorker::State::Unusable: state = State::Unusable; break;
    case ModelWorker::State::Busy:
        state = m_runId && m_worker->currentTask() == m_runId ? State::Running : State::Busy;
        break;
    }
    if (m_runId && state != State::Running && m_worker->currentTask() == m_runId)
        state = State::Running;
    if (m_state == state)
        return;
    m_state = state;
    emit stateChanged(state);
}
