#pragma once

#include "graph/graphdrawing.h"
#include "graph/graphheat.h"
#include "graph/graphmarks.h"

#include <QGraphicsScene>
#include <QSet>
#include <QStringList>
#include <QVector>

class GraphBoxItem;
class GraphClusterItem;
class GraphEdgeItem;

// The drawing of one laid-out view as scene items: clusters at the back (outer below inner),
// edges above them, boxes on top. Knows which scene item shows which view item or cluster, and
// keeps the selection and search-hit marks; what a click means is the panel's business.
class GraphScene : public QGraphicsScene
{
    Q_OBJECT
public:
    struct Target
    {
        enum Kind
        {
            None,
            Box,
            Cluster,
            ClusterHeader
        } kind = None;
        int index = -1; // view item or view cluster
    };

    explicit GraphScene(QObject* parent = nullptr);

    void setDrawing(GraphDrawingPtr drawing);
    void clearDrawing();
    const GraphDrawingPtr& drawing() const { return m_drawing; }

    Target targetAt(const QPointF& scenePos) const;
    GraphBoxItem* box(int item) const { return m_boxes.value(item); }
    GraphClusterItem* cluster(int index) const { return m_clusters.value(index); }
    int boxCount() const { return m_boxes.size(); }
    int clusterCount() const { return m_clusters.size(); }
    // Scene rectangle of a box or cluster; null for an index out of range.
    QRectF boxRect(int item) const;
    QRectF clusterRect(int cluster) const;

    // The first module cluster drawing a scope (a module called twice has one per call).
    int clusterOfScope(const std::string& scope) const;
    // The collapsed module box drawing a scope: its own, or that of a collapsed ancestor.
    int boxOfScope(const std::string& scope) const;

    // At most one box or one cluster is selected; selecting a box highlights its edges too.
    void selectBox(int item);
    void selectCluster(int cluster);
    void clearSelection();
    int selectedBox() const { return m_selectedBox; }
    int selectedCluster() const { return m_selectedCluster; }
    // Marks the boxes holding search hits.
    void setHits(const QSet<int>& items);
    // Colours boxes and module frames by the profile's times; an empty heat removes the marks.
    // Kept across drawings: a new layout of the same variant is marked as it arrives.
    void setHeat(const GraphHeat& heat);
    const GraphHeat& heat() const { return m_heat; }
    // Outlines boxes by node (a collapsed module's box by the nodes inside it); kept across
    // drawings like the heat, and only applied to drawings of the marks' variant.
    void setMarks(const GraphMarks& marks);
    const GraphMarks& marks() const { return m_marks; }
    // The shape from the profiled run written on each edge of one value (empty without).
    QStringList edgeRunLabels() const;

private:
    void highlightEdgesOf(int item, bool on);
    void applyHeat();
    void applyMarks();

    GraphDrawingPtr m_drawing;
    QVector<GraphBoxItem*> m_boxes;        // by view item; null when Graphviz placed none
    QVector<GraphClusterItem*> m_clusters; // by view cluster
    QVector<QVector<GraphEdgeItem*>> m_edgesOfBox;
    QVector<QPair<int, GraphEdgeItem*>> m_edges; // view edge index, its item
    int m_selectedBox = -1;
    int m_selectedCluster = -1;
    QSet<int> m_hitBoxes;
    GraphHeat m_heat;
    GraphMarks m_marks;
};
