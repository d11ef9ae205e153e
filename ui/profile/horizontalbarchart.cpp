// qcustomplot.h still uses foreach, which ptscope_ui switches off everywhere else. Qt decides
// whether to define foreach when its first header is read, so this comes before any include.
#undef QT_NO_FOREACH

#include "profile/horizontalbarchart.h"

#include "profile/profilechartstyle.h"

#include <QToolTip>
#include <QVBoxLayout>
#include <algorithm>
#include <qcustomplot.h>

namespace {
constexpr double BarWidth = 0.7;
}

HorizontalBarChart::HorizontalBarChart(QWidget* parent) : QWidget(parent), m_plot(new QCustomPlot(this))
{
    ProfileChartStyle::setUpPlot(m_plot);
    // Bars grow along x; the key axis is y, reversed so the first (largest) bar is on top.
    m_barsPlottable = new QCPBars(m_plot->yAxis, m_plot->xAxis);
    m_barsPlottable->setWidth(BarWidth);
    m_barsPlottable->setPen(Qt::NoPen);
    m_barsPlottable->setBrush(ProfileChartStyle::barColor());
    m_highlight = new QCPBars(m_plot->yAxis, m_plot->xAxis);
    m_highlight->setWidth(BarWidth);
    m_highlight->setPen(QPen(ProfileChartStyle::selectionColor().darker(130), 1.5));
    m_highlight->setBrush(ProfileChartStyle::selectionColor());
    m_plot->yAxis->setRangeReversed(true);
    m_plot->yAxis->setTicker(QSharedPointer<QCPAxisTickerText>(new QCPAxisTickerText));
    m_plot->yAxis->grid()->setVisible(false);
    m_plot->yAxis->setTickLength(0, 0);
    m_plot->yAxis->setSubTicks(false);
    m_plot->xAxis->setRangeLower(0);
    m_plot->setMouseTracking(true);
    connect(m_plot, &QCustomPlot::mouseRelease, this, &HorizontalBarChart::onClick);
    connect(m_plot, &QCustomPlot::mouseMove, this, &HorizontalBarChart::onMove);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_plot);
}

void HorizontalBarChart::setBars(const QVector<Bar>& bars, const QString& valueLabel)
{
    m_bars = bars;
    m_highlighted = -1;
    m_plot->clearItems();
    QVector<double> keys;
    QVector<double> values;
    QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
    double highest = 0;
    for (int i = 0; i < bars.size(); ++i) {
        keys.append(i + 1);
        values.append(bars[i].value);
        ticker->addTick(i + 1, bars[i].label);
        highest = std::max(highest, bars[i].value);
    }
    m_barsPlottable->setData(keys, values, true);
    m_highlight->data()->clear();
    m_plot->yAxis->setTicker(ticker);
    m_plot->yAxis->setRange(0.4, std::max<double>(1, bars.size()) + 0.6);
    // Room to the right for the values written after the bars.
    m_plot->xAxis->setRange(0, highest > 0 ? highest * 1.5 : 1);
    m_plot->xAxis->setLabel(valueLabel);
    for (int i = 0; i < bars.size(); ++i) {
        if (bars[i].text.isEmpty())
            continue;
        auto* text = new QCPItemText(m_plot);
        text->setPositionAlignment(Qt::AlignLeft | Qt::AlignVCenter);
        // Position coordinates are (x, y): the value, then the bar's key.
        text->position->setAxes(m_plot->xAxis, m_plot->yAxis);
        text->position->setCoords(bars[i].value, i + 1);
        text->setPadding(QMargins(4, 0, 0, 0));
        text->setText(bars[i].text);
        text->setColor(QColor(60, 60, 60));
    }
    ProfileChartStyle::setPlaceholder(m_plot, {});
    m_plot->replot();
}

void HorizontalBarChart::clear(const QString& placeholder)
{
    setBars({}, {});
    ProfileChartStyle::setPlaceholder(m_plot, placeholder);
    m_plot->replot();
}

void HorizontalBarChart::setHighlighted(int index)
{
    if (index >= m_bars.size())
        index = -1;
    m_highlighted = index;
    m_highlight->data()->clear();
    if (index >= 0)
        m_highlight->addData(index + 1, m_bars[index].value);
    m_plot->replot();
}

QPointF HorizontalBarChart::barCenter(int index) const
{
    return {m_plot->xAxis->coordToPixel(m_bars[index].value / 2), m_plot->yAxis->coordToPixel(index + 1)};
}

int HorizontalBarChart::barAt(const QPointF& pos) const
{
    if (!m_plot->axisRect()->rect().contains(pos.toPoint()))
        return -1;
    const double key = m_plot->yAxis->pixelToCoord(pos.y());
    const int index = int(std::lround(key)) - 1;
    if (index < 0 || index >= m_bars.size() || std::abs(key - (index + 1)) > BarWidth / 2)
        return -1;
    // The whole row counts, not only the bar: a short bar is hard to hit.
    return index;
}

void HorizontalBarChart::onClick(QMouseEvent* event)
{
    if (event->button() != Qt::LeftButton)
        return;
    const int index = barAt(event->position());
    if (index >= 0)
        emit barClicked(index);
}

void HorizontalBarChart::onMove(QMouseEvent* event)
{
    const int index = barAt(event->position());
    if (index >= 0 && !m_bars[index].toolTip.isEmpty())
        QToolTip::showText(event->globalPosition().toPoint(), m_bars[index].toolTip, m_plot);
    else
        QToolTip::hideText();
}
