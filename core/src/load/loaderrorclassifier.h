#pragma once

#include <string>

namespace ptscope {

class Error;

// Turns the text of an exception thrown by torch::jit::load (already without C++ backtrace)
// into a typed error with a message for people.
Error classifyLoadError(const std::string& libraryMessage, const std::string& path);

} // namespace ptscope
