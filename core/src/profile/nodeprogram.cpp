#include "profile/nodeprogram.h"

#include <torch/csrc/jit/ir/constants.h>
#include <torch/csrc/jit/runtime/operator.h>

#include <climits>
#include <unordered_map>

namespace ptscope {

namespace {

using torch::jit::Block;
using torch::jit::Node;
using torch::jit::Value;
namespace prim = c10::prim;

class Compiler
{
public:
    explicit Compiler(NodeProgram& program) : m_program(program) {}

    void compile()
    {
        indexBlock(m_program.graph->block());
        m_program.registers = static_cast<int>(m_registers.size());
        m_program.top = compileBlock(m_program.graph->block(), 0);
    }

private:
    // Node ids in the order the graph extractor numbers them: each node, then its blocks' nodes.
    void indexBlock(const Block* block)
    {
        int position = 0;
        for (const Value* v : block->inputs())
            registerOf(v);
        for (const Node* node : block->nodes()) {
            m_ids.emplace(node, static_cast<int>(m_program.nodes.size()));
            m_program.nodes.push_back(node);
            m_position.emplace(node, position++);
            for (const Value* v : node->outputs())
                registerOf(v);
            for (const Block* inner : node->blocks())
                indexBlock(inner);
        }
    }

    int registerOf(const Value* value)
    {
        const auto it = m_registers.find(value);
        if (it != m_registers.end())
            return it->second;
        const int r = static_cast<int>(m_registers.size());
        m_registers.emplace(value, r);
        return r;
    }

    // Where a value defined in `block` is last needed: the node of `block` that uses it last
    // (a node using it from inside its own blocks counts as using it until it ends), or the
    // block's return.
    struct LastUse
    {
        const Node* node = nullptr; // nullptr: never used
        bool returned = false;      // used by the block's return (last)
        bool throughBlocks = false; // the last user reads it from inside its blocks
        size_t lastOffset = 0;      // the last direct input offset at that node
    };

    LastUse lastUseOf(const Value* value, const Block* block) const
    {
        LastUse last;
        int lastPosition = -1;
        for (const torch::jit::Use& use : value->uses()) {
            const Node* user = use.user;
            while (user->owningBlock() != block)
                user = user->owningBlock()->owningNode();
            const bool direct = user == use.user;
            const int position = user == block->return_node() ? INT_MAX : m_position.at(user);
            if (position > lastPosition) {
                lastPosition = position;
                last = LastUse{user, position == INT_MAX, !direct, direct ? use.offset : 0};
            } else if (position == lastPosition) {
                if (!direct)
                    last.throughBlocks = true;
                else
                    last.lastOffset = std::max(last.lastOffset, use.offset);
            }
        }
        return last;
    }

    ProgramBlock compileBlock(const Block* block, int depth)
    {
        ProgramBlock compiled;
        std::unordered_map<const Node*, size_t> stepOf;
        for (const Value* input : block->inputs())
            compiled.inputs.push_back(input->uses().empty() ? -1 : registerOf(input));
        for (const Node* node : block->nodes()) {
            if (node->kind() == prim::Constant) {
                addConstant(node);
                continue;
            }
            stepOf.emplace(node, compiled.steps.size());
            compiled.steps.push_back(compileStep(node, depth));
        }
        for (const Value* output : block->outputs()) {
            compiled.outputs.push_back(registerOf(output));
            compiled.moveOutput.push_back(0);
        }

        // Moves and releases for every value this block defines.
        auto place = [&](const Value* value) {
            if (isConstant(value))
                return;
            const LastUse last = lastUseOf(value, block);
            const int reg = registerOf(value);
            if (!last.node) {
                // Never read: released as soon as it is made (block inputs are not stored).
                if (value->node()->owningBlock() == block && value->node()->kind() != prim::Param)
                    compiled.steps[stepOf.at(value->node())].releaseAfter.push_back(reg);
                return;
            }
            if (last.returned) {
                for (size_t i = compiled.outputs.size(); i-- > 0;) {
                    if (block->outputs()[i] == value) {
                        compiled.moveOutput[i] = 1;
                        break;
                    }
                }
                return;
            }
            Step& step = compiled.steps[stepOf.at(last.node)];
            if (last.throughBlocks)
                step.releaseAfter.push_back(reg);
            else
                step.moveInput[last.lastOffset] = 1;
        };
        for (const Value* input : block->inputs())
            place(input);
        for (const Node* node : block->nodes())
            for (const Value* output : node->outputs())
                place(output);
        return compiled;
    }

    bool isConstant(const Value* value) const { return value->node()->kind() == prim::Constant; }

    void addConstant(const Node* node)
    {
        const Value* output = node->output();
        if (output->type()->kind() == c10::FunctionType::Kind)
            return; // only CallFunction reads it, from its type
        auto value = torch::jit::toIValue(output);
        if (!value)
            throw UnsupportedNode{node->kind().toQualString(), "a constant LibTorch cannot read"};
        m_program.constants.emplace_back(registerOf(output), std::move(*value));
    }

    Step compileStep(const Node* node, int depth)
    {
        Step step;
        step.node = m_ids.at(node);
        step.depth = depth;
        step.source = node;
        for (const Value* input : node->inputs()) {
            step.inputs.push_back(registerOf(input));
            step.moveInput.push_back(0);
        }
        for (const Value* output : node->outputs())
            step.outputs.push_back(registerOf(output));
        step.kind = kindOf(node, step);
        if (step.kind == StepKind::If || step.kind == StepKind::Loop)
            for (const Block* inner : node->blocks())
                step.blocks.push_back(compileBlock(inner, depth + 1));
        return step;
    }

    StepKind kindOf(const Node* node, Step& step)
    {
        const c10::Symbol kind = node->kind();
        if (kind == prim::If)
            return StepKind::If;
        if (kind == prim::Loop)
            return StepKind::Loop;
        if (kind == prim::GetAttr || kind == prim::SetAttr) {
            const auto type = node->inputs().at(0)->type()->expect<c10::ClassType>();
            step.slot = type->getAttributeSlot(node->s(c10::attr::name));
            return kind == prim::GetAttr ? StepKind::GetAttr : StepKind::SetAttr;
        }
        if (kind == prim::ListConstruct || kind == prim::DictConstruct) {
            step.type = node->output()->type();
            return kind == prim::ListConstruct ? StepKind::ListConstruct : StepKind::DictConstruct;
        }
        if (kind == prim::ListUnpack)
            return StepKind::ListUnpack;
        if (kind == prim::TupleConstruct) {
            step.type = node->output()->type();
            return step.type->expectRef<c10::TupleType>().name() ? StepKind::NamedTupleConstruct
                                                                 : StepKind::TupleConstruct;
        }
        if (kind == prim::CreateObject) {
            step.type = node->output()->type();
            return StepKind::CreateObject;
        }
        if (kind == prim::isinstance) {
            step.types = node->tys(c10::attr::types);
            return StepKind::IsInstance;
        }
        if (kind == prim::TupleSlice) {
            step.begin = node->i(c10::attr::beg);
            step.end = node->i(c10::attr::end);
            return StepKind::TupleSlice;
        }
        if (kind == prim::Drop)
            return StepKind::Drop;
        if (kind == prim::CallFunction) {
            // Its first input is the function itself, a constant only the type carries.
            step.function = node->inputs().at(0)->type()->expectRef<c10::FunctionType>().function();
            return StepKind::CallFunction;
        }
        if (kind == prim::CallMethod) {
            if (!node->inputs().at(0)->type()->cast<c10::ClassType>())
                throw UnsupportedNode{kind.toQualString(), "a call through an interface"};
            step.method = node->s(c10::attr::name);
            return StepKind::CallMethod;
        }
        if (kind == prim::fork || kind == c10::aten::wait || kind == prim::Enter || kind == prim::Exit ||
            kind == prim::TypeCheck || kind == prim::BailOut || kind == prim::profile ||
            kind == prim::profile_ivalue)
            throw UnsupportedNode{kind.toQualString(), "not run node by node"};
        const torch::jit::Operator* op = node->maybeOperator();
        if (!op)
            throw UnsupportedNode{kind.toQualString(), "no operator is registered for it"};
        try {
            step.operation = op->getOperation(node);
        } catch (const std::exception& e) {
            throw UnsupportedNode{kind.toQualString(), e.what()};
        }
        if (!step.operation)
            throw UnsupportedNode{kind.toQualString(), "its operator has no operation"};
        return op->hasOperation() && op->schema().is_vararg() ? StepKind::VarargOperator : StepKind::Operator;
    }

    NodeProgram& m_program;
    std::unordered_map<const Value*, int> m_registers;
    std::unordered_map<const Node*, int> m_ids;
    std::unordered_map<const Node*, int> m_position;
};

} // namespace

NodeProgram compileProgram(std::shared_ptr<torch::jit::Graph> graph)
{
    NodeProgram program;
    program.graph = std::move(graph);
    Compiler(program).compile();
    return program;
}

} // namespace ptscope
