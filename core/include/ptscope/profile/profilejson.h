#pragma once

#include "ptscope/profile/profile.h"

#include <string>

namespace ptscope {

struct ProfileJsonOptions
{
    bool timelines = false; // every run's timeline (the GUI's file; large)
};

// The `ptscope-cli profile --json` document (README documents it); with timelines, what the
// worker writes for the GUI.
std::string profileResultToJson(const ProfileResult& result, const ProfileJsonOptions& options = {});
ProfileResult profileResultFromJson(const std::string& json); // throws ptscope::Error (ProtocolError)

// One row per node that ran (RFC 4180 quoting).
std::string profileToCsv(const ProfileResult& result);

// Chrome trace event JSON (Perfetto and chrome://tracing open it): a complete ("X") event per
// node call, named by kind, one track per measured run, timestamps in microseconds.
std::string profileToChromeTrace(const ProfileResult& result);

// The readable report `ptscope-cli profile` prints by default.
std::string profileResultToText(const ProfileResult& result, int topNodes = 15);

} // namespace ptscope
