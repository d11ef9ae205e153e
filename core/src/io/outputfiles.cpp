#include "io/outputfiles.h"

#include "ptscope/common/error.h"
#include "ptscope/io/outputnames.h"
#include "io/tensorfiles.h"

#include <filesystem>
#include <fmt/format.h>

namespace fs = std::filesystem;

namespace ptscope {

void writeOutputTensors(FlatOutputs& flat, const std::string& folder, const std::string& prefix)
{
    std::error_code ec;
    fs::create_directories(folder, ec);
    if (ec)
        throw Error(ErrorKind::WriteFailed, "Cannot create the folder " + folder + ": " + ec.message() + ".");
    for (size_t i = 0; i < flat.tensors.size(); ++i) {
        auto& [index, tensor] = flat.tensors[i];
        OutputInfo& info = flat.outputs[index];
        const fs::path file =
            fs::path(folder) / fmt::format("{}{:03d}_{}.npy", prefix, i, outputFileStem(info.path));
        writeNpy(file.string(), npyFromTensor(tensor));
        info.file = file.string();
    }
}

} // namespace ptscope
