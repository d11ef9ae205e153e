#include "load/moduleinspector.h"

#include "common/torchnames.h"

#include <torch/csrc/jit/serialization/python_print.h>
#include <torch/script.h>

#include <map>
#include <set>
#include <sstream>

namespace ptscope {

namespace {

// Tied weights may be one tensor or two tensors viewing the same memory; both count once.
using TensorKey = std::tuple<const void*, int64_t, std::vector<int64_t>, std::vector<int64_t>, int>;

TensorKey keyOf(const at::Tensor& t)
{
    const void* storage = t.has_storage() ? static_cast<const void*>(t.storage().unsafeGetStorageImpl())
                                          : static_cast<const void*>(t.unsafeGetTensorImpl());
    return {storage, t.storage_offset(), t.sizes().vec(), t.strides().vec(), static_cast<int>(t.scalar_type())};
}

TensorInfo describeTensor(const std::string& name, const at::Tensor& t)
{
    TensorInfo info;
    info.name = name;
    info.shape = t.sizes().vec();
    info.dtype = dtypeName(t.scalar_type());
    info.numel = t.numel();
    info.bytes = t.numel() * static_cast<int64_t>(t.element_size());
    info.requiresGrad = t.requires_grad();
    return info;
}

std::string summarize(const c10::IValue& value)
{
    if (value.isTensor()) {
        const at::Tensor& t = value.toTensor();
        std::ostringstream os;
        os << "Tensor " << t.sizes() << " " << dtypeName(t.scalar_type());
        return os.str();
    }
    std::ostringstream os;
    os << value;
    std::string text = os.str();
    if (text.size() > 120)
        text = text.substr(0, 117) + "...";
    return text;
}

std::string printClassCode(const c10::ClassTypePtr& type)
{
    try {
        std::vector<at::IValue> constants;
        torch::jit::PrintDepsTable deps;
        torch::jit::PythonPrint printer(constants, deps);
        printer.printNamedType(type);
        return printer.str();
    } catch (const std::exception& e) {
        return std::string("# The code of this module could not be printed: ") + e.what();
    }
}

std::string schemaOf(const torch::jit::Method& method)
{
    std::ostringstream os;
    os << method.function().getSchema();
    return os.str();
}

struct ParameterEntry
{
    TensorKey key;
    int64_t numel;
    int64_t bytes;
};

class Inspector
{
public:
    explicit Inspector(ModelInfo& info)
        : m_info(info)
    {
    }

    void visit(const torch::jit::Module& module, const std::string& path, const std::string& name,
               int parent, int depth)
    {
        const int index = static_cast<int>(m_info.modules.size());
        m_info.modules.emplace_back();
        m_params.emplace_back();
        m_buffers.emplace_back();
        describeModule(module, path, name, parent, depth, index);
        if (parent >= 0)
            m_info.modules[parent].children.push_back(index);
        for (const auto& child : module.named_children())
            visit(child.value, path.empty() ? child.name : path + "." + child.name, child.name, index, depth + 1);
        m_subtreeEnd.resize(m_info.modules.size());
        m_subtreeEnd[index] = static_cast<int>(m_info.modules.size());
    }

    // Pre-order makes every subtree a contiguous range of modules.
    void computeTotals()
    {
        for (size_t i = 0; i < m_info.modules.size(); ++i) {
            ModuleInfo& module = m_info.modules[i];
            std::tie(module.totalParameters, module.totalParameterBytes) = uniqueSum(m_params, i, m_subtreeEnd[i]);
            std::tie(module.totalBuffers, module.totalBufferBytes) = uniqueSum(m_buffers, i, m_subtreeEnd[i]);
        }
        std::set<TensorKey> distinct;
        for (const auto& entries : m_params)
            for (const auto& e : entries)
                distinct.insert(e.key);
        const ModuleInfo& root = m_info.modules.front();
        m_info.numParameters = root.totalParameters;
        m_info.parameterBytes = root.totalParameterBytes;
        m_info.numParameterTensors = static_cast<int64_t>(distinct.size());
        m_info.numBuffers = root.totalBuffers;
        m_info.bufferBytes = root.totalBufferBytes;
    }

private:
    void describeModule(const torch::jit::Module& module, const std::string& path, const std::string& name,
                        int parent, int depth, int index)
    {
        ModuleInfo& info = m_info.modules[index];
        const c10::ClassTypePtr type = module.type();
        info.path = path;
        info.name = name;
        info.parent = parent;
        info.depth = depth;
        info.training = module.is_training();
        if (type->name()) {
            info.type = type->name()->qualifiedName();
            info.shortType = type->name()->name();
        }

        for (const auto& p : module.named_parameters(/*recurse=*/false)) {
            TensorInfo tensor = describeTensor(p.name, p.value);
            noteSharing(tensor, p.value, path);
            m_params[index].push_back({keyOf(p.value), tensor.numel, tensor.bytes});
            info.parameters.push_back(std::move(tensor));
        }
        for (const auto& b : module.named_buffers(/*recurse=*/false)) {
            TensorInfo tensor = describeTensor(b.name, b.value);
            noteSharing(tensor, b.value, path);
            m_buffers[index].push_back({keyOf(b.value), tensor.numel, tensor.bytes});
            info.buffers.push_back(std::move(tensor));
        }

        const auto object = module._ivalue();
        for (size_t slot = 0; slot < type->numAttributes(); ++slot) {
            const std::string attrName = type->getAttributeName(slot);
            const c10::TypePtr attrType = type->getAttribute(slot);
            // training is shown as a flag, _is_full_backward_hook is nn.Module bookkeeping, and
            // parameters, buffers and children have their own lists.
            if (type->is_parameter(slot) || type->is_buffer(slot) || attrType->is_module() || attrName == "training" ||
                attrName == "_is_full_backward_hook")
                continue;
            info.attributes.push_back({attrName, attrType->annotation_str(), summarize(object->getSlot(slot))});
        }

        for (const auto& method : module.get_methods())
            info.methods.push_back({method.name(), schemaOf(method)});
        // Modules of one class (every BatchNorm2d of a ResNet) share their code: print it once.
        auto& code = m_codeByType[type.get()];
        if (code.empty())
            code = printClassCode(type);
        info.code = code;
    }

    void noteSharing(TensorInfo& tensor, const at::Tensor& value, const std::string& path)
    {
        const std::string qualified = path.empty() ? tensor.name : path + "." + tensor.name;
        const auto [it, inserted] = m_firstSeen.emplace(keyOf(value), qualified);
        if (!inserted)
            tensor.sharedWith = it->second;
    }

    static std::pair<int64_t, int64_t> uniqueSum(const std::vector<std::vector<ParameterEntry>>& entries,
                                                 size_t begin, int end)
    {
        std::set<TensorKey> seen;
        int64_t numel = 0;
        int64_t bytes = 0;
        for (size_t i = begin; i < static_cast<size_t>(end); ++i) {
            for (const ParameterEntry& e : entries[i]) {
                if (seen.insert(e.key).second) {
                    numel += e.numel;
                    bytes += e.bytes;
                }
            }
        }
        return {numel, bytes};
    }

    ModelInfo& m_info;
    std::vector<std::vector<ParameterEntry>> m_params;
    std::vector<std::vector<ParameterEntry>> m_buffers;
    std::vector<int> m_subtreeEnd;
    std::map<TensorKey, std::string> m_firstSeen;
    std::map<const c10::ClassType*, std::string> m_codeByType;
};

} // namespace

ModelInfo inspectModule(const torch::jit::Module& root, ArchiveInfo archive)
{
    ModelInfo info;
    info.archive = std::move(archive);
    Inspector inspector(info);
    inspector.visit(root, "", "", -1, 0);
    inspector.computeTotals();

    info.rootType = info.root().type;
    info.training = info.root().training;
    info.methods = info.root().methods;
    return info;
}

} // namespace ptscope
