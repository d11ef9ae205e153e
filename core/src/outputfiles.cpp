#include "outputfiles.h"

#include "ptscope/error.h"
#include "tensorfiles.h"

#include <cctype>
#include <filesystem>
#include <fmt/format.h>

namespace fs = std::filesystem;

namespace ptscope {

namespace {

// Dict keys may hold anything; file names keep letters, digits, '.', '-' and '_'.
std::string safeName(const std::string& path)
{
    std::string out;
    for (char c : path)
        out += std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_' ? c : '_';
    return out.substr(0, 80);
}

} // namespace

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
            fs::path(folder) / fmt::format("{}{:03d}_{}.npy", prefix, i, safeName(info.path));
        writeNpy(file.string(), npyFromTensor(tensor));
        info.file = file.string();
    }
}

} // namespace ptscope
