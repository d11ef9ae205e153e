#pragma once

#include <QString>
#include <optional>
#include <ptscope/run/runresult.h>

// How outputs are worded in the outputs tree and the panel's summary, in one place.
namespace OutputText {

// "[1, 4]"; "[]" for a 0-d tensor.
QString shape(const ptscope::TensorStats& stats);
// Six significant digits, integers without exponent up to 1e15; "–" when absent.
QString statistic(const std::optional<double>& value);
// Full precision, for tooltips and copying.
QString statisticExact(const std::optional<double>& value);
// The value of a scalar or string output, "None", or "3 entries" for a dict; empty for a tensor.
QString value(const ptscope::OutputInfo& output);
// The TorchScript type when the worker reported it ("Dict[str, Tensor]"), else the kind.
QString type(const ptscope::OutputInfo& output);
bool isContainer(ptscope::OutputInfo::Kind kind);

} // namespace OutputText
