#include "graph/graphsnapshot.h"

#include <QGraphicsScene>
#include <QPainter>
#include <algorithm>

namespace {
constexpr int MaxSide = 4096;  // pixels of the snapshot's longer side
constexpr int MinItems = 3000; // smaller drawings paint fast enough item by item
} // namespace

GraphSnapshot::GraphSnapshot(QGraphicsScene* scene, QObject* parent) : QObject(parent), m_scene(scene)
{
    connect(scene, &QGraphicsScene::changed, this, [this] { m_dirty = true; });
    // A new drawing sets the scene's rect: only then does the number of items change. (items()
    // sorts every item: too slow to ask at each frame.)
    connect(scene, &QGraphicsScene::sceneRectChanged, this, [this] {
        m_dirty = true;
        m_itemCount = -1;
    });
}

qreal GraphSnapshot::scale() const
{
    const QRectF rect = m_scene->sceneRect();
    const qreal side = std::max(rect.width(), rect.height());
    return side > 0 ? std::min<qreal>(1, MaxSide / side) : 1;
}

bool GraphSnapshot::covers(qreal zoom) const
{
    if (m_itemCount < 0)
        m_itemCount = m_scene->items().size();
    return m_itemCount >= MinItems && zoom <= scale();
}

const QImage& GraphSnapshot::image()
{
    if (!m_dirty)
        return m_image;
    m_dirty = false;
    const QRectF rect = m_scene->sceneRect();
    const qreal s = scale();
    m_image = QImage(std::max(1, int(rect.width() * s)), std::max(1, int(rect.height() * s)),
                     QImage::Format_ARGB32_Premultiplied);
    m_image.fill(Qt::white);
    QPainter painter(&m_image);
    painter.setRenderHint(QPainter::Antialiasing);
    m_scene->render(&painter, QRectF(m_image.rect()), rect);
    return m_image;
}
