#include "jobs/jobcontext.h"

#include "jobs/jobchannel.h"
#include "jobs/jobrunner.h"

namespace {
constexpr qint64 MinProgressIntervalMs = 100;
}

JobContext::JobContext(JobId id, ptscope::CancelToken token, std::shared_ptr<JobChannel> channel)
    : m_id(id), m_token(std::move(token)), m_channel(std::move(channel))
{}

void JobContext::reportProgress(const QString& text)
{
    if (m_sinceProgress.isValid() && m_sinceProgress.elapsed() < MinProgressIntervalMs)
        return;
    m_sinceProgress.start();
    const JobId id = m_id;
    post([id, text](JobRunner& runner) { emit runner.progress(id, text); }, false);
}

void JobContext::post(Delivery delivery, bool final) const
{
    m_channel->post(m_id, std::move(delivery), final);
}
