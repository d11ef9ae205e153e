#include "worker/modelworker.h"

#include "worker/workerclient.h"
#include "worker/workerreply.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <ptscope/common/error.h>
#include <ptscope/run/runjson.h>

namespace {

// The spare starts a moment after a model opened, so its LibTorch start-up does not compete with
// the first requests about the model.
constexpr int SpareDelayMs = 1500;

} // namespace

ModelWorker::ModelWorker(QObject* parent) : QObject(parent)
{
    m_spareTimer.setSingleShot(true);
    m_spareTimer.setInterval(SpareDelayMs);
    connect(&m_spareTimer, &QTimer::timeout, this, &ModelWorker::prestart);
    m_cancelTimer.setSingleShot(true);
    m_cancelTimer.setInterval(500);
    connect(&m_cancelTimer, &QTimer::timeout, this, &ModelWorker::killAfterCancel);
    m_timeLimitTimer.setSingleShot(true);
    m_timeLimitTimer.setTimerType(Qt::PreciseTimer); // a coarse timer may fire 5% early
    connect(&m_timeLimitTimer, &QTimer::timeout, this, &ModelWorker::stopOverdueTask);
}

ModelWorker::~ModelWorker() = default;

WorkerClient* ModelWorker::newClient()
{
    auto* client = new WorkerClient(this);
    client->setWorkerArguments(m_workerArguments);
    connect(client, &WorkerClient::replied, this,
            [this, client](int id, const QJsonObject& reply) { onReply(client, id, reply); });
    connect(client, &WorkerClient::progressed, this, &ModelWorker::onProgress);
    connect(client, &WorkerClient::died, this,
            [this, client](const QString& message, const QString& tail, const QVector<int>& pending) {
                onDied(client, message, tail, pending);
            });
    return client;
}

void ModelWorker::prestart()
{
    m_spareTimer.stop();
    if (m_spare)
        return;
    m_spare = newClient();
    m_spare->start();
}

WorkerClient* ModelWorker::takeSpare()
{
    m_spareTimer.stop();
    WorkerClient* spare = m_spare ? std::exchange(m_spare, nullptr) : newClient();
    spare->start();
    return spare;
}

void ModelWorker::retire(WorkerClient*& client)
{
    if (!client)
        return;
    WorkerClient* old = std::exchange(client, nullptr);
    old->kill(); // frees the model it held at once; no died() follows
    old->deleteLater();
}

WorkerClient* ModelWorker::client() const
{
    return m_opener ? m_opener : m_client;
}

QString ModelWorker::scratchFile(const QString& name) const
{
    return QDir(m_scratch.path()).filePath(name);
}

void ModelWorker::setModel(const QString& path, const QStringList& libraries, const QString& device,
                           const QJsonObject& extra)
{
    if (m_taskId)
        stopTaskByKilling();
    m_path = QFileInfo(path).absoluteFilePath();
    m_libraries = libraries;
    m_device = device;
    m_openExtra = extra;
    openInWorker();
}

void ModelWorker::setDevice(const QString& device)
{
    if (device == m_device)
        return;
    m_device = device;
    if (!m_path.isEmpty())
        setModel(QString(m_path), QStringList(m_libraries), device, QJsonObject(m_openExtra));
}

QVector<int> ModelWorker::killTaskWorker()
{
    // The task runs in the worker opening the model when there is one (it was queued behind the
    // open), else in the one holding it.
    WorkerClient*& holder = m_opener ? m_opener : m_client;
    if (!holder)
        return {};
    const bool heldModel = holder == m_client;
    const QVector<int> pending = holder->pending();
    retire(holder);
    if (heldModel)
        m_modelOpen = false;
    else
        m_openId = 0;
    return pending;
}

void ModelWorker::stopTaskByKilling()
{
    const int task = std::exchange(m_taskId, 0);
    m_cancelTimer.stop();
    m_timeLimitTimer.stop();
    m_cancelling = false;
    failQueries(killTaskWorker(), tr("The worker was stopped to cancel a task."), {});
    emit taskCancelled(task);
}

void ModelWorker::clear()
{
    const int task = std::exchange(m_taskId, 0);
    QVector<int> pending;
    if (m_client)
        pending += m_client->pending();
    if (m_opener)
        pending += m_opener->pending();
    retire(m_client);
    retire(m_opener);
    m_cancelTimer.stop();
    m_timeLimitTimer.stop();
    m_cancelling = false;
    m_path.clear();
    m_openId = 0;
    m_modelOpen = false;
    m_openedPath.clear();
    m_openResult = {};
    m_arguments.clear();
    m_hasForward = false;
    m_forward.clear();
    m_methods.clear();
    m_queries.clear();
    setState(State::NoModel);
    if (task)
        emit taskCancelled(task);
}

void ModelWorker::cancelOpen()
{
    if (m_opener)
        dropOpener(tr("Opening the model was cancelled."), {}, true);
}

void ModelWorker::dropOpener(const QString& why, const QString& detail, bool cancelled)
{
    // The worker that was opening may be in any state: it goes, with the task and queries queued
    // behind its open, and the model open before (if any) is again the one asked for.
    const QVector<int> pending = m_opener ? m_opener->pending() : QVector<int>{};
    retire(m_opener);
    m_openId = 0;
    if (pending.contains(m_taskId)) {
        const int task = std::exchange(m_taskId, 0);
        m_timeLimitTimer.stop();
        if (cancelled)
            emit taskCancelled(task);
        else
            emit taskDied(task, why, detail);
    }
    failQueries(pending, why, detail);
    if (m_modelOpen)
        backToOpenedModel();
    m_spareTimer.start();
    settle();
}

void ModelWorker::backToOpenedModel()
{
    m_path = m_openedPath;
    m_libraries = m_openedLibraries;
    m_device = m_openedDevice;
}

void ModelWorker::openInWorker()
{
    if (m_opener) {
        // Superseded: whatever it was opening is no longer wanted.
        const QVector<int> pending = m_opener->pending();
        retire(m_opener);
        failQueries(pending, tr("A newer model was asked for."), {});
    }
    QJsonObject request = m_openExtra;
    request.insert(QStringLiteral("cmd"), QStringLiteral("open"));
    request.insert(QStringLiteral("path"), m_path);
    if (!m_libraries.isEmpty())
        request.insert(QStringLiteral("libraries"), QJsonArray::fromStringList(m_libraries));
    if (!m_device.isEmpty())
        request.insert(QStringLiteral("device"), m_device);
    m_opener = takeSpare();
    m_openId = m_opener->send(request);
    setState(State::Opening);
    emit opening(QFileInfo(m_path).fileName());
}

int ModelWorker::startTask(const QJsonObject& request)
{
    if (m_path.isEmpty() || m_taskId)
        return 0;
    if (!m_opener && (!m_client || !m_modelOpen || m_path != m_openedPath))
        openInWorker(); // no worker could open this model before; try once more
    m_taskId = client()->send(request);
    m_cancelling = false;
    if (m_timeLimitSeconds > 0)
        m_timeLimitTimer.start(m_timeLimitSeconds * 1000);
    setState(State::Busy);
    return m_taskId;
}

int ModelWorker::query(const QJsonObject& request)
{
    WorkerClient* target = client();
    if (!target || (!m_opener && !m_modelOpen))
        return 0;
    const int id = target->send(request);
    m_queries.insert(id);
    return id;
}

void ModelWorker::cancelInspection()
{
    if (WorkerClient* target = client())
        target->send({{QStringLiteral("cmd"), QStringLiteral("cancel")},
                      {QStringLiteral("lane"), QStringLiteral("inspection")}});
}

void ModelWorker::setMemoryLimitMiB(int mib)
{
    m_workerArguments = mib > 0 ? QStringList{QStringLiteral("--memory-limit"), QString::number(mib)} : QStringList{};
    for (WorkerClient* client : {m_client, m_opener, m_spare})
        if (client)
            client->setWorkerArguments(m_workerArguments);
    // A spare started with the old limit would keep it.
    retire(m_spare);
    m_spareTimer.start();
}

void ModelWorker::stopOverdueTask()
{
    if (!m_taskId)
        return;
    // Nothing stops a forward from inside: the worker goes, and a fresh one opens the model.
    const int task = std::exchange(m_taskId, 0);
    m_cancelTimer.stop();
    m_cancelling = false;
    const QVector<int> pending = killTaskWorker();
    openInWorker();
    failQueries(pending, tr("The worker was stopped because a task took too long."), {});
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
    client()->send({{QStringLiteral("cmd"), QStringLiteral("cancel")}});
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
    m_cancelling = false;
    const QVector<int> pending = killTaskWorker();
    openInWorker();
    failQueries(pending, tr("The worker was stopped to cancel a task."), {});
    emit taskCancelled(task);
}

void ModelWorker::onReply(WorkerClient* client, int id, const QJsonObject& reply)
{
    if (id == m_openId && client == m_opener) {
        m_openId = 0;
        finishOpen(reply);
    } else if (id == m_taskId) {
        m_taskId = 0;
        m_cancelTimer.stop();
        m_timeLimitTimer.stop();
        m_cancelling = false;
        settle();
        emit taskFinished(id, reply);
    } else if (m_queries.remove(id)) {
        emit queryFinished(id, reply);
    }
}

void ModelWorker::finishOpen(const QJsonObject& reply)
{
    if (!replySucceeded(reply)) {
        const WorkerError error = workerErrorOf(reply);
        failOpen(error.message, error.detail);
        return;
    }
    const QJsonObject result = reply.value(QStringLiteral("result")).toObject();
    const QJsonValue arguments = result.value(QStringLiteral("arguments"));
    std::vector<ptscope::ArgumentSpec> specs;
    std::vector<RunnableMethod> methods;
    try {
        if (arguments.isArray())
            specs = ptscope::argumentSpecsFromJson(compactJson(arguments));
        const QJsonArray listed =
            result.value(QStringLiteral("model")).toObject().value(QStringLiteral("methods")).toArray();
        for (const QJsonValue& value : listed) {
            const QJsonObject method = value.toObject();
            const QJsonValue methodArguments = method.value(QStringLiteral("arguments"));
            if (!methodArguments.isArray()) // a worker before methods' arguments, or unreadable ones
                continue;
            methods.push_back({method.value(QStringLiteral("name")).toString(),
                               method.value(QStringLiteral("signature")).toString(),
                               ptscope::argumentSpecsFromJson(compactJson(methodArguments))});
        }
    } catch (const ptscope::Error& e) {
        failOpen(tr("The worker's reply could not be read: %1").arg(QString::fromStdString(e.message())), {});
        return;
    }
    // The new worker takes over; the one before exits and frees the model it held.
    retire(m_client);
    m_client = std::exchange(m_opener, nullptr);
    m_modelOpen = true;
    m_openedPath = m_path;
    m_openedLibraries = m_libraries;
    m_openedDevice = m_device;
    m_openResult = result;
    // What the asker wanted with this open (files written for it) is done: the worker opening the
    // model again (on another device, after a crash) writes nothing nobody reads.
    m_openExtra = {};
    m_arguments = std::move(specs);
    m_hasForward = arguments.isArray();
    m_forward = result.value(QStringLiteral("forward")).toString();
    m_methods = std::move(methods);
    m_spareTimer.start();
    settle();
    emit modelReady();
}

const RunnableMethod* ModelWorker::method(const QString& name) const
{
    const QString wanted = name.isEmpty() ? QStringLiteral("forward") : name;
    for (const RunnableMethod& method : m_methods)
        if (method.name == wanted)
            return &method;
    return nullptr;
}

void ModelWorker::failOpen(const QString& message, const QString& detail)
{
    dropOpener(message, detail, false);
    emit modelFailed(message, detail);
}

void ModelWorker::failQueries(const QVector<int>& pending, const QString& message, const QString& detail)
{
    for (const int id : pending)
        if (m_queries.remove(id))
            emit queryFailed(id, message, detail);
}

void ModelWorker::settle()
{
    const bool opening = m_opener != nullptr;
    setState(m_taskId ? State::Busy
                      : opening ? State::Opening
                                : m_modelOpen && m_path == m_openedPath
                                      ? State::Ready
                                      : m_path.isEmpty() ? State::NoModel : State::Unusable);
}

void ModelWorker::onProgress(int id, const QJsonObject& event)
{
    if (id == m_taskId && !m_cancelling)
        emit taskProgress(id, event);
}

void ModelWorker::onDied(WorkerClient* client, const QString& message, const QString& stderrTail,
                         const QVector<int>& pending)
{
    if (client == m_spare) {
        // Died idle (or could not start): the next open starts another.
        retire(m_spare);
        return;
    }
    const int task = pending.contains(m_taskId) ? m_taskId : 0;
    const bool cancelling = task && std::exchange(m_cancelling, false);
    if (task) {
        m_taskId = 0;
        m_cancelTimer.stop();
        m_timeLimitTimer.stop();
    }
    if (client == m_opener) {
        // Opening this file kills the worker: starting another at once would only loop.
        m_openId = 0;
        const bool crashed = message.contains(QLatin1String("crashed")) || message.contains(QLatin1String("aborted"));
        const QString why = crashed ? tr("LibTorch crashed while reading this file: it is damaged or was made to "
                                         "crash readers (or an operator library it loads is broken). %1")
                                          .arg(message)
                                    : tr("%1 It happened while the worker was opening the model.").arg(message);
        if (task)
            emit taskDied(task, message, stderrTail);
        failOpen(why, stderrTail);
        return;
    }
    if (client != m_client)
        return;
    // The worker holding the model died: a new one opens it again.
    retire(m_client);
    const bool opening = m_opener != nullptr;
    m_modelOpen = false;
    failQueries(pending, message, stderrTail);
    if (!opening) {
        backToOpenedModel();
        openInWorker();
    }
    if (!task) {
        emit workerRestarted(message);
    } else if (cancelling) {
        emit taskCancelled(task);
    } else {
        emit taskDied(task, tr("%1 A new worker has been started; you can try again.").arg(message), stderrTail);
    }
    settle();
}

void ModelWorker::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    emit stateChanged(state);
}
