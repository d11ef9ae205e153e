#include "graphtestsupport.h"

#include "controllers/graphcontroller.h"
#include "uitestsupport.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

namespace GraphTest {

namespace {

bool isUnder(const std::string& scope, const std::string& ancestor)
{
    return scope == ancestor ||
           (scope.size() > ancestor.size() && scope.compare(0, ancestor.size(), ancestor) == 0 &&
            scope[ancestor.size()] == '.');
}

} // namespace

std::unique_ptr<UiTest::OpenedModel> open(const QString& fixture)
{
    return UiTest::openModel(fixture);
}

bool waitUntilSettled(GraphController& controller)
{
    QElapsedTimer timer;
    timer.start();
    while ((controller.isBusy() || !controller.drawing()) && timer.elapsed() < TimeoutMs)
        QTest::qWait(10);
    return !controller.isBusy() && controller.drawing();
}

int countKind(const ptscope::Graph& graph, const std::string& kind)
{
    int count = 0;
    for (const ptscope::GraphNode& node : graph.nodes)
        count += node.kind == kind;
    return count;
}

int countItems(const ptscope::GraphView& view, ptscope::ViewItemKind kind)
{
    int count = 0;
    for (const ptscope::ViewItem& item : view.items)
        count += item.kind == kind;
    return count;
}

int countItemsUnder(const ptscope::GraphView& view, ptscope::ViewItemKind kind, const std::string& scope)
{
    int count = 0;
    for (const ptscope::ViewItem& item : view.items)
        count += item.kind == kind && isUnder(item.scope, scope);
    return count;
}

int firstModuleBox(const ptscope::GraphView& view)
{
    for (size_t i = 0; i < view.items.size(); ++i)
        if (view.items[i].kind == ptscope::ViewItemKind::Module)
            return int(i);
    return -1;
}

int firstNodeOfKind(const ptscope::Graph& graph, const std::string& kind)
{
    for (size_t i = 0; i < graph.nodes.size(); ++i)
        if (graph.nodes[i].kind == kind)
            return int(i);
    return -1;
}

} // namespace GraphTest
