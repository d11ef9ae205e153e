#pragma once

#include <QMetaType>
#include <memory>
#include <ptscope/graph/graph.h>
#include <ptscope/graph/graphlayout.h>
#include <ptscope/graph/graphview.h>

// An extracted graph, shared read-only between the controller, the scene and the item models.
// Extraction happens once per variant on a worker; nobody copies it after that.
using GraphPtr = std::shared_ptr<const ptscope::Graph>;

// One variant's graph with what freezing or optimizing changed relative to the inlined graph.
struct GraphVariantData
{
    GraphPtr graph;
    ptscope::VariantSummary summary;
    std::set<std::string> initialCollapsed; // the variant's first view
};
using GraphVariantPtr = std::shared_ptr<const GraphVariantData>;

// Everything the scene needs to draw one view: which scopes were collapsed, what that made of
// the graph, and where Graphviz put it. Plain values, made on a worker, sent by pointer.
struct GraphDrawing
{
    GraphPtr graph;
    ptscope::ViewOptions options;
    ptscope::GraphView view;
    ptscope::GraphLayout layout;
    qint64 milliseconds = 0; // building the view and laying it out
};
using GraphDrawingPtr = std::shared_ptr<const GraphDrawing>;

Q_DECLARE_METATYPE(GraphVariantPtr)
Q_DECLARE_METATYPE(GraphDrawingPtr)
