#include "profile/shapeobserver.h"

#include "common/torchnames.h"

namespace ptscope {

ValueShape shapeOf(const c10::IValue& value)
{
    ValueShape shape;
    if (value.isTensor()) {
        shape.kind = "tensor";
        const at::Tensor& t = value.toTensor();
        if (t.defined()) {
            shape.shape = t.sizes().vec();
            shape.dtype = dtypeName(t.scalar_type());
            shape.bytes = t.is_sparse() ? 0 : t.numel() * static_cast<int64_t>(t.element_size());
        }
    } else if (value.isNone()) {
        shape.kind = "none";
    } else if (value.isBool()) {
        shape.kind = "bool";
    } else if (value.isInt()) {
        shape.kind = "int";
    } else if (value.isDouble()) {
        shape.kind = "float";
    } else if (value.isString()) {
        shape.kind = "str";
    } else if (value.isTuple()) {
        shape.kind = "tuple";
    } else if (value.isList()) {
        shape.kind = "list";
    } else if (value.isGenericDict()) {
        shape.kind = "dict";
    } else if (value.isObject()) {
        shape.kind = "object";
    } else {
        shape.kind = "other";
    }
    return shape;
}

ShapeObserver::ShapeObserver(size_t nodes) : m_nodes(nodes) {}

void ShapeObserver::beforeStep(const Step&, const torch::jit::Stack& inputs)
{
    m_inputs = inputs;
    m_haveInputs = true;
}

void ShapeObserver::afterStep(const Step& step, const c10::IValue* outputs, size_t count)
{
    NodeCost& node = m_nodes[static_cast<size_t>(step.node)];
    if (m_haveInputs) {
        const OpCost cost = costOf(step.source->kind(), m_inputs, outputs, count);
        node.flops += cost.flops;
        node.bytesRead += cost.bytesRead;
        node.bytesWritten += cost.bytesWritten;
        node.known = node.known || cost.known;
        m_inputs.clear();
        m_haveInputs = false;
    }
    ++node.calls;
    if (!node.seen) {
        node.seen = true;
        for (size_t i = 0; i < count; ++i)
            node.outputs.push_back(shapeOf(outputs[i]));
    }
}

} // namespace ptscope
