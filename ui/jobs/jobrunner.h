#pragma once

#include "jobs/jobcontext.h"
#include "jobs/jobfailure.h"

#include <QHash>
#include <QObject>
#include <QThreadPool>
#include <functional>
#include <memory>
#include <optional>
#include <type_traits>

class JobChannel;

// Runs every long task of the GUI (loading a model now; layout, runs and profiling later) on a
// thread pool and hands the outcome back on the runner's own thread.
//
// A job's callbacks run only while the job is current: cancel() or destroying the runner drops
// whatever the work still produces. The runner should therefore be owned by the object whose
// members the callbacks touch, so that closing a window can never call into a dead object.
// Any exception the work throws becomes a JobFailure; none escapes into the pool.
class JobRunner : public QObject
{
    Q_OBJECT
public:
    using FailureHandler = std::function<void(const JobFailure&)>;

    explicit JobRunner(QObject* parent = nullptr, QThreadPool* pool = QThreadPool::globalInstance());
    ~JobRunner() override;

    // work(JobContext&) -> Result runs on the pool; then onDone(Result) or onFailed(JobFailure)
    // runs on this object's thread. Arguments are copied to the worker, so pass values, not
    // references to UI state.
    template <typename Work, typename OnDone> JobId start(Work work, OnDone onDone, FailureHandler onFailed);

    // The work itself goes on until it next polls its context; its outcome is dropped.
    void cancel(JobId id);
    void cancelAll();
    bool isRunning(JobId id) const { return m_jobs.contains(id); }
    bool isIdle() const { return m_jobs.isEmpty(); }

signals:
    void progress(JobId id, const QString& text);

private:
    friend class JobChannel;
    JobContext createJob();
    void deliver(JobId id, const JobContext::Delivery& delivery, bool final);

    QThreadPool* m_pool;
    std::shared_ptr<JobChannel> m_channel;
    QHash<JobId, ptscope::CancelToken> m_jobs; // current jobs only
    JobId m_lastId = 0;
};

template <typename Work, typename OnDone>
JobId JobRunner::start(Work work, OnDone onDone, FailureHandler onFailed)
{
    using Result = std::decay_t<std::invoke_result_t<Work&, JobContext&>>;
    static_assert(!std::is_void_v<Result>, "a job's work returns its result");

    JobContext context = createJob();
    const JobId id = context.id();
    m_pool->start([context = std::move(context), work = std::move(work), onDone = std::move(onDone),
                   onFailed = std::move(onFailed)]() mutable {
        std::optional<Result> result;
        try {
            result.emplace(work(context));
        } catch (...) {
            const JobFailure failure = JobFailure::fromCurrentException();
            context.post([failure, onFailed](JobRunner&) { onFailed(failure); }, true);
            return;
        }
        auto shared = std::make_shared<Result>(std::move(*result));
        context.post([shared, onDone](JobRunner&) { onDone(std::move(*shared)); }, true);
    });
    return id;
}
