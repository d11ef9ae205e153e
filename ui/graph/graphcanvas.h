#pragma once

#include "graph/graphscene.h"
#include "graph/graphsnapshot.h"

#include <QGraphicsView>
#include <QVector>

// The interactive view of a GraphScene: the wheel zooms around the mouse, dragging pans, a click
// without drag reports what it hit. The drawing can be moved a viewport past its edges, so that
// zooming around the mouse and keeping a clicked box in place work for small drawings too;
// there are no scroll bars (the overview shows where one is). Floats small widgets (busy bar, overview,
// legend) over its corners, and dims the drawing while a newer one is being laid out.
class GraphCanvas : public QGraphicsView
{
    Q_OBJECT
public:
    explicit GraphCanvas(GraphScene* scene, QWidget* parent = nullptr);

    GraphScene* graphScene() const { return m_scene; }
    qreal zoom() const { return transform().m11(); }
    // Around a point of the viewport (the mouse), or around its centre.
    void zoomBy(qreal factor, const QPoint& anchor);
    void zoomBy(qreal factor);
    void setZoom(qreal zoom);
    void fitAll();
    // The first look at a new graph: the top (its inputs) at a zoom where the labels read.
    void showStart();
    // Centres a box or cluster, zooming out if it does not fit (not below minZoom) and in if its
    // text is unreadable.
    void focusOn(const QRectF& sceneRect, qreal minZoom = 0);
    // Scrolls so that scenePos shows at viewportPos: keeps what was clicked under the mouse.
    void placeAt(const QPointF& scenePos, const QPoint& viewportPos);
    QRectF visibleSceneRect() const;

    void setDimmed(bool dimmed);
    // Zoomed out, a big drawing is painted from pre-rendered tiles (GraphSnapshot); off, item by
    // item at every zoom (the benchmark compares the two).
    void setTilesEnabled(bool enabled);
    bool isDimmed() const { return m_dimmed; }
    // widget becomes a child floating over one corner (or the top centre) of the viewport.
    void addOverlay(QWidget* widget, Qt::Alignment where);

signals:
    void clicked(const GraphScene::Target& target, const QPoint& viewportPos);
    void doubleClicked(const GraphScene::Target& target, const QPoint& viewportPos);
    void visibleAreaChanged();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void scrollContentsBy(int dx, int dy) override;
    void drawForeground(QPainter* painter, const QRectF& rect) override;
    void paintEvent(QPaintEvent* event) override;

private:
    void positionOverlays();
    void updateSceneRect();
    void updateCursor(const QPoint& viewportPos);

    struct Overlay
    {
        QWidget* widget;
        Qt::Alignment where;
    };

    GraphScene* m_scene;
    GraphSnapshot* m_snapshot;
    QVector<Overlay> m_overlays;
    QPoint m_pressPos;
    QPoint m_lastDragPos;
    bool m_pressed = false;
    bool m_panning = false;
    bool m_dimmed = false;
    bool m_tiles = true;
};
