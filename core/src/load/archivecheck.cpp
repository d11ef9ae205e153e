#include "load/archivecheck.h"

#include "load/picklescan.h"
#include "load/zipdirectory.h"
#include "ptscope/common/error.h"
#include "ptscope/common/format.h"

#include <unistd.h>

namespace ptscope {

namespace {

bool endsWith(const std::string& s, const std::string& suffix)
{
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

bool isPickle(const std::string& name)
{
    return endsWith(name, ".pkl") || endsWith(name, ".debug_pkl");
}

bool isCode(const std::string& name)
{
    return name.find("/code/") != std::string::npos && endsWith(name, ".py");
}

[[noreturn]] void refuseCode(const std::string& record, const std::string& what, size_t line)
{
    throw Error(ErrorKind::CorruptArchive,
                "The archive is damaged: " + record + " " + what + " (line " + std::to_string(line) + ").",
                "LibTorch's TorchScript parser would overflow its stack on it; the file is damaged or was made to.");
}

// TorchScript's parser recurses on nested brackets and long expressions, and its lexer on runs
// of comment lines: bounded here, far beyond any code torch.jit.save writes.
void checkCode(const std::string& code, const std::string& record, const ArchiveCheckLimits& limits)
{
    int depth = 0;
    int commentRun = 0;
    size_t lineNumber = 1;
    size_t lineStart = 0;
    bool lineHasCode = false;
    char quote = 0;
    int unary = 0;
    for (size_t i = 0; i < code.size(); ++i) {
        const char c = code[i];
        if (c == '\n') {
            if (i - lineStart > limits.maxCodeLine)
                refuseCode(record, "has a line of " + std::to_string(i - lineStart) + " characters", lineNumber);
            commentRun = lineHasCode ? 0 : commentRun + 1;
            if (commentRun > limits.maxCommentRun)
                refuseCode(record, "has more than " + std::to_string(limits.maxCommentRun) + " comment lines in a row",
                           lineNumber);
            ++lineNumber;
            lineStart = i + 1;
            lineHasCode = false;
            quote = 0;
            continue;
        }
        if (quote) {
            if (c == '\\')
                ++i;
            else if (c == quote)
                quote = 0;
            continue;
        }
        if (c == '#') {
            // The rest of the line is a comment.
            const size_t end = code.find('\n', i);
            i = (end == std::string::npos ? code.size() : end) - 1;
            continue;
        }
        if (c == ' ' || c == '\t' || c == '\r')
            continue;
        lineHasCode = true;
        if (c == '\'' || c == '"') {
            quote = c;
            continue;
        }
        if (c == '-' || c == '+' || c == '~') {
            if (++unary > 100)
                refuseCode(record, "has more than 100 signs in a row", lineNumber);
        } else {
            unary = 0;
        }
        if (c == '(' || c == '[' || c == '{') {
            if (++depth > limits.maxCodeNesting)
                refuseCode(record, "nests brackets more than " + std::to_string(limits.maxCodeNesting) + " deep",
                           lineNumber);
        } else if (c == ')' || c == ']' || c == '}') {
            depth = std::max(0, depth - 1);
        }
    }
    if (code.size() - lineStart > limits.maxCodeLine)
        refuseCode(record, "has a line of " + std::to_string(code.size() - lineStart) + " characters", lineNumber);
}

} // namespace

uint64_t defaultMemoryBudget()
{
    const long pages = sysconf(_SC_PHYS_PAGES);
    const long pageSize = sysconf(_SC_PAGESIZE);
    if (pages <= 0 || pageSize <= 0)
        return 16ull << 30;
    return static_cast<uint64_t>(pages) * static_cast<uint64_t>(pageSize) / 4 * 3;
}

void checkArchive(const std::string& path, const ArchiveCheckLimits& limits)
{
    const ZipFile zip(path);
    const std::vector<ZipEntry> entries = zip.readDirectory();
    const uint64_t budget = limits.memoryBytes ? limits.memoryBytes : defaultMemoryBudget();
    uint64_t total = 0;
    for (const ZipEntry& e : entries) {
        // Deflate cannot shrink data more than about 1032 to 1; torch stores tensor data as it is.
        if (e.method == 8 && e.size > (64ull << 20) && e.size / 200 > e.compressedSize)
            throw Error(ErrorKind::CorruptArchive,
                        "The archive is a zip bomb: its record " + e.name + " inflates from " +
                            formatBytes(static_cast<int64_t>(e.compressedSize)) + " to " +
                            formatBytes(static_cast<int64_t>(e.size)) + ".",
                        "Torch does not write such records; the file was made to exhaust readers' memory: " + path);
        total += e.size;
    }
    if (total > budget)
        throw Error(ErrorKind::OutOfMemory,
                    "The archive's records add up to " + formatBytes(static_cast<int64_t>(total)) + ", more than the " +
                        formatBytes(static_cast<int64_t>(budget)) + " of memory a model may use here.",
                    "Its zip directory may lie about the sizes, or the model is too big for this machine: " + path);
    for (const ZipEntry& e : entries) {
        if (isPickle(e.name))
            scanPickle(zip.read(e, limits.maxPickleBytes), e.name);
        else if (isCode(e.name))
            checkCode(zip.read(e, limits.maxCodeBytes), e.name, limits);
    }
}

} // namespace ptscope
