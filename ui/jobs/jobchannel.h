#pragma once

#include <QMutex>
#include <functional>

class JobRunner;
using JobId = quint64;

// The one way back from worker threads to a JobRunner. Workers may finish after the runner (and
// the window owning it) is gone, so they hold this instead of the runner: the runner detaches
// itself on destruction, and the mutex makes "is it still there" and "post to it" one step.
class JobChannel
{
public:
    using Delivery = std::function<void(JobRunner&)>;

    explicit JobChannel(JobRunner* runner) : m_runner(runner) {}

    void detach();
    // Thread-safe. The delivery runs later on the runner's thread, if the job is still current.
    void post(JobId id, Delivery delivery, bool final);

private:
    QMutex m_mutex;
    JobRunner* m_runner;
};
