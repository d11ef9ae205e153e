#pragma once

// Internal to core: rewriting a pickle Python wrote into one LibTorch's unpickler reads.

#include <optional>
#include <string>

namespace ptscope {

// LibTorch 1.13's unpickler reads only protocol 2 and lacks APPEND and SETITEM, which Python's
// pickler writes for a list of one element and a dict of one entry. APPEND and SETITEM become MARK
// ... APPENDS / SETITEMS; protocols 3 to 5 become 2: FRAMEs dropped (read-ahead hints only),
// SHORT_BINUNICODE and BINUNICODE8 made BINUNICODE, MEMOIZE a LONG_BINPUT, STACK_GLOBAL a
// GLOBAL. Nothing when the pickle needs no change or cannot be followed (LibTorch then says what
// it refuses).
std::optional<std::string> rewritePickleForLibTorch(const std::string& pickle);

} // namespace ptscope
