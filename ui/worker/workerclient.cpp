#include "worker/workerclient.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QStandardPaths>
#include <csignal>
#include <cstring>
#include <utility>

namespace {

constexpr qsizetype StderrTailBytes = 16 * 1024;
// Replies are small (big results go to files); a longer line is a worker gone wrong.
constexpr qsizetype MaxLineBytes = 16 * 1024 * 1024;

// Ids are unique across clients, so a workflow that moves from one worker to the next (a model
// opened in a fresh one) never mistakes one reply for another.
int s_lastId = 0;

QString signalDescription(int signal)
{
    const QString name = QString::fromLocal8Bit(strsignal(signal));
    switch (signal) {
    case SIGKILL:
        return QCoreApplication::translate("WorkerClient",
                                           "The worker process was killed (%1). The system may have run "
                                           "out of memory, or something outside ptscope stopped it.")
            .arg(name);
    case SIGSEGV:
    case SIGBUS:
    case SIGILL:
    case SIGFPE:
        return QCoreApplication::translate("WorkerClient", "The worker process crashed (%1).").arg(name);
    case SIGABRT:
        return QCoreApplication::translate("WorkerClient", "The worker process aborted (%1).").arg(name);
    default:
        return QCoreApplication::translate("WorkerClient",
                                           "The worker process was stopped by signal %1 (%2).")
            .arg(signal)
            .arg(name);
    }
}

} // namespace

WorkerClient::WorkerClient(QObject* parent) : QObject(parent), m_program(defaultProgram()) {}

WorkerClient::~WorkerClient()
{
    if (!m_process)
        return;
    disconnect(m_process, nullptr, this, nullptr);
    // An idle worker leaves at the end of its input; a busy one might never, so it is killed.
    if (m_ready && m_pending.isEmpty()) {
        m_process->closeWriteChannel();
        if (m_process->waitForFinished(1000)) {
            delete m_process;
            return;
        }
    }
    m_process->kill();
    m_process->waitForFinished(2000);
    delete m_process;
}

QString WorkerClient::defaultProgram()
{
    const QString fromEnvironment = qEnvironmentVariable("PTSCOPE_CLI");
    if (!fromEnvironment.isEmpty())
        return fromEnvironment;
    const QString beside =
        QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("ptscope-cli"));
    if (QFileInfo(beside).isExecutable())
        return beside;
    const QString onPath = QStandardPaths::findExecutable(QStringLiteral("ptscope-cli"));
    return onPath.isEmpty() ? QStringLiteral("ptscope-cli") : onPath;
}

void WorkerClient::setProgram(const QString& program, const QStringList& arguments)
{
    m_program = program;
    m_arguments = arguments;
}

void WorkerClient::start()
{
    if (m_process)
        return;
    m_process = new QProcess(this);
    m_ready = false;
    m_stdoutBuffer.clear();
    m_stderrTail.clear();
    m_devices.clear();
    connect(m_process, &QProcess::readyReadStandardOutput, this, &WorkerClient::readReplies);
    connect(m_process, &QProcess::readyReadStandardError, this, &WorkerClient::readErrors);
    connect(m_process, &QProcess::finished, this, &WorkerClient::onFinished);
    connect(m_process, &QProcess::errorOccurred, this, &WorkerClient::onErrorOccurred);
    m_process->start(m_program, m_arguments + QStringList{QStringLiteral("worker")} + m_workerArguments);
}

void WorkerClient::kill()
{
    m_queue.clear();
    m_pending.clear();
    discardProcess();
}

qint64 WorkerClient::processId() const
{
    return m_process ? m_process->processId() : 0;
}

int WorkerClient::send(QJsonObject request)
{
    const int id = ++s_lastId;
    request.insert(QStringLiteral("id"), id);
    m_pending.append(id);
    start();
    if (m_ready)
        write(request);
    else
        m_queue.append(request);
    return id;
}

void WorkerClient::write(const QJsonObject& request)
{
    m_process->write(QJsonDocument(request).toJson(QJsonDocument::Compact) + '\n');
}

void WorkerClient::readReplies()
{
    if (!m_process)
        return;
    m_stdoutBuffer += m_process->readAllStandardOutput();
    qsizetype newline;
    while (m_process && (newline = m_stdoutBuffer.indexOf('\n')) >= 0) {
        const QByteArray line = m_stdoutBuffer.left(newline);
        m_stdoutBuffer.remove(0, newline + 1);
        handleLine(line); // may kill the process (a slot reacting to a reply)
    }
    if (m_process && m_stdoutBuffer.size() > MaxLineBytes) {
        readErrors();
        reportDeath(tr("The worker process wrote %1 MB without a line break on its protocol channel, so it was "
                       "stopped.")
                        .arg(m_stdoutBuffer.size() / (1024 * 1024)));
    }
}

void WorkerClient::handleLine(const QByteArray& line)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(line, &error);
    if (!document.isObject()) {
        // The worker keeps stdout for replies; anything else there is a bug worth seeing.
        qWarning("ptscope worker: unexpected output line: %s", line.left(200).constData());
        return;
    }
    const QJsonObject message = document.object();
    const QString event = message.value(QStringLiteral("event")).toString();
    if (event == QLatin1String("ready")) {
        if (m_ready)
            return; // a second "ready" is noise
        m_ready = true;
        m_devices.clear();
        for (const QJsonValue& device : message.value(QStringLiteral("devices")).toArray())
            if (device.isString())
                m_devices.append(device.toString());
        const QVector<QJsonObject> queued = std::exchange(m_queue, {});
        for (const QJsonObject& request : queued)
            write(request);
        emit ready();
        return;
    }
    const int id = message.value(QStringLiteral("id")).toInt();
    if (!m_pending.contains(id))
        return; // not a reply to anything asked of this worker
    if (event == QLatin1String("progress")) {
        emit progressed(id, message);
        return;
    }
    if (message.contains(QStringLiteral("ok"))) {
        m_pending.removeOne(id);
        emit replied(id, message);
    }
}

void WorkerClient::readErrors()
{
    if (!m_process)
        return;
    m_stderrTail += m_process->readAllStandardError();
    if (m_stderrTail.size() > StderrTailBytes)
        m_stderrTail = m_stderrTail.right(StderrTailBytes);
}

void WorkerClient::onFinished(int exitCode, QProcess::ExitStatus status)
{
    readReplies(); // replies written just before the end still count
    if (!m_process)
        return;
    readErrors();
    if (status == QProcess::CrashExit)
        reportDeath(signalDescription(exitCode)); // on Unix, the signal number
    else
        reportDeath(tr("The worker process exited unexpectedly (status %1).").arg(exitCode));
}

void WorkerClient::onErrorOccurred(QProcess::ProcessError error)
{
    if (error != QProcess::FailedToStart)
        return; // crashes arrive through finished()
    reportDeath(tr("Could not start the worker program %1: %2").arg(m_program, m_process->errorString()));
}

void WorkerClient::reportDeath(const QString& message)
{
    const QString tail = QString::fromLocal8Bit(m_stderrTail).trimmed();
    const QVector<int> pending = std::exchange(m_pending, {});
    m_queue.clear();
    discardProcess();
    emit died(message, tail, pending);
}

void WorkerClient::discardProcess()
{
    if (!m_process)
        return;
    QProcess* process = std::exchange(m_process, nullptr);
    m_ready = false;
    disconnect(process, nullptr, this, nullptr);
    if (process->state() != QProcess::NotRunning) {
        process->kill();
        process->waitForFinished(2000);
    }
    process->deleteLater();
}
