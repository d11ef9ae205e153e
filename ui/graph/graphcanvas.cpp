#include "graph/graphcanvas.h"

#include "graph/graphstyle.h"

#include <QApplication>
#include <QMouseEvent>
#include <QPaintEvent>
#include <QPainter>
#include <QScrollBar>
#include <QWheelEvent>
#include <cmath>

namespace {
constexpr qreal MinZoom = 0.02;
constexpr qreal MaxZoom = 8;
constexpr qreal StepFactor = 1.25;  // one Ctrl+plus
constexpr qreal ReadableZoom = 0.9; // text size where a focused box reads comfortably
constexpr int OverlayMargin = 8;
} // namespace

GraphCanvas::GraphCanvas(GraphScene* scene, QWidget* parent) : QGraphicsView(scene, parent), m_scene(scene)
{
    setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
    setDragMode(NoDrag);
    setMouseTracking(true);
    setTransformationAnchor(AnchorUnderMouse);
    setResizeAnchor(AnchorViewCenter);
    // Items repaint only their own rectangles; the whole viewport is rarely dirty at once.
    setViewportUpdateMode(SmartViewportUpdate);
    // Every item sets the pen, brush and font it draws with and undoes its own transforms, and
    // pads its bounding rect for antialiasing: the view need not do either per item.
    setOptimizationFlags(DontSavePainterState | DontAdjustForAntialiasing);
    setFocusPolicy(Qt::StrongFocus);
    setBackgroundBrush(Qt::white);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setFrameShape(QFrame::NoFrame);
    connect(scene, &QGraphicsScene::sceneRectChanged, this, &GraphCanvas::updateSceneRect);
    m_snapshot = new GraphSnapshot(scene, this);
}

void GraphCanvas::updateSceneRect()
{
    // The scene's own rect is the drawing; the view's is that plus a viewport on every side.
    const QPointF centre = mapToScene(viewport()->rect().center());
    const QRectF drawing = m_scene->sceneRect();
    const QSizeF pad = QSizeF(viewport()->size()) / zoom();
    setSceneRect(drawing.adjusted(-pad.width(), -pad.height(), pad.width(), pad.height()));
    centerOn(centre);
}

void GraphCanvas::zoomBy(qreal factor, const QPoint& anchor)
{
    const qreal target = std::clamp(zoom() * factor, MinZoom, MaxZoom);
    if (qFuzzyCompare(target, zoom()))
        return;
    const QPointF sceneAnchor = mapToScene(anchor);
    const qreal applied = target / zoom();
    setTransformationAnchor(NoAnchor);
    scale(applied, applied);
    setTransformationAnchor(AnchorUnderMouse);
    updateSceneRect();
    placeAt(sceneAnchor, anchor);
    emit visibleAreaChanged();
}

void GraphCanvas::zoomBy(qreal factor)
{
    zoomBy(factor, viewport()->rect().center());
}

void GraphCanvas::setZoom(qreal zoom)
{
    zoomBy(zoom / this->zoom());
}

void GraphCanvas::fitAll()
{
    const QRectF drawing = m_scene->sceneRect();
    if (drawing.isEmpty())
        return;
    fitInView(drawing, Qt::KeepAspectRatio);
    if (zoom() > 1.5)
        setZoom(1.5); // a tiny graph blown up looks broken, not fitted
    updateSceneRect();
    centerOn(drawing.center());
    emit visibleAreaChanged();
}

void GraphCanvas::showStart()
{
    const QRectF scene = m_scene->sceneRect();
    if (scene.isEmpty())
        return;
    const QSize room = viewport()->size();
    const qreal fitWhole = std::min(room.width() / scene.width(), room.height() / scene.height());
    if (fitWhole >= ReadableZoom) {
        fitAll();
        if (zoom() > 1)
            setZoom(1); // the size Graphviz drew it at; the user can still zoom in
        return;
    }
    // Too big to read whole: as wide as fits, but never smaller than labels can be read at.
    const qreal fitWidth = room.width() / scene.width();
    resetTransform();
    const qreal z = std::clamp(fitWidth, GraphStyle::MinBoxTextZoom + 0.25, 1.0);
    scale(z, z);
    updateSceneRect();
    centerOn(QPointF(scene.center().x(), scene.top() + room.height() / (2 * z)));
    emit visibleAreaChanged();
}

void GraphCanvas::focusOn(const QRectF& rect, qreal minZoom)
{
    if (rect.isNull())
        return;
    const QSizeF room = QSizeF(viewport()->size()) * 0.9;
    const qreal fits = std::min(room.width() / rect.width(), room.height() / rect.height());
    if (zoom() > fits)
        setZoom(std::max({fits, minZoom, MinZoom}));
    else if (zoom() < ReadableZoom)
        setZoom(std::min(fits, ReadableZoom));
    centerOn(rect.center());
    emit visibleAreaChanged();
}

void GraphCanvas::placeAt(const QPointF& scenePos, const QPoint& viewportPos)
{
    const QPointF offset = QPointF(viewport()->rect().center() - viewportPos) / zoom();
    centerOn(scenePos + offset);
}

QRectF GraphCanvas::visibleSceneRect() const
{
    return mapToScene(viewport()->rect()).boundingRect();
}

void GraphCanvas::setDimmed(bool dimmed)
{
    if (m_dimmed == dimmed)
        return;
    m_dimmed = dimmed;
    viewport()->update();
}

void GraphCanvas::setTilesEnabled(bool enabled)
{
    m_tiles = enabled;
    viewport()->update();
}

void GraphCanvas::addOverlay(QWidget* widget, Qt::Alignment where)
{
    // Children of the view, not of its viewport: scrolling moves the viewport's children along.
    widget->setParent(this);
    widget->installEventFilter(this);
    m_overlays.append({widget, where});
    positionOverlays();
}

bool GraphCanvas::eventFilter(QObject* watched, QEvent* event)
{
    // An overlay's text or visibility changed: its size hint did too.
    if (event->type() == QEvent::LayoutRequest || event->type() == QEvent::Show)
        positionOverlays();
    return QGraphicsView::eventFilter(watched, event);
}

void GraphCanvas::positionOverlays()
{
    const QRect area =
        viewport()->geometry().adjusted(OverlayMargin, OverlayMargin, -OverlayMargin, -OverlayMargin);
    for (const Overlay& overlay : std::as_const(m_overlays)) {
        const QSize size = overlay.widget->sizeHint().boundedTo(area.size());
        QPoint at(area.left(), area.top());
        if (overlay.where & Qt::AlignRight)
            at.setX(area.right() - size.width());
        else if (overlay.where & Qt::AlignHCenter)
            at.setX(area.center().x() - size.width() / 2);
        if (overlay.where & Qt::AlignBottom)
            at.setY(area.bottom() - size.height());
        overlay.widget->setGeometry(QRect(at, size));
        overlay.widget->raise();
    }
}

void GraphCanvas::wheelEvent(QWheelEvent* event)
{
    // The wheel zooms, as in every graph viewer; dragging pans. A touchpad's two-finger scroll
    // (pixel deltas) pans too, unless Ctrl is held.
    if (!event->pixelDelta().isNull() && !(event->modifiers() & Qt::ControlModifier)) {
        horizontalScrollBar()->setValue(horizontalScrollBar()->value() - event->pixelDelta().x());
        verticalScrollBar()->setValue(verticalScrollBar()->value() - event->pixelDelta().y());
    } else {
        zoomBy(std::pow(1.0015, event->angleDelta().y()), event->position().toPoint());
    }
    event->accept();
}

void GraphCanvas::mousePressEvent(QMouseEvent* event)
{
    if (event->button() == Qt::LeftButton || event->button() == Qt::MiddleButton) {
        setFocus(Qt::MouseFocusReason); // for F, +, - and the arrow keys
        m_pressed = true;
        m_panning = event->button() == Qt::MiddleButton;
        m_pressPos = m_lastDragPos = event->position().toPoint();
        event->accept();
        return;
    }
    QGraphicsView::mousePressEvent(event);
}

void GraphCanvas::mouseMoveEvent(QMouseEvent* event)
{
    const QPoint pos = event->position().toPoint();
    if (!m_pressed) {
        updateCursor(pos);
        QGraphicsView::mouseMoveEvent(event);
        return;
    }
    if (!m_panning && (pos - m_pressPos).manhattanLength() >= QApplication::startDragDistance()) {
        m_panning = true;
        viewport()->setCursor(Qt::ClosedHandCursor);
    }
    if (m_panning) {
        const QPoint delta = pos - m_lastDragPos;
        horizontalScrollBar()->setValue(horizontalScrollBar()->value() - delta.x());
        verticalScrollBar()->setValue(verticalScrollBar()->value() - delta.y());
    }
    m_lastDragPos = pos;
    event->accept();
}

void GraphCanvas::mouseReleaseEvent(QMouseEvent* event)
{
    if (!m_pressed) {
        QGraphicsView::mouseReleaseEvent(event);
        return;
    }
    const bool click = !m_panning && event->button() == Qt::LeftButton;
    m_pressed = m_panning = false;
    const QPoint pos = event->position().toPoint();
    updateCursor(pos);
    if (click)
        emit clicked(m_scene->targetAt(mapToScene(pos)), pos);
    event->accept();
}

void GraphCanvas::mouseDoubleClickEvent(QMouseEvent* event)
{
    if (event->button() != Qt::LeftButton)
        return;
    const QPoint pos = event->position().toPoint();
    emit doubleClicked(m_scene->targetAt(mapToScene(pos)), pos);
    event->accept();
}

void GraphCanvas::updateCursor(const QPoint& viewportPos)
{
    const GraphScene::Target target = m_scene->targetAt(mapToScene(viewportPos));
    const bool actionable =
        target.kind == GraphScene::Target::Box || target.kind == GraphScene::Target::ClusterHeader;
    viewport()->setCursor(actionable ? Qt::PointingHandCursor : Qt::OpenHandCursor);
}

void GraphCanvas::keyPressEvent(QKeyEvent* event)
{
    if (event->modifiers() & ~(Qt::ShiftModifier | Qt::KeypadModifier)) {
        QGraphicsView::keyPressEvent(event);
        return;
    }
    switch (event->key()) {
    case Qt::Key_F:
        fitAll();
        return;
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        zoomBy(StepFactor);
        return;
    case Qt::Key_Minus:
        zoomBy(1 / StepFactor);
        return;
    case Qt::Key_1:
        setZoom(1);
        return;
    }
    QGraphicsView::keyPressEvent(event);
}

void GraphCanvas::resizeEvent(QResizeEvent* event)
{
    QGraphicsView::resizeEvent(event);
    updateSceneRect();
    positionOverlays();
    emit visibleAreaChanged();
}

void GraphCanvas::scrollContentsBy(int dx, int dy)
{
    QGraphicsView::scrollContentsBy(dx, dy);
    emit visibleAreaChanged();
}

void GraphCanvas::paintEvent(QPaintEvent* event)
{
    if (!m_tiles || !m_snapshot->covers(zoom())) {
        QGraphicsView::paintEvent(event);
        return;
    }
    QPainter painter(viewport());
    painter.fillRect(event->rect(), backgroundBrush());
    painter.setClipRect(event->rect());
    painter.setTransform(viewportTransform());
    m_snapshot->paint(painter, mapToScene(event->rect()).boundingRect(), zoom());
    painter.resetTransform();
    if (m_dimmed)
        painter.fillRect(event->rect(), QColor(255, 255, 255, 150));
}

void GraphCanvas::drawForeground(QPainter* painter, const QRectF& rect)
{
    // While a newer layout is on its way the old drawing stays, washed out, so it reads as stale.
    if (m_dimmed)
        painter->fillRect(rect, QColor(255, 255, 255, 150));
}
