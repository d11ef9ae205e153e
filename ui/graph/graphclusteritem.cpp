#include "graph/graphclusteritem.h"

#include "graph/graphstyle.h"

#include <QPainter>
#include <QStyleOptionGraphicsItem>

namespace {
constexpr qreal Radius = 6;
constexpr qreal ToggleSize = 8;
} // namespace

GraphClusterItem::GraphClusterItem(const ptscope::ViewCluster& cluster, int index, int depth,
                                   const QRectF& rect)
    : m_index(index), m_module(cluster.kind == ptscope::ClusterKind::Module), m_depth(depth), m_rect(rect),
      m_label(QString::fromStdString(cluster.label))
{
    if (m_module)
        setToolTip(QObject::tr("%1\nClick the header to collapse this module into one box.")
                       .arg(QString::fromStdString(cluster.scope)));
}

bool GraphClusterItem::headerContains(const QPointF& scenePos) const
{
    const QRectF header(m_rect.topLeft(), QSizeF(m_rect.width(), GraphStyle::ClusterHeaderHeight));
    return header.contains(scenePos) || toggleRect().contains(scenePos);
}

void GraphClusterItem::setSelectedCluster(bool selected)
{
    if (m_selected == selected)
        return;
    m_selected = selected;
    update();
}

QRectF GraphClusterItem::boundingRect() const
{
    return m_rect.adjusted(-2, -ToggleSize / 2 - 1, 2, 2);
}

void GraphClusterItem::setHeat(const std::optional<HeatMark>& mark)
{
    if (!m_module || (!m_heat && !mark))
        return;
    if (!m_heat)
        m_toolTip = toolTip();
    m_heat = mark;
    setToolTip(m_heat ? m_heat->toolTip : m_toolTip);
    update();
}

QRectF GraphClusterItem::toggleRect() const
{
    // On the frame's top edge: Graphviz sized the header for the label alone, and nested frames
    // leave a gap above each other's top edge.
    return QRectF(m_rect.right() - ToggleSize - 8, m_rect.top() - ToggleSize / 2, ToggleSize, ToggleSize);
}

void GraphClusterItem::paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget*)
{
    // Alternating tints tell nested modules apart where their borders run close together.
    QColor fill = m_module ? (m_depth % 2 ? QColor(0xea, 0xec, 0xf7) : QColor(0xf5, 0xf6, 0xfb))
                           : QColor(0xfd, 0xf3, 0xf3);
    if (m_heat) {
        // A light wash of the module's heat: its boxes, drawn over it, keep their own colours.
        const QColor heat = m_heat->fill;
        fill = QColor::fromRgbF(float(0.7 * fill.redF() + 0.3 * heat.redF()), float(0.7 * fill.greenF() + 0.3 * heat.greenF()),
                                float(0.7 * fill.blueF() + 0.3 * heat.blueF()));
    }
    const qreal zoom = option->levelOfDetailFromTransform(painter->worldTransform());
    if (!m_selected && GraphStyle::ClusterHeaderHeight * zoom < GraphStyle::MinDetailPixels) {
        painter->fillRect(m_rect, fill.darker(104));
        return;
    }
    QPen pen(m_selected ? GraphStyle::selectionColor()
                        : (m_module ? QColor(0xa8, 0xac, 0xc0) : QColor(0xc0, 0x70, 0x70)),
             m_selected ? 2.4 : 0.9);
    if (!m_module)
        pen.setStyle(Qt::DashLine);
    painter->setPen(pen);
    painter->setBrush(fill);
    // A frame far bigger than the window (a ViT's encoder is 90,000 points tall) is drawn as the
    // part in view: stroking, let alone dashing, its whole outline costs more than the frame's
    // contents. Its corners are out of view, so square ones do not show.
    const QRectF visible =
        painter->worldTransform().inverted().mapRect(QRectF(painter->viewport())).adjusted(-4, -4, 4, 4);
    if (visible.contains(m_rect)) {
        painter->drawRoundedRect(m_rect, Radius, Radius);
    } else {
        const QRectF shown = m_rect & visible;
        painter->fillRect(shown, fill);
        const auto edge = [&](QPointF a, QPointF b) {
            const QRectF line = QRectF(a, b).normalized();
            if (line.right() >= visible.left() && line.left() <= visible.right() && line.bottom() >= visible.top() &&
                line.top() <= visible.bottom())
                painter->drawLine(a.x() == b.x() ? QLineF(a.x(), shown.top(), a.x(), shown.bottom())
                                                 : QLineF(shown.left(), a.y(), shown.right(), a.y()));
        };
        edge(m_rect.topLeft(), m_rect.topRight());
        edge(m_rect.bottomLeft(), m_rect.bottomRight());
        edge(m_rect.topLeft(), m_rect.bottomLeft());
        edge(m_rect.topRight(), m_rect.bottomRight());
    }

    if (zoom < GraphStyle::MinBoxTextZoom)
        return;
    const QRectF header(m_rect.left() + 5, m_rect.top() + 1, m_rect.width() - 8,
                        GraphStyle::ClusterHeaderHeight - 1);
    painter->setFont(GraphStyle::clusterFont());
    painter->setPen(m_module ? QColor(0x30, 0x34, 0x50) : QColor(0x90, 0x40, 0x40));
    const QString label = m_heat ? QStringLiteral("%1   %2").arg(m_label, m_heat->text) : m_label;
    const QString text = painter->fontMetrics().elidedText(label, Qt::ElideMiddle, int(header.width() - 12));
    painter->drawText(header, Qt::AlignLeft | Qt::AlignVCenter, text);
    if (m_module) {
        const QRectF toggle = toggleRect();
        painter->setPen(QPen(QColor(0x60, 0x64, 0x80), 0.8));
        painter->setBrush(Qt::white);
        painter->drawRect(toggle);
        painter->drawLine(QPointF(toggle.left() + 2, toggle.center().y()),
                          QPointF(toggle.right() - 2, toggle.center().y()));
    }
}
