#include "ptscope/compare/nodecompare.h"

#include "compare/outputcompare.h"
#include "graph/variantgraph.h"
#include "load/modelimpl.h"
#include "profile/nodeexecutor.h"
#include "ptscope/common/error.h"
#include "ptscope/compare/alignment.h"
#include "ptscope/load/model.h"
#include "ptscope/run/runner.h"
#include "run/argumentcheck.h"
#include "run/forwardarguments.h"
#include "run/inputmaterializer.h"
#include "run/runsupport.h"
#include "run/tensormapping.h"

#include <algorithm>
#include <fmt/format.h>
#include <map>
#include <mutex>
#include <optional>
#include <set>

namespace ptscope {

namespace {

// Intermediate tensors kept per model; beyond it, later nodes are aligned but not compared.
constexpr int64_t kKeepBytes = 1ll << 30;
constexpr size_t kListedUnaligned = 50;

struct Event
{
    int node = -1;
    std::vector<at::Tensor> outputs; // on the CPU, detached
    std::optional<bool> training;    // dropout's train, batch norm's training, as it ran
};

bool isOperatorStep(const Step& step)
{
    return (step.kind == StepKind::Operator || step.kind == StepKind::VarargOperator) && step.source &&
           step.source->kind().is_aten();
}

// The argument holding the mode flag of the ops whose result depends on training mode.
std::optional<size_t> trainingArgument(const std::string& kind)
{
    if (kind == "aten::dropout" || kind == "aten::feature_dropout" || kind == "aten::alpha_dropout" ||
        kind == "aten::feature_alpha_dropout" || kind == "aten::dropout_")
        return 2;
    if (kind == "aten::batch_norm" || kind == "aten::instance_norm")
        return 5;
    return std::nullopt;
}

class Recorder : public StepObserver
{
public:
    void beforeStep(const Step& step, const torch::jit::Stack& inputs) override
    {
        m_training.reset();
        if (!isOperatorStep(step))
            return;
        const auto index = trainingArgument(step.source->kind().toQualString());
        if (index && *index < inputs.size() && inputs[*index].isBool())
            m_training = inputs[*index].toBool();
    }

    void afterStep(const Step& step, const c10::IValue* outputs, size_t count) override
    {
        if (!isOperatorStep(step))
            return;
        Event event;
        event.node = step.node;
        event.training = m_training;
        for (size_t i = 0; i < count; ++i) {
            if (!outputs[i].isTensor() || !outputs[i].toTensor().defined())
                continue;
            const at::Tensor& t = outputs[i].toTensor();
            const int64_t bytes = t.numel() * static_cast<int64_t>(t.element_size());
            if (m_bytes + bytes > kKeepBytes) {
                m_truncated = true;
                continue;
            }
            m_bytes += bytes;
            event.outputs.push_back(t.detach().to(at::kCPU).clone());
        }
        events.push_back(std::move(event));
    }

    std::vector<Event> events;
    bool m_truncated = false;

private:
    std::optional<bool> m_training;
    int64_t m_bytes = 0;
};

struct Trace
{
    Graph graph;
    std::vector<Event> events;
    std::string failure; // what the executor raised, when it did
};

Trace traceModel(const Model& model, const Sample& given, const GeneratorSnapshot& generators)
{
    const Model::Impl& impl = model.impl();
    const VariantGraph made = makeVariantGraph(impl, GraphVariant::Inlined);
    const torch::jit::Module module = moduleFor(made.module, false);
    const torch::jit::Method forward = forwardMethod(module, impl.entry);
    Sample sample = given;
    checkArguments(forward.function().getSchema(), argumentSpecs(forward), sample);
    Trace trace;
    NodeProgram program = compileProgram(made.graph); // UnsupportedNode for fork and the like
    trace.graph = buildGraph(model, *made.graph, GraphVariant::Inlined, false);
    NodeExecutor executor(std::move(program));
    std::vector<c10::IValue> stack = copyForRun(sample.values);
    for (c10::IValue& v : stack)
        v = mapTensors(v, [&](const at::Tensor& t) { return t.to(impl.device); });
    stack.insert(stack.begin(), module._ivalue());
    forward.function().getSchema().checkAndNormalizeInputs(stack, {});
    Recorder recorder;
    generators.restore();
    try {
        executor.run(std::move(stack), nullptr, &recorder);
    } catch (const c10::Error& e) {
        trace.failure = e.what_without_backtrace();
    } catch (const std::bad_alloc&) {
        throw;
    } catch (const std::exception& e) {
        trace.failure = e.what();
    }
    trace.events = std::move(recorder.events);
    return trace;
}

std::string keyOf(const Graph& g, const Event& e)
{
    const GraphNode& n = g.nodes.at(static_cast<size_t>(e.node));
    return alignmentKind(n.kind) + "|" + n.scope;
}

std::vector<std::pair<size_t, size_t>> align(const Trace& a, const Trace& b)
{
    std::vector<std::string> ka, kb;
    for (const Event& e : a.events)
        ka.push_back(keyOf(a.graph, e));
    for (const Event& e : b.events)
        kb.push_back(keyOf(b.graph, e));
    return alignSequences(ka, kb);
}

// Nodes without a partner that made tensors, from `from` on, before `to`, at most kParting.
std::vector<NodeRef> unpairedBetween(const Trace& t, const std::vector<bool>& paired, size_t from, size_t to)
{
    constexpr size_t kParting = 10;
    std::vector<NodeRef> nodes;
    for (size_t i = from; i < to && i < t.events.size() && nodes.size() < kParting; ++i)
        if (!paired[i] && !t.events[i].outputs.empty())
            nodes.push_back(nodeRef(t.graph, t.events[i].node));
    return nodes;
}

// Where the runs part when aligned nodes do not show it alone: the nodes without a partner just
// before the first divergent pair (a branch or an unrolled step only one model ran), or, when no
// aligned node differs, the first ones anywhere.
void partingNodes(const Trace& a, const Trace& b, const std::vector<std::pair<size_t, size_t>>& pairs,
                  const std::vector<bool>& pairedA, const std::vector<bool>& pairedB, NodeComparison& result)
{
    if (result.diverged) {
        const size_t p = static_cast<size_t>(result.divergentStep);
        const size_t fromA = p == 0 ? 0 : pairs[p - 1].first + 1;
        const size_t fromB = p == 0 ? 0 : pairs[p - 1].second + 1;
        result.partingA = unpairedBetween(a, pairedA, fromA, pairs[p].first);
        result.partingB = unpairedBetween(b, pairedB, fromB, pairs[p].second);
    } else {
        result.partingA = unpairedBetween(a, pairedA, 0, a.events.size());
        result.partingB = unpairedBetween(b, pairedB, 0, b.events.size());
    }
}

// How far into a run (0 to 1) a node's code comes: node ids follow the code, blocks after their
// owner, so the first step at or after the node is where it took effect. 2 when it never ran.
double runPosition(const Trace& t, int node)
{
    if (node < 0 || t.events.empty())
        return 2;
    for (size_t i = 0; i < t.events.size(); ++i)
        if (t.events[i].node >= node)
            return static_cast<double>(i) / static_cast<double>(t.events.size());
    return 2;
}

// The cause that takes effect first, first: where the runs part, the reader looks.
void orderByExecution(const Trace& a, const Trace& b, std::vector<StructuralCause>& causes)
{
    std::stable_sort(causes.begin(), causes.end(), [&](const StructuralCause& x, const StructuralCause& y) {
        const double px = std::min(runPosition(a, x.a.node), runPosition(b, x.b.node));
        const double py = std::min(runPosition(a, y.a.node), runPosition(b, y.b.node));
        return px < py;
    });
}

// One cause per kind and source line (a module's code runs once per layer), and at most a few
// per kind, the rest counted: a transformer's mask checks would otherwise bury the cause that
// matters under a hundred alike.
void condenseCauses(std::vector<StructuralCause>& causes)
{
    constexpr int kPerKind = 5;
    std::set<std::string> seen;
    std::map<std::string, int> listed, left;
    std::vector<StructuralCause> kept;
    for (StructuralCause& c : causes) {
        const NodeRef& where = c.b.node >= 0 ? c.b : c.a;
        const std::string line = c.kind + "|" + where.source.file + ":" + std::to_string(where.source.line) + "|" +
                                 (where.source.line > 0 ? std::string() : where.kind + where.scope);
        if (!seen.insert(line).second)
            continue;
        if (listed[c.kind] >= kPerKind) {
            ++left[c.kind];
            continue;
        }
        ++listed[c.kind];
        kept.push_back(std::move(c));
    }
    for (const auto& [kind, count] : left) {
        StructuralCause more;
        more.kind = kind;
        more.message = fmt::format("... and {} more like the {} above, at other source lines.", count,
                                   kind == "if" ? "prim::If" : kind == "loop" ? "prim::Loop" : kind);
        kept.push_back(std::move(more));
    }
    causes = std::move(kept);
}

void trainingCauses(const Trace& a, const Trace& b, const std::vector<std::pair<size_t, size_t>>& pairs,
                    std::vector<StructuralCause>& causes)
{
    std::set<std::string> said;
    for (const auto& [i, j] : pairs) {
        const Event& x = a.events[i];
        const Event& y = b.events[j];
        if (!x.training || !y.training || *x.training == *y.training)
            continue;
        const NodeRef ra = nodeRef(a.graph, x.node), rb = nodeRef(b.graph, y.node);
        const bool dropout = ra.kind.find("dropout") != std::string::npos;
        const std::string key = ra.kind + ra.scope;
        if (!said.insert(key).second)
            continue;
        StructuralCause cause;
        cause.kind = dropout ? "training_dropout" : "training_batchnorm";
        cause.a = ra;
        cause.b = rb;
        const char* training = *x.training ? "first" : "second";
        cause.message = fmt::format(
            "{} in {} runs in training mode in the {} model and in eval mode in the other{}: the {} was "
            "traced "
            "or saved in training mode, and a trace keeps the mode as a constant, whatever eval() says.",
            ra.kind, ra.scope.empty() ? "forward" : ra.scope, training,
            dropout ? " (it drops random elements)" : " (it normalizes with the batch's own statistics)",
            training);
        causes.push_back(std::move(cause));
    }
}

} // namespace

NodeComparison compareNodes(const Model& a, const Model& b, const RunInputs& inputs, int sampleIndex,
                            const Tolerances& tolerances, const CancelToken& cancel)
{
    configureBlasThreads();
    std::lock_guard<std::mutex> lock(runMutex());
    NodeComparison result;
    try {
        const std::vector<ArgumentSpec> specs = argumentSpecs(forwardMethod(a.impl().module, a.impl().entry));
        const std::vector<Sample> samples = materializeInputs(inputs, specs);
        if (sampleIndex < 0 || static_cast<size_t>(sampleIndex) >= samples.size())
            throw Error(ErrorKind::InvalidArgument,
                        "There is no input " + std::to_string(sampleIndex) + " to compare on.");
        const Sample& sample = samples[static_cast<size_t>(sampleIndex)];
        result.input = sample.name.empty() ? "seed " + std::to_string(inputs.seed) : "sample " + sample.name;
        const GeneratorSnapshot generators;
        const c10::AutoGradMode noGrad(false);
        cancel.throwIfCancelled();
        Trace ta, tb;
        try {
            ta = traceModel(a, sample, generators);
            cancel.throwIfCancelled();
            tb = traceModel(b, sample, generators);
        } catch (const UnsupportedNode& unsupported) {
            result.note = "The node executor cannot run a " + unsupported.kind + " node (" +
                          unsupported.reason + "), so the models were compared by their outputs only.";
            return result;
        }
        result.executed = true;
        if (!ta.failure.empty() || !tb.failure.empty())
            result.note = (!ta.failure.empty()
                               ? "The first model raised: " + ta.failure.substr(0, ta.failure.find('\n'))
                               : "The second model raised: " + tb.failure.substr(0, tb.failure.find('\n'))) +
                          "; its nodes up to there are compared.";
        result.executedA = static_cast<int>(ta.events.size());
        result.executedB = static_cast<int>(tb.events.size());
        const auto pairs = align(ta, tb);
        result.aligned = static_cast<int>(pairs.size());

        std::vector<bool> pairedA(ta.events.size()), pairedB(tb.events.size());
        for (const auto& [i, j] : pairs) {
            pairedA[i] = true;
            pairedB[j] = true;
        }
        for (size_t i = 0; i < ta.events.size(); ++i)
            if (!pairedA[i] && result.unalignedCountA++ < static_cast<int>(kListedUnaligned))
                result.unalignedA.push_back(nodeRef(ta.graph, ta.events[i].node));
        for (size_t j = 0; j < tb.events.size(); ++j)
            if (!pairedB[j] && result.unalignedCountB++ < static_cast<int>(kListedUnaligned))
                result.unalignedB.push_back(nodeRef(tb.graph, tb.events[j].node));

        for (size_t p = 0; p < pairs.size() && !result.diverged; ++p) {
            const Event& x = ta.events[pairs[p].first];
            const Event& y = tb.events[pairs[p].second];
            std::vector<OutputDiff> diffs;
            bool differs = false;
            for (size_t k = 0; k < std::min(x.outputs.size(), y.outputs.size()); ++k) {
                const std::string path = std::to_string(k);
                diffs.push_back(compareTensors(path, x.outputs[k], y.outputs[k], tolerances.defaults));
                differs = differs || !diffs.back().matches;
            }
            if (!differs)
                continue;
            result.diverged = true;
            result.divergentStep = static_cast<int>(p);
            result.divergentA = nodeRef(ta.graph, x.node);
            result.divergentB = nodeRef(tb.graph, y.node);
            result.divergentOutputs = std::move(diffs);
        }

        partingNodes(ta, tb, pairs, pairedA, pairedB, result);

        std::vector<std::pair<int, int>> nodePairs;
        for (const auto& [i, j] : pairs)
            nodePairs.emplace_back(ta.events[i].node, tb.events[j].node);
        // A mode seen running is surer than what the graphs' shapes suggest: it goes first.
        trainingCauses(ta, tb, pairs, result.causes);
        for (StructuralCause& cause : structuralCauses(ta.graph, tb.graph, nodePairs))
            result.causes.push_back(std::move(cause));
        orderByExecution(ta, tb, result.causes);
        condenseCauses(result.causes);
        return result;
    } catch (const Error&) {
        throw;
    } catch (const std::bad_alloc&) {
        throw Error(ErrorKind::OutOfMemory, "Ran out of memory while comparing the models node by node.",
                    "Try a smaller input.");
    } catch (const c10::Error& e) {
        throw Error(ErrorKind::Internal, "The node-by-node comparison failed: " + std::string(e.msg()), {},
                    e.what_without_backtrace());
    } catch (const std::exception& e) {
        throw Error(ErrorKind::Internal, std::string("The node-by-node comparison failed: ") + e.what());
    }
}

} // namespace ptscope
