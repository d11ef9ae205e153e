#include "ptscope/compare/reviewtimings.h"

#include "ptscope/compare/alignment.h"

#include <algorithm>
#include <cmath>

namespace ptscope {

void addTimingChanges(Review& review, const ProfileResult& a, const ProfileResult& b, size_t limit)
{
    review.timed = true;
    review.forwardMsA = a.forwardMs.median;
    review.forwardMsB = b.forwardMs.median;
    // Control nodes include their blocks' times: only what runs itself is compared.
    std::vector<const NodeProfile*> na, nb;
    std::vector<std::string> ka, kb;
    for (const NodeProfile& n : a.nodes)
        if (!n.control) {
            na.push_back(&n);
            ka.push_back(alignmentKind(n.kind) + "|" + n.scope);
        }
    for (const NodeProfile& n : b.nodes)
        if (!n.control) {
            nb.push_back(&n);
            kb.push_back(alignmentKind(n.kind) + "|" + n.scope);
        }
    std::vector<NodeTimingChange> changes;
    for (const auto& [i, j] : alignSequences(ka, kb))
        changes.push_back({na[i]->kind, na[i]->scope, na[i]->ms.median, nb[j]->ms.median});
    std::stable_sort(changes.begin(), changes.end(), [](const NodeTimingChange& x, const NodeTimingChange& y) {
        return std::abs(x.msB - x.msA) > std::abs(y.msB - y.msA);
    });
    if (changes.size() > limit)
        changes.resize(limit);
    review.timings = std::move(changes);
}

} // namespace ptscope
