#pragma once

#include <QHash>
#include <QImage>
#include <QObject>
#include <QRectF>
#include <list>

class QGraphicsScene;
class QPainter;

// A big drawing zoomed out is painted from tiles rendered once, not item by item: a fully
// expanded ViT has ~17000 items, which cost ~18 ms a frame at zoom 0.1 even with every label
// skipped. Tiles of 512 pixels come in levels of scale 1/2, 1/4, 1/8... down to the level where
// the whole drawing is one tile; a frame uses the level just finer than its zoom, so a tile is
// shrunk by at most a half and never blown up. Only the tiles a frame shows are rendered, the
// most recently used are kept, and a change in the scene drops only the tiles it touches.
class GraphSnapshot : public QObject
{
public:
    static constexpr qreal MaxZoom = 0.5; // closer in, items paint fast enough (labels and all)
    static constexpr int TileSize = 512;
    static constexpr int KeptTiles = 96; // about 100 MB; more when a single frame needs more

    explicit GraphSnapshot(QGraphicsScene* scene, QObject* parent = nullptr);

    // Whether frames at this zoom are drawn from tiles: a big drawing, zoomed out to MaxZoom or more.
    bool covers(qreal zoom) const;

    // Draws the part of the scene in `exposed` (scene coordinates) with `painter`, whose transform
    // maps the scene to the device, as the items would at `zoom`.
    void paint(QPainter& painter, const QRectF& exposed, qreal zoom);

    int tilesRendered() const { return m_rendered; }
    int tilesHeld() const { return int(m_tiles.size()); }

private:
    struct Tile
    {
        QImage image;
        std::list<quint64>::iterator used; // its place in m_recent
    };

    int levelFor(qreal devicePixelsPerPoint) const;
    QRectF tileRect(int level, int column, int row) const;
    const QImage& tile(int level, int column, int row);
    void drop(const QList<QRectF>& regions);
    void dropAll();

    QGraphicsScene* m_scene;
    QHash<quint64, Tile> m_tiles;
    std::list<quint64> m_recent; // most recently used first
    int m_rendered = 0;
    mutable qsizetype m_itemCount = -1; // counted at the first frame of a drawing
};
