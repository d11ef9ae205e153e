#pragma once

// Internal to core: what went wrong inside forward, worded for people.

#include <string>

namespace ptscope {

class Error;

// Where a TorchScript traceback says the failure happened.
struct ScriptLocation
{
    std::string file; // the model's Python source when the archive kept it, else code/... in the archive
    int line = 0;
    std::string function;
    std::string source; // the line marked "<--- HERE"
};

// Takes the text of an exception thrown while running forward (without C++ backtrace) and
// returns ScriptError (or OutOfMemory): the exception's own message, the innermost source line
// as hint, the whole traceback as detail.
Error scriptErrorFromText(const std::string& text);

// The innermost frame of the last traceback section that has "File ..., line N" frames
// (TorchScript prints the serialized code first, then the original Python code when it has it).
ScriptLocation innermostScriptLocation(const std::string& text);

} // namespace ptscope
