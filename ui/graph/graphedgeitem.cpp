#include "graph/graphedgeitem.h"

#include "graph/graphstyle.h"

#include <QFontMetricsF>
#include <QLineF>
#include <QPainter>
#include <QStyleOptionGraphicsItem>

namespace {

QPointF toPoint(const ptscope::LayoutPoint& point)
{
    return {point.x, point.y};
}

// Graphviz ends the spline at the arrow's base; the head spans from there to the tip.
QPolygonF arrowHead(const QPointF& base, const QPointF& tip)
{
    const QLineF axis(base, tip);
    if (axis.length() <= 0)
        return {};
    QLineF normal = axis.normalVector();
    normal.setLength(axis.length() * 0.38);
    const QPointF side = normal.p2() - normal.p1();
    return QPolygonF({tip, base + side, base - side});
}

} // namespace

GraphEdgeItem::GraphEdgeItem(const ptscope::ViewEdge& edge, const ptscope::EdgeLayout& layout)
    : m_label(QString::fromStdString(edge.label)), m_backEdge(edge.backEdge), m_thick(edge.values > 1)
{
    const auto& points = layout.path;
    if (!points.empty()) {
        m_path.moveTo(toPoint(points[0]));
        for (size_t i = 1; i + 2 < points.size(); i += 3)
            m_path.cubicTo(toPoint(points[i]), toPoint(points[i + 1]), toPoint(points[i + 2]));
    }
    if (layout.hasArrowHead && !points.empty())
        m_arrow = arrowHead(toPoint(points.back()), toPoint(layout.arrowTip));
    if (!m_path.isEmpty())
        m_labelPos = m_path.pointAtPercent(0.5) + QPointF(4, 3);
    updateBounds();
}

void GraphEdgeItem::updateBounds()
{
    m_bounds = m_path.boundingRect().united(m_arrow.boundingRect());
    const QString& text = m_runLabel.isEmpty() ? m_label : m_runLabel;
    if (!text.isEmpty()) {
        const QFontMetricsF metrics(GraphStyle::edgeFont());
        m_bounds = m_bounds.united(QRectF(m_labelPos - QPointF(0, metrics.ascent()),
                                          QSizeF(metrics.horizontalAdvance(text), metrics.height())));
    }
    m_bounds.adjust(-2, -2, 2, 2);
}

void GraphEdgeItem::setRunLabel(const QString& label)
{
    if (label == m_runLabel)
        return;
    prepareGeometryChange();
    m_runLabel = label;
    updateBounds();
    update();
}

void GraphEdgeItem::setHighlighted(bool highlighted)
{
    if (m_highlighted == highlighted)
        return;
    m_highlighted = highlighted;
    setZValue(zValue() + (highlighted ? 1 : -1)); // drawn over the edges it crosses
    update();
}

void GraphEdgeItem::paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget*)
{
    const QColor color = m_highlighted ? GraphStyle::selectionColor() : QColor(0x60, 0x60, 0x60);
    const qreal zoom = option->levelOfDetailFromTransform(painter->worldTransform());
    const QRectF bounds = m_path.controlPointRect();
    if (!m_highlighted && std::max(bounds.width(), bounds.height()) * zoom < 4 * GraphStyle::MinDetailPixels) {
        // A few pixels long: one hairline from end to end, as the curve would look.
        painter->setPen(QPen(color, 0));
        painter->drawLine(m_path.pointAtPercent(0), m_path.currentPosition());
        return;
    }
    QPen pen(color, m_highlighted ? 1.8 : (m_thick ? 1.4 : 0.8));
    if (m_backEdge)
        pen.setStyle(Qt::DashLine);
    painter->setPen(pen);
    painter->setBrush(Qt::NoBrush);
    painter->drawPath(m_path);
    if (!m_arrow.isEmpty()) {
        painter->setPen(QPen(color, 0.6));
        painter->setBrush(color);
        painter->drawPolygon(m_arrow);
    }
    const QString& text = m_runLabel.isEmpty() ? m_label : m_runLabel;
    if (!text.isEmpty() && zoom >= GraphStyle::MinEdgeLabelZoom) {
        painter->setFont(GraphStyle::edgeFont());
        // Shapes from the profiled run in the heat map's dark red, so they read as measured.
        painter->setPen(m_highlighted ? color : (m_runLabel.isEmpty() ? QColor(0x55, 0x55, 0x55) : QColor(0x80, 0x20, 0x10)));
        painter->drawText(m_labelPos, text);
    }
}
