// qcustomplot.h still uses foreach, which ptscope_ui switches off everywhere else. Qt decides
// whether to define foreach when its first header is read, so this comes before any include.
#undef QT_NO_FOREACH

#include "profile/timelinechart.h"

#include "profile/profilechartstyle.h"
#include "profile/profileformat.h"
#include "profile/timelineplottable.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QToolTip>
#include <QVBoxLayout>
#include <algorithm>

namespace {
constexpr int ColoredKinds = ProfileChartStyle::KindColorCount - 1; // the last colour is "other"
}

TimelineChart::TimelineChart(QWidget* parent)
    : QWidget(parent), m_runs(new QComboBox(this)), m_fit(new QPushButton(tr("Fit"), this)),
      m_legend(new QLabel(this)), m_note(new QLabel(this)), m_plot(new QCustomPlot(this))
{
    m_runs->setObjectName(QStringLiteral("timelineRun"));
    m_runs->setToolTip(tr("The measured run to show"));
    m_runs->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_fit->setToolTip(tr("Show the whole run"));
    m_legend->setObjectName(QStringLiteral("timelineLegend"));
    m_legend->setWordWrap(true);
    m_legend->setTextFormat(Qt::RichText);
    m_note->setObjectName(QStringLiteral("timelineNote"));
    m_note->setWordWrap(true);
    m_plot->setObjectName(QStringLiteral("timelinePlot"));
    ProfileChartStyle::setUpPlot(m_plot);
    m_timeline = new TimelinePlottable(m_plot->xAxis, m_plot->yAxis);
    m_plot->xAxis->setLabel(tr("time in the run (ms) — wheel zooms, drag pans"));
    m_plot->yAxis->setRangeReversed(true);
    m_plot->yAxis->grid()->setVisible(false);
    m_plot->yAxis->setSubTicks(false);
    m_plot->yAxis->setTickLength(0, 0);
    m_plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    m_plot->axisRect()->setRangeDrag(Qt::Horizontal);
    m_plot->axisRect()->setRangeZoom(Qt::Horizontal);
    m_plot->setMouseTracking(true);
    ProfileChartStyle::onClick(m_plot, this, [this](const QPointF& pos) { onClick(pos); });
    connect(m_plot, &QCustomPlot::mouseMove, this, &TimelineChart::onMove);
    connect(m_plot->xAxis, qOverload<const QCPRange&>(&QCPAxis::rangeChanged), this, &TimelineChart::clampRange);
    connect(m_runs, &QComboBox::currentIndexChanged, this, &TimelineChart::showRun);
    connect(m_fit, &QPushButton::clicked, this, &TimelineChart::fit);

    auto* row = new QHBoxLayout;
    row->addWidget(new QLabel(tr("Run"), this));
    row->addWidget(m_runs);
    row->addWidget(m_fit);
    row->addWidget(m_legend, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(row);
    layout->addWidget(m_plot, 1);
    layout->addWidget(m_note);
    clear();
}

void TimelineChart::setResult(const ProfileResultPtr& result)
{
    m_result = result;
    m_selected = -1;
    m_rowOfNode.clear();
    if (m_result) {
        for (size_t row = 0; row < m_result->nodes.size(); ++row)
            m_rowOfNode.insert(m_result->nodes[row].id, int(row));
    }
    assignColors();
    const QSignalBlocker blocker(m_runs);
    m_runs->clear();
    const int median = m_result ? ptscope::medianRunIndex(*m_result) : -1;
    if (m_result) {
        for (size_t run = 0; run < m_result->timelines.size(); ++run) {
            const double ms = m_result->timelines[run].totalUs / 1000;
            m_runs->addItem(int(run) == median ? tr("%1 · %2 (median)").arg(run + 1).arg(ProfileFormat::duration(ms))
                                               : tr("%1 · %2").arg(run + 1).arg(ProfileFormat::duration(ms)));
        }
    }
    m_runs->setEnabled(m_runs->count() > 1);
    m_runs->setCurrentIndex(median >= 0 && median < m_runs->count() ? median : 0);
    showRun(m_runs->currentIndex());
}

void TimelineChart::clear()
{
    setResult(nullptr);
}

void TimelineChart::assignColors()
{
    m_colorOfKind.clear();
    m_legendKinds.clear();
    if (!m_result)
        return;
    // byKind comes most time first: the kinds that matter get the distinct colours.
    for (const ptscope::GroupProfile& g : m_result->byKind) {
        const QString kind = QString::fromStdString(g.key);
        if (kind == QLatin1String("prim::If") || kind == QLatin1String("prim::Loop"))
            continue;
        if (m_legendKinds.size() >= ColoredKinds)
            break;
        m_colorOfKind.insert(kind, int(m_legendKinds.size()));
        m_legendKinds.append(kind);
    }
}

void TimelineChart::setRun(int run)
{
    m_runs->setCurrentIndex(run);
}

int TimelineChart::run() const
{
    return m_runs->currentIndex();
}

void TimelineChart::showRun(int run)
{
    QVector<QVector<TimelinePlottable::Bar>> rows;
    QVector<QString> labels;
    QVector<QColor> palette;
    for (int i = 0; i < ColoredKinds; ++i)
        palette.append(ProfileChartStyle::kindColor(i));
    const bool hasRun = m_result && run >= 0 && run < int(m_result->timelines.size());
    if (hasRun) {
        for (const ptscope::NodeProfile& node : m_result->nodes)
            labels.append(QString::fromStdString(node.label.empty() ? node.kind : node.label));
        const ptscope::RunTimeline& timeline = m_result->timelines[size_t(run)];
        for (const ptscope::TimelineEvent& event : timeline.events) {
            if (event.depth < 0)
                continue;
            if (event.depth >= rows.size())
                rows.resize(event.depth + 1);
            TimelinePlottable::Bar bar;
            bar.start = event.startUs / 1000;
            bar.end = (event.startUs + event.durationUs) / 1000;
            bar.row = m_rowOfNode.value(event.node, -1);
            if (bar.row >= 0) {
                const ptscope::NodeProfile& node = m_result->nodes[size_t(bar.row)];
                bar.color = node.control ? -1 : m_colorOfKind.value(QString::fromStdString(node.kind), ColoredKinds);
            }
            rows[event.depth].append(bar);
        }
        // Calls are recorded as they finish, so an If/Loop comes after its block's nodes.
        for (QVector<TimelinePlottable::Bar>& row : rows)
            std::stable_sort(row.begin(), row.end(), [](const auto& a, const auto& b) { return a.start < b.start; });
    }
    QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
    for (int depth = 0; depth < rows.size(); ++depth)
        ticker->addTick(depth, depth == 0 ? tr("top level") : tr("depth %1").arg(depth));
    m_plot->yAxis->setTicker(ticker);
    m_timeline->setRows(std::move(rows), palette, labels);
    m_timeline->setHighlightedRow(m_rowOfNode.value(m_selected, -1));

    QStringList legend;
    for (int i = 0; i < m_legendKinds.size(); ++i)
        legend.append(QStringLiteral("<span style=\"color:%1\">■</span>&nbsp;%2")
                          .arg(ProfileChartStyle::kindColor(i).name(), m_legendKinds[i].toHtmlEscaped()));
    if (!m_legendKinds.isEmpty())
        legend.append(QStringLiteral("<span style=\"color:%1\">■</span>&nbsp;%2")
                          .arg(ProfileChartStyle::kindColor(-1).name(), tr("other")));
    m_legend->setText(legend.join(QStringLiteral(" &nbsp; ")));

    QString note;
    if (hasRun) {
        const ptscope::RunTimeline& timeline = m_result->timelines[size_t(run)];
        note = tr("%L1 node calls in %2.").arg(timeline.events.size()).arg(ProfileFormat::duration(timeline.totalUs / 1000));
        if (timeline.truncated)
            note += tr(" Only the first %L1 calls of this run were kept; the rest are in the statistics.")
                        .arg(timeline.events.size());
    }
    m_note->setText(note);
    ProfileChartStyle::setPlaceholder(
        m_plot, hasRun ? QString() : (m_result ? tr("No timeline in this profile") : tr("No profile yet")));
    fit();
}

void TimelineChart::fit()
{
    m_plot->xAxis->setRange(0, runEnd() * 1.01);
    m_plot->yAxis->setRange(-0.6, std::max(1, m_timeline->depthCount()) - 0.4);
    m_plot->replot();
}

double TimelineChart::runEnd() const
{
    bool found = false;
    const QCPRange keys = m_timeline->getKeyRange(found);
    double end = found && keys.upper > 0 ? keys.upper : 1;
    // The run ends when its outputs are returned, a little after its last node.
    const int shown = run();
    if (m_result && shown >= 0 && shown < int(m_result->timelines.size()))
        end = std::max(end, m_result->timelines[size_t(shown)].totalUs / 1000);
    return end;
}

void TimelineChart::clampRange()
{
    // Keep panning and zooming within the run: nothing happens before 0 or after its end.
    const double end = runEnd() * 1.01;
    QCPRange range = m_plot->xAxis->range();
    const double size = std::min(range.size(), end);
    if (range.lower < 0)
        range = QCPRange(0, size);
    if (range.upper > end)
        range = QCPRange(end - size, end);
    // Zoomed in below ten nanoseconds nothing more can be seen.
    if (range.size() < 1e-5)
        range = QCPRange(range.center() - 5e-6, range.center() + 5e-6);
    if (range != m_plot->xAxis->range()) {
        const QSignalBlocker blocker(m_plot->xAxis);
        m_plot->xAxis->setRange(range);
    }
}

void TimelineChart::setSelectedNode(int id)
{
    m_selected = id;
    m_timeline->setHighlightedRow(m_rowOfNode.value(id, -1));
    m_plot->replot();
}

int TimelineChart::barCount() const
{
    return m_timeline->barCount();
}

QPointF TimelineChart::barCenter(int id) const
{
    const int run = m_runs->currentIndex();
    if (!m_result || run < 0 || run >= int(m_result->timelines.size()))
        return {};
    for (const ptscope::TimelineEvent& event : m_result->timelines[size_t(run)].events) {
        if (event.node == id)
            return {m_plot->xAxis->coordToPixel((event.startUs + event.durationUs / 2) / 1000),
                    m_plot->yAxis->coordToPixel(event.depth)};
    }
    return {};
}

int TimelineChart::nodeIdAt(const QPointF& pos) const
{
    const TimelinePlottable::Bar* bar = m_timeline->barAt(pos);
    return bar && bar->row >= 0 ? m_result->nodes[size_t(bar->row)].id : -1;
}

void TimelineChart::onClick(const QPointF& pos)
{
    if (!m_result)
        return;
    const int id = nodeIdAt(pos);
    if (id >= 0)
        emit nodeClicked(id);
}

void TimelineChart::onMove(QMouseEvent* event)
{
    if (event->buttons() != Qt::NoButton || !m_result)
        return;
    const TimelinePlottable::Bar* bar = m_timeline->barAt(event->position());
    if (!bar || bar->row < 0) {
        QToolTip::hideText();
        return;
    }
    const ptscope::NodeProfile& node = m_result->nodes[size_t(bar->row)];
    QToolTip::showText(event->globalPosition().toPoint(),
                       tr("%1\n%2\nstarts at %3, takes %4")
                           .arg(ProfileFormat::nodeName(node), QString::fromStdString(node.kind),
                                ProfileFormat::duration(bar->start), ProfileFormat::duration(bar->end - bar->start)),
                       m_plot);
}
