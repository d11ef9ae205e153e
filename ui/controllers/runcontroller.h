#pragma once

#include "run/runrequest.h"
#include "runresultptr.h"
#include "worker/runnablemethod.h"

#include <QObject>
#include <QStringList>
#include <memory>
#include <ptscope/run/runspec.h>
#include <vector>

class ModelWorker;
class QTemporaryDir;
class WorkerClient;

// The "run the model on my inputs" workflow. Runs happen in a `ptscope-cli worker` process
// (ModelWorker, shared with the profile workflow), started when a model is set and kept while it
// is open, so a run neither pays LibTorch's start-up nor can take the window down. A worker that
// dies is reported and replaced; cancel() stops a run within the grace period, killing the worker
// when the forward does not return by itself.
class RunController : public QObject
{
    Q_OBJECT
public:
    enum class State
    {
        NoModel,
        Opening, // the worker is starting or loading the model
        Ready,
        Running,
        Unusable, // the worker could not open the model; startRun() tries again
        Busy,     // the worker is doing another workflow's task (a profile)
    };
    Q_ENUM(State)

    // With its own worker, or sharing one with other workflows (which then sets its model).
    explicit RunController(QObject* parent = nullptr);
    explicit RunController(ModelWorker* worker, QObject* parent = nullptr);
    ~RunController() override;

    // Opens the model in the worker (starting it if needed). libraries: operator libraries the
    // model needs (torchvision's for detection models); device: "cpu", "cuda:0".
    void setModel(const QString& path, const QStringList& libraries = {}, const QString& device = {});
    // Opens the model again on another device ("cpu", "cuda:0"); a run going on is cancelled.
    void setDevice(const QString& device);
    QString device() const;
    // Forgets the model and stops the worker.
    void clear();

    // Checks the request against forward's arguments first: returns false (after emitting
    // failed) when it cannot be run, without disturbing the worker.
    bool startRun(const RunRequest& request);
    void cancel();

    State state() const { return m_state; }
    bool isRunning() const { return m_state == State::Running; }
    QString modelPath() const;
    // forward's arguments after self, known once the worker has opened the model.
    const std::vector<ptscope::ArgumentSpec>& arguments() const;
    bool hasForward() const;
    QString forwardSignature() const;
    // The methods a request can name in forward's place (forward among them), once the worker has
    // opened the model; method("") is forward, null when the model has no such method.
    const std::vector<RunnableMethod>& methods() const;
    const RunnableMethod* method(const QString& name) const;
    RunResultPtr lastResult() const { return m_lastResult; }
    // Drops the last result (another model has opened in the worker).
    void forgetResult() { m_lastResult.reset(); }
    // How long cancel() waits for the worker to stop a run by itself before killing it.
    void setCancelGraceMilliseconds(int ms);
    WorkerClient* worker() const;
    ModelWorker* modelWorker() const { return m_worker; }

    // The inputs last run on a model file, remembered across sessions, when they were run on
    // method (empty: forward); and the method they were run on.
    static QStringList rememberedInputs(const QString& modelPath, const QString& method = {});
    static QString rememberedMethod(const QString& modelPath);

signals:
    void stateChanged(RunController::State state);
    // The worker has opened the model: arguments() and forwardSignature() are known.
    void modelReady();
    // The worker could not open the model (or died doing it).
    void modelFailed(const QString& message, const QString& detail);
    void progress(const QString& text, int done, int total);
    void runAvailable(const RunResultPtr& result);
    // message is for people (one line, maybe a hint line); detail is the library's own text.
    void failed(const QString& message, const QString& detail);
    void cancelled();
    // The worker died while no run was going on and a new one has been started.
    void workerRestarted(const QString& why);

private:
    void connectWorker();
    void onTaskProgress(int id, const QJsonObject& event);
    void onTaskFinished(int id, const QJsonObject& reply);
    void onTaskCancelled(int id);
    void onTaskDied(int id, const QString& message, const QString& detail);
    void endRun();
    QString checkState(const QString& method) const;
    void updateState();

    ModelWorker* m_worker;
    State m_state = State::NoModel;
    int m_runId = 0;
    std::shared_ptr<QTemporaryDir> m_runFolder; // of the run going on
    RunResultPtr m_lastResult;
};
