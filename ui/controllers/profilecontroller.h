#pragma once

#include "profile/profilesettings.h"
#include "profileresultptr.h"
#include "run/runrequest.h"

#include <QObject>
#include <memory>

class JobRunner;
class ModelWorker;
class QTemporaryDir;
class WorkerTask;

// The "where does the time go" workflow: profiles the model in the worker process it shares with
// the run workflow (the same inputs the Run tab takes), then reads the worker's profile document
// off the UI thread. cancel() asks the worker and kills it after the grace period, as runs do;
// a worker that dies is reported and replaced.
class ProfileController : public QObject
{
    Q_OBJECT
public:
    enum class State
    {
        NoModel,
        Opening,
        Ready,
        Profiling,
        Reading,  // the worker is done; its document is being read
        Unusable, // the worker could not open the model
        Busy,     // the worker is running something else (a run)
    };
    Q_ENUM(State)

    explicit ProfileController(ModelWorker* worker, QObject* parent = nullptr);
    ~ProfileController() override;

    // Checks the request first: returns false (after emitting failed) when it cannot start.
    bool startProfile(const RunRequest& inputs, const ProfileSettings& settings);
    void cancel();

    State state() const { return m_state; }
    bool isProfiling() const { return m_state == State::Profiling || m_state == State::Reading; }
    ProfileResultPtr lastResult() const { return m_lastResult; }
    ModelWorker* worker() const { return m_worker; }

signals:
    void stateChanged(ProfileController::State state);
    void progress(const QString& text, int done, int total);
    void profileAvailable(const ProfileResultPtr& result);
    void failed(const QString& message, const QString& detail);
    void cancelled();

private:
    void onTaskProgress(const QJsonObject& event);
    void onTaskSucceeded(const QJsonObject& result);
    void readResult(const QString& file);
    void endTask();
    void updateState();

    ModelWorker* m_worker;
    JobRunner* m_jobs;
    State m_state = State::NoModel;
    WorkerTask* m_task;
    bool m_reading = false;
    std::shared_ptr<QTemporaryDir> m_folder;
    ProfileResultPtr m_lastResult;
};
