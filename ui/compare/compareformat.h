#pragma once

#include <QString>
#include <ptscope/compare/comparereport.h>

// How the Compare mode writes a comparison's values, so its tables, banner and node links say
// the same thing the same way.
namespace CompareFormat {

// A metric: four significant digits ("0.0001234", "3.033", "1.2e+07"); "0" for exact zero.
QString number(double value);
// "[1, 4]"; "scalar" for no dimensions.
QString shape(const std::vector<int64_t>& shape);
// "float32 [1, 4]", or "float32 [1, 4] → float64 [1, 5]" when the sides differ.
QString shapesOf(const ptscope::OutputDiff& diff);
// "match", "differs", "shape differs", "dtype differs", "only in A", "only in B".
QString verdictOf(const ptscope::OutputDiff& diff);
// "match", "mismatch", "A raised", "B raised", "both raised".
QString verdictOf(const ptscope::InputDiff& input);
// Mismatched over total elements of every output ("4 / 4"); empty when none were compared.
QString mismatchedOf(const ptscope::InputDiff& input);
// "aten::dropout in drop" (or "at the top level" without a scope).
QString node(const ptscope::NodeRef& ref);
// "dropout.py:8" (the archive's file name and line); empty when unknown.
QString sourceShort(const ptscope::SourceLocation& source);
// A structural cause's kind for people: "if in one model only", "baked-in shape", ...
QString causeTitle(const std::string& kind);
// The other side's name: a file name of model B, or of the reference outputs.
QString otherName(const ptscope::OutputComparison& outputs);

} // namespace CompareFormat
