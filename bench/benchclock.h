#pragma once

// What every benchmark measures with: wall time since a point, and the process's peak memory.

#include <sys/resource.h>

#include <chrono>

namespace benchclock {

using Clock = std::chrono::steady_clock;

inline double since(Clock::time_point start)
{
    return std::chrono::duration<double>(Clock::now() - start).count();
}

inline long peakRssMiB()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss / 1024;
}

} // namespace benchclock
