#include "graph/graphselection.h"

#include "controllers/graphcontroller.h"
#include "graph/graphcanvas.h"
#include "graph/nodeinspector.h"

namespace {

bool isUnder(const std::string& scope, const std::string& ancestor)
{
    return scope == ancestor ||
           (scope.size() > ancestor.size() && scope.compare(0, ancestor.size(), ancestor) == 0 &&
            scope[ancestor.size()] == '.');
}

// What stays in place across a relayout: the top edge's middle, where a module's box and the
// cluster replacing it (or the other way round) have their label.
QPointF topCentre(const QRectF& rect)
{
    return {rect.center().x(), rect.top()};
}

} // namespace

GraphSelection::GraphSelection(GraphController* controller, GraphCanvas* canvas, NodeInspector* inspector,
                               QObject* parent)
    : QObject(parent), m_controller(controller), m_canvas(canvas), m_scene(canvas->graphScene()),
      m_inspector(inspector)
{
    connect(canvas, &GraphCanvas::clicked, this,
            [this](const GraphScene::Target& target) { onClicked(target); });
    connect(canvas, &GraphCanvas::doubleClicked, this,
            [this](const GraphScene::Target& target) { onDoubleClicked(target); });
    connect(inspector, &NodeInspector::expandRequested, this, [this](const QString& scope) {
        const int box = m_scene->boxOfScope(scope.toStdString());
        if (box >= 0)
            expandBox(box);
    });
}

void GraphSelection::clear()
{
    m_node = -1;
    m_scope.clear();
    m_anchor.reset();
    m_scene->clearSelection();
    m_inspector->clear();
}

void GraphSelection::onClicked(const GraphScene::Target& target)
{
    const GraphDrawingPtr& drawing = m_scene->drawing();
    if (!drawing)
        return;
    switch (target.kind) {
    case GraphScene::Target::None:
        clear();
        return;
    case GraphScene::Target::Box: {
        const ptscope::ViewItem& item = drawing->view.items[target.index];
        if (item.kind == ptscope::ViewItemKind::Op) {
            selectNode(item.node);
        } else if (item.kind == ptscope::ViewItemKind::Module) {
            expandBox(target.index);
        } else {
            clear();
            m_scene->selectBox(target.index);
        }
        return;
    }
    case GraphScene::Target::ClusterHeader:
        collapseCluster(target.index);
        return;
    case GraphScene::Target::Cluster:
        selectCluster(target.index);
        return;
    }
}

void GraphSelection::onDoubleClicked(const GraphScene::Target& target)
{
    const GraphDrawingPtr& drawing = m_scene->drawing();
    if (!drawing)
        return;
    if (target.kind == GraphScene::Target::Cluster &&
        drawing->view.clusters[target.index].kind == ptscope::ClusterKind::Module) {
        collapseCluster(target.index);
    } else if (target.kind == GraphScene::Target::Box &&
               drawing->view.items[target.index].kind == ptscope::ViewItemKind::Op) {
        const ptscope::GraphNode& node = drawing->graph->nodes[drawing->view.items[target.index].node];
        if (!node.source.file.empty())
            emit openSourceRequested(QString::fromStdString(node.source.file), node.source.line);
    }
}

void GraphSelection::selectCluster(int cluster)
{
    const std::string scope = m_scene->drawing()->view.clusters[cluster].scope;
    m_node = -1;
    m_scope = scope;
    m_scene->selectCluster(cluster);
    m_inspector->clear();
    emit moduleSelected(QString::fromStdString(scope));
}

void GraphSelection::selectNode(int node)
{
    const GraphDrawingPtr& drawing = m_scene->drawing();
    if (!drawing || node < 0 || node >= int(drawing->graph->nodes.size()))
        return;
    const int item = drawing->view.itemOfNode[node];
    const ptscope::GraphNode& n = drawing->graph->nodes[node];
    m_node = node;
    m_scope.clear();
    m_scene->selectBox(item);
    const bool hidden = item >= 0 && drawing->view.items[item].kind == ptscope::ViewItemKind::Module;
    m_inspector->showNode(drawing->graph, node,
                          hidden ? tr("Drawn inside the collapsed module %1.")
                                       .arg(QString::fromStdString(drawing->view.items[item].scope))
                                 : QString());
    emit nodeSelected(node);
    emit moduleSelected(QString::fromStdString(n.scope));
    if (!n.source.file.empty())
        emit sourceSelected(QString::fromStdString(n.source.file), n.source.line);
}

bool GraphSelection::focusModule(const QString& path)
{
    const GraphDrawingPtr& drawing = m_scene->drawing();
    if (!drawing)
        return false;
    const std::string scope = path.toStdString();
    m_node = -1;
    m_scope = scope;
    m_inspector->clear();
    if (scope.empty()) {
        m_scene->clearSelection();
        return true; // the root is the whole drawing
    }
    const int cluster = m_scene->clusterOfScope(scope);
    if (cluster >= 0) {
        m_scene->selectCluster(cluster);
        m_canvas->focusOn(m_scene->clusterRect(cluster));
        return true;
    }
    const int box = m_scene->boxOfScope(scope);
    m_scene->selectBox(box);
    if (box < 0) {
        emit message(tr("%1 has no nodes in this graph.").arg(path));
        return false;
    }
    m_inspector->showModuleBox(drawing, box);
    m_canvas->focusOn(m_scene->boxRect(box));
    const std::string& boxScope = drawing->view.items[box].scope;
    if (boxScope != scope)
        emit message(tr("%1 is inside the collapsed module %2; click its box to expand it.")
                         .arg(path, QString::fromStdString(boxScope)));
    return true;
}

void GraphSelection::expandBox(int item)
{
    const GraphDrawingPtr& drawing = m_scene->drawing();
    const std::string scope = drawing->view.items[item].scope;
    m_node = -1;
    m_scope = scope;
    m_scene->selectBox(item);
    m_inspector->showModuleBox(drawing, item);
    emit moduleSelected(QString::fromStdString(scope));
    // The cluster that replaces the box opens where the box was.
    setAnchor({-1, scope, {}}, m_scene->boxRect(item));
    m_controller->expandScope(scope);
}

void GraphSelection::collapseCluster(int cluster)
{
    const std::string scope = m_scene->drawing()->view.clusters[cluster].scope;
    m_node = -1;
    m_scope = scope;
    emit moduleSelected(QString::fromStdString(scope));
    setAnchor({-1, scope, {}}, m_scene->clusterRect(cluster));
    m_controller->collapseScope(scope);
}

void GraphSelection::revealNode(int node)
{
    const GraphDrawingPtr& drawing = m_scene->drawing();
    if (!drawing || node < 0)
        return;
    const std::string& scope = drawing->graph->nodes[node].scope;
    std::set<std::string> around;
    for (const std::string& collapsed : m_controller->requestedOptions().collapsedScopes)
        if (isUnder(scope, collapsed))
            around.insert(collapsed);
    if (around.empty())
        return;
    m_node = node;
    m_scope.clear();
    setAnchor({node, {}, {}}, m_scene->boxRect(drawing->view.itemOfNode[node]));
    m_controller->expandScopes(around);
}

void GraphSelection::setAnchor(Anchor anchor, const QRectF& sceneRect)
{
    anchor.viewportPos = m_canvas->mapFromScene(topCentre(sceneRect));
    m_anchor = anchor;
}

void GraphSelection::keepSelectionInPlace()
{
    const GraphDrawingPtr& drawing = m_scene->drawing();
    if (drawing && m_node >= 0)
        setAnchor({m_node, {}, {}}, m_scene->boxRect(drawing->view.itemOfNode[m_node]));
    else if (!m_scope.empty() && m_scene->selectedCluster() >= 0)
        setAnchor({-1, m_scope, {}}, m_scene->clusterRect(m_scene->selectedCluster()));
    else if (!m_scope.empty() && m_scene->selectedBox() >= 0)
        setAnchor({-1, m_scope, {}}, m_scene->boxRect(m_scene->selectedBox()));
    else
        m_anchor.reset();
}

void GraphSelection::drawingReplaced(bool freshVariant)
{
    restore();
    if (freshVariant || !m_anchor)
        m_canvas->showStart();
    else
        applyAnchor();
    m_anchor.reset();
}

void GraphSelection::applyAnchor()
{
    const ptscope::GraphView& view = m_scene->drawing()->view;
    QRectF rect;
    if (m_anchor->node >= 0) {
        rect = m_scene->boxRect(view.itemOfNode[m_anchor->node]);
    } else {
        const int cluster = m_scene->clusterOfScope(m_anchor->scope);
        rect = cluster >= 0 ? m_scene->clusterRect(cluster)
                            : m_scene->boxRect(m_scene->boxOfScope(m_anchor->scope));
    }
    if (rect.isNull())
        return;
    m_canvas->placeAt(topCentre(rect), m_anchor->viewportPos);
    // A module that opened bigger than the window is shown whole instead, as far as its labels
    // stay readable: its top edge alone says little.
    const QSizeF visible = m_canvas->visibleSceneRect().size();
    if (m_anchor->node < 0 && (rect.width() > visible.width() || rect.height() > visible.height()))
        m_canvas->focusOn(rect, std::min(m_canvas->zoom(), 0.5));
}

void GraphSelection::restore()
{
    const GraphDrawingPtr& drawing = m_scene->drawing();
    if (m_node >= 0 && m_node < int(drawing->graph->nodes.size()) && drawing->view.itemOfNode[m_node] >= 0) {
        m_scene->selectBox(drawing->view.itemOfNode[m_node]);
        return;
    }
    m_node = -1;
    m_inspector->clear();
    if (m_scope.empty())
        return;
    const int cluster = m_scene->clusterOfScope(m_scope);
    if (cluster >= 0) {
        m_scene->selectCluster(cluster);
        return;
    }
    const int box = m_scene->boxOfScope(m_scope);
    m_scene->selectBox(box);
    if (box >= 0)
        m_inspector->showModuleBox(drawing, box);
}
