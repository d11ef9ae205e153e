#pragma once

#include "graph/graphmarks.h"

#include <array>
#include <ptscope/compare/nodediff.h>

// What the Compare mode marks on each model's inlined graph: the first divergent node (red),
// the nodes a structural cause points at (purple) and the nodes run in one model only (orange);
// a node marked twice keeps the strongest.
namespace CompareMarks {

QColor divergentColor();
QColor causeColor();
QColor unalignedColor();

// [0] for A, [1] for B.
std::array<GraphMarks, 2> of(const ptscope::NodeComparison& comparison);

} // namespace CompareMarks
