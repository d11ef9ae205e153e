#pragma once

#include <atomic>
#include <memory>

namespace ptscope {

// A flag shared between whoever starts long work and the work itself. Copies share the flag, so
// a job keeps one copy and hands another to the code that may cancel it. Work checks it between
// steps (repeats, samples): a step already running finishes first.
class CancelToken
{
public:
    CancelToken()
        : m_flag(std::make_shared<std::atomic<bool>>(false))
    {
    }

    void cancel() const { m_flag->store(true, std::memory_order_relaxed); }
    bool isCancelled() const { return m_flag->load(std::memory_order_relaxed); }
    // Throws ptscope::Error (Cancelled) once cancelled.
    void throwIfCancelled() const;

private:
    std::shared_ptr<std::atomic<bool>> m_flag;
};

} // namespace ptscope
