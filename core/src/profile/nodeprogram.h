#pragma once

// Internal to core: a forward graph compiled for the node executor.

#include <ATen/core/stack.h>
#include <torch/csrc/jit/ir/ir.h>

#include <memory>
#include <string>
#include <vector>

namespace ptscope {

enum class StepKind : uint8_t {
    Operator,       // LibTorch's own operation for the node
    VarargOperator, // the same, told its input count (as the interpreter's OPN does)
    GetAttr,
    SetAttr,
    If,
    Loop,
    ListConstruct,
    ListUnpack,
    TupleConstruct,
    NamedTupleConstruct,
    DictConstruct,
    CreateObject,
    IsInstance,
    TupleSlice,
    CallFunction, // a call the graph kept (timed as one node)
    CallMethod,
    Drop,
};

struct ProgramBlock;

// One node. Registers are numbered per graph value; -1 marks an output nobody reads.
struct Step
{
    int node = -1; // the node's id: its index in extractGraph's node list for the same graph
    StepKind kind = StepKind::Operator;
    int depth = 0; // enclosing If/Loop steps
    const torch::jit::Node* source = nullptr;
    torch::jit::Operation operation = nullptr;
    std::vector<int> inputs;
    // 1 where this input is the value's last use: the value is moved onto the stack, as the
    // interpreter does, so in-place operators and memory behave as in module.forward.
    std::vector<uint8_t> moveInput;
    std::vector<int> outputs;
    // Values whose last use is inside this step's blocks, or outputs nobody reads: released
    // when the step ends.
    std::vector<int> releaseAfter;
    size_t slot = 0;          // GetAttr / SetAttr
    c10::TypePtr type;        // the constructed list, tuple, dict or object
    std::vector<c10::TypePtr> types; // isinstance
    int64_t begin = 0;        // TupleSlice
    int64_t end = 0;
    torch::jit::Function* function = nullptr; // CallFunction
    std::string method;                       // CallMethod
    std::vector<ProgramBlock> blocks;         // If: then, else; Loop: body
};

struct ProgramBlock
{
    std::vector<int> inputs; // -1: nobody reads it
    std::vector<Step> steps;
    std::vector<int> outputs;
    std::vector<uint8_t> moveOutput;
};

struct NodeProgram
{
    std::shared_ptr<torch::jit::Graph> graph; // operations may refer to its nodes
    ProgramBlock top;
    int registers = 0;
    // Constants live in their registers for the program's lifetime; inputs never move them.
    std::vector<std::pair<int, c10::IValue>> constants;
    std::vector<const torch::jit::Node*> nodes; // by id, every node including constants
};

// Thrown by compileProgram for a node the executor cannot run (fork, with-statements, ...).
struct UnsupportedNode
{
    std::string kind;
    std::string reason;
};

NodeProgram compileProgram(std::shared_ptr<torch::jit::Graph> graph);

} // namespace ptscope
