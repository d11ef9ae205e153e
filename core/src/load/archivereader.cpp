#include "load/archivereader.h"

#include "load/fileprecheck.h"
#include "load/loaderrorclassifier.h"
#include "ptscope/common/error.h"

#include <caffe2/serialize/inline_container.h>

#include <algorithm>
#include <fstream>

namespace ptscope {

namespace {

// The reader hides the archive's top folder; the first local header names it.
std::string archiveNameOf(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    unsigned char header[30];
    if (!in.read(reinterpret_cast<char*>(header), sizeof header))
        return {};
    const size_t nameLength = header[26] | (header[27] << 8);
    std::string name(nameLength, '\0');
    if (!in.read(name.data(), static_cast<std::streamsize>(nameLength)))
        return {};
    return name.substr(0, name.find('/'));
}

bool startsWith(const std::string& s, const char* prefix)
{
    return s.rfind(prefix, 0) == 0;
}

} // namespace

ArchiveContents readArchive(const FileCheck& file)
{
    ArchiveContents contents;
    ArchiveInfo& info = contents.info;
    info.path = file.absolutePath;
    info.fileSize = file.size;
    info.archiveName = archiveNameOf(file.absolutePath);
    try {
        caffe2::serialize::PyTorchStreamReader reader(file.absolutePath);
        info.formatVersion = reader.version();
        std::vector<std::string> records = reader.getAllRecords();
        std::sort(records.begin(), records.end());
        info.recordCount = records.size();
        for (const std::string& record : records) {
            if (startsWith(record, "extra/"))
                info.extraFiles.push_back(record.substr(6));
            else if (startsWith(record, "code/") && record.size() > 5 && record.back() != '/')
                info.codeFiles.push_back(record.substr(5));
        }
        contents.isTorchScript = reader.hasRecord("constants.pkl") || !info.codeFiles.empty();
        if (!contents.isTorchScript && reader.hasRecord("data.pkl")) {
            auto [data, size] = reader.getRecord("data.pkl");
            contents.dataPkl.assign(static_cast<const char*>(data.get()), size);
        }
    } catch (const c10::Error& e) {
        throw classifyLoadError(e.what_without_backtrace(), file.absolutePath);
    } catch (const std::exception& e) {
        throw classifyLoadError(e.what(), file.absolutePath);
    }
    return contents;
}

} // namespace ptscope
