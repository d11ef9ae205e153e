#pragma once

#include <QJsonObject>
#include <algorithm>
#include <QObject>
#include <QStringList>
#include <QTimer>
#include <ptscope/run/runspec.h>
#include <vector>

class WorkerClient;

// The model as the worker process holds it, shared by the workflows that send it work (runs,
// profiles). It starts the worker, opens the model in it and keeps it open; takes one task at a
// time; cancels a task by asking, then by killing the worker after a grace period; and replaces
// a worker that dies. What a task means is its controller's business.
class ModelWorker : public QObject
{
    Q_OBJECT
public:
    enum class State
    {
        NoModel,
        Opening, // the worker is starting or loading the model
        Ready,
        Busy,     // a task is running
        Unusable, // the worker could not open the model; the next task tries again
    };
    Q_ENUM(State)

    explicit ModelWorker(QObject* parent = nullptr);
    ~ModelWorker() override;

    // Opens the model in the worker (starting it if needed); a task going on is cancelled.
    void setModel(const QString& path, const QStringList& libraries = {}, const QString& device = {});
    void setDevice(const QString& device);
    QString device() const { return m_device; }
    // Forgets the model and stops the worker.
    void clear();

    State state() const { return m_state; }
    QString modelPath() const { return m_path; }
    bool isModelOpen() const { return m_modelOpen; }
    const std::vector<ptscope::ArgumentSpec>& arguments() const { return m_arguments; }
    bool hasForward() const { return m_hasForward; }
    QString forwardSignature() const { return m_forward; }

    // Sends the request (run, profile...) and returns its id; the reply arrives as taskFinished.
    // Returns 0 without a model or while another task runs. A worker that could not open the
    // model is given one more try first.
    int startTask(const QJsonObject& request);
    int currentTask() const { return m_taskId; }
    // Asks the worker to stop the task; kills it when the task does not stop within the grace.
    void cancelTask();
    bool isCancelling() const { return m_cancelling; }
    void setCancelGraceMilliseconds(int ms) { m_cancelTimer.setInterval(ms); }
    // A task running longer is stopped (the worker killed and replaced) and reported as taskDied;
    // 0 for no limit. Applies to tasks started afterwards.
    void setTaskTimeLimitSeconds(int seconds) { m_timeLimitSeconds = std::max(0, seconds); }
    int taskTimeLimitSeconds() const { return m_timeLimitSeconds; }
    // The worker's memory limit (MiB; 0: the worker's default), from its next start on.
    void setMemoryLimitMiB(int mib);
    WorkerClient* client() const { return m_client; }

signals:
    void stateChanged(ModelWorker::State state);
    void opening(const QString& fileName);
    // The worker has opened the model: arguments() and forwardSignature() are known.
    void modelReady();
    // The worker could not open the model (or died doing it).
    void modelFailed(const QString& message, const QString& detail);
    // The worker died while idle and a new one has been started.
    void workerRestarted(const QString& why);

    void taskProgress(int id, const QJsonObject& event);
    // The worker's reply, ok or not (a task it stopped on request replies kind "cancelled").
    void taskFinished(int id, const QJsonObject& reply);
    // The task was cancelled by killing the worker (which has been replaced).
    void taskCancelled(int id);
    // The worker died during the task; message says how, for people. A new one has been started
    // unless it died while opening the model.
    void taskDied(int id, const QString& message, const QString& detail);

private:
    void resetModel();
    void openInWorker();
    void onReply(int id, const QJsonObject& reply);
    void onProgress(int id, const QJsonObject& event);
    void onWorkerDied(const QString& message, const QString& stderrTail, const QVector<int>& pending);
    void finishOpen(const QJsonObject& reply);
    void killAfterCancel();
    void stopOverdueTask();
    void settle();
    void setState(State state);

    WorkerClient* m_client;
    QTimer m_cancelTimer;
    QTimer m_timeLimitTimer;
    int m_timeLimitSeconds = 0;
    State m_state = State::NoModel;
    QString m_path;
    QStringList m_libraries;
    QString m_device;
    int m_openId = 0;
    int m_taskId = 0;
    bool m_cancelling = false;
    bool m_modelOpen = false;
    std::vector<ptscope::ArgumentSpec> m_arguments;
    bool m_hasForward = false;
    QString m_forward;
};
