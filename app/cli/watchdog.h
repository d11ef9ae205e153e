#pragma once

#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

namespace ptscope::cli {

struct CommonOptions;

// `--timeout SECONDS`: a forward that never returns cannot be interrupted from inside, so when
// the time is up the watchdog reports a timeout error (as JSON too with --json) and ends the
// process with exit status 2. Does nothing for seconds <= 0; the destructor calls it off.
class Watchdog
{
public:
    Watchdog(double seconds, const CommonOptions& common, std::string what);
    ~Watchdog();
    Watchdog(const Watchdog&) = delete;
    Watchdog& operator=(const Watchdog&) = delete;

private:
    std::mutex m_mutex;
    std::condition_variable m_done;
    bool m_finished = false;
    std::thread m_thread;
};

} // namespace ptscope::cli
