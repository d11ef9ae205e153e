#pragma once

// A fixture model with one of its graphs and the view options the window starts from (each
// module's short type for the frames' labels), shared by the graph and layout tests.

#include "ptscope/graph/graph.h"
#include "ptscope/graph/graphview.h"
#include "ptscope/load/model.h"
#include "testsupport.h"

namespace ptscope::test {

struct Loaded
{
    Model model;
    Graph graph;
    ViewOptions options;
};

inline Loaded load(const std::string& fixture, GraphVariant variant = GraphVariant::Inlined)
{
    Model model = Model::open(fixturePath(fixture));
    Graph graph = extractGraph(model, variant);
    ViewOptions options;
    for (const ModuleInfo& m : model.info().modules)
        options.scopeTypes[m.path] = m.shortType;
    return {std::move(model), std::move(graph), std::move(options)};
}

} // namespace ptscope::test
