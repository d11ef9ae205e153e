#pragma once

#include "worker/runnablemethod.h"

#include <QJsonObject>
#include <QObject>
#include <QSet>
#include <QStringList>
#include <QTemporaryDir>
#include <QTimer>
#include <algorithm>
#include <ptscope/run/runspec.h>
#include <vector>

class WorkerClient;

// The model as a worker process holds it: the window's one way to LibTorch and Graphviz, shared
// by every workflow of the window (opening, the graph, the code, runs, profiles).
//
// A spare worker is started ahead of time, so opening a model does not wait for LibTorch to start.
// A model opens in the spare; only when it has opened does the spare take over from the worker
// holding the model before, which then exits: a file that crashes or fails the worker leaves the
// model before open and usable, and no model is held twice for longer than the swap.
//
// Two kinds of requests: tasks (run, profile) one at a time, which can be cancelled (by asking,
// then by killing the worker after a grace period); and queries (graph, layout, render, source),
// answered beside a task. A worker that dies is replaced and the model opened again in the new one.
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
        Unusable, // no worker could open the model; the next task tries again
    };
    Q_ENUM(State)

    explicit ModelWorker(QObject* parent = nullptr);
    ~ModelWorker() override;

    // Starts the spare worker now, so the first open is quick (the window calls it at start-up).
    void prestart();

    // Opens the model in a worker; a task going on is cancelled. extra holds fields the open
    // request should carry besides path, libraries and device (e.g. "info_file"), for this open
    // only: opening the same model again (setDevice, a replaced worker) sends none of it.
    void setModel(const QString& path, const QStringList& libraries = {}, const QString& device = {},
                  const QJsonObject& extra = {});
    void setDevice(const QString& device);
    QString device() const { return m_device; }
    QStringList libraries() const { return m_libraries; }
    // Forgets the model and stops its worker (the spare stays).
    void clear();
    // Stops opening the model asked for last; the model open before stays.
    void cancelOpen();

    State state() const { return m_state; }
    QString modelPath() const { return m_path; }
    bool isModelOpen() const { return m_modelOpen; }
    const std::vector<ptscope::ArgumentSpec>& arguments() const { return m_arguments; }
    bool hasForward() const { return m_hasForward; }
    QString forwardSignature() const { return m_forward; }
    // The root module's methods whose arguments the worker could read, forward among them, in
    // the model's order.
    const std::vector<RunnableMethod>& methods() const { return m_methods; }
    // The method a request names: empty for forward. Null when the model has no such method.
    const RunnableMethod* method(const QString& name) const;
    // The open request's reply of the model open now.
    const QJsonObject& openResult() const { return m_openResult; }

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

    // Sends a query about the model (answered after the open in progress, if any) and returns its
    // id: the answer arrives as queryFinished, or queryFailed when the worker dies first. Returns 0
    // when no model is open or opening.
    int query(const QJsonObject& request);
    // Drops a query's answer (the worker still answers it).
    void forgetQuery(int id) { m_queries.remove(id); }
    // Asks the worker to stop the layout or render it is working on (between its pieces); that
    // query then fails with kind "cancelled".
    void cancelInspection();

    // The worker holding the model (or opening it), for tests and diagnostics; may be null.
    WorkerClient* client() const;
    // A private folder for the files requests write (graphs, layouts, model facts).
    QString scratchFile(const QString& name) const;

signals:
    void stateChanged(ModelWorker::State state);
    void opening(const QString& fileName);
    // The worker has opened the model: arguments(), forwardSignature() and openResult() are known.
    void modelReady();
    // The worker could not open the model (or died doing it). A model open before stays open.
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

    void queryFinished(int id, const QJsonObject& reply);
    // The worker died before answering; message says how (it may have been this query's doing).
    void queryFailed(int id, const QString& message, const QString& detail);

private:
    WorkerClient* newClient();
    WorkerClient* takeSpare();
    void retire(WorkerClient*& client);
    void openInWorker();
    void onReply(WorkerClient* client, int id, const QJsonObject& reply);
    void onProgress(int id, const QJsonObject& event);
    void onDied(WorkerClient* client, const QString& message, const QString& stderrTail, const QVector<int>& pending);
    void finishOpen(const QJsonObject& reply);
    void failOpen(const QString& message, const QString& detail);
    void dropOpener(const QString& why, const QString& detail, bool cancelled);
    void backToOpenedModel();
    void failQueries(const QVector<int>& pending, const QString& message, const QString& detail);
    QVector<int> killTaskWorker();
    void stopTaskByKilling();
    void killAfterCancel();
    void stopOverdueTask();
    void settle();
    void setState(State state);

    WorkerClient* m_client = nullptr; // holds the open model
    WorkerClient* m_opener = nullptr; // opening the model asked for
    WorkerClient* m_spare = nullptr;  // started ahead, idle
    QStringList m_workerArguments;
    QTimer m_spareTimer;
    QTimer m_cancelTimer;
    QTimer m_timeLimitTimer;
    QTemporaryDir m_scratch;
    int m_timeLimitSeconds = 0;
    State m_state = State::NoModel;
    QString m_path; // asked for last
    QStringList m_libraries;
    QString m_device;
    QJsonObject m_openExtra;
    int m_openId = 0;
    int m_taskId = 0;
    QSet<int> m_queries;
    bool m_cancelling = false;
    // Of the model open in m_client:
    bool m_modelOpen = false;
    QString m_openedPath;
    QStringList m_openedLibraries;
    QString m_openedDevice;
    QJsonObject m_openResult;
    std::vector<ptscope::ArgumentSpec> m_arguments;
    bool m_hasForward = false;
    QString m_forward;
    std::vector<RunnableMethod> m_methods;
};
