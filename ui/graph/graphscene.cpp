#include "graph/graphscene.h"

#include "graph/graphboxitem.h"
#include "graph/graphclusteritem.h"
#include "graph/graphedgeitem.h"

namespace {

constexpr qreal EdgeZ = 1000;
constexpr qreal BoxZ = 2000;
constexpr qreal Margin = 12;

QRectF toRect(const ptscope::LayoutRect& rect)
{
    return {rect.x, rect.y, rect.width, rect.height};
}

QString toolTipOf(const GraphDrawing& drawing, const ptscope::ViewItem& item)
{
    switch (item.kind) {
    case ptscope::ViewItemKind::Op: {
        const ptscope::GraphNode& node = drawing.graph->nodes[item.node];
        QString tip = QString::fromStdString(node.kind);
        if (!node.scope.empty())
            tip += QLatin1Char('\n') + QString::fromStdString(node.scope);
        if (!node.source.text.empty())
            tip += QLatin1Char('\n') + QString::fromStdString(node.source.text);
        return tip;
    }
    case ptscope::ViewItemKind::Module: {
        const QString nodes = item.memberCount == 1 ? GraphScene::tr("1 node")
                                                    : GraphScene::tr("%1 nodes").arg(item.memberCount);
        return GraphScene::tr("%1: %2\nClick to expand").arg(QString::fromStdString(item.scope), nodes);
    }
    case ptscope::ViewItemKind::Input:
        return GraphScene::tr("Input %1").arg(QString::fromStdString(item.label));
    case ptscope::ViewItemKind::Output:
        return GraphScene::tr("What forward returns");
    }
    return {};
}

} // namespace

GraphScene::GraphScene(QObject* parent) : QGraphicsScene(parent)
{
    setBackgroundBrush(Qt::white);
}

void GraphScene::clearDrawing()
{
    clear();
    setSceneRect(QRectF()); // back to "as big as the items", which is nothing
    m_drawing.reset();
    m_boxes.clear();
    m_clusters.clear();
    m_edgesOfBox.clear();
    m_edges.clear();
    m_selectedBox = m_selectedCluster = -1;
    m_hitBoxes.clear();
}

void GraphScene::setDrawing(GraphDrawingPtr drawing)
{
    clearDrawing();
    m_drawing = std::move(drawing);
    const ptscope::GraphView& view = m_drawing->view;
    const ptscope::GraphLayout& layout = m_drawing->layout;

    m_clusters.resize(int(view.clusters.size()));
    for (size_t c = 0; c < view.clusters.size(); ++c) {
        int depth = 0;
        for (int p = view.clusters[c].parent; p >= 0; p = view.clusters[p].parent)
            ++depth;
        auto* item = new GraphClusterItem(view.clusters[c], int(c), depth, toRect(layout.clusters[c]));
        item->setZValue(depth);
        addItem(item);
        m_clusters[int(c)] = item;
    }
    m_boxes.resize(int(view.items.size()));
    m_edgesOfBox.resize(int(view.items.size()));
    for (size_t i = 0; i < view.items.size(); ++i) {
        auto* item = new GraphBoxItem(view.items[i], int(i), toRect(layout.items[i]));
        item->setZValue(BoxZ);
        item->setToolTip(toolTipOf(*m_drawing, view.items[i]));
        addItem(item);
        m_boxes[int(i)] = item;
    }
    for (size_t e = 0; e < view.edges.size(); ++e) {
        const ptscope::ViewEdge& edge = view.edges[e];
        // Ordering edges only keep program order in the layout; no value flows along them.
        if (edge.ordering || layout.edges[e].path.empty())
            continue;
        auto* item = new GraphEdgeItem(edge, layout.edges[e]);
        item->setZValue(EdgeZ);
        addItem(item);
        m_edgesOfBox[edge.from].append(item);
        m_edgesOfBox[edge.to].append(item);
        m_edges.append({int(e), item});
    }
    setSceneRect(QRectF(0, 0, layout.width, layout.height).adjusted(-Margin, -Margin, Margin, Margin));
    applyHeat();
    applyMarks();
}

void GraphScene::setMarks(const GraphMarks& marks)
{
    m_marks = marks;
    applyMarks();
}

void GraphScene::applyMarks()
{
    if (!m_drawing)
        return;
    QHash<int, GraphMark> byItem;
    if (m_drawing->graph->variant == m_marks.variant) {
        const std::vector<int>& itemOfNode = m_drawing->view.itemOfNode;
        for (auto it = m_marks.byNode.cbegin(); it != m_marks.byNode.cend(); ++it) {
            const int node = it.key();
            const int item = node >= 0 && size_t(node) < itemOfNode.size() ? itemOfNode[size_t(node)] : -1;
            if (item < 0)
                continue;
            const auto current = byItem.constFind(item);
            if (current == byItem.cend() || current->priority < it->priority)
                byItem.insert(item, *it);
        }
    }
    for (int i = 0; i < m_boxes.size(); ++i) {
        if (GraphBoxItem* b = m_boxes[i]) {
            const auto mark = byItem.constFind(i);
            b->setMark(mark == byItem.cend() ? std::nullopt : std::optional<GraphMark>(*mark));
        }
    }
}

QStringList GraphScene::edgeRunLabels() const
{
    QStringList labels;
    for (const auto& edge : m_edges)
        labels << edge.second->runLabel();
    return labels;
}

void GraphScene::setHeat(const GraphHeat& heat)
{
    m_heat = heat;
    applyHeat();
}

void GraphScene::applyHeat()
{
    if (!m_drawing)
        return;
    // A profile's node ids are those of the variant it ran: another variant's boxes stay as they are.
    const bool on = !m_heat.isEmpty() && m_drawing->graph->variant == m_heat.variant();
    const ptscope::GraphView& view = m_drawing->view;
    for (int i = 0; i < m_boxes.size(); ++i) {
        GraphBoxItem* b = m_boxes[i];
        const ptscope::ViewItem& item = view.items[size_t(i)];
        std::optional<HeatMark> mark;
        if (on && item.kind == ptscope::ViewItemKind::Op)
            mark = m_heat.markOfNode(item.node);
        else if (on && item.kind == ptscope::ViewItemKind::Module)
            mark = m_heat.markOfScope(item.scope);
        b->setHeat(mark);
    }
    // Edges of one value get the shape it had in the profiled run ("1×64×56×56").
    const ptscope::Graph& graph = *m_drawing->graph;
    for (const auto& [index, item] : std::as_const(m_edges)) {
        const ptscope::ViewEdge& edge = view.edges[size_t(index)];
        QString label;
        if (on && edge.values == 1 && edge.value >= 0) {
            const int producer = graph.values[size_t(edge.value)].producer;
            if (producer >= 0) {
                const auto& outputs = graph.nodes[size_t(producer)].outputs;
                const auto at = std::find(outputs.begin(), outputs.end(), edge.value);
                label = m_heat.edgeLabelOfOutput(producer, int(at - outputs.begin()));
            }
        }
        item->setRunLabel(label);
    }
    for (int c = 0; c < m_clusters.size(); ++c) {
        const ptscope::ViewCluster& cluster = view.clusters[size_t(c)];
        m_clusters[c]->setHeat(on && cluster.kind == ptscope::ClusterKind::Module ? m_heat.markOfScope(cluster.scope)
                                                                                  : std::nullopt);
    }
}

GraphScene::Target GraphScene::targetAt(const QPointF& scenePos) const
{
    // items() sorts topmost first: a box before the edges and clusters under it.
    for (QGraphicsItem* item : items(scenePos, Qt::IntersectsItemBoundingRect, Qt::DescendingOrder)) {
        if (auto* box = qgraphicsitem_cast<GraphBoxItem*>(item)) {
            if (box->boxRect().contains(scenePos))
                return {Target::Box, box->index()};
        } else if (auto* cluster = qgraphicsitem_cast<GraphClusterItem*>(item)) {
            if (!cluster->frameRect().contains(scenePos) && !cluster->headerContains(scenePos))
                continue;
            return {cluster->isModule() && cluster->headerContains(scenePos) ? Target::ClusterHeader
                                                                             : Target::Cluster,
                    cluster->index()};
        }
    }
    return {};
}

int GraphScene::clusterOfScope(const std::string& scope) const
{
    if (!m_drawing)
        return -1;
    const auto& clusters = m_drawing->view.clusters;
    for (size_t c = 0; c < clusters.size(); ++c)
        if (clusters[c].kind == ptscope::ClusterKind::Module && clusters[c].scope == scope)
            return int(c);
    return -1;
}

int GraphScene::boxOfScope(const std::string& scope) const
{
    if (!m_drawing)
        return -1;
    const auto& items = m_drawing->view.items;
    for (size_t i = 0; i < items.size(); ++i) {
        const std::string& box = items[i].scope;
        if (items[i].kind == ptscope::ViewItemKind::Module &&
            (box == scope || (scope.size() > box.size() && scope.compare(0, box.size(), box) == 0 &&
                              scope[box.size()] == '.')))
            return int(i);
    }
    return -1;
}

QRectF GraphScene::boxRect(int item) const
{
    const GraphBoxItem* b = box(item);
    return b ? b->boxRect() : QRectF();
}

QRectF GraphScene::clusterRect(int index) const
{
    const GraphClusterItem* c = cluster(index);
    return c ? c->frameRect() : QRectF();
}

void GraphScene::highlightEdgesOf(int item, bool on)
{
    if (item < 0 || item >= m_edgesOfBox.size())
        return;
    for (GraphEdgeItem* edge : std::as_const(m_edgesOfBox[item]))
        edge->setHighlighted(on);
}

void GraphScene::clearSelection()
{
    if (GraphBoxItem* b = box(m_selectedBox))
        b->setSelectedBox(false);
    highlightEdgesOf(m_selectedBox, false);
    if (GraphClusterItem* c = cluster(m_selectedCluster))
        c->setSelectedCluster(false);
    m_selectedBox = m_selectedCluster = -1;
}

void GraphScene::selectBox(int item)
{
    clearSelection();
    GraphBoxItem* b = box(item);
    if (!b)
        return;
    m_selectedBox = item;
    b->setSelectedBox(true);
    highlightEdgesOf(item, true);
}

void GraphScene::selectCluster(int index)
{
    clearSelection();
    GraphClusterItem* c = cluster(index);
    if (!c)
        return;
    m_selectedCluster = index;
    c->setSelectedCluster(true);
}

void GraphScene::setHits(const QSet<int>& items)
{
    for (int item : std::as_const(m_hitBoxes))
        if (GraphBoxItem* b = box(item))
            b->setHit(false);
    m_hitBoxes = items;
    for (int item : items)
        if (GraphBoxItem* b = box(item))
            b->setHit(true);
}
