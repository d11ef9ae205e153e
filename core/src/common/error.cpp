#include "ptscope/common/error.h"

namespace ptscope {

const char* errorKindId(ErrorKind kind)
{
    switch (kind) {
    case ErrorKind::FileNotFound: return "file-not-found";
    case ErrorKind::NotReadable: return "not-readable";
    case ErrorKind::NotAFile: return "not-a-file";
    case ErrorKind::EmptyFile: return "empty-file";
    case ErrorKind::NotAZipArchive: return "not-a-zip-archive";
    case ErrorKind::LegacyPickle: return "legacy-pickle";
    case ErrorKind::EagerModulePickle: return "eager-module-pickle";
    case ErrorKind::StateDictPickle: return "state-dict-pickle";
    case ErrorKind::TensorPickle: return "tensor-pickle";
    case ErrorKind::CorruptArchive: return "corrupt-archive";
    case ErrorKind::UnsupportedVersion: return "unsupported-version";
    case ErrorKind::MissingOperator: return "missing-operator";
    case ErrorKind::LoadFailed: return "load-failed";
    case ErrorKind::LibraryLoadFailed: return "library-load-failed";
    case ErrorKind::NoSuchMethod: return "no-such-method";
    case ErrorKind::InvalidArgument: return "invalid-argument";
    case ErrorKind::Cancelled: return "cancelled";
    case ErrorKind::InvalidInput: return "invalid-input";
    case ErrorKind::ScriptError: return "script-error";
    case ErrorKind::OutOfMemory: return "out-of-memory";
    case ErrorKind::WriteFailed: return "write-failed";
    case ErrorKind::ProtocolError: return "protocol-error";
    case ErrorKind::Timeout: return "timeout";
    case ErrorKind::Internal: return "internal";
    }
    return "internal";
}

Error::Error(ErrorKind kind, std::string message, std::string hint, std::string detail)
    : m_kind(kind)
    , m_message(std::move(message))
    , m_hint(std::move(hint))
    , m_detail(std::move(detail))
    , m_text(m_hint.empty() ? m_message : m_message + "\n" + m_hint)
{
}

} // namespace ptscope
