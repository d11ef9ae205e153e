#include "clicommon.h"

#include "ptscope/load/model.h"

#include <CLI/CLI.hpp>

#include "ptscope/common/error.h"
#include "ptscope/load/modelinfoformat.h"
#include "ptscope/load/operatorlibrary.h"

#include <filesystem>
#include <iostream>
#include <unistd.h>

namespace ptscope::cli {

void checkOutputFile(const std::string& path, const std::vector<std::string>& inputs)
{
    namespace fs = std::filesystem;
    std::error_code ec;
    const fs::path file(path);
    if (fs::is_directory(file, ec))
        throw Error(ErrorKind::WriteFailed, "Cannot write " + path + ": it is a folder.");
    const fs::path folder = file.has_parent_path() ? file.parent_path() : fs::path(".");
    if (!fs::is_directory(folder, ec))
        throw Error(ErrorKind::WriteFailed, "Cannot write " + path + ": the folder " + folder.string() + " does not exist.");
    if (access(folder.c_str(), W_OK) != 0)
        throw Error(ErrorKind::WriteFailed, "Cannot write " + path + ": the folder " + folder.string() + " is not writable.");
    for (const std::string& input : inputs)
        if (!input.empty() && fs::exists(file, ec) && fs::equivalent(file, fs::path(input), ec))
            throw Error(ErrorKind::WriteFailed, "Cannot write " + path + ": it is one of the inputs, which ptscope never overwrites.");
}

void loadLibraries(const CommonOptions& options)
{
    for (const std::string& path : options.libraries)
        loadOperatorLibrary(path);
}

int reportError(const Error& error, const CommonOptions& options)
{
    std::cerr << "ptscope-cli: " << error.message() << "\n";
    if (!error.hint().empty())
        std::cerr << "  " << error.hint() << "\n";
    if (options.json)
        std::cout << errorToJson(error);
    return ExitError;
}

void addMethodOption(CLI::App& command, std::string& method)
{
    command.add_option("--method", method,
                       "Use this method instead of forward (a scripted nn.LSTM has forward__0, forward__1)");
}

LoadOptions loadOptions(const CommonOptions& options, const std::string& method)
{
    LoadOptions load;
    load.device = options.device;
    load.method = method;
    return load;
}

} // namespace ptscope::cli
