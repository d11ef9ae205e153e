#pragma once

#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace ptscope {
class Error;
struct LoadOptions;
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

// --method NAME on a verb that runs or draws the model: that method instead of forward. Each verb
// keeps its own (CLI11 would share one variable between verbs).
void addMethodOption(CLI::App& command, std::string& method);

// How the verb opens models: the device and the method chosen.
LoadOptions loadOptions(const CommonOptions& options, const std::string& method = {});

// Loads the --load-library libraries; throws ptscope::Error.
void loadLibraries(const CommonOptions& options);

// Checks, before any work, that FILE can be written: its folder exists, it is not a folder, and
// it is none of the inputs (the user's files are never overwritten). Throws ptscope::Error.
void checkOutputFile(const std::string& path, const std::vector<std::string>& inputs);

// Prints the error for people on stderr (and as JSON on stdout with --json); returns ExitError.
int reportError(const Error& error, const CommonOptions& options);

} // namespace ptscope::cli
