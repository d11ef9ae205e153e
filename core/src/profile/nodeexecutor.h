#pragma once

// Internal to core: runs a forward graph node by node with LibTorch's own operations, timing
// each node (profiling) or showing each node's values to an observer (comparison).

#include "profile/nodeprogram.h"

#include <ATen/core/ivalue.h>
#include <cstdint>
#include <vector>

namespace ptscope {

class MemoryLedger;

// One run's times by node id. A node's self time runs from the end of the node before it to
// its own end (freeing the values it used last included), so self times add up to the run;
// If and Loop nodes also get an inclusive time over their blocks.
struct RunRecord
{
    struct Event
    {
        int node;
        int depth;
        int64_t startNs; // from the start of the run
        int64_t durationNs;
    };

    std::vector<int64_t> selfNs;
    std::vector<int64_t> inclusiveNs;
    std::vector<int64_t> calls;
    std::vector<Event> events; // in order of their ends
    int64_t eventLimit = 0;    // 0: no events
    bool truncated = false;
    int64_t totalNs = 0;

    void reset(size_t nodes);
};

// Sees every step's values: inputs as the operation receives them, outputs as it made them.
class StepObserver
{
public:
    virtual ~StepObserver() = default;
    virtual void beforeStep(const Step& step, const torch::jit::Stack& inputs) = 0;
    virtual void afterStep(const Step& step, const c10::IValue* outputs, size_t count) = 0;
};

class NodeExecutor
{
public:
    explicit NodeExecutor(NodeProgram program);

    // inputs: the graph's inputs (self first), already checked against the schema. Returns the
    // graph's output. Throws what the failing operation threw; failedNode() then names it.
    c10::IValue run(std::vector<c10::IValue> inputs, RunRecord* record = nullptr,
                    StepObserver* observer = nullptr, MemoryLedger* ledger = nullptr);

    const NodeProgram& program() const { return m_program; }
    size_t nodeCount() const { return m_program.nodes.size(); }
    int failedNode() const { return m_failedNode; }

private:
    void runBlock(const ProgramBlock& block);
    void runStep(const Step& step);
    void runOperation(const Step& step);
    void runIf(const Step& step);
    void runLoop(const Step& step);
    void finishBlock(const ProgramBlock& block, const std::vector<int>& targets);
    void loadInputs(const Step& step, size_t first = 0);
    void storeOutputs(const Step& step);
    void release(const Step& step);
    void clearRegisters();
    c10::IValue take(int reg, bool move);
    void store(int reg, c10::IValue value);
    void tick(const Step& step, int64_t startNs);
    // Adds the step's time since the previous one to its record (and, inclusive, since it began).
    void endStep(const Step& step, int64_t startNs, bool countCall, bool inclusive);
    void charge(const Step& step);
    void finishControl(const Step& step, int64_t startNs);
    int64_t now() const;

    NodeProgram m_program;
    std::vector<c10::IValue> m_registers;
    std::vector<uint8_t> m_isConstant;
    torch::jit::Stack m_stack;
    RunRecord* m_record = nullptr;
    StepObserver* m_observer = nullptr;
    MemoryLedger* m_ledger = nullptr;
    int64_t m_origin = 0; // ns of the run's start
    int64_t m_last = 0;   // ns of the last tick
    int m_failedNode = -1;
};

} // namespace ptscope
