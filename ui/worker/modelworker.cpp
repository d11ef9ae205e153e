#include "worker/modelworker.h"

#include "worker/workerclient.h"
#include "worker/workerreply.h"

#include <QFileInfo>
#include <QJsonArray>
#include <ptscope/common/error.h>
#include <ptscope/run/runjson.h>

ModelWorker::ModelWorker(QObject* parent) : QObject(parent), m_client(new WorkerClient(this))
{
    m_cancelTimer.setSingleShot(true);
    m_cancelTimer.setInterval(500);
    connect(&m_cancelTimer, &QTimer::timeout, this, &ModelWorker::killAfterCancel);
    m_timeLimitTimer.setSingleShot(true);
    m_timeLimitTimer.setTimerType(Qt::PreciseTimer); // a coarse timer may fire 5% early
    connect(&m_timeLimitTimer, &QTimer::timeout, this, &ModelWorker::stopOverdueTask);
    connect(m_client, &WorkerClient::replied, this, &ModelWorker::onReply);
    connect(m_client, &WorkerClient::progressed, this, &ModelWorker::onProgress);
    connect(m_client, &WorkerClient::died, this, &ModelWorker::onWorkerDied);
}

ModelWorker::~ModelWorker() = default;

void ModelWorker::setModel(const QString& path, const QStringList& libraries, const QString& device)
{
    // An idle worker is kept: it replaces its model on the next open, and stays warm.
    const int task = m_taskId;
    if (task)
        m_client->kill();
    resetModel();
    if (task)
        emit taskCancelled(task);
    m_path = QFileInfo(path).absoluteFilePath();
    m_libraries = libraries;
    m_device = device;
    openInWorker();
}

void ModelWorker::setDevice(const QString& device)
{
    if (device == m_device)
        return;
    m_device = device;
    if (!m_path.isEmpty())
        setModel(QString(m_path), QStringList(m_libraries), device);
}

void ModelWorker::clear()
{
    const int task = m_taskId;
    m_client->kill();
    resetModel();
    setState(State::NoModel);
    if (task)
        emit taskCancelled(task);
}

void ModelWorker::resetModel()
{
    m_cancelTimer.stop();
    m_timeLimitTimer.stop();
    m_path.clear();
    m_arguments.clear();
    m_hasForward = false;
    m_modelOpen = false;
    m_forward.clear();
    m_openId = m_taskId = 0;
    m_cancelling = false;
}

void ModelWorker::openInWorker()
{
    QJsonObject request{{QStringLiteral("cmd"), QStringLiteral("open")}, {QStringLiteral("path"), m_path}};
    if (!m_libraries.isEmpty())
        request.insert(QStringLiteral("libraries"), QJsonArray::fromStringList(m_libraries));
    if (!m_device.isEmpty())
        request.insert(QStringLiteral("device"), m_device);
    m_modelOpen = false;
    m_openId = m_client->send(request);
    setState(State::Opening);
    emit opening(QFileInfo(m_path).fileName());
}

int ModelWorker::startTask(const QJsonObject& request)
{
    if (m_path.isEmpty() || m_taskId)
        return 0;
    if (m_state == State::Unusable || !m_client->isRunning())
        openInWorker(); // the worker died opening this model before; try once more
    m_taskId = m_client->send(request);
    m_cancelling = false;
    if (m_timeLimitSeconds > 0)
        m_timeLimitTimer.start(m_timeLimitSeconds * 1000);
    setState(State::Busy);
    return m_taskId;
}

void ModelWorker::setMemoryLimitMiB(int mib)
{
    m_client->setWorkerArguments(mib > 0 ? QStringList{QStringLiteral("--memory-limit"), QString::number(mib)}
                                         : QStringList{});
}

void ModelWorker::stopOverdueTask()
{
    if (!m_taskId)
        return;
    // Nothing stops a forward from inside: the worker goes, and a fresh one opens the model.
    const int task = std::exchange(m_taskId, 0);
    m_cancelTimer.stop();
    m_cancelling = false;
    m_client->kill();
    openInWorker();
    emit taskDied(task,
                  tr("It took longer than the %1 s allowed (Settings ▸ Time Limit), so the worker was stopped. "
                     "A new worker has been started.")
                      .arg(m_timeLimitSeconds),
                  {});
}

void ModelWorker::cancelTask()
{
    if (!m_taskId || m_cancelling)
        return;
    m_cancelling = true;
    m_client->send({{QStringLiteral("cmd"), QStringLiteral("cancel")}});
    m_cancelTimer.start();
}

void ModelWorker::killAfterCancel()
{
    if (!m_taskId)
        return;
    // The task is still going (a loop that never ends, or one long operator): only killing the
    // worker stops it. A fresh worker opens the model again for the next task.
    const int task = std::exchange(m_taskId, 0);
    m_timeLimitTimer.stop();
    m_client->kill();
    m_cancelling = false;
    openInWorker();
    emit taskCancelled(task);
}

void ModelWorker::onReply(int id, const QJsonObject& reply)
{
    if (id == m_openId) {
        m_openId = 0;
        finishOpen(reply);
    } else if (id == m_taskId) {
        m_taskId = 0;
        m_cancelTimer.stop();
        m_timeLimitTimer.stop();
        m_cancelling = false;
        settle();
        emit taskFinished(id, reply);
    }
}

void ModelWorker::settle()
{
    setState(m_taskId ? State::Busy
                      : m_openId ? State::Opening
                                 : m_modelOpen ? State::Ready : m_path.isEmpty() ? State::NoModel : State::Unusable);
}

void ModelWorker::finishOpen(const QJsonObject& reply)
{
    if (!replySucceeded(reply)) {
        const WorkerError error = workerErrorOf(reply);
        m_arguments.clear();
        m_hasForward = false;
        m_modelOpen = false;
        settle();
        emit modelFailed(error.message, error.detail);
        return;
    }
    const QJsonObject result = reply.value(QStringLiteral("result")).toObject();
    const QJsonValue arguments = result.value(QStringLiteral("arguments"));
    m_hasForward = arguments.isArray();
    m_forward = result.value(QStringLiteral("forward")).toString();
    try {
        m_arguments = m_hasForward ? ptscope::argumentSpecsFromJson(compactJson(arguments))
                                   : std::vector<ptscope::ArgumentSpec>{};
    } catch (const ptscope::Error& e) {
        m_hasForward = false;
        settle();
        emit modelFailed(tr("The worker's reply could not be read: %1").arg(QString::fromStdString(e.message())), {});
        return;
    }
    m_modelOpen = true;
    settle();
    emit modelReady();
}

void ModelWorker::onProgress(int id, const QJsonObject& event)
{
    if (id == m_taskId && !m_cancelling)
        emit taskProgress(id, event);
}

void ModelWorker::onWorkerDied(const QString& message, const QString& stderrTail, const QVector<int>& pending)
{
    const int task = pending.contains(m_taskId) ? m_taskId : 0;
    const bool wasOpening = pending.contains(m_openId) && m_openId != 0;
    const bool cancelling = std::exchange(m_cancelling, false);
    m_taskId = m_openId = 0;
    m_cancelTimer.stop();
    m_timeLimitTimer.stop();
    if (wasOpening) {
        // Opening this model kills the worker: starting another at once would only loop.
        m_arguments.clear();
        m_hasForward = false;
        m_modelOpen = false;
        setState(State::Unusable);
        const bool crashed = message.contains(QLatin1String("crashed")) || message.contains(QLatin1String("aborted"));
        emit modelFailed(crashed ? tr("LibTorch crashed while opening this model: the file is damaged or was made to "
                                      "crash readers, or an operator library it loads is broken. %1")
                                       .arg(message)
                                 : tr("%1 It happened while the worker was opening the model.").arg(message),
                         stderrTail);
        if (task)
            emit taskDied(task, message, stderrTail);
        return;
    }
    openInWorker();
    if (!task) {
        emit workerRestarted(message);
    } else if (cancelling) {
        emit taskCancelled(task);
    } else {
        emit taskDied(task, tr("%1 A new worker has been started; you can try again.").arg(message), stderrTail);
    }
}

void ModelWorker::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    emit stateChanged(state);
}
