#pragma once

#include "worker/modelworker.h"

#include <QJsonObject>
#include <QObject>

// One long request of one workflow in the worker it shares with the others (profile, compare):
// the worker's task signals for this request only, its reply sorted into succeeded, failed and
// cancelled. A dying worker fails the task; ModelWorker replaces the worker.
class WorkerTask : public QObject
{
    Q_OBJECT
public:
    explicit WorkerTask(ModelWorker* worker, QObject* parent = nullptr);

    void start(const QJsonObject& request);
    // Asks the worker to stop; ModelWorker kills it after the grace period.
    void cancel();
    bool isRunning() const { return m_id != 0; }

signals:
    void progress(const QJsonObject& event);
    void succeeded(const QJsonObject& result);
    void failed(const QString& message, const QString& detail);
    void cancelled();

private:
    bool ours(int id) const { return id != 0 && id == m_id; }

    ModelWorker* m_worker;
    int m_id = 0;
};

// The workflow's state while no task of its own runs, from its worker's (each controller's State
// enum names these five as the worker does).
template <typename State> State stateOfWorker(ModelWorker::State state)
{
    switch (state) {
    case ModelWorker::State::NoModel: return State::NoModel;
    case ModelWorker::State::Opening: return State::Opening;
    case ModelWorker::State::Ready: return State::Ready;
    case ModelWorker::State::Unusable: return State::Unusable;
    case ModelWorker::State::Busy: return State::Busy;
    }
    return State::NoModel;
}
