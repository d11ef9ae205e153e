#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QObject>
#include <QProcess>
#include <QStringList>
#include <QVector>

// One `ptscope-cli worker` process and the JSON-lines protocol to it (docs/worker-protocol.md).
// Models run there so that a crash, an out-of-memory kill or a forward that never returns costs
// the worker, never the window.
//
// The client only moves messages: it numbers requests, queues them until the worker is ready,
// and reports replies, progress events and the worker's death. What the requests mean is the
// ModelWorker's business.
class WorkerClient : public QObject
{
    Q_OBJECT
public:
    explicit WorkerClient(QObject* parent = nullptr);
    // Asks the worker to shut down and kills it if it does not exit promptly.
    ~WorkerClient() override;

    // `ptscope-cli` beside the running executable, else on PATH; PTSCOPE_CLI overrides both.
    static QString defaultProgram();
    // The program and its arguments before "worker" (e.g. --load-library LIB). Takes effect at
    // the next start().
    void setProgram(const QString& program, const QStringList& arguments = {});
    // Options of the worker verb itself (`--memory-limit N`), used from the next start on.
    void setWorkerArguments(const QStringList& arguments) { m_workerArguments = arguments; }

    // Starts the process unless it is running already.
    void start();
    // Kills the process at once and forgets its pending requests: the caller asked for it, so
    // no died() follows.
    void kill();
    bool isRunning() const { return m_process != nullptr; }
    bool isReady() const { return m_ready; }
    // The devices the worker's LibTorch can run on, from its ready line ("cpu", "cuda:0"...).
    const QStringList& devices() const { return m_devices; }
    qint64 processId() const;
    // Requests sent and not answered yet, oldest first.
    const QVector<int>& pending() const { return m_pending; }

    // Adds an "id" and sends the request (queued until the worker is ready). Starts the worker
    // if needed. Returns the id.
    int send(QJsonObject request);

signals:
    void ready();
    void replied(int id, const QJsonObject& reply);
    void progressed(int id, const QJsonObject& event);
    // The process ended without being asked to. message says how, for people; stderrTail is the
    // end of what it wrote on stderr; pending lists the requests that will never be answered.
    void died(const QString& message, const QString& stderrTail, const QVector<int>& pending);

private:
    void readReplies();
    void readErrors();
    void handleLine(const QByteArray& line);
    void onFinished(int exitCode, QProcess::ExitStatus status);
    void onErrorOccurred(QProcess::ProcessError error);
    void reportDeath(const QString& message);
    void write(const QJsonObject& request);
    void discardProcess();

    QString m_program;
    QStringList m_arguments;
    QStringList m_workerArguments;
    QProcess* m_process = nullptr;
    bool m_ready = false;
    QVector<QJsonObject> m_queue; // sent before ready
    QVector<int> m_pending;
    QByteArray m_stdoutBuffer;
    QByteArray m_stderrTail;
    QStringList m_devices;
};
