#pragma once

#include "jobs/jobcontext.h"

#include <QHash>
#include <QObject>

class JobRunner;

// The "show a node's source line" workflow: reads a code file out of the model's archive (the
// file a graph node's SourceLocation names) on a job, once per file, and hands it to the code
// view with the line to highlight. The archive is only read.
class SourceController : public QObject
{
    Q_OBJECT
public:
    explicit SourceController(QObject* parent = nullptr);

    // The archive later requests read from; forgets the files read from the previous one.
    void setModelPath(const QString& path);
    // file as SourceLocation::file has it ("code/__torch__/torch/nn/modules/conv.py"); 1-based line.
    // Supersedes a read in progress.
    void startShow(const QString& file, int line);

signals:
    void sourceAvailable(const QString& file, const QString& text, int line);
    void failed(const QString& message, const QString& detail);

private:
    JobRunner* m_runner;
    JobId m_job = 0;
    QString m_modelPath;
    QHash<QString, QString> m_texts; // file -> text, for this archive
};
