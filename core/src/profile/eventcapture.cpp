#include "profile/eventcapture.h"

#include <torch/csrc/jit/runtime/interpreter.h>

#include <chrono>

namespace ptscope {

namespace {

thread_local EventCapture* t_capture = nullptr;

int64_t nowNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

void appendRange(std::string& key, const torch::jit::SourceRange& range)
{
    key += std::to_string(range.start());
    key += '-';
    key += std::to_string(range.end());
    key += ';';
}

// "conv1(Conv2d)::forward" -> "conv1"; "::batch_norm" (a function) -> "".
std::string instanceOf(const std::string& entry)
{
    const size_t paren = entry.find('(');
    const size_t colons = entry.find("::");
    if (paren == std::string::npos || (colons != std::string::npos && colons < paren))
        return {};
    return entry.substr(0, paren);
}

struct EventContext : at::ObserverContext
{
    size_t index = 0;
};

std::unique_ptr<at::ObserverContext> onStart(const at::RecordFunction& fn)
{
    EventCapture* capture = t_capture;
    if (!capture || capture->depth()++ > 0)
        return nullptr;
    EventCapture::Pending event;
    event.name = fn.name();
    auto context = std::make_unique<EventContext>();
    context->index = capture->pending().size();
    // An operator the JIT calls without an event of its own (prim::mkldnn_convolution of the
    // optimized graph) can make events of its kernel's ops look top-level, and asking the
    // interpreter for its call stack then crashes LibTorch 1.13. Only names that can be a node's
    // are placed; the rest count as unmatched by name.
    if (!capture->mayBeNode(event.name)) {
        event.startNs = nowNs();
        capture->pending().push_back(std::move(event));
        return context;
    }
    // The interpreter's frames, innermost first: reversed, they match a node's inlined call
    // stack (outermost call first) followed by the node's own range.
    std::vector<torch::jit::StackEntry> stack = torch::jit::currentCallstack();
    const std::vector<std::string> modules = torch::jit::currentModuleHierarchy();
    event.key = event.name + '|';
    for (auto it = stack.rbegin(); it != stack.rend(); ++it)
        appendRange(event.key, it->range);
    event.key += '|';
    // The first entry names the frame (TOP(ResNet)::forward), the rest the inlined calls.
    for (size_t i = 1; i < modules.size(); ++i) {
        event.key += instanceOf(modules[i]);
        event.key += '/';
    }
    event.startNs = nowNs();
    capture->pending().push_back(std::move(event));
    return context;
}

void onEnd(const at::RecordFunction&, at::ObserverContext* context)
{
    const int64_t end = nowNs();
    EventCapture* capture = t_capture;
    if (!capture)
        return;
    --capture->depth();
    if (!context)
        return;
    auto& event = capture->pending()[static_cast<EventContext*>(context)->index];
    event.durationNs = end - event.startNs;
}

} // namespace

std::string EventCapture::keyOfNode(const torch::jit::Node* node)
{
    std::string key = std::string(node->kind().toQualString()) + '|';
    std::string modules;
    if (auto callstack = node->callstack()) {
        for (const auto& entry : (*callstack)->vec()) {
            appendRange(key, std::get<1>(entry));
            const auto& instance = std::get<2>(entry);
            modules += instance ? instance->instance_name() : std::string();
            modules += '/';
        }
    }
    appendRange(key, node->sourceRange());
    return key + '|' + modules;
}

EventCapture::EventCapture(const NodeProgram& program)
{
    for (size_t id = 0; id < program.nodes.size(); ++id) {
        const torch::jit::Node* node = program.nodes[id];
        if (!node->maybeOperator())
            continue;
        // Two nodes with one key (rare: the same call twice on one source range) keep the first.
        const std::string key = keyOfNode(node);
        m_kinds.insert(node->kind().toQualString());
        m_nodeOfKey.emplace(key, static_cast<int>(id));
        // Operators the JIT runs without an event of their own (aten::Bool, aten::Int) call one
        // that has one (aten::item): such an event is the node's if its place names one node.
        const std::string place = key.substr(key.find('|'));
        const auto [it, added] = m_nodeOfPlace.emplace(place, static_cast<int>(id));
        if (!added)
            it->second = -1;
    }
}

bool EventCapture::mayBeNode(const std::string& name) const
{
    // aten::item is what aten::Bool, aten::Int and aten::Float nodes show as.
    return m_kinds.count(name) > 0 || name == "aten::item";
}

EventCapture::~EventCapture()
{
    if (m_active)
        end();
}

void EventCapture::begin()
{
    m_pending.clear();
    m_depth = 0;
    t_capture = this;
    m_handle = at::addThreadLocalCallback(
        at::RecordFunctionCallback(onStart, onEnd).scopes({at::RecordScope::FUNCTION}));
    m_active = true;
}

void EventCapture::end()
{
    if (!m_active)
        return;
    at::removeCallback(m_handle);
    t_capture = nullptr;
    m_active = false;
    fold();
}

void EventCapture::fold()
{
    const int run = m_runs++;
    int64_t events = 0;
    int64_t matched = 0;
    int64_t totalNs = 0;
    auto grow = [&](auto& entry) {
        entry.runsMs.resize(static_cast<size_t>(m_runs), 0.0);
        entry.calls.resize(static_cast<size_t>(m_runs), 0);
    };
    for (const Pending& p : m_pending) {
        if (p.durationNs < 0)
            continue;
        ++events;
        totalNs += p.durationNs;
        int node = -1;
        const auto it = p.key.empty() ? m_nodeOfKey.end() : m_nodeOfKey.find(p.key);
        if (it != m_nodeOfKey.end()) {
            node = it->second;
        } else if (!p.key.empty()) {
            const auto place = m_nodeOfPlace.find(p.key.substr(p.key.find('|')));
            if (place != m_nodeOfPlace.end())
                node = place->second;
        }
        if (node >= 0) {
            ++matched;
            NodeEvents& n = m_nodes[node];
            grow(n);
            n.runsMs[run] += static_cast<double>(p.durationNs) / 1e6;
            ++n.calls[run];
        } else {
            Unmatched& u = m_unmatched[p.name];
            grow(u);
            u.runsMs[run] += static_cast<double>(p.durationNs) / 1e6;
            ++u.calls[run];
        }
    }
    for (auto& [id, n] : m_nodes)
        grow(n);
    for (auto& [name, u] : m_unmatched)
        grow(u);
    m_eventsPerRun.push_back(events);
    m_matchedPerRun.push_back(matched);
    m_totalMsPerRun.push_back(static_cast<double>(totalNs) / 1e6);
    m_pending.clear();
}

} // namespace ptscope
