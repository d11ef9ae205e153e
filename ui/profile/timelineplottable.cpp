// qcustomplot.h still uses foreach, which ptscope_ui switches off everywhere else. Qt decides
// whether to define foreach when its first header is read, so this comes before any include.
#undef QT_NO_FOREACH

#include "profile/timelineplottable.h"

#include "profile/profilechartstyle.h"

#include <algorithm>

namespace {

constexpr double RowHeight = 0.8; // of a row's unit height: a gap between depths
constexpr double MinBarPixels = 2; // narrower bars are merged with their neighbours
constexpr double MinLabelPixels = 48;
constexpr int MixedColor = 1 << 20; // beyond the palette: the "other" grey

} // namespace

TimelinePlottable::TimelinePlottable(QCPAxis* keyAxis, QCPAxis* valueAxis)
    : QCPAbstractPlottable(keyAxis, valueAxis)
{
    setSelectable(QCP::stNone);
    setAntialiasedFill(false);
}

void TimelinePlottable::setRows(QVector<QVector<Bar>> rows, QVector<QColor> palette, QVector<QString> labels)
{
    m_rows = std::move(rows);
    m_palette = std::move(palette);
    m_labels = std::move(labels);
    m_count = 0;
    m_end = 0;
    for (const QVector<Bar>& row : m_rows) {
        m_count += int(row.size());
        if (!row.isEmpty())
            m_end = std::max(m_end, row.last().end);
    }
}

void TimelinePlottable::setHighlightedRow(int nodeRow)
{
    m_highlighted = nodeRow;
}

QColor TimelinePlottable::colorOf(int color) const
{
    if (color < 0)
        return ProfileChartStyle::controlColor();
    return color < m_palette.size() ? m_palette[color] : ProfileChartStyle::kindColor(-1);
}

std::pair<double, double> TimelinePlottable::rowPixels(int depth) const
{
    const double a = valueAxis()->coordToPixel(depth - RowHeight / 2);
    const double b = valueAxis()->coordToPixel(depth + RowHeight / 2);
    return {std::min(a, b), std::max(a, b)};
}

const TimelinePlottable::Bar* TimelinePlottable::barAt(const QPointF& pixel) const
{
    if (!keyAxis() || !valueAxis())
        return nullptr;
    const int depth = int(std::lround(valueAxis()->pixelToCoord(pixel.y())));
    if (depth < 0 || depth >= m_rows.size())
        return nullptr;
    const auto [top, bottom] = rowPixels(depth);
    if (pixel.y() < top || pixel.y() > bottom)
        return nullptr;
    // Bars drawn at least MinBarPixels wide are hit where they are drawn.
    const double slack = std::abs(keyAxis()->pixelToCoord(pixel.x() + MinBarPixels) - keyAxis()->pixelToCoord(pixel.x()));
    const double t = keyAxis()->pixelToCoord(pixel.x());
    const QVector<Bar>& row = m_rows[depth];
    auto it = std::lower_bound(row.begin(), row.end(), t - slack, [](const Bar& bar, double v) { return bar.end < v; });
    const Bar* best = nullptr;
    for (; it != row.end() && it->start <= t + slack; ++it) {
        // The bar containing t wins; otherwise the nearest one within the slack.
        if (it->start <= t && t <= it->end)
            return &*it;
        if (!best)
            best = &*it;
    }
    return best;
}

double TimelinePlottable::selectTest(const QPointF& pos, bool onlySelectable, QVariant* details) const
{
    Q_UNUSED(details)
    if (onlySelectable && mSelectable == QCP::stNone)
        return -1;
    return barAt(pos) ? 0 : -1;
}

QCPRange TimelinePlottable::getKeyRange(bool& foundRange, QCP::SignDomain) const
{
    foundRange = m_count > 0;
    return QCPRange(0, m_end);
}

QCPRange TimelinePlottable::getValueRange(bool& foundRange, QCP::SignDomain, const QCPRange&) const
{
    foundRange = !m_rows.isEmpty();
    return QCPRange(-0.5, m_rows.size() - 0.5);
}

void TimelinePlottable::draw(QCPPainter* painter)
{
    m_lastDrawn = 0;
    if (!keyAxis() || !valueAxis() || m_rows.isEmpty())
        return;
    const QCPRange visible = keyAxis()->range();
    const QFontMetrics metrics(painter->font());
    painter->setAntialiasing(false);
    QVector<QRectF> highlighted;

    for (int depth = 0; depth < m_rows.size(); ++depth) {
        const auto [top, bottom] = rowPixels(depth);
        const double height = bottom - top;
        const QVector<Bar>& row = m_rows[depth];
        auto it = std::lower_bound(row.begin(), row.end(), visible.lower,
                                   [](const Bar& bar, double v) { return bar.end < v; });
        // A run of sub-pixel bars is drawn as one span: its colour is the first bar's, or the
        // "other" grey once it mixes colours.
        double spanStart = 0;
        double spanEnd = -1;
        int spanColor = 0;
        bool spanOpen = false;
        auto flush = [&]() {
            if (!spanOpen)
                return;
            painter->fillRect(QRectF(spanStart, top, std::max(1.0, spanEnd - spanStart), height), colorOf(spanColor));
            ++m_lastDrawn;
            spanOpen = false;
        };
        for (; it != row.end() && it->start <= visible.upper; ++it) {
            const double x0 = keyAxis()->coordToPixel(it->start);
            const double x1 = keyAxis()->coordToPixel(it->end);
            if (it->row == m_highlighted)
                highlighted.append(QRectF(x0, top, std::max(x1 - x0, 3.0), height));
            if (x1 - x0 < MinBarPixels) {
                if (spanOpen && x0 <= spanEnd + 1) {
                    spanEnd = std::max(spanEnd, x1);
                    if (spanColor != it->color)
                        spanColor = MixedColor;
                } else {
                    flush();
                    spanOpen = true;
                    spanStart = x0;
                    spanEnd = std::max(x1, x0 + 1);
                    spanColor = it->color;
                }
                continue;
            }
            flush();
            const QRectF rect(x0, top, x1 - x0, height);
            const QColor color = colorOf(it->color);
            painter->fillRect(rect, color);
            ++m_lastDrawn;
            if (rect.width() >= 6) {
                painter->setPen(QPen(color.darker(140), 0));
                painter->setBrush(Qt::NoBrush);
                painter->drawRect(rect);
            }
            if (rect.width() >= MinLabelPixels && it->row >= 0 && it->row < m_labels.size()) {
                // Clip the label to the visible part of the bar, so a bar wider than the view
                // keeps its name on screen.
                const QRectF shown = rect.intersected(QRectF(clipRect())).adjusted(3, 0, -3, 0);
                painter->setPen(QColor(25, 25, 25));
                painter->drawText(shown, Qt::AlignLeft | Qt::AlignVCenter,
                                  metrics.elidedText(m_labels[it->row], Qt::ElideRight, int(shown.width())));
            }
        }
        flush();
    }
    // Outlines last, so neighbours do not paint over them.
    painter->setBrush(Qt::NoBrush);
    painter->setPen(QPen(ProfileChartStyle::selectionColor(), 2));
    for (const QRectF& rect : highlighted)
        painter->drawRect(rect);
}

void TimelinePlottable::drawLegendIcon(QCPPainter* painter, const QRectF& rect) const
{
    painter->fillRect(rect, colorOf(0));
}
