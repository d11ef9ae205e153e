#pragma once

#include "ptscope/load/modelinfo.h"

#include <string>

namespace ptscope {

struct FileCheck;

struct ArchiveContents
{
    ArchiveInfo info;
    // torch.jit.save writes constants.pkl and code/; torch.save writes neither.
    bool isTorchScript = false;
    std::string dataPkl; // filled only when the archive is not TorchScript, for classification
};

// Lists the zip archive's records without loading the model. Throws ptscope::Error for
// truncated, damaged or too-new archives.
ArchiveContents readArchive(const FileCheck& file);

} // namespace ptscope
