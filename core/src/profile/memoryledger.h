#pragma once

// Internal to core: bytes of tensor storage alive while the node executor runs.

#include "ptscope/profile/profile.h"

#include <ATen/core/ivalue.h>
#include <unordered_map>

namespace ptscope {

// Counts each storage once however many views and registers hold it. Inputs and parameters
// are pinned first: they are alive all run long (the caller holds them) and counted apart, so
// what the curve shows is what the run itself allocates.
class MemoryLedger
{
public:
    explicit MemoryLedger(int64_t pointLimit = 1000000) : m_pointLimit(pointLimit) {}

    void pinInput(const c10::IValue& value);
    void pinParameter(const c10::IValue& value);
    void pinParameters(const c10::ivalue::Object& module); // its tensors and its submodules'

    void stored(const c10::IValue& value);
    void released(const c10::IValue& value);
    void snapshot(int node);

    const MemoryProfile& profile() const { return m_profile; }
    int64_t activationBytes() const { return m_activation; }

private:
    enum class Pin : uint8_t { None, Input, Parameter };
    struct Entry
    {
        int64_t bytes = 0;
        int64_t refs = 0;
        Pin pin = Pin::None;
    };

    void pin(const c10::IValue& value, Pin how);
    static const void* keyOf(const at::Tensor& tensor);
    static int64_t bytesOf(const at::Tensor& tensor);

    std::unordered_map<const void*, Entry> m_entries;
    int64_t m_activation = 0;
    int64_t m_pointLimit;
    MemoryProfile m_profile;
};

} // namespace ptscope
