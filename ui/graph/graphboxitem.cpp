#include "graph/graphboxitem.h"

#include "graph/graphstyle.h"

#include <QFontMetricsF>
#include <algorithm>
#include <QPainter>
#include <QStyleOptionGraphicsItem>

namespace {
constexpr qreal Radius = 4;
constexpr qreal Depth = 3;     // offset of a module box's back layer
constexpr qreal HaloWidth = 4; // around search hits and the selection
constexpr qreal TextMargin = 4;
constexpr qreal TagHeight = 11; // the heat map's time tag, above the box's top right corner
constexpr qreal MarkWidth = 3;  // a mark's outline, just outside the box
} // namespace

GraphBoxItem::GraphBoxItem(const ptscope::ViewItem& item, int index, const QRectF& rect)
    : m_index(index), m_kind(item.kind), m_rect(rect)
{
    m_lines = QString::fromStdString(item.label).split(QLatin1Char('\n'));
    switch (m_kind) {
    case ptscope::ViewItemKind::Op:
        m_fill = GraphStyle::categoryColor(item.category);
        break;
    case ptscope::ViewItemKind::Module:
        m_fill = GraphStyle::moduleBoxColor();
        m_lines << (item.memberCount == 1 ? QObject::tr("1 node")
                                          : QObject::tr("%1 nodes").arg(item.memberCount));
        break;
    case ptscope::ViewItemKind::Input:
    case ptscope::ViewItemKind::Output:
        m_fill = Qt::white;
        break;
    }
    const QFontMetricsF metrics(GraphStyle::boxFont());
    qreal widest = 0;
    for (const QString& line : std::as_const(m_lines))
        widest = std::max(widest, metrics.horizontalAdvance(line));
    const qreal room =
        m_rect.width() - 2 * TextMargin - (m_kind == ptscope::ViewItemKind::Module ? Depth : 0);
    if (widest > room && widest > 0)
        m_textScale = std::max<qreal>(0.5, room / widest);
}

void GraphBoxItem::setSelectedBox(bool selected)
{
    if (m_selected == selected)
        return;
    m_selected = selected;
    update();
}

void GraphBoxItem::setHit(bool hit)
{
    if (m_hit == hit)
        return;
    m_hit = hit;
    update();
}

void GraphBoxItem::setHeat(const std::optional<HeatMark>& mark)
{
    if (!m_heat && !mark)
        return;
    prepareGeometryChange();
    if (!m_heat)
        m_toolTip = toolTip();
    m_heat = mark;
    setToolTip(m_heat ? m_heat->toolTip : m_toolTip);
    update();
}

namespace {
QFont markFont()
{
    QFont font = GraphStyle::boxFont();
    if (font.pixelSize() > 0)
        font.setPixelSize(std::max(6, font.pixelSize() * 4 / 5));
    else
        font.setPointSizeF(font.pointSizeF() * 0.8);
    font.setBold(true);
    return font;
}
} // namespace

void GraphBoxItem::setMark(const std::optional<GraphMark>& mark)
{
    if (!m_mark && !mark)
        return;
    prepareGeometryChange();
    m_mark = mark;
    // A tag may run wider than a small box: the bounding rect takes it in.
    m_markTagWidth = m_mark && !m_mark->tag.isEmpty()
                         ? QFontMetricsF(markFont()).horizontalAdvance(m_mark->tag) + 2
                         : 0;
    update();
}

QRectF GraphBoxItem::boundingRect() const
{
    const bool tag = m_heat || m_markTagWidth > 0;
    const qreal top = tag ? std::max(HaloWidth, TagHeight + MarkWidth) + 1 : HaloWidth + 1;
    const qreal right = std::max<qreal>(HaloWidth, m_markTagWidth - m_rect.width());
    return m_rect.adjusted(-HaloWidth - 1, -top, right + 1, HaloWidth + 1);
}

void GraphBoxItem::paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget*)
{
    const qreal zoom = option->levelOfDetailFromTransform(painter->worldTransform());
    if (std::min(m_rect.width(), m_rect.height()) * zoom < GraphStyle::MinDetailPixels) {
        painter->fillRect(m_rect, m_hit ? GraphStyle::hitColor() : m_fill);
        if (m_mark)
            painter->fillRect(m_rect, m_mark->color);
        return;
    }
    if (m_hit) {
        painter->setPen(Qt::NoPen);
        painter->setBrush(GraphStyle::hitColor());
        painter->drawRoundedRect(m_rect.adjusted(-HaloWidth, -HaloWidth, HaloWidth, HaloWidth), Radius + 2,
                                 Radius + 2);
    }
    paintShape(painter, zoom < 0.2);
    const bool readable = zoom >= GraphStyle::MinBoxTextZoom;
    if (readable) {
        paintText(painter);
        if (m_heat)
            paintHeatTag(painter);
    }
    if (m_mark)
        paintMark(painter, readable);
}

void GraphBoxItem::paintMark(QPainter* painter, bool withTag) const
{
    // Drawn last and outside the box, so it shows over the heat map's fill and beside the
    // selection's outline rather than instead of them.
    const qreal out = MarkWidth / 2 + 1;
    painter->setPen(QPen(m_mark->color, MarkWidth));
    painter->setBrush(Qt::NoBrush);
    painter->drawRoundedRect(m_rect.adjusted(-out, -out, out, out), Radius + 2, Radius + 2);
    if (!withTag || m_mark->tag.isEmpty())
        return;
    painter->setFont(markFont());
    // Left-aligned: the heat map's tag takes the right. On white, since a module frame's title is
    // often just above a box.
    const QRectF tag(m_rect.left(), m_rect.top() - TagHeight - out, m_markTagWidth, TagHeight);
    painter->setPen(Qt::NoPen);
    painter->setBrush(QColor(255, 255, 255, 230));
    painter->drawRect(tag.adjusted(-1, 1, 1, 0));
    painter->setPen(m_mark->color.darker(130));
    painter->drawText(tag, Qt::AlignLeft | Qt::AlignBottom, m_mark->tag);
}

void GraphBoxItem::paintHeatTag(QPainter* painter) const
{
    QFont font = GraphStyle::boxFont();
    if (font.pixelSize() > 0)
        font.setPixelSize(std::max(6, font.pixelSize() * 4 / 5));
    else
        font.setPointSizeF(font.pointSizeF() * 0.8);
    painter->setFont(font);
    painter->setPen(QColor(0x60, 0x20, 0x10));
    const QRectF tag(m_rect.left(), m_rect.top() - TagHeight, m_rect.width(), TagHeight);
    painter->drawText(tag, Qt::AlignRight | Qt::AlignBottom, m_heat->text);
}

void GraphBoxItem::paintShape(QPainter* painter, bool simple) const
{
    QPen pen(m_selected ? GraphStyle::selectionColor() : QColor(0x50, 0x50, 0x50), m_selected ? 2.4 : 0.8);
    painter->setPen(simple && !m_selected ? QPen(Qt::NoPen) : pen);
    painter->setBrush(m_heat ? m_heat->fill : m_fill);
    if (m_kind == ptscope::ViewItemKind::Input || m_kind == ptscope::ViewItemKind::Output) {
        painter->drawEllipse(m_rect);
        return;
    }
    if (simple) {
        painter->drawRect(m_rect);
        return;
    }
    if (m_kind == ptscope::ViewItemKind::Module) {
        // Graphviz's box3d: a second layer behind, up and to the right, reads as "more inside".
        const QRectF front = m_rect.adjusted(0, Depth, -Depth, 0);
        painter->drawRect(front.translated(Depth, -Depth));
        painter->drawRect(front);
        return;
    }
    painter->drawRoundedRect(m_rect, Radius, Radius);
}

void GraphBoxItem::paintText(QPainter* painter) const
{
    painter->setFont(GraphStyle::boxFont());
    painter->setPen(Qt::black);
    QRectF area = m_kind == ptscope::ViewItemKind::Module ? m_rect.adjusted(0, Depth, -Depth, 0) : m_rect;
    if (m_textScale < 1) {
        painter->save();
        painter->translate(area.center());
        painter->scale(m_textScale, m_textScale);
        const QSizeF size(area.width() / m_textScale, area.height());
        painter->drawText(QRectF(QPointF(-size.width() / 2, -size.height() / 2), size), Qt::AlignCenter,
                          text());
        painter->restore();
        return;
    }
    painter->drawText(area, Qt::AlignCenter, text());
}
