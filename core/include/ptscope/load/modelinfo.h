#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ptscope {

struct TensorInfo
{
    std::string name; // local name inside its module ("weight")
    std::vector<int64_t> shape;
    std::string dtype; // Python spelling without "torch.": "float32", "int64", ...
    int64_t numel = 0;
    int64_t bytes = 0;
    bool requiresGrad = false;
    // Qualified name of the first place this same tensor appears (tied weights); empty if not shared.
    std::string sharedWith;
};

struct AttributeInfo
{
    std::string name;
    std::string type;  // TorchScript type, e.g. "int", "List[int]", "Tensor"
    std::string value; // short printable summary
};

struct MethodInfo
{
    std::string name;
    std::string schema; // e.g. "forward(__torch__.SimpleNet self, Tensor x) -> Tensor"
};

struct ModuleInfo
{
    std::string path;      // qualified path, "" for the root, "layer1.0.conv1"
    std::string name;      // last component of path; "" for the root
    std::string type;      // qualified TorchScript class name, "__torch__.torch.nn.modules.linear.Linear"
    std::string shortType; // "Linear"
    int parent = -1;       // index into ModelInfo::modules
    std::vector<int> children;
    int depth = 0;
    bool training = false;

    std::vector<TensorInfo> parameters; // this module's own, not its children's
    std::vector<TensorInfo> buffers;
    std::vector<AttributeInfo> attributes; // neither parameters, buffers nor submodules
    std::vector<MethodInfo> methods;
    std::string code; // TorchScript source of this module's class

    // Totals over this module and all its descendants, each shared tensor counted once.
    int64_t totalParameters = 0; // elements
    int64_t totalParameterBytes = 0;
    int64_t totalBuffers = 0; // elements
    int64_t totalBufferBytes = 0;
};

struct ArchiveInfo
{
    std::string path; // absolute
    uint64_t fileSize = 0;
    uint64_t formatVersion = 0; // the archive's "version" record
    std::string archiveName;    // top folder inside the zip
    std::vector<std::string> extraFiles; // names under extra/
    std::vector<std::string> codeFiles;  // names under code/
    size_t recordCount = 0;
};

struct ModelInfo
{
    ArchiveInfo archive;
    std::vector<ModuleInfo> modules; // pre-order; modules[0] is the root

    std::string rootType;
    bool training = false;
    int64_t numParameters = 0; // elements, each shared tensor counted once
    int64_t numParameterTensors = 0;
    int64_t parameterBytes = 0;
    int64_t numBuffers = 0; // elements
    int64_t bufferBytes = 0;

    std::vector<MethodInfo> methods; // the root module's methods
    bool hasForward = false;
    // Nodes of the inlined forward graph, counting nodes in nested blocks; none without forward.
    std::optional<int64_t> graphNodes;

    const ModuleInfo& root() const { return modules.front(); }
};

} // namespace ptscope
