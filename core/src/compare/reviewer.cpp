#include "ptscope/compare/reviewer.h"

#include "common/torchnames.h"
#include "load/modelimpl.h"
#include "ptscope/common/error.h"
#include "ptscope/load/model.h"

#include <limits>
#include <map>
#include <set>

namespace ptscope {

namespace {

struct Named
{
    at::Tensor tensor;
    bool buffer = false;
};

std::map<std::string, Named> tensorsOf(const torch::jit::Module& module)
{
    // A tensor tied to several names (a shared embedding and decoder weight) is told once, under
    // its first name in pre-order, as nn.Module.named_parameters() tells it.
    std::set<const c10::TensorImpl*> seen;
    std::map<std::string, Named> out;
    const auto add = [&](const std::string& name, const at::Tensor& t, bool buffer) {
        if (!t.defined() || !seen.insert(t.unsafeGetTensorImpl()).second)
            return; // an undefined tensor is a None slot, not a tensor
        out.emplace(name, Named{t, buffer});
    };
    for (const auto& p : module.named_parameters(/*recurse=*/true))
        add(p.name, p.value, false);
    for (const auto& b : module.named_buffers(/*recurse=*/true))
        add(b.name, b.value, true);
    return out;
}

// Equal values, NaN equal to NaN: a model with a NaN in a buffer is no change from itself.
bool sameValues(const at::Tensor& a, const at::Tensor& b)
{
    if (a.scalar_type() != b.scalar_type())
        return false;
    const at::Tensor x = a.detach().cpu(), y = b.detach().cpu();
    if (at::equal(x, y))
        return true;
    if (!x.is_floating_point() && !x.is_complex())
        return false;
    return ((x == y) | (x.isnan() & y.isnan())).all().item<bool>();
}

// max |a - b|, and max over the elements of |a - b| / max(|a|, |b|) (0 where both are 0): each
// element's change against its own size, in [0, 2], as the output diff measures. NaN in both
// places is no change; NaN in one only is an infinite one. Tensors that cannot be measured
// (quantized ones) keep 0: the change is still reported.
void measure(const at::Tensor& a, const at::Tensor& b, ParameterChange& change)
{
    if (a.numel() == 0)
        return;
    try {
        const auto type = a.is_complex() || b.is_complex() ? at::kComplexDouble : at::kDouble;
        const at::Tensor x = a.detach().cpu().to(type), y = b.detach().cpu().to(type);
        const at::Tensor nanX = x.isnan(), nanY = y.isnan();
        at::Tensor diff = (x - y).abs();
        const at::Tensor zero = at::zeros_like(diff);
        diff = at::where((x == y) | (nanX & nanY), zero, diff); // equal infinities too
        diff = at::where(nanX ^ nanY, at::full_like(diff, std::numeric_limits<double>::infinity()), diff);
        const at::Tensor scale = at::maximum(x.abs(), y.abs());
        const at::Tensor rel = at::where(scale > 0, diff / scale, zero);
        change.maxAbs = diff.max().item<double>();
        change.maxRel = at::where(rel.isnan(), zero, rel).max().item<double>();
    } catch (const std::exception&) {
        change.maxAbs = change.maxRel = 0;
    }
}

std::vector<ParameterChange> parameterChanges(const torch::jit::Module& a, const torch::jit::Module& b,
                                              const CancelToken& cancel)
{
    const auto ta = tensorsOf(a), tb = tensorsOf(b);
    std::vector<ParameterChange> changes;
    for (const auto& [name, x] : ta) {
        cancel.throwIfCancelled();
        ParameterChange c;
        c.name = name;
        c.buffer = x.buffer;
        c.shapeA = x.tensor.sizes().vec();
        c.dtypeA = dtypeName(x.tensor.scalar_type());
        const auto it = tb.find(name);
        if (it == tb.end()) {
            c.change = "removed";
            changes.push_back(std::move(c));
            continue;
        }
        const at::Tensor& y = it->second.tensor;
        c.shapeB = y.sizes().vec();
        c.dtypeB = dtypeName(y.scalar_type());
        if (c.shapeA != c.shapeB) {
            c.change = "shape";
        } else if (!sameValues(x.tensor, y)) {
            c.change = "values";
            measure(x.tensor, y, c);
        } else {
            continue;
        }
        changes.push_back(std::move(c));
    }
    for (const auto& [name, y] : tb) {
        if (ta.count(name))
            continue;
        ParameterChange c;
        c.name = name;
        c.change = "added";
        c.buffer = y.buffer;
        c.shapeB = y.tensor.sizes().vec();
        c.dtypeB = dtypeName(y.tensor.scalar_type());
        changes.push_back(std::move(c));
    }
    return changes;
}

void countKinds(const torch::jit::Block* block, std::map<std::string, int64_t>& counts)
{
    for (const torch::jit::Node* node : block->nodes()) {
        ++counts[node->kind().toQualString()];
        for (const torch::jit::Block* inner : node->blocks())
            countKinds(inner, counts);
    }
}

std::vector<OpCountChange> opChanges(const Model::Impl& a, const Model::Impl& b)
{
    std::map<std::string, int64_t> ca, cb;
    if (a.inlinedForward)
        countKinds(a.inlinedForward->block(), ca);
    if (b.inlinedForward)
        countKinds(b.inlinedForward->block(), cb);
    std::set<std::string> kinds;
    for (const auto& [k, n] : ca)
        kinds.insert(k);
    for (const auto& [k, n] : cb)
        kinds.insert(k);
    std::vector<OpCountChange> changes;
    for (const std::string& k : kinds) {
        const int64_t x = ca.count(k) ? ca.at(k) : 0, y = cb.count(k) ? cb.at(k) : 0;
        if (x != y)
            changes.push_back({k, x, y});
    }
    return changes;
}

void moduleAndCodeChanges(const ModelInfo& a, const ModelInfo& b, Review& review)
{
    std::map<std::string, const ModuleInfo*> ma, mb;
    for (const ModuleInfo& m : a.modules)
        ma[m.path] = &m;
    for (const ModuleInfo& m : b.modules)
        mb[m.path] = &m;
    std::map<std::string, size_t> sameDiff; // diff text -> its CodeChange
    // In a's order (pre-order), then b's additions in b's order.
    for (const ModuleInfo& m : a.modules) {
        const auto it = mb.find(m.path);
        if (it == mb.end()) {
            review.modules.push_back({m.path, "removed", withoutMangling(m.type), {}});
            continue;
        }
        const ModuleInfo& n = *it->second;
        const std::string typeA = withoutMangling(m.type), typeB = withoutMangling(n.type);
        if (typeA != typeB)
            review.modules.push_back({m.path, "type_changed", typeA, typeB});
        const std::string diff = unifiedDiff(withoutMangling(m.code), withoutMangling(n.code),
                                             "a/" + (m.path.empty() ? std::string("(root)") : m.path),
                                             "b/" + (n.path.empty() ? std::string("(root)") : n.path));
        if (diff.empty())
            continue;
        // Modules of one class share code: their change is told once, with every module listed.
        const std::string body = diff.substr(diff.find("\n@@"));
        const auto same = sameDiff.find(body);
        if (same != sameDiff.end()) {
            review.code[same->second].modules.push_back(m.path);
            continue;
        }
        sameDiff[body] = review.code.size();
        review.code.push_back({m.path, {m.path}, diff});
    }
    for (const ModuleInfo& n : b.modules)
        if (!ma.count(n.path))
            review.modules.push_back({n.path, "added", {}, withoutMangling(n.type)});
}

} // namespace

Review reviewModels(const Model& a, const Model& b, const CancelToken& cancel)
{
    try {
        Review review;
        review.modelA = a.path();
        review.modelB = b.path();
        moduleAndCodeChanges(a.info(), b.info(), review);
        cancel.throwIfCancelled();
        review.parameters = parameterChanges(a.impl().module, b.impl().module, cancel);
        review.ops = opChanges(a.impl(), b.impl());
        return review;
    } catch (const Error&) {
        throw;
    } catch (const c10::Error& e) {
        throw Error(ErrorKind::Internal, "The review failed: " + std::string(e.msg()), {}, e.what_without_backtrace());
    } catch (const std::exception& e) {
        throw Error(ErrorKind::Internal, std::string("The review failed: ") + e.what());
    }
}

} // namespace ptscope
