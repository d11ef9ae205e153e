#include "compare/tensorcompare.h"

#include <ATen/ATen.h>
#include <limits>

namespace ptscope {

bool tensorsEqual(const at::Tensor& a, const at::Tensor& b)
{
    if (a.defined() != b.defined())
        return false;
    if (!a.defined())
        return true;
    if (a.scalar_type() != b.scalar_type() || !a.sizes().equals(b.sizes()))
        return false;
    const at::Tensor x = a.cpu();
    const at::Tensor y = b.cpu();
    if (at::equal(x, y))
        return true;
    return (x.is_floating_point() || x.is_complex()) && at::allclose(x, y, 0.0, 0.0, true);
}

double maxAbsDifference(const at::Tensor& a, const at::Tensor& b)
{
    if (a.numel() == 0)
        return 0;
    at::Tensor x = a.cpu();
    at::Tensor y = b.cpu();
    if (x.is_complex() || y.is_complex()) {
        x = at::view_as_real(x.to(at::kComplexDouble).resolve_conj());
        y = at::view_as_real(y.to(at::kComplexDouble).resolve_conj());
    } else {
        x = x.to(at::kDouble);
        y = y.to(at::kDouble);
    }
    const at::Tensor nanX = x.isnan();
    if (!at::equal(nanX, y.isnan()))
        return std::numeric_limits<double>::quiet_NaN();
    // Equal values (the same infinity included) differ by nothing; inf - inf would be NaN.
    const at::Tensor same = (x == y).logical_or(nanX);
    const at::Tensor diff = (x - y).abs().masked_fill(same, 0.0);
    return diff.max().item<double>();
}

} // namespace ptscope
