#include "worker/workertask.h"

#include "worker/workerreply.h"

WorkerTask::WorkerTask(ModelWorker* worker, QObject* parent) : QObject(parent), m_worker(worker)
{
    connect(m_worker, &ModelWorker::taskProgress, this, [this](int id, const QJsonObject& event) {
        if (ours(id))
            emit progress(event);
    });
    connect(m_worker, &ModelWorker::taskFinished, this, [this](int id, const QJsonObject& reply) {
        if (!ours(id))
            return;
        m_id = 0;
        if (replySucceeded(reply)) {
            emit succeeded(reply.value(QStringLiteral("result")).toObject());
            return;
        }
        const WorkerError error = workerErrorOf(reply);
        if (error.kind == QLatin1String("cancelled"))
            emit cancelled();
        else
            emit failed(error.message, error.detail);
    });
    connect(m_worker, &ModelWorker::taskCancelled, this, [this](int id) {
        if (!ours(id))
            return;
        m_id = 0;
        emit cancelled();
    });
    connect(m_worker, &ModelWorker::taskDied, this, [this](int id, const QString& message, const QString& detail) {
        if (!ours(id))
            return;
        m_id = 0;
        emit failed(message, detail);
    });
}

void WorkerTask::start(const QJsonObject& request)
{
    m_id = m_worker->startTask(request);
}

void WorkerTask::cancel()
{
    if (m_id && !m_worker->isCancelling())
        m_worker->cancelTask();
}
