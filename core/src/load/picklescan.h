#pragma once

// Internal to core: a pickle's opcodes run on a model of the unpickler's stack and memo, without
// building any object, so that a pickle that would make LibTorch's unpickler read past its stack,
// index its memo out of bounds, recurse until the stack overflows or allocate without bound is
// refused before LibTorch sees it.

#include <string>

namespace ptscope {

struct PickleLimits
{
    int maxDepth = 1000;             // containers inside containers (LibTorch recurses on them)
    uint64_t maxMemoIndex = 1 << 24; // LibTorch resizes its memo to the index it is given
};

// Throws ptscope::Error (CorruptArchive) naming record and byte offset. Opcodes the scan does not
// know end it: LibTorch refuses them itself, before it would run what follows.
void scanPickle(const std::string& bytes, const std::string& record, const PickleLimits& limits = {});

} // namespace ptscope
