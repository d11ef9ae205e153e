#include "common/tensorextent.h"

#include "ptscope/common/format.h"

#include <c10/core/StorageImpl.h>

namespace ptscope {

namespace {

std::string sizesText(c10::IntArrayRef sizes)
{
    std::string text = "[";
    for (size_t i = 0; i < sizes.size(); ++i)
        text += (i ? ", " : "") + std::to_string(sizes[i]);
    return text + "]";
}

} // namespace

std::string tensorExtentProblem(const at::Tensor& tensor)
{
    if (!tensor.defined() || !tensor.has_storage() || tensor.is_sparse() || tensor.is_mkldnn())
        return {};
    const c10::IntArrayRef sizes = tensor.sizes();
    const c10::IntArrayRef strides = tensor.strides();
    const int64_t offset = tensor.storage_offset();
    if (offset < 0)
        return "a negative storage offset (" + std::to_string(offset) + ")";
    int64_t last = offset; // the highest element index the view reaches
    for (size_t d = 0; d < sizes.size(); ++d) {
        if (sizes[d] < 0)
            return "a negative size " + sizesText(sizes);
        if (sizes[d] == 0)
            return {}; // no elements: nothing is read
        if (strides[d] < 0)
            return "a negative stride";
        int64_t reach = 0;
        if (__builtin_mul_overflow(sizes[d] - 1, strides[d], &reach) || __builtin_add_overflow(last, reach, &last))
            return "size " + sizesText(sizes) + " and strides that overflow";
    }
    const int64_t item = static_cast<int64_t>(tensor.dtype().itemsize());
    int64_t needed = 0;
    if (__builtin_mul_overflow(last + 1, item, &needed))
        return "size " + sizesText(sizes) + " that overflows";
    const int64_t held = static_cast<int64_t>(tensor.storage().nbytes());
    if (needed > held)
        return "size " + sizesText(sizes) + " at offset " + std::to_string(offset) + ", which needs " +
               formatBytes(needed) + ", but its storage holds " + formatBytes(held);
    return {};
}

} // namespace ptscope
