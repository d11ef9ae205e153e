#pragma once

#include "graph/graphscene.h"

#include <QObject>
#include <optional>
#include <string>

class GraphCanvas;
class GraphController;
class NodeInspector;

// What is selected in the graph tab (a node, or a module's cluster or box) and what must stay
// put on screen when the drawing is replaced. Turns the canvas's clicks into selections and into
// the controller's expand and collapse requests, keeps the inspector in step, and after each
// relayout selects the same thing again and scrolls it back under the mouse.
class GraphSelection : public QObject
{
    Q_OBJECT
public:
    GraphSelection(GraphController* controller, GraphCanvas* canvas, NodeInspector* inspector,
                   QObject* parent = nullptr);

    void clear();
    int selectedNode() const { return m_node; }
    // As a click on the node's box would (the box may be a collapsed module's).
    void selectNode(int node);
    // Selects and centres a module's cluster or box; false when the drawing has nothing of it.
    bool focusModule(const QString& path);
    // Expands the collapsed modules around a node, keeping its box in place.
    void revealNode(int node);
    // Before a relayout nobody clicked for (constants, expand all): the selection stays put.
    void keepSelectionInPlace();
    void forgetPlace() { m_anchor.reset(); }
    // After the scene got a new drawing; a new variant's first drawing starts at its top.
    void drawingReplaced(bool freshVariant);

signals:
    void nodeSelected(int node);
    void moduleSelected(const QString& path);
    void sourceSelected(const QString& file, int line);
    void openSourceRequested(const QString& file, int line);
    void message(const QString& text);

private:
    struct Anchor
    {
        int node = -1;     // keep this node's box in place, or else
        std::string scope; // this module's cluster or box
        QPoint viewportPos;
    };

    void onClicked(const GraphScene::Target& target);
    void onDoubleClicked(const GraphScene::Target& target);
    void selectCluster(int cluster);
    void expandBox(int item);
    void collapseCluster(int cluster);
    void setAnchor(Anchor anchor, const QRectF& sceneRect);
    void applyAnchor();
    void restore();

    GraphController* m_controller;
    GraphCanvas* m_canvas;
    GraphScene* m_scene;
    NodeInspector* m_inspector;
    int m_node = -1;
    std::string m_scope; // a module selected instead of a node
    std::optional<Anchor> m_anchor;
};
