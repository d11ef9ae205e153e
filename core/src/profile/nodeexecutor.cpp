#include "profile/nodeexecutor.h"

#include "profile/memoryledger.h"

#include <ATen/core/Dict.h>
#include <ATen/core/List.h>
#include <torch/csrc/jit/api/function_impl.h>

#include <chrono>

namespace ptscope {

void RunRecord::reset(size_t nodes)
{
    selfNs.assign(nodes, 0);
    inclusiveNs.assign(nodes, 0);
    calls.assign(nodes, 0);
    events.clear();
    if (eventLimit > 0)
        events.reserve(static_cast<size_t>(std::min<int64_t>(eventLimit, 1 << 16)));
    truncated = false;
    totalNs = 0;
}

NodeExecutor::NodeExecutor(NodeProgram program) : m_program(std::move(program))
{
    m_registers.resize(static_cast<size_t>(m_program.registers));
    m_isConstant.assign(m_registers.size(), 0);
    for (const auto& [reg, value] : m_program.constants) {
        m_registers[reg] = value;
        m_isConstant[reg] = 1;
    }
    m_stack.reserve(64);
}

int64_t NodeExecutor::now() const
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

c10::IValue NodeExecutor::run(std::vector<c10::IValue> inputs, RunRecord* record, StepObserver* observer,
                              MemoryLedger* ledger)
{
    m_record = record;
    m_observer = observer;
    m_ledger = ledger;
    m_failedNode = -1;
    if (m_record)
        m_record->reset(m_program.nodes.size());
    const ProgramBlock& top = m_program.top;
    if (inputs.size() != top.inputs.size())
        throw std::invalid_argument("the graph takes " + std::to_string(top.inputs.size()) + " inputs, not " +
                                    std::to_string(inputs.size()));
    try {
        m_origin = m_last = now();
        for (size_t i = 0; i < inputs.size(); ++i)
            if (top.inputs[i] >= 0)
                store(top.inputs[i], std::move(inputs[i]));
        inputs.clear();
        if (m_ledger)
            m_ledger->snapshot(-1);
        runBlock(top);
        std::vector<c10::IValue> outputs;
        outputs.reserve(top.outputs.size());
        for (size_t i = 0; i < top.outputs.size(); ++i)
            outputs.push_back(take(top.outputs[i], top.moveOutput[i]));
        if (m_record)
            m_record->totalNs = now() - m_origin;
        clearRegisters();
        if (m_ledger) {
            for (const c10::IValue& v : outputs)
                m_ledger->released(v);
            m_ledger->snapshot(-1);
        }
        if (outputs.size() == 1)
            return std::move(outputs.front());
        return c10::ivalue::Tuple::create(std::move(outputs));
    } catch (...) {
        m_stack.clear();
        clearRegisters();
        throw;
    }
}

void NodeExecutor::clearRegisters()
{
    for (size_t r = 0; r < m_registers.size(); ++r) {
        if (!m_isConstant[r] && !m_registers[r].isNone()) {
            if (m_ledger)
                m_ledger->released(m_registers[r]);
            m_registers[r] = c10::IValue();
        }
    }
}

c10::IValue NodeExecutor::take(int reg, bool move)
{
    if (!move || m_isConstant[reg])
        return m_registers[reg];
    if (m_ledger)
        m_ledger->released(m_registers[reg]);
    return std::move(m_registers[reg]);
}

void NodeExecutor::store(int reg, c10::IValue value)
{
    if (reg < 0)
        return;
    if (m_ledger) {
        m_ledger->released(m_registers[reg]);
        m_ledger->stored(value);
    }
    m_registers[reg] = std::move(value);
}

void NodeExecutor::runBlock(const ProgramBlock& block)
{
    for (const Step& step : block.steps)
        runStep(step);
}

void NodeExecutor::tick(const Step& step, int64_t startNs)
{
    // An If or Loop ticks before its blocks run; its call is counted when it finishes.
    endStep(step, startNs, step.kind != StepKind::If && step.kind != StepKind::Loop, false);
}

void NodeExecutor::endStep(const Step& step, int64_t startNs, bool countCall, bool inclusive)
{
    const int64_t t = now();
    if (m_record) {
        m_record->selfNs[step.node] += t - m_last;
        if (inclusive)
            m_record->inclusiveNs[step.node] += t - startNs;
        if (countCall)
            ++m_record->calls[step.node];
        if (m_record->eventLimit > 0) {
            if (static_cast<int64_t>(m_record->events.size()) < m_record->eventLimit)
                m_record->events.push_back({step.node, step.depth, startNs - m_origin, t - startNs});
            else
                m_record->truncated = true;
        }
    }
    m_last = t;
    if (m_ledger)
        m_ledger->snapshot(step.node);
}

void NodeExecutor::loadInputs(const Step& step, size_t first)
{
    m_stack.clear();
    for (size_t i = first; i < step.inputs.size(); ++i)
        m_stack.push_back(take(step.inputs[i], step.moveInput[i]));
}

void NodeExecutor::storeOutputs(const Step& step)
{
    if (m_stack.size() != step.outputs.size())
        throw std::runtime_error(std::string(step.source->kind().toQualString()) + " returned " +
                                 std::to_string(m_stack.size()) + " values instead of " +
                                 std::to_string(step.outputs.size()));
    if (m_observer)
        m_observer->afterStep(step, m_stack.data(), m_stack.size());
    for (size_t i = 0; i < step.outputs.size(); ++i)
        store(step.outputs[i], std::move(m_stack[i]));
    m_stack.clear();
}

void NodeExecutor::release(const Step& step)
{
    for (int reg : step.releaseAfter) {
        if (m_isConstant[reg])
            continue;
        if (m_ledger)
            m_ledger->released(m_registers[reg]);
        m_registers[reg] = c10::IValue();
    }
}

void NodeExecutor::runStep(const Step& step)
{
    m_failedNode = step.node;
    const int64_t start = m_last;
    switch (step.kind) {
    case StepKind::If: runIf(step); return;
    case StepKind::Loop: runLoop(step); return;
    default: runOperation(step); break;
    }
    release(step);
    tick(step, start);
}

void NodeExecutor::runOperation(const Step& step)
{
    using c10::IValue;
    switch (step.kind) {
    case StepKind::Operator:
    case StepKind::VarargOperator: {
        loadInputs(step);
        if (m_observer)
            m_observer->beforeStep(step, m_stack);
        if (step.kind == StepKind::VarargOperator)
            m_stack.emplace_back(static_cast<int64_t>(step.inputs.size()));
        // Operations are const-callable in effect; Operation::operator() is not marked const.
        const_cast<torch::jit::Operation&>(step.operation)(m_stack);
        break;
    }
    case StepKind::GetAttr: {
        loadInputs(step);
        IValue object = std::move(m_stack.back());
        m_stack.back() = object.toObjectRef().getSlot(step.slot);
        break;
    }
    case StepKind::SetAttr: {
        loadInputs(step);
        m_stack[0].toObjectRef().setSlot(step.slot, std::move(m_stack[1]));
        m_stack.clear();
        break;
    }
    case StepKind::ListConstruct: {
        loadInputs(step);
        c10::impl::GenericList list(step.type->expectRef<c10::ListType>().getElementType());
        list.reserve(m_stack.size());
        for (IValue& v : m_stack)
            list.push_back(std::move(v));
        m_stack.clear();
        m_stack.emplace_back(std::move(list));
        break;
    }
    case StepKind::ListUnpack: {
        loadInputs(step);
        const c10::impl::GenericList list = m_stack.back().toList();
        if (list.size() != step.outputs.size())
            throw std::runtime_error("Expected " + std::to_string(step.outputs.size()) +
                                     " elements in a list but found " + std::to_string(list.size()));
        m_stack.clear();
        for (size_t i = 0; i < list.size(); ++i)
            m_stack.push_back(list.get(i));
        break;
    }
    case StepKind::TupleConstruct:
    case StepKind::NamedTupleConstruct: {
        loadInputs(step);
        std::vector<IValue> elements(std::make_move_iterator(m_stack.begin()), std::make_move_iterator(m_stack.end()));
        m_stack.clear();
        if (step.kind == StepKind::NamedTupleConstruct)
            m_stack.emplace_back(c10::ivalue::Tuple::createNamed(std::move(elements), step.type));
        else
            m_stack.emplace_back(c10::ivalue::Tuple::create(std::move(elements)));
        break;
    }
    case StepKind::DictConstruct: {
        loadInputs(step);
        const auto& type = step.type->expectRef<c10::DictType>();
        c10::impl::GenericDict dict(type.getKeyType(), type.getValueType());
        dict.reserve(m_stack.size() / 2);
        for (size_t i = 0; i + 1 < m_stack.size(); i += 2)
            dict.insert_or_assign(std::move(m_stack[i]), std::move(m_stack[i + 1]));
        m_stack.clear();
        m_stack.emplace_back(std::move(dict));
        break;
    }
    case StepKind::CreateObject: {
        m_stack.clear();
        const auto type = step.type->expect<c10::ClassType>();
        m_stack.emplace_back(c10::ivalue::Object::create(c10::StrongTypePtr(type->compilation_unit(), type),
                                                         type->numAttributes()));
        break;
    }
    case StepKind::IsInstance: {
        loadInputs(step);
        const c10::TypePtr type = m_stack.back().type();
        bool result = false;
        for (const c10::TypePtr& candidate : step.types)
            if (type->isSubtypeOf(*candidate)) {
                result = true;
                break;
            }
        m_stack.back() = result;
        break;
    }
    case StepKind::TupleSlice: {
        loadInputs(step);
        const auto tuple = m_stack.back().toTuple();
        std::vector<IValue> elements;
        for (int64_t i = step.begin; i < step.end; ++i)
            elements.push_back(tuple->elements()[i]);
        m_stack.back() = c10::ivalue::Tuple::create(std::move(elements));
        break;
    }
    case StepKind::CallFunction: {
        loadInputs(step, 1);
        if (m_observer)
            m_observer->beforeStep(step, m_stack);
        step.function->run(m_stack);
        break;
    }
    case StepKind::CallMethod: {
        loadInputs(step);
        if (m_observer)
            m_observer->beforeStep(step, m_stack);
        const auto type = m_stack.front().toObjectRef().type();
        type->getMethod(step.method).run(m_stack);
        break;
    }
    case StepKind::Drop: m_stack.clear(); break;
    case StepKind::If:
    case StepKind::Loop: break;
    }
    storeOutputs(step);
}

// Block outputs become the owner's outputs (or the loop's carried values).
void NodeExecutor::finishBlock(const ProgramBlock& block, const std::vector<int>& targets)
{
    std::vector<c10::IValue> values;
    values.reserve(block.outputs.size());
    for (size_t i = 0; i < block.outputs.size(); ++i)
        values.push_back(take(block.outputs[i], block.moveOutput[i]));
    for (size_t i = 0; i < targets.size(); ++i)
        store(targets[i], std::move(values[i]));
}

void NodeExecutor::charge(const Step& step)
{
    const int64_t t = now();
    if (m_record)
        m_record->selfNs[step.node] += t - m_last;
    m_last = t;
}

void NodeExecutor::finishControl(const Step& step, int64_t startNs)
{
    if (m_observer) {
        std::vector<c10::IValue> outputs;
        for (int reg : step.outputs)
            outputs.push_back(reg >= 0 ? m_registers[reg] : c10::IValue());
        m_observer->afterStep(step, outputs.data(), outputs.size());
    }
    release(step);
    endStep(step, startNs, true, true);
}

void NodeExecutor::runIf(const Step& step)
{
    const int64_t start = m_last;
    const bool condition = take(step.inputs[0], step.moveInput[0]).toBool();
    charge(step);
    const ProgramBlock& block = step.blocks[condition ? 0 : 1];
    runBlock(block);
    m_failedNode = step.node;
    finishBlock(block, step.outputs);
    finishControl(step, start);
}

void NodeExecutor::runLoop(const Step& step)
{
    const int64_t start = m_last;
    const int64_t maxTrips = take(step.inputs[0], step.moveInput[0]).toInt();
    bool condition = take(step.inputs[1], step.moveInput[1]).toBool();
    std::vector<c10::IValue> carried;
    for (size_t i = 2; i < step.inputs.size(); ++i)
        carried.push_back(take(step.inputs[i], step.moveInput[i]));
    const ProgramBlock& body = step.blocks[0];
    for (int64_t trip = 0; trip < maxTrips && condition; ++trip) {
        if (body.inputs[0] >= 0)
            store(body.inputs[0], trip);
        for (size_t i = 0; i < carried.size(); ++i)
            store(body.inputs[i + 1], std::move(carried[i]));
        charge(step);
        runBlock(body);
        m_failedNode = step.node;
        condition = take(body.outputs[0], body.moveOutput[0]).toBool();
        for (size_t i = 0; i < carried.size(); ++i)
            carried[i] = take(body.outputs[i + 1], body.moveOutput[i + 1]);
    }
    for (size_t i = 0; i < step.outputs.size(); ++i)
        store(step.outputs[i], std::move(carried[i]));
    finishControl(step, start);
}

} // namespace ptscope
