#pragma once

#include <QString>
#include <exception>
#include <ptscope/common/error.h>

// What the UI shows when a job fails: a message written for people and, separately, the
// underlying library's text for a "Show Details…" area.
struct JobFailure
{
    ptscope::ErrorKind kind = ptscope::ErrorKind::Internal;
    QString message; // one line, plus a hint line when there is one; never a backtrace
    QString detail;  // may be empty

    static JobFailure fromError(const ptscope::Error& error);
    // Must be called inside a catch block; classifies std::current_exception().
    static JobFailure fromCurrentException();
};
