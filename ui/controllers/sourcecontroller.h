#pragma once

#include <QHash>
#include <QJsonObject>
#include <QObject>

class ModelWorker;

// The "show a node's source line" workflow: has the model's worker read a code file out of the
// archive (the file a graph node's SourceLocation names), once per file, and hands it to the code
// view with the line to highlight. The archive is only read.
class SourceController : public QObject
{
    Q_OBJECT
public:
    explicit SourceController(ModelWorker* worker, QObject* parent = nullptr);

    // Forgets the files read from the previous model (call when another model has opened).
    void reset();
    // file as SourceLocation::file has it ("code/__torch__/torch/nn/modules/conv.py"); 1-based line.
    // Supersedes a read in progress.
    void startShow(const QString& file, int line);

signals:
    void sourceAvailable(const QString& file, const QString& text, int line);
    void failed(const QString& message, const QString& detail);

private:
    void onQueryFinished(int id, const QJsonObject& reply);
    void onQueryFailed(int id, const QString& message, const QString& detail);

    ModelWorker* m_worker;
    int m_query = 0;
    QString m_file;
    int m_line = 0;
    QHash<QString, QString> m_texts; // file -> text, for this model
};
