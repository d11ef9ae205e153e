#include "graph/graphsnapshot.h"

#include <QGraphicsScene>
#include <QPaintDevice>
#include <QPainter>
#include <algorithm>
#include <cmath>

namespace {
constexpr int MinItems = 3000; // smaller drawings paint fast enough item by item

quint64 key(int level, int column, int row)
{
    return (quint64(level) << 48) | (quint64(quint32(column) & 0xffffff) << 24) |
           quint64(quint32(row) & 0xffffff);
}

int levelOf(quint64 key)
{
    return int(key >> 48);
}

int columnOf(quint64 key)
{
    return int((key >> 24) & 0xffffff);
}

int rowOf(quint64 key)
{
    return int(key & 0xffffff);
}

qreal levelScale(int level)
{
    return std::ldexp(1.0, -level);
}
} // namespace

GraphSnapshot::GraphSnapshot(QGraphicsScene* scene, QObject* parent) : QObject(parent), m_scene(scene)
{
    connect(scene, &QGraphicsScene::changed, this, &GraphSnapshot::drop);
    // A new drawing sets the scene's rect: only then does the number of items change. (items()
    // sorts every item: too slow to ask at each frame.) The tiles' grid starts at the rect's corner.
    connect(scene, &QGraphicsScene::sceneRectChanged, this, [this] {
        dropAll();
        m_itemCount = -1;
    });
}

bool GraphSnapshot::covers(qreal zoom) const
{
    if (m_itemCount < 0)
        m_itemCount = m_scene->items().size();
    return m_itemCount >= MinItems && zoom <= MaxZoom;
}

int GraphSnapshot::levelFor(qreal devicePixelsPerPoint) const
{
    const QRectF rect = m_scene->sceneRect();
    const qreal side = std::max({rect.width(), rect.height(), 1.0});
    const int coarsest = std::max(0, int(std::ceil(std::log2(side / TileSize))));
    // The coarsest level still at least as fine as the frame: 2^-level >= pixels per point.
    const int level = int(std::floor(std::log2(1 / std::max(devicePixelsPerPoint, 1e-9))));
    return std::clamp(level, 0, coarsest);
}

QRectF GraphSnapshot::tileRect(int level, int column, int row) const
{
    const qreal side = TileSize / levelScale(level);
    return {m_scene->sceneRect().topLeft() + QPointF(column * side, row * side), QSizeF(side, side)};
}

const QImage& GraphSnapshot::tile(int level, int column, int row)
{
    const quint64 k = key(level, column, row);
    auto found = m_tiles.find(k);
    if (found != m_tiles.end()) {
        m_recent.splice(m_recent.begin(), m_recent, found->used);
        return found->image;
    }
    QImage image(TileSize, TileSize, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    {
        QPainter painter(&image);
        painter.setRenderHint(QPainter::Antialiasing);
        m_scene->render(&painter, QRectF(image.rect()), tileRect(level, column, row), Qt::IgnoreAspectRatio);
    }
    ++m_rendered;
    m_recent.push_front(k);
    return m_tiles.insert(k, {std::move(image), m_recent.begin()})->image;
}

void GraphSnapshot::paint(QPainter& painter, const QRectF& exposed, qreal zoom)
{
    const qreal dpr = painter.device() ? painter.device()->devicePixelRatioF() : 1;
    const int level = levelFor(zoom * dpr);
    const qreal side = TileSize / levelScale(level);
    const QRectF drawing = m_scene->sceneRect();
    const QRectF area = exposed.intersected(drawing);
    if (area.isEmpty())
        return;
    const int firstColumn = int(std::floor((area.left() - drawing.left()) / side));
    const int lastColumn = int(std::floor((area.right() - drawing.left()) / side));
    const int firstRow = int(std::floor((area.top() - drawing.top()) / side));
    const int lastRow = int(std::floor((area.bottom() - drawing.top()) / side));

    // Antialiased image edges would blend neighbouring tiles into a faint seam.
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, false);
    painter.setRenderHint(QPainter::SmoothPixmapTransform);
    for (int row = firstRow; row <= lastRow; ++row)
        for (int column = firstColumn; column <= lastColumn; ++column)
            painter.drawImage(tileRect(level, column, row), tile(level, column, row));
    painter.restore();

    // Keep the tiles this frame used, however many, and the most recent others up to KeptTiles.
    const size_t used = size_t(lastColumn - firstColumn + 1) * size_t(lastRow - firstRow + 1);
    while (m_recent.size() > std::max<size_t>(KeptTiles, used)) {
        m_tiles.remove(m_recent.back());
        m_recent.pop_back();
    }
}

void GraphSnapshot::drop(const QList<QRectF>& regions)
{
    if (m_tiles.isEmpty() || regions.isEmpty())
        return;
    for (const QRectF& region : regions)
        if (region.contains(m_scene->sceneRect())) {
            dropAll();
            return;
        }
    for (auto it = m_tiles.begin(); it != m_tiles.end();) {
        const QRectF rect = tileRect(levelOf(it.key()), columnOf(it.key()), rowOf(it.key()));
        const bool touched = std::any_of(regions.begin(), regions.end(),
                                         [&](const QRectF& region) { return region.intersects(rect); });
        if (touched) {
            m_recent.erase(it->used);
            it = m_tiles.erase(it);
        } else {
            ++it;
        }
    }
}

void GraphSnapshot::dropAll()
{
    m_tiles.clear();
    m_recent.clear();
}
