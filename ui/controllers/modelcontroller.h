#pragma once

#include "jobs/jobcontext.h"
#include "modelinfoptr.h"

#include <QElapsedTimer>
#include <QObject>
#include <QStringList>

class JobRunner;
class ModelWorker;

// The "open a model" workflow: checks the path, has the worker open the model (the window itself
// never loads one), reads the model's facts the worker wrote, and keeps them. A failed or
// cancelled open leaves the previous model in place, in the window and in its worker.
class ModelController : public QObject
{
    Q_OBJECT
public:
    explicit ModelController(ModelWorker* worker, QObject* parent = nullptr);
    ~ModelController() override;

    // Supersedes an open in progress. Returns false (after emitting failed) when the path is
    // rejected without starting any work. libraries: operator libraries the worker loads first.
    bool startOpen(const QString& path, const QStringList& libraries = {});
    void cancel();
    bool isLoading() const { return m_loading; }

    // The current model; null before the first successful open.
    ModelInfoPtr modelInfo() const { return m_info; }
    qint64 lastLoadMilliseconds() const { return m_lastLoadMs; }

signals:
    void busyChanged(bool busy);
    void progress(const QString& text);
    void modelAvailable(const ModelInfoPtr& info);
    // message is for people (one line, maybe a hint line); detail is the library's own text.
    void failed(const QString& message, const QString& detail);
    void cancelled();

private:
    void onWorkerReady();
    void onWorkerFailed(const QString& message, const QString& detail);
    void finishLoad(const ModelInfoPtr& info);
    void failLoad(const QString& message, const QString& detail);
    static QString checkPath(const QString& path);

    ModelWorker* m_worker;
    JobRunner* m_runner;
    bool m_loading = false;
    JobId m_readJob = 0;
    QString m_infoFile;
    QElapsedTimer m_timer;
    ModelInfoPtr m_info;
    qint64 m_lastLoadMs = 0;
};
