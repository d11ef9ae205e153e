#pragma once

#include "graph/graphdrawing.h"
#include "uitestsupport.h"

#include <QString>
#include <memory>

class GraphController;

// Helpers for the graph tab's tests: opening a fixture in a worker (the graph comes from the model
// the worker holds, not only from its ModelInfo), and waiting for the GraphController to settle.
namespace GraphTest {

constexpr int TimeoutMs = 120000;

// Null (with a test warning) when the fixture does not load.
std::unique_ptr<UiTest::OpenedModel> open(const QString& fixture);
// Waits until the controller has a drawing and no job left; false on timeout.
bool waitUntilSettled(GraphController& controller);
int countKind(const ptscope::Graph& graph, const std::string& kind);
// Index of the first node of a kind, -1 if there is none.
int firstNodeOfKind(const ptscope::Graph& graph, const std::string& kind);
int countItems(const ptscope::GraphView& view, ptscope::ViewItemKind kind);
// Items of a kind whose scope is `scope` or inside it.
int countItemsUnder(const ptscope::GraphView& view, ptscope::ViewItemKind kind, const std::string& scope);
// The first collapsed module box of a view, -1 if there is none.
int firstModuleBox(const ptscope::GraphView& view);

} // namespace GraphTest
