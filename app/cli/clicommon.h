#pragma once

#include <string>
#include <vector>

namespace ptscope {
class Error;
}

namespace ptscope::cli {

// Exit statuses shared by every verb.
enum ExitCode { ExitOk = 0, ExitCheckFailed = 1, ExitError = 2 };

// Options every verb takes.
struct CommonOptions
{
    std::vector<std::string> libraries; // --load-library
    std::string device = "cpu";
    bool json = false;
};

// Loads the --load-library libraries; throws ptscope::Error.
void loadLibraries(const CommonOptions& options);

// Checks, before any work, that FILE can be written: its folder exists, it is not a folder, and
// it is none of the inputs (the user's files are never overwritten). Throws ptscope::Error.
void checkOutputFile(const std::string& path, const std::vector<std::string>& inputs);

// Prints the error for people on stderr (and as JSON on stdout with --json); returns ExitError.
int reportError(const Error& error, const CommonOptions& options);

} // namespace ptscope::cli
