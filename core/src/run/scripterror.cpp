#include "run/scripterror.h"

#include "ptscope/common/error.h"
#include "ptscope/common/format.h"

#include <regex>
#include <sstream>
#include <vector>

namespace ptscope {

namespace {

std::vector<std::string> splitLines(const std::string& text)
{
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);)
        lines.push_back(line);
    return lines;
}

std::string trim(const std::string& s)
{
    const size_t begin = s.find_first_not_of(" \t");
    if (begin == std::string::npos)
        return {};
    return s.substr(begin, s.find_last_not_of(" \t\r") - begin + 1);
}

bool isHeader(const std::string& line)
{
    return line.rfind("Traceback of TorchScript", 0) == 0;
}

bool endsWithHere(const std::string& line)
{
    const std::string t = trim(line);
    return t.size() >= 9 && t.compare(t.size() - 9, 9, "<--- HERE") == 0;
}

// The exception's own message: what follows the last traceback section. Frames there are
// indented ("  File ...") or, for traced models, "path(line): function" lines.
std::string exceptionMessage(const std::vector<std::string>& lines)
{
    size_t start = 0;
    for (size_t i = 0; i < lines.size(); ++i) {
        if (isHeader(lines[i]))
            start = i + 1;
    }
    if (start == 0) {
        std::string all;
        for (const std::string& line : lines)
            all += (all.empty() ? "" : "\n") + line;
        return all;
    }
    static const std::regex tracedFrame(R"(^\S.*\(\d+\): \S+$)");
    for (size_t i = start; i < lines.size(); ++i) {
        const std::string& line = lines[i];
        if (line.empty() || line[0] == ' ' || line[0] == '\t' || std::regex_match(line, tracedFrame))
            continue;
        std::string message = line;
        for (size_t j = i + 1; j < lines.size(); ++j)
            message += "\n" + lines[j];
        return message;
    }
    return {};
}

bool mentionsOutOfMemory(const std::string& text)
{
    return text.find("can't allocate memory") != std::string::npos ||
           text.find("out of memory") != std::string::npos ||
           text.find("std::bad_alloc") != std::string::npos;
}

} // namespace

ScriptLocation innermostScriptLocation(const std::string& text)
{
    static const std::regex frame(R"re(^\s*File "(.*)", line (\d+), in (\S+)\s*$)re");
    const std::vector<std::string> lines = splitLines(text);
    ScriptLocation best;
    bool inSection = false;
    ScriptLocation sectionLast;
    bool sectionHasFrames = false;
    auto closeSection = [&] {
        if (sectionHasFrames)
            best = sectionLast;
        sectionHasFrames = false;
        sectionLast = {};
    };
    for (size_t i = 0; i < lines.size(); ++i) {
        const std::string& line = lines[i];
        if (isHeader(line)) {
            closeSection();
            inSection = true;
            continue;
        }
        if (!inSection)
            continue;
        std::smatch m;
        if (std::regex_match(line, m, frame)) {
            sectionHasFrames = true;
            sectionLast = ScriptLocation{m[1].str(), std::stoi(m[2].str()), m[3].str(), {}};
        } else if (sectionHasFrames && endsWithHere(line) && i > 0) {
            sectionLast.source = trim(lines[i - 1]);
        }
    }
    closeSection();
    return best;
}

Error scriptErrorFromText(const std::string& text)
{
    const std::vector<std::string> lines = splitLines(text);
    std::string message = exceptionMessage(lines);
    const size_t newline = message.find('\n');
    const std::string firstLine = trim(message.substr(0, newline));
    const ScriptLocation where = innermostScriptLocation(text);
    std::string hint;
    if (where.line > 0) {
        hint = "at " + where.file + ":" + std::to_string(where.line) + ", in " + where.function;
        if (!where.source.empty())
            hint += ": " + where.source;
    }
    if (mentionsOutOfMemory(text)) {
        // "[enforce fail at alloc_cpu.cpp:75] err == 0. DefaultCPUAllocator: can't allocate
        // memory: you tried to allocate 822083584 bytes. Error code 12 (...)": say the size.
        static const std::regex tried(R"(tried to allocate (\d+) bytes)");
        std::smatch m;
        const std::string what = std::regex_search(text, m, tried)
                                     ? "an allocation of " + formatBytes(std::stoll(m[1].str())) + " failed."
                                     : firstLine;
        return Error(ErrorKind::OutOfMemory, "The model ran out of memory: " + what,
                     hint.empty() ? "Try smaller inputs, or fewer threads." : hint, text);
    }
    return Error(ErrorKind::ScriptError,
                 "The model raised " + (firstLine.empty() ? std::string("an error") : firstLine), hint, text);
}

} // namespace ptscope
