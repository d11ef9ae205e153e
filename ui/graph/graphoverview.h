#pragma once

#include <QPixmap>
#include <QWidget>

class GraphCanvas;

// A thumbnail of the whole drawing with the canvas's visible area framed; clicking or dragging
// in it moves the canvas there. The thumbnail is rendered once per layout, not on every repaint,
// so it costs nothing while panning a big graph.
class GraphOverview : public QWidget
{
    Q_OBJECT
public:
    explicit GraphOverview(GraphCanvas* canvas, QWidget* parent = nullptr);

    // After the scene got a new drawing.
    void refresh();
    // The user's choice; the overview still hides while the whole drawing is in view.
    void setWanted(bool wanted);
    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;

private:
    QRectF thumbnailRect() const; // where the scene is drawn, in widget coordinates
    void moveCanvasTo(const QPointF& widgetPos);
    void updateVisibility();

    GraphCanvas* m_canvas;
    QPixmap m_thumbnail;
    bool m_wanted = true;
};
