#include "run/runsupport.h"

#include "run/tensormapping.h"
#include "common/torchnames.h"

#include <ATen/Context.h>
#include <ATen/Parallel.h>
#include <ATen/CPUGeneratorImpl.h>
#include <algorithm>

namespace ptscope {

std::mutex& runMutex()
{
    static std::mutex mutex;
    return mutex;
}

ThreadsGuard::ThreadsGuard(int threads)
    : m_previous(at::get_num_threads()), m_changed(threads > 0 && threads != m_previous)
{
    if (m_changed)
        at::set_num_threads(threads);
}

ThreadsGuard::~ThreadsGuard()
{
    if (m_changed)
        at::set_num_threads(m_previous);
}

namespace {

bool allModulesIn(const torch::jit::Module& module, bool training)
{
    for (const torch::jit::Module& m : module.modules()) {
        if (m.is_training() != training)
            return false;
    }
    return true;
}

} // namespace

torch::jit::Module moduleFor(const torch::jit::Module& loaded, bool training)
{
    if (!training && allModulesIn(loaded, false))
        return loaded;
    torch::jit::Module copy = loaded.clone();
    copy.train(training);
    return copy;
}

std::vector<c10::IValue> copyForRun(const std::vector<c10::IValue>& values)
{
    std::vector<c10::IValue> copy;
    copy.reserve(values.size());
    for (const c10::IValue& v : values)
        copy.push_back(mapTensors(v, [](const at::Tensor& t) { return t.clone(); }));
    return copy;
}

GeneratorSnapshot::GeneratorSnapshot()
{
    at::Generator cpu = at::detail::getDefaultCPUGenerator();
    m_states.emplace_back(cpu, cpu.get_state());
    if (at::hasCUDA()) {
        for (c10::DeviceIndex i = 0; i < static_cast<c10::DeviceIndex>(at::getNumGPUs()); ++i) {
            at::Generator cuda = at::globalContext().defaultGenerator(c10::Device(c10::kCUDA, i));
            m_states.emplace_back(cuda, cuda.get_state());
        }
    }
}

void GeneratorSnapshot::restore() const
{
    for (auto& [generator, state] : m_states) {
        std::lock_guard<std::mutex> lock(generator.mutex());
        generator.set_state(state);
    }
}

double median(std::vector<double> values)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    const size_t mid = values.size() / 2;
    return values.size() % 2 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
}

InputInfo describeInput(const ArgumentSpec& spec, const c10::IValue& value, const std::string& source)
{
    InputInfo info;
    info.name = spec.name;
    info.spec = source;
    if (value.isTensor()) {
        info.kind = "tensor";
        info.shape = value.toTensor().sizes().vec();
        info.dtype = dtypeName(value.toTensor().scalar_type());
    } else if (value.isNone()) {
        info.kind = "none";
    } else if (value.isBool()) {
        info.kind = "bool";
    } else if (value.isInt()) {
        info.kind = "int";
    } else if (value.isDouble()) {
        info.kind = "float";
    } else if (value.isString()) {
        info.kind = "str";
    } else if (value.isTuple()) {
        info.kind = "tuple";
    } else if (value.isList()) {
        info.kind = "list";
    } else if (value.isGenericDict()) {
        info.kind = "dict";
    } else {
        info.kind = "other";
    }
    return info;
}

} // namespace ptscope
