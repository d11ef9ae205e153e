#pragma once

#include <exception>
#include <string>

namespace ptscope {

// Every failure that leaves core is one of these kinds; the UI and the CLI word them for people
// from message() and hint(), and never show a library's raw text unless the user asks for detail().
enum class ErrorKind {
    FileNotFound,
    NotReadable,
    NotAFile,
    EmptyFile,
    NotAZipArchive,
    LegacyPickle,      // torch.save with _use_new_zipfile_serialization=False, or a pre-1.6 file
    EagerModulePickle, // torch.save(model) of an eager nn.Module
    StateDictPickle,   // torch.save(model.state_dict())
    TensorPickle,      // torch.save of tensors or other plain data
    CorruptArchive,    // zip magic present but the archive cannot be read (truncated, damaged)
    UnsupportedVersion,
    MissingOperator,   // the archive calls an operator no loaded library registers
    LoadFailed,        // LibTorch refused the archive for another reason
    LibraryLoadFailed,
    NoSuchMethod,
    InvalidArgument,
    Cancelled,
    InvalidInput,  // model inputs that cannot be read or do not fit forward's arguments
    ScriptError,   // forward raised inside TorchScript (including shape errors in its operators)
    OutOfMemory,   // an allocation failed while running
    WriteFailed,   // an output file could not be written
    ProtocolError, // a worker request that is not valid JSON or not a known command
    Timeout,       // the work took longer than the time the user allowed
    Internal,
};

// A stable, lower-case identifier ("file-not-found", ...) for JSON output and logs.
const char* errorKindId(ErrorKind kind);

class Error : public std::exception
{
public:
    Error(ErrorKind kind, std::string message, std::string hint = {}, std::string detail = {});

    ErrorKind kind() const { return m_kind; }
    // One line saying what is wrong.
    const std::string& message() const { return m_message; }
    // At most one line saying what to do about it; may be empty.
    const std::string& hint() const { return m_hint; }
    // The underlying library's message (without backtrace), for a "details" view; may be empty.
    const std::string& detail() const { return m_detail; }

    // message, then hint on a second line when there is one.
    const char* what() const noexcept override { return m_text.c_str(); }

private:
    ErrorKind m_kind;
    std::string m_message;
    std::string m_hint;
    std::string m_detail;
    std::string m_text;
};

} // namespace ptscope
