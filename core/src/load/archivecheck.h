#pragma once

// Internal to core: what ptscope checks in a zip archive (a TorchScript model or a torch.save
// file) before LibTorch reads it, cheaply and in its own code. LibTorch trusts the zip directory,
// unpickles without bounds and parses TorchScript recursively; these checks refuse, with the
// record and offset, the files that would crash it, hang it or exhaust memory.

#include <cstdint>
#include <string>

namespace ptscope {

struct ArchiveCheckLimits
{
    uint64_t memoryBytes = 0;          // what all records may inflate to; 0: most of this machine's RAM
    uint64_t maxPickleBytes = 512ull << 20;
    uint64_t maxCodeBytes = 64ull << 20; // per code/ file
    int maxCodeNesting = 200;            // brackets inside brackets
    uint64_t maxCodeLine = 256ull << 10;
    int maxCommentRun = 100000;          // comment or blank lines in a row
};

// Checks the zip directory against the file and the memory budget (zip bombs), every pickle
// record (data.pkl, constants.pkl, *.debug_pkl) by scanning its opcodes, and code/ files' size,
// line length and nesting; records it reads are checked against their CRC. Throws ptscope::Error
// (CorruptArchive, OutOfMemory, NotReadable).
void checkArchive(const std::string& path, const ArchiveCheckLimits& limits = {});

// Most of this machine's physical memory: the default budget for one model's records.
uint64_t defaultMemoryBudget();

} // namespace ptscope
