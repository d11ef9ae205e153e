#include "jobs/jobrunner.h"

#include "jobs/jobchannel.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcJobs, "ptscope.ui.jobs", QtWarningMsg)

JobRunner::JobRunner(QObject* parent, QThreadPool* pool)
    : QObject(parent), m_pool(pool), m_channel(std::make_shared<JobChannel>(this))
{}

JobRunner::~JobRunner()
{
    cancelAll();
    m_channel->detach();
}

JobContext JobRunner::createJob()
{
    const JobId id = ++m_lastId;
    ptscope::CancelToken token;
    m_jobs.insert(id, token);
    qCDebug(lcJobs) << "starting job" << id;
    return JobContext(id, token, m_channel);
}

void JobRunner::cancel(JobId id)
{
    const auto it = m_jobs.find(id);
    if (it == m_jobs.end())
        return;
    qCDebug(lcJobs) << "cancelling job" << id;
    it->cancel();
    m_jobs.erase(it);
}

void JobRunner::cancelAll()
{
    for (const ptscope::CancelToken& token : std::as_const(m_jobs))
        token.cancel();
    m_jobs.clear();
}

void JobRunner::deliver(JobId id, const JobContext::Delivery& delivery, bool final)
{
    const auto it = m_jobs.constFind(id);
    if (it == m_jobs.cend()) {
        qCDebug(lcJobs) << "dropping outcome of stale job" << id;
        return;
    }
    if (final)
        m_jobs.erase(it);
    delivery(*this);
}
