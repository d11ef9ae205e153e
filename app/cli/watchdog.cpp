#include "watchdog.h"

#include "clicommon.h"
#include "ptscope/common/error.h"

#include <chrono>
#include <cstdio>
#include <iostream>
#include <unistd.h>

namespace ptscope::cli {

Watchdog::Watchdog(double seconds, const CommonOptions& common, std::string what)
{
    if (seconds <= 0)
        return;
    m_thread = std::thread([this, seconds, &common, what = std::move(what)]() {
        std::unique_lock<std::mutex> lock(m_mutex);
        const auto limit = std::chrono::duration<double>(seconds);
        if (m_done.wait_for(lock, limit, [this] { return m_finished; }))
            return;
        char shown[32];
        std::snprintf(shown, sizeof shown, "%g", seconds);
        reportError(Error(ErrorKind::Timeout, what + " took longer than the " + shown + " s allowed (--timeout).",
                          "The model may loop forever on these inputs; try smaller ones or a longer --timeout."),
                    common);
        std::cout.flush();
        std::cerr.flush();
        // The forward is still running on the main thread and cannot be stopped from here.
        _exit(ExitError);
    });
}

Watchdog::~Watchdog()
{
    if (!m_thread.joinable())
        return;
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_finished = true;
    }
    m_done.notify_all();
    m_thread.join();
}

} // namespace ptscope::cli
