#include "ptscope/load/archiverecord.h"

#include "load/fileprecheck.h"
#include "load/loaderrorclassifier.h"
#include "ptscope/common/error.h"

#include <caffe2/serialize/inline_container.h>

namespace ptscope {

std::string readArchiveRecord(const std::string& modelPath, const std::string& recordName)
{
    // The same checks as opening a model: the file may have changed since it was loaded.
    const FileCheck file = precheckFile(modelPath);
    try {
        caffe2::serialize::PyTorchStreamReader reader(file.absolutePath);
        if (!reader.hasRecord(recordName))
            throw Error(ErrorKind::InvalidArgument, "The archive has no record '" + recordName + "'.");
        auto [data, size] = reader.getRecord(recordName);
        return std::string(static_cast<const char*>(data.get()), size);
    } catch (const c10::Error& e) {
        throw classifyLoadError(e.what_without_backtrace(), file.absolutePath);
    }
}

} // namespace ptscope
