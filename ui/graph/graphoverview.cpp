#include "graph/graphoverview.h"

#include "graph/graphcanvas.h"

#include <QMouseEvent>
#include <QPainter>

namespace {
constexpr int MaxWidth = 170;
constexpr int MaxHeight = 220;
constexpr int MinSide = 36;
constexpr int Frame = 2;
} // namespace

GraphOverview::GraphOverview(GraphCanvas* canvas, QWidget* parent) : QWidget(parent), m_canvas(canvas)
{
    setCursor(Qt::PointingHandCursor);
    setToolTip(tr("Overview: click or drag to move the view"));
    connect(canvas, &GraphCanvas::visibleAreaChanged, this, [this]() {
        updateVisibility();
        update();
    });
}

void GraphOverview::setWanted(bool wanted)
{
    m_wanted = wanted;
    updateVisibility();
}

void GraphOverview::updateVisibility()
{
    const QRectF drawing = m_canvas->graphScene()->sceneRect();
    const bool needed = !drawing.isEmpty() && !m_canvas->visibleSceneRect().contains(drawing);
    if (isVisible() != (m_wanted && needed))
        setVisible(m_wanted && needed);
}

QSize GraphOverview::sizeHint() const
{
    const QRectF scene = m_canvas->graphScene()->sceneRect();
    if (scene.isEmpty())
        return {MinSide, MinSide};
    const qreal scale = std::min(MaxWidth / scene.width(), MaxHeight / scene.height());
    return QSize(std::max(MinSide, int(scene.width() * scale)),
                 std::max(MinSide, int(scene.height() * scale))) +
           QSize(2 * Frame, 2 * Frame);
}

void GraphOverview::refresh()
{
    updateGeometry();
    const QRectF scene = m_canvas->graphScene()->sceneRect();
    m_thumbnail = QPixmap();
    if (!scene.isEmpty()) {
        // Rendered at twice the size for sharpness on high-DPI screens and when the overlay grows.
        const qreal ratio = devicePixelRatioF();
        const QSize size = (sizeHint() - QSize(2 * Frame, 2 * Frame)) * ratio;
        m_thumbnail = QPixmap(size);
        m_thumbnail.setDevicePixelRatio(ratio);
        m_thumbnail.fill(Qt::white);
        QPainter painter(&m_thumbnail);
        painter.setRenderHint(QPainter::Antialiasing);
        m_canvas->graphScene()->render(&painter, QRectF(QPointF(), QSizeF(size) / ratio), scene,
                                       Qt::KeepAspectRatio);
    }
    updateVisibility();
    update();
}

QRectF GraphOverview::thumbnailRect() const
{
    const QRectF scene = m_canvas->graphScene()->sceneRect();
    const QRectF area = QRectF(rect()).adjusted(Frame, Frame, -Frame, -Frame);
    if (scene.isEmpty())
        return area;
    const qreal scale = std::min(area.width() / scene.width(), area.height() / scene.height());
    const QSizeF size = scene.size() * scale;
    return QRectF(area.center() - QPointF(size.width(), size.height()) / 2, size);
}

void GraphOverview::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    painter.fillRect(rect(), QColor(255, 255, 255, 235));
    painter.setPen(QColor(0x90, 0x90, 0x90));
    painter.drawRect(rect().adjusted(0, 0, -1, -1));
    const QRectF target = thumbnailRect();
    if (!m_thumbnail.isNull())
        painter.drawPixmap(target, m_thumbnail, QRectF(QPointF(), m_thumbnail.size()));
    const QRectF scene = m_canvas->graphScene()->sceneRect();
    if (scene.isEmpty())
        return;
    const qreal scale = target.width() / scene.width();
    const QRectF visible = m_canvas->visibleSceneRect().intersected(scene);
    const QRectF frame((visible.topLeft() - scene.topLeft()) * scale + target.topLeft(),
                       visible.size() * scale);
    painter.setPen(QPen(QColor(0x1e, 0x63, 0xd0), 1.5));
    painter.setBrush(QColor(0x1e, 0x63, 0xd0, 40));
    painter.drawRect(frame.adjusted(0, 0, -1, -1).normalized());
}

void GraphOverview::moveCanvasTo(const QPointF& widgetPos)
{
    const QRectF target = thumbnailRect();
    const QRectF scene = m_canvas->graphScene()->sceneRect();
    if (target.isEmpty() || scene.isEmpty())
        return;
    const qreal scale = scene.width() / target.width();
    m_canvas->centerOn(scene.topLeft() + (widgetPos - target.topLeft()) * scale);
}

void GraphOverview::mousePressEvent(QMouseEvent* event)
{
    if (event->button() == Qt::LeftButton)
        moveCanvasTo(event->position());
}

void GraphOverview::mouseMoveEvent(QMouseEvent* event)
{
    if (event->buttons() & Qt::LeftButton)
        moveCanvasTo(event->position());
}
