#include "jobs/jobchannel.h"

#include "jobs/jobrunner.h"

#include <QMetaObject>

void JobChannel::detach()
{
    QMutexLocker lock(&m_mutex);
    m_runner = nullptr;
}

void JobChannel::post(JobId id, Delivery delivery, bool final)
{
    QMutexLocker lock(&m_mutex);
    if (!m_runner)
        return;
    // A queued call on the runner: Qt discards it if the runner is destroyed before it runs.
    JobRunner* runner = m_runner;
    QMetaObject::invokeMethod(
        runner,
        [runner, id, delivery = std::move(delivery), final]() { runner->deliver(id, delivery, final); },
        Qt::QueuedConnection);
}
