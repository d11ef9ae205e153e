// qcustomplot.h still uses foreach, which ptscope_ui switches off everywhere else. Qt decides
// whether to define foreach when its first header is read, so this comes before any include.
#undef QT_NO_FOREACH

#include "profile/rooflinechart.h"

#include "profile/profilechartstyle.h"
#include "profile/profileformat.h"

#include <QLabel>
#include <QToolTip>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <ptscope/profile/roofline.h>
#include <qcustomplot.h>

namespace {

// Point sizes by share of a run: big nodes stand out, a cloud of tiny ones stays small.
constexpr int SizeClasses = 4;
constexpr double ShareLimits[SizeClasses - 1] = {0.005, 0.02, 0.08};
constexpr double Sizes[SizeClasses] = {5, 8, 12, 17};
constexpr double HitPixels = 9;

int sizeClassOf(double share)
{
    int c = 0;
    while (c < SizeClasses - 1 && share >= ShareLimits[c])
        ++c;
    return c;
}

} // namespace

RooflineChart::RooflineChart(QWidget* parent) : QWidget(parent), m_note(new QLabel(this)), m_plot(new QCustomPlot(this))
{
    m_plot->setObjectName(QStringLiteral("rooflinePlot"));
    m_note->setObjectName(QStringLiteral("rooflineNote"));
    m_note->setWordWrap(true);
    ProfileChartStyle::setUpPlot(m_plot);
    for (QCPAxis* axis : {m_plot->xAxis, m_plot->yAxis}) {
        axis->setScaleType(QCPAxis::stLogarithmic);
        QSharedPointer<QCPAxisTickerLog> ticker(new QCPAxisTickerLog);
        ticker->setSubTickCount(8);
        axis->setTicker(ticker);
        axis->setNumberFormat(QStringLiteral("gb"));
        axis->grid()->setSubGridVisible(true);
    }
    m_plot->xAxis->setLabel(tr("arithmetic intensity (FLOP per byte moved)"));
    m_plot->yAxis->setLabel(tr("achieved GFLOP/s"));
    for (int bound = 0; bound < 2; ++bound) {
        const QColor color = bound ? ProfileChartStyle::computeBoundColor() : ProfileChartStyle::memoryBoundColor();
        for (int size = 0; size < SizeClasses; ++size) {
            QCPGraph* graph = m_plot->addGraph();
            graph->setLineStyle(QCPGraph::lsNone);
            QColor fill = color;
            fill.setAlpha(170);
            graph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, color.darker(130), fill, Sizes[size]));
            graph->setName(bound ? tr("compute-bound") : tr("memory-bound"));
            m_pointGraphs.append(graph);
        }
    }
    m_selectedMark = m_plot->addGraph();
    m_selectedMark->setLineStyle(QCPGraph::lsNone);
    m_selectedMark->setScatterStyle(
        QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(ProfileChartStyle::selectionColor(), 3), Qt::NoBrush, 22));
    m_plot->legend->setVisible(true);
    m_plot->legend->addItem(new QCPPlottableLegendItem(m_plot->legend, m_pointGraphs[1]));
    m_plot->legend->addItem(new QCPPlottableLegendItem(m_plot->legend, m_pointGraphs[SizeClasses + 1]));
    m_plot->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignBottom | Qt::AlignRight);
    m_plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    m_plot->setMouseTracking(true);
    ProfileChartStyle::onClick(m_plot, this, [this](const QPointF& pos) { onClick(pos); });
    connect(m_plot, &QCustomPlot::mouseMove, this, &RooflineChart::onMove);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_plot, 1);
    layout->addWidget(m_note);
    clear();
}

void RooflineChart::setResult(const ProfileResultPtr& result)
{
    m_result = result;
    m_points.clear();
    m_unplaced = 0;
    for (QCPGraph* graph : m_pointGraphs)
        graph->data()->clear();
    m_selectedMark->data()->clear();
    for (QCPGraph* graph : m_roofGraphs)
        m_plot->removeGraph(graph);
    m_roofGraphs.clear();
    m_plot->clearItems();
    const ptscope::MachinePeaks peaks = m_result ? m_result->peaks : ptscope::MachinePeaks{};
    if (!m_result || m_result->nodes.empty() || peaks.gflops <= 0) {
        ProfileChartStyle::setPlaceholder(m_plot, !m_result ? tr("No profile yet")
                                                  : m_result->nodes.empty() ? tr("No per-node times in this profile")
                                                                            : tr("The machine's peaks were not measured"));
        m_note->clear();
        m_plot->xAxis->setRange(0.1, 1000);
        m_plot->yAxis->setRange(0.01, 1000);
        m_plot->replot();
        return;
    }

    QVector<QVector<int>> byGraph(m_pointGraphs.size());
    for (const ptscope::NodeProfile& node : m_result->nodes) {
        const ptscope::NodeRoofline r = ptscope::rooflineOf(node, peaks);
        if (!r.meaningful)
            continue;
        if (r.intensity <= 0 || r.gflopsPerSecond <= 0) {
            ++m_unplaced;
            continue;
        }
        m_points.append(Point{node.id, r.intensity, r.gflopsPerSecond, r.computeBound});
        const int graph = (r.computeBound ? SizeClasses : 0) + sizeClassOf(node.share);
        byGraph[graph].append(int(m_points.size() - 1));
    }
    double lowX = 1e30;
    double highX = 0;
    double lowY = peaks.gflops;
    for (const Point& p : m_points) {
        lowX = std::min(lowX, p.intensity);
        highX = std::max(highX, p.intensity);
        lowY = std::min(lowY, p.gflops);
    }
    const double ridge = ptscope::ridgeIntensity(peaks);
    lowX = std::min(m_points.isEmpty() ? ridge / 100 : lowX, ridge) / 3;
    highX = std::max(m_points.isEmpty() ? ridge * 10 : highX, ridge) * 5;
    for (int g = 0; g < m_pointGraphs.size(); ++g) {
        std::sort(byGraph[g].begin(), byGraph[g].end(),
                  [this](int a, int b) { return m_points[a].intensity < m_points[b].intensity; });
        QVector<double> keys;
        QVector<double> values;
        for (const int i : byGraph[g]) {
            keys.append(m_points[i].intensity);
            values.append(m_points[i].gflops);
        }
        m_pointGraphs[g]->setData(keys, values, true);
    }
    drawRoofs(lowX, highX);
    m_plot->xAxis->setRange(lowX, highX);
    m_plot->yAxis->setRange(std::max(lowY / 3, 1e-6), peaks.gflops * 3);
    ProfileChartStyle::setPlaceholder(m_plot, m_points.isEmpty() ? tr("No node has a FLOP count") : QString());
    m_note->setText(tr("%1 nodes with a FLOP count drawn; point size is time per run. Roofs: %2 compute, "
                       "%3 GB/s memory, %4 GB/s cache (for nodes whose data fits in %5 per core); they meet "
                       "at %6 FLOP/byte.%7")
                        .arg(m_points.size())
                        .arg(ProfileFormat::gflops(peaks.gflops))
                        .arg(peaks.gbPerSecond, 0, 'f', 1)
                        .arg(peaks.cacheGbPerSecond, 0, 'f', 1)
                        .arg(ProfileFormat::bytes(peaks.cacheBytes))
                        .arg(ridge, 0, 'g', 3)
                        .arg(m_unplaced > 0 ? tr(" %1 nodes that only move data (no FLOPs) are not drawn; their "
                                                 "%-of-peak in the table is against the memory roof.")
                                                  .arg(m_unplaced)
                                            : QString()));
    m_plot->replot();
}

void RooflineChart::clear()
{
    setResult(nullptr);
}

void RooflineChart::drawRoofs(double lowX, double highX)
{
    const ptscope::MachinePeaks& peaks = m_result->peaks;
    auto roof = [&](double bandwidth, const QPen& pen, const QString& label) {
        if (bandwidth <= 0)
            return;
        const double ridge = peaks.gflops / bandwidth;
        QCPGraph* graph = m_plot->addGraph();
        graph->setPen(pen);
        graph->setData({lowX, ridge, highX}, {lowX * bandwidth, peaks.gflops, peaks.gflops}, true);
        graph->setSelectable(QCP::stNone);
        // Under the points, so they stay clickable and visible.
        graph->setLayer(QStringLiteral("grid"));
        m_roofGraphs.append(graph);
        auto* text = new QCPItemText(m_plot);
        text->position->setCoords(lowX * 1.15, lowX * 1.15 * bandwidth);
        text->setPositionAlignment(Qt::AlignLeft | Qt::AlignBottom);
        text->setText(label);
        text->setColor(pen.color().darker(120));
    };
    roof(peaks.gbPerSecond, QPen(QColor(60, 60, 60), 2), tr("memory %1 GB/s").arg(peaks.gbPerSecond, 0, 'f', 1));
    if (peaks.cacheGbPerSecond > peaks.gbPerSecond)
        roof(peaks.cacheGbPerSecond, QPen(QColor(120, 120, 120), 1.5, Qt::DashLine),
             tr("cache %1 GB/s").arg(peaks.cacheGbPerSecond, 0, 'f', 1));
    auto* compute = new QCPItemText(m_plot);
    compute->position->setCoords(highX / 1.2, peaks.gflops * 1.08);
    compute->setPositionAlignment(Qt::AlignRight | Qt::AlignBottom);
    compute->setText(tr("compute %1").arg(ProfileFormat::gflops(peaks.gflops)));
    compute->setColor(QColor(50, 50, 50));
}

void RooflineChart::setSelectedNode(int id)
{
    m_selectedMark->data()->clear();
    for (const Point& p : m_points) {
        if (p.id == id)
            m_selectedMark->addData(p.intensity, p.gflops);
    }
    m_plot->replot();
}

QPointF RooflineChart::pointCenter(int id) const
{
    for (const Point& p : m_points) {
        if (p.id == id)
            return {m_plot->xAxis->coordToPixel(p.intensity), m_plot->yAxis->coordToPixel(p.gflops)};
    }
    return {};
}

int RooflineChart::pointAt(const QPointF& pos) const
{
    int best = -1;
    double bestDistance = HitPixels;
    for (int i = 0; i < m_points.size(); ++i) {
        const QPointF p(m_plot->xAxis->coordToPixel(m_points[i].intensity),
                        m_plot->yAxis->coordToPixel(m_points[i].gflops));
        const double distance = std::hypot(p.x() - pos.x(), p.y() - pos.y());
        if (distance < bestDistance) {
            bestDistance = distance;
            best = i;
        }
    }
    return best;
}

void RooflineChart::onClick(const QPointF& pos)
{
    const int i = pointAt(pos);
    if (i >= 0)
        emit nodeClicked(m_points[i].id);
}

void RooflineChart::onMove(QMouseEvent* event)
{
    const int i = event->buttons() == Qt::NoButton ? pointAt(event->position()) : -1;
    if (i < 0 || !m_result) {
        QToolTip::hideText();
        return;
    }
    const Point& p = m_points[i];
    for (const ptscope::NodeProfile& node : m_result->nodes) {
        if (node.id != p.id)
            continue;
        const ptscope::NodeRoofline r = ptscope::rooflineOf(node, m_result->peaks);
        QToolTip::showText(event->globalPosition().toPoint(),
                           tr("%1\n%2, %3 per run\n%4 FLOP/byte, %5 (%6 of what its roof allows)")
                               .arg(ProfileFormat::nodeName(node),
                                    r.computeBound ? tr("compute-bound") : tr("memory-bound"),
                                    ProfileFormat::duration(node.ms.median))
                               .arg(p.intensity, 0, 'g', 3)
                               .arg(ProfileFormat::gflops(p.gflops), ProfileFormat::percent(r.peakFraction, 0)),
                           m_plot);
        return;
    }
}
