#pragma once

#include <QElapsedTimer>
#include <QString>
#include <functional>
#include <memory>
#include <ptscope/common/canceltoken.h>

class JobChannel;
class JobRunner;
using JobId = quint64;

// What a job's work function gets: its id, its cancel flag, and a way to report progress. It is
// used on the worker thread only.
class JobContext
{
public:
    JobId id() const { return m_id; }
    bool isCancelled() const { return m_token.isCancelled(); }
    // Lets work stop between phases with one line; the runner then drops the job quietly.
    void throwIfCancelled() const { m_token.throwIfCancelled(); }
    // For core functions that poll a token themselves (runs, profiling).
    const ptscope::CancelToken& cancelToken() const { return m_token; }
    // Shown on the UI thread through JobRunner::progress. Throttled, so a tight loop cannot flood
    // the UI thread's event queue.
    void reportProgress(const QString& text);

private:
    friend class JobRunner;
    using Delivery = std::function<void(JobRunner&)>;

    JobContext(JobId id, ptscope::CancelToken token, std::shared_ptr<JobChannel> channel);
    void post(Delivery delivery, bool final) const;

    JobId m_id;
    ptscope::CancelToken m_token;
    std::shared_ptr<JobChannel> m_channel;
    QElapsedTimer m_sinceProgress;
};
