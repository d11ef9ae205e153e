#include "clicommon.h"

#include "ptscope/common/error.h"
#include "ptscope/load/modelinfoformat.h"
#include "ptscope/load/operatorlibrary.h"

#include <iostream>

namespace ptscope::cli {

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

} // namespace ptscope::cli
