#pragma once

// Where two models part ways, node by node: their executed nodes aligned, the first aligned node
// whose output differs, and what the graphs' structure says about why.

#include "ptscope/compare/outputdiff.h"
#include "ptscope/graph/graph.h"

#include <string>
#include <vector>

namespace ptscope {

// A node of one model's inlined forward graph.
struct NodeRef
{
    int node = -1; // id in that model's inlined Graph; -1: none
    std::string kind;
    std::string scope;
    SourceLocation source;
};

// A reason in the graphs' structure, in words.
struct StructuralCause
{
    // "if", "loop", "baked_shape", "baked_value", "training_dropout", "training_batchnorm"
    std::string kind;
    std::string message;
    NodeRef a, b; // where it shows in each model, when it does
};

struct NodeComparison
{
    std::string input;     // the input both ran on
    bool executed = false; // both ran in the node executor; else `note` says why not
    std::string note;
    int executedA = 0, executedB = 0; // operator nodes run
    int aligned = 0;
    // Nodes run in one model with no partner in the other, in execution order (at most 50 each).
    std::vector<NodeRef> unalignedA, unalignedB;
    int unalignedCountA = 0, unalignedCountB = 0;

    bool diverged = false; // an aligned node's output differs beyond tolerance
    NodeRef divergentA, divergentB;
    std::vector<OutputDiff> divergentOutputs; // that node's outputs compared
    int divergentStep = -1;                   // its place among the aligned pairs

    // Nodes only one model ran, that made tensors, where the runs part: just before the first
    // divergent pair, or when no aligned node differs, the first such nodes (at most 10 each).
    std::vector<NodeRef> partingA, partingB;

    std::vector<StructuralCause> causes;
};

// Causes read from the two inlined graphs alone: a prim::If or prim::Loop in one and not the
// other, and a constant in one where the other computes the number from sizes or values
// (aligned gives the node pairs found by running both: (id in a, id in b)).
std::vector<StructuralCause> structuralCauses(const Graph& a, const Graph& b,
                                              const std::vector<std::pair<int, int>>& aligned);

NodeRef nodeRef(const Graph& graph, int node);

} // namespace ptscope
