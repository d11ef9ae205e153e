#pragma once

#include <QImage>
#include <QObject>

class QGraphicsScene;

// The whole drawing pre-rendered once at a small scale, for zooms at which its thousands of
// boxes are a pixel or two each: painting the image costs the same at any size, where painting
// every item costs ~60 ms a frame for a fully expanded ViT. Rendered again after the scene changes.
class GraphSnapshot : public QObject
{
public:
    explicit GraphSnapshot(QGraphicsScene* scene, QObject* parent = nullptr);

    // Whether frames at this zoom are drawn from the snapshot: a big drawing, zoomed out no
    // further than the snapshot's own resolution.
    bool covers(qreal zoom) const;
    const QImage& image();

private:
    qreal scale() const;

    QGraphicsScene* m_scene;
    QImage m_image;
    bool m_dirty = true;
    mutable qsizetype m_itemCount = -1; // counted at the first frame of a drawing
};
