#include "load/loaderrorclassifier.h"

#include "ptscope/common/error.h"
#include "ptscope/load/operatorlibrary.h"

#include <regex>

namespace ptscope {

namespace {

std::string firstLine(const std::string& text)
{
    std::string line = text.substr(0, text.find('\n'));
    if (line.size() > 240)
        line = line.substr(0, 237) + "...";
    return line;
}

std::string libraryHint(const std::string& ns)
{
    const auto candidates = operatorLibraryCandidates(ns);
    if (!candidates.empty())
        return "Load the library that registers it: --load-library " + candidates.front() +
               " (GUI: Settings > Operator Libraries).";
    if (ns == "torchvision")
        return "It comes with torchvision's C++ ops (torchvision/_C*.so; Debian: python3-torchvision); "
               "load it with --load-library.";
    if (ns == "torchaudio")
        return "It comes with torchaudio's C++ ops (torchaudio/lib/libtorchaudio.so; Debian: "
               "python3-torchaudio); load it with --load-library.";
    return "Load the shared library that registers the '" + ns + "' operators with --load-library.";
}

} // namespace

Error classifyLoadError(const std::string& msg, const std::string& path)
{
    static const std::regex unknownOp(R"(Unknown builtin op: ([A-Za-z0-9_]+)::([A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+)?))");
    static const std::regex unknownClass(R"(Unknown type name '__torch__\.torch\.classes\.([A-Za-z0-9_]+)\.([A-Za-z0-9_]+)')");
    static const std::regex version(R"(version (\d+), but the maximum supported version for reading is (\d+))");
    std::smatch m;
    if (std::regex_search(msg, m, unknownOp))
        return Error(ErrorKind::MissingOperator,
                     "The model needs the operator " + m[1].str() + "::" + m[2].str() +
                         ", which no loaded library provides.",
                     libraryHint(m[1].str()), msg);
    if (std::regex_search(msg, m, unknownClass))
        return Error(ErrorKind::MissingOperator,
                     "The model needs the custom class " + m[1].str() + "." + m[2].str() +
                         ", which no loaded library provides.",
                     libraryHint(m[1].str()), msg);
    if (std::regex_search(msg, m, version))
        return Error(ErrorKind::UnsupportedVersion,
                     "The archive has format version " + m[1].str() + "; this LibTorch reads up to version " +
                         m[2].str() + ".",
                     "Save it with an older PyTorch, or use ptscope with a newer LibTorch.", msg);
    if (msg.find("central directory") != std::string::npos ||
        msg.find("PytorchStreamReader failed") != std::string::npos)
        return Error(ErrorKind::CorruptArchive, "The archive is truncated or damaged: " + path,
                     "Its zip directory cannot be read: was a copy or download cut short?", msg);
    if (msg.find("open file failed") != std::string::npos)
        return Error(ErrorKind::NotReadable, "Cannot open " + path, firstLine(msg), msg);
    return Error(ErrorKind::LoadFailed, "LibTorch could not load the model: " + firstLine(msg), {}, msg);
}

} // namespace ptscope
