#include "load/loaderrorclassifier.h"

#include "ptscope/common/error.h"
#include "ptscope/load/operatorlibrary.h"

#include <algorithm>
#include <regex>

namespace ptscope {

namespace {

// The first line that says something: TorchScript's compile errors start with a blank line.
std::string firstLine(const std::string& text)
{
    size_t start = 0;
    while (start < text.size()) {
        const size_t end = std::min(text.find('\n', start), text.size());
        std::string line = text.substr(start, end - start);
        const size_t first = line.find_first_not_of(" \t\r");
        if (first != std::string::npos) {
            line = line.substr(first);
            while (!line.empty() && (line.back() == ' ' || line.back() == ':' || line.back() == '\r'))
                line.pop_back();
            if (line.size() > 240)
                line = line.substr(0, 237) + "...";
            return line;
        }
        start = end + 1;
    }
    return {};
}

// A C++ function's name ("stoll", "vector::_M_range_check") or an assert inside LibTorch is no
// reason a person can act on: LibTorch's parsing code tripped over the file's bytes.
bool isBareCppWord(const std::string& reason)
{
    static const std::regex word(R"(^(std::)?[A-Za-z_][A-Za-z0-9_]*(::[A-Za-z0-9_]+)*$)");
    return std::regex_match(reason, word) || reason.find("INTERNAL ASSERT FAILED") != std::string::npos ||
           reason.rfind("basic_string", 0) == 0;
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
    // "[enforce fail at inline_container.cc:148] . Couldn't parse..." : the place is for LibTorch's developers.
    static const std::regex enforce(R"(^\[enforce fail at [^\]]*\]\s*\.?\s*)");
    const std::string reason = std::regex_replace(firstLine(msg), enforce, "");
    if (reason.rfind("Couldn't parse the version", 0) == 0)
        return Error(ErrorKind::CorruptArchive, "The archive's version record is damaged: " + path,
                     "LibTorch: " + reason.substr(0, 120), msg);
    if (reason == "std::bad_alloc" || msg.find("bad_alloc") != std::string::npos)
        return Error(ErrorKind::OutOfMemory,
                     "Reading the archive needs more memory than there is: a record in it claims a huge size.",
                     "The file is damaged or was made to exhaust readers' memory.", msg);
    if (reason.empty())
        return Error(ErrorKind::LoadFailed, "LibTorch could not load the model and gave no reason: " + path,
                     "The archive may be damaged.", msg);
    if (isBareCppWord(reason))
        return Error(ErrorKind::CorruptArchive,
                     "LibTorch could not read this archive: it is damaged or was made to confuse readers.",
                     "LibTorch's reading code failed in '" + reason.substr(0, 80) + "'.", msg);
    return Error(ErrorKind::LoadFailed, "LibTorch could not load the model: " + reason, {}, msg);
}

} // namespace ptscope
