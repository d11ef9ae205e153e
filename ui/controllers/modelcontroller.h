#pragma once

#include "jobs/jobcontext.h"
#include "modelinfoptr.h"

#include <QObject>
#include <optional>
#include <ptscope/load/model.h>

class JobRunner;

// The "open a model" workflow: checks the path, loads it on the job runner, and keeps the
// current model. A failed or cancelled load leaves the previous model in place.
class ModelController : public QObject
{
    Q_OBJECT
public:
    explicit ModelController(QObject* parent = nullptr);
    ~ModelController() override;

    // Supersedes a load in progress. Returns false (after emitting failed) when the path is
    // rejected without starting any work.
    bool startOpen(const QString& path);
    void cancel();
    bool isLoading() const { return m_job != 0; }

    // The current model; null before the first successful load.
    ModelInfoPtr modelInfo() const { return m_info; }
    const ptscope::Model* model() const { return m_model ? &*m_model : nullptr; }
    qint64 lastLoadMilliseconds() const { return m_lastLoadMs; }

signals:
    void busyChanged(bool busy);
    void progress(const QString& text);
    void modelAvailable(const ModelInfoPtr& info);
    // message is for people (one line, maybe a hint line); detail is the library's own text.
    void failed(const QString& message, const QString& detail);
    void cancelled();

private:
    struct Loaded;
    void finishLoad(Loaded loaded);
    void failLoad(const QString& message, const QString& detail);
    static QString checkPath(const QString& path);

    JobRunner* m_runner;
    JobId m_job = 0;
    std::optional<ptscope::Model> m_model;
    ModelInfoPtr m_info;
    qint64 m_lastLoadMs = 0;
};
