#include "controllers/profilecontroller.h"

#include "jobs/jobrunner.h"
#include "worker/modelworker.h"
#include "worker/workerreply.h"
#include "worker/workertask.h"

#include <QDir>
#include <QTemporaryDir>
#include <ptscope/common/error.h>
#include <ptscope/profile/profilejson.h>

ProfileController::ProfileController(ModelWorker* worker, QObject* parent)
    : QObject(parent), m_worker(worker), m_jobs(new JobRunner(this)), m_task(new WorkerTask(worker, this))
{
    qRegisterMetaType<ProfileResultPtr>();
    connect(m_worker, &ModelWorker::stateChanged, this, &ProfileController::updateState);
    connect(m_task, &WorkerTask::progress, this, &ProfileController::onTaskProgress);
    connect(m_task, &WorkerTask::succeeded, this, &ProfileController::onTaskSucceeded);
    connect(m_task, &WorkerTask::cancelled, this, [this]() {
        endTask();
        emit cancelled();
    });
    connect(m_task, &WorkerTask::failed, this, [this](const QString& message, const QString& detail) {
        endTask();
        emit failed(message, detail);
    });
    // A new model: the old profile no longer describes anything shown.
    connect(m_worker, &ModelWorker::opening, this, [this]() {
        if (!m_task->isRunning() && !m_reading)
            m_lastResult.reset();
    });
    updateState();
}

ProfileController::~ProfileController() = default;

bool ProfileController::startProfile(const RunRequest& inputs, const ProfileSettings& settings)
{
    QString problem;
    if (m_worker->modelPath().isEmpty())
        problem = tr("Open a model first.");
    else if (isProfiling())
        problem = tr("A profile is going on; cancel it first.");
    else if (m_state == State::Busy)
        problem = tr("A run is going on; wait for it or cancel it first.");
    else if (m_worker->isModelOpen() && !m_worker->method(inputs.method))
        problem = inputs.method.isEmpty() ? tr("This model has no forward method to profile.")
                                          : tr("This model has no method %1.").arg(inputs.method);
    else if (settings.runs < 1 || settings.warmup < 0 || settings.threads < 0)
        problem = tr("Runs must be at least 1; warm-up runs and threads cannot be negative.");
    if (problem.isEmpty())
        problem = checkRunRequest(inputs, *m_worker);
    if (!problem.isEmpty()) {
        emit failed(problem, {});
        return false;
    }
    auto folder = std::make_shared<QTemporaryDir>(QDir::temp().filePath(QStringLiteral("ptscope-profile-XXXXXX")));
    if (!folder->isValid()) {
        emit failed(tr("Could not create a temporary folder for the profile: %1").arg(folder->errorString()), {});
        return false;
    }
    QJsonObject request = runRequestToJson(inputs, {}, {});
    for (const char* unused : {"repeat", "output_dir", "save_outputs"})
        request.remove(QLatin1String(unused));
    request.insert(QStringLiteral("cmd"), QStringLiteral("profile"));
    request.insert(QStringLiteral("variant"), settings.variant);
    request.insert(QStringLiteral("warmup"), settings.warmup);
    request.insert(QStringLiteral("runs"), settings.runs);
    request.insert(QStringLiteral("threads"), settings.threads);
    request.insert(QStringLiteral("speedup"), settings.speedup);
    request.insert(QStringLiteral("output_file"), folder->filePath(QStringLiteral("profile.json")));
    m_folder = std::move(folder);
    m_task->start(request);
    updateState();
    emit progress(tr("Profiling…"), 0, 0);
    return true;
}

void ProfileController::cancel()
{
    if (m_reading) {
        m_jobs->cancelAll();
        endTask();
        emit cancelled();
        return;
    }
    if (!m_task->isRunning() || m_worker->isCancelling())
        return;
    m_task->cancel();
    emit progress(tr("Cancelling…"), 0, 0);
}

void ProfileController::onTaskProgress(const QJsonObject& event)
{
    const QString phase = event.value(QStringLiteral("phase")).toString();
    const int done = event.value(QStringLiteral("done")).toInt();
    const int total = event.value(QStringLiteral("total")).toInt();
    QString text;
    if (phase == QLatin1String("probe"))
        text = tr("Measuring this machine's peaks…");
    else if (phase == QLatin1String("warmup"))
        text = tr("Warming up: %1 of %2").arg(done).arg(total);
    else if (phase == QLatin1String("speedup"))
        text = tr("Speed-up report: %1 of %2 configurations").arg(done).arg(total);
    else
        text = tr("Profiling: run %1 of %2").arg(done).arg(total);
    emit progress(text, done, total);
}

void ProfileController::onTaskSucceeded(const QJsonObject& result)
{
    readResult(result.value(QStringLiteral("file")).toString());
}

// The document holds every run's timeline (megabytes for big graphs): it is read on the pool.
void ProfileController::readResult(const QString& file)
{
    m_reading = true;
    updateState();
    emit progress(tr("Reading the profile…"), 0, 0);
    m_jobs->start(
        [file](JobContext&) {
            return std::make_shared<const ptscope::ProfileResult>(
                ptscope::profileResultFromJson(readWorkerDocument(file, "profile")));
        },
        [this](std::shared_ptr<const ptscope::ProfileResult> result) {
            m_lastResult = std::move(result);
            endTask();
            emit profileAvailable(m_lastResult);
        },
        [this](const JobFailure& failure) {
            endTask();
            emit failed(failure.message, failure.detail);
        });
}

void ProfileController::endTask()
{
    m_reading = false;
    m_folder.reset();
    updateState();
}

void ProfileController::updateState()
{
    State state = State::NoModel;
    if (m_reading) {
        state = State::Reading;
    } else if (m_task->isRunning()) {
        state = State::Profiling;
    } else {
        state = stateOfWorker<State>(m_worker->state());
    }
    if (state == m_state)
        return;
    m_state = state;
    emit stateChanged(state);
}
