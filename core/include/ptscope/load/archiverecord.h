#pragma once

#include <string>

namespace ptscope {

// The bytes of one record of a TorchScript archive, named as ArchiveInfo::codeFiles (with the
// "code/" prefix) and SourceLocation::file name them: without the archive's top folder, e.g.
// "code/__torch__/torch/nn/modules/conv.py". ModelInfo lists the code files but does not hold
// their text, which a node's source line needs. Only reads the file. Throws ptscope::Error:
// InvalidArgument when the archive has no such record.
std::string readArchiveRecord(const std::string& modelPath, const std::string& recordName);

} // namespace ptscope
