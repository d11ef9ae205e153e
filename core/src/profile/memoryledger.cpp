#include "profile/memoryledger.h"

#include "run/tensormapping.h"

#include <ATen/core/Dict.h>
#include <ATen/core/List.h>

namespace ptscope {

const void* MemoryLedger::keyOf(const at::Tensor& tensor)
{
    // Tensors without storage (MKLDNN's opaque ones) count by themselves.
    if (tensor.has_storage())
        return tensor.storage().unsafeGetStorageImpl();
    return tensor.unsafeGetTensorImpl();
}

int64_t MemoryLedger::bytesOf(const at::Tensor& tensor)
{
    if (tensor.has_storage())
        return static_cast<int64_t>(tensor.storage().nbytes());
    if (tensor.is_sparse())
        return 0;
    return tensor.numel() * static_cast<int64_t>(tensor.element_size());
}

void MemoryLedger::pin(const c10::IValue& value, Pin how)
{
    forEachTensor(value, [&](const at::Tensor& t) {
        Entry& e = m_entries[keyOf(t)];
        if (e.pin != Pin::None)
            return;
        const int64_t bytes = bytesOf(t);
        if (e.refs > 0)
            m_activation -= e.bytes;
        e.pin = how;
        e.bytes = bytes;
        (how == Pin::Input ? m_profile.inputBytes : m_profile.parameterBytes) += bytes;
    });
}

void MemoryLedger::pinInput(const c10::IValue& value)
{
    pin(value, Pin::Input);
}

void MemoryLedger::pinParameter(const c10::IValue& value)
{
    pin(value, Pin::Parameter);
}

void MemoryLedger::pinParameters(const c10::ivalue::Object& module)
{
    for (size_t i = 0; i < module.slots().size(); ++i) {
        const c10::IValue& slot = module.getSlot(i);
        if (slot.isObject())
            pinParameters(slot.toObjectRef());
        else
            pin(slot, Pin::Parameter);
    }
}

void MemoryLedger::stored(const c10::IValue& value)
{
    forEachTensor(value, [&](const at::Tensor& t) {
        Entry& e = m_entries[keyOf(t)];
        if (e.pin != Pin::None)
            return;
        if (e.refs++ == 0) {
            e.bytes = bytesOf(t);
            m_activation += e.bytes;
        }
    });
}

void MemoryLedger::released(const c10::IValue& value)
{
    forEachTensor(value, [&](const at::Tensor& t) {
        const auto it = m_entries.find(keyOf(t));
        if (it == m_entries.end() || it->second.pin != Pin::None)
            return;
        if (--it->second.refs <= 0) {
            m_activation -= it->second.bytes;
            m_entries.erase(it);
        }
    });
}

void MemoryLedger::snapshot(int node)
{
    if (m_activation > m_profile.peakActivationBytes) {
        m_profile.peakActivationBytes = m_activation;
        m_profile.peakNode = node;
    }
    if (static_cast<int64_t>(m_profile.curve.size()) < m_pointLimit || node < 0)
        m_profile.curve.push_back({node, m_activation});
    else
        m_profile.truncated = true;
}

} // namespace ptscope
