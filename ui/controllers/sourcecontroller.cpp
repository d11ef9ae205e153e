#include "controllers/sourcecontroller.h"

#include "jobs/jobrunner.h"

#include <QFile>
#include <ptscope/load/archiverecord.h>

SourceController::SourceController(QObject* parent) : QObject(parent), m_runner(new JobRunner(this)) {}

void SourceController::setModelPath(const QString& path)
{
    m_runner->cancel(m_job);
    m_job = 0;
    m_modelPath = path;
    m_texts.clear();
}

void SourceController::startShow(const QString& file, int line)
{
    m_runner->cancel(m_job);
    m_job = 0;
    const auto cached = m_texts.constFind(file);
    if (cached != m_texts.cend()) {
        emit sourceAvailable(file, *cached, line);
        return;
    }
    // Opening the zip's directory is quick for small models but not for a 500 MB archive.
    m_job = m_runner->start(
        [model = QFile::encodeName(m_modelPath).toStdString(), record = file.toStdString()](JobContext&) {
            return QString::fromStdString(ptscope::readArchiveRecord(model, record));
        },
        [this, file, line](const QString& text) {
            m_job = 0;
            m_texts.insert(file, text);
            emit sourceAvailable(file, text, line);
        },
        [this](const JobFailure& failure) {
            m_job = 0;
            emit failed(failure.message, failure.detail);
        });
}
