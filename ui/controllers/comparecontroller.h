#pragma once

#include "controllers/comparereportptr.h"
#include "controllers/comparesettings.h"
#include "controllers/reviewptr.h"
#include "run/runrequest.h"

#include <QObject>
#include <memory>

class JobRunner;
class ModelWorker;
class QTemporaryDir;
class WorkerTask;

// The "do these two agree, and where do they part" workflow: compares the open model with a second
// one (opened in the same worker process) or with saved outputs, optionally searching for a
// disagreeing input and comparing node by node, then reads the worker's document off the UI
// thread. cancel() asks the worker and kills it after the grace period, as runs do; a worker that
// dies is reported and replaced. The counterexample a search saves stays until the next comparison
// (counterexampleFile), so the Run tab can run it.
class CompareController : public QObject
{
    Q_OBJECT
public:
    enum class State
    {
        NoModel,
        Opening,
        Ready,
        Comparing,
        Reading,
        Unusable,
        Busy, // the worker is running something else
    };
    Q_ENUM(State)

    explicit CompareController(ModelWorker* worker, QObject* parent = nullptr);
    ~CompareController() override;

    // Checks the request first: returns false (after emitting failed) when it cannot start.
    bool startCompare(const RunRequest& inputs, const CompareSettings& settings);
    void cancel();

    State state() const { return m_state; }
    bool isComparing() const { return m_state == State::Comparing || m_state == State::Reading; }
    CompareReportPtr lastReport() const { return m_lastReport; }
    // With a second model: what changed from the open model to it (null against saved outputs).
    ReviewPtr lastReview() const { return m_lastReview; }
    QString counterexampleFile() const;
    ModelWorker* worker() const { return m_worker; }

signals:
    void stateChanged(CompareController::State state);
    void progress(const QString& text, int done, int total);
    void comparisonAvailable(const CompareReportPtr& report);
    // Right before comparisonAvailable, when a second model was compared.
    void reviewAvailable(const ReviewPtr& review);
    void failed(const QString& message, const QString& detail);
    void cancelled();

private:
    void onTaskProgress(const QJsonObject& event);
    void onTaskSucceeded(const QJsonObject& result);
    void readResult(const QString& file, const QString& reviewFile);
    void endTask();
    void updateState();
    QString checkSettings(const CompareSettings& settings) const;

    ModelWorker* m_worker;
    JobRunner* m_jobs;
    State m_state = State::NoModel;
    WorkerTask* m_task;
    bool m_reading = false;
    std::shared_ptr<QTemporaryDir> m_folder;
    std::shared_ptr<QTemporaryDir> m_keptFolder; // the last comparison's counterexample
    CompareReportPtr m_lastReport;
    ReviewPtr m_lastReview;
};
