#include "controllers/sourcecontroller.h"

#include "worker/modelworker.h"
#include "worker/workerreply.h"

SourceController::SourceController(ModelWorker* worker, QObject* parent) : QObject(parent), m_worker(worker)
{
    connect(m_worker, &ModelWorker::queryFinished, this, &SourceController::onQueryFinished);
    connect(m_worker, &ModelWorker::queryFailed, this, &SourceController::onQueryFailed);
}

void SourceController::reset()
{
    m_worker->forgetQuery(std::exchange(m_query, 0));
    m_texts.clear();
}

void SourceController::startShow(const QString& file, int line)
{
    m_worker->forgetQuery(std::exchange(m_query, 0));
    const auto cached = m_texts.constFind(file);
    if (cached != m_texts.cend()) {
        emit sourceAvailable(file, *cached, line);
        return;
    }
    m_file = file;
    m_line = line;
    m_query = m_worker->query({{QStringLiteral("cmd"), QStringLiteral("source")}, {QStringLiteral("record"), file}});
    if (!m_query)
        emit failed(tr("The model is not open in its worker."), {});
}

void SourceController::onQueryFinished(int id, const QJsonObject& reply)
{
    if (id != m_query)
        return;
    m_query = 0;
    if (!replySucceeded(reply)) {
        const WorkerError error = workerErrorOf(reply);
        emit failed(error.message, error.detail);
        return;
    }
    const QString text = reply.value(QStringLiteral("result")).toObject().value(QStringLiteral("text")).toString();
    m_texts.insert(m_file, text);
    emit sourceAvailable(m_file, text, m_line);
}

void SourceController::onQueryFailed(int id, const QString& message, const QString& detail)
{
    if (id != m_query)
        return;
    m_query = 0;
    emit failed(message, detail);
}
