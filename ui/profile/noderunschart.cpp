// qcustomplot.h still uses foreach, which ptscope_ui switches off everywhere else. Qt decides
// whether to define foreach when its first header is read, so this comes before any include.
#undef QT_NO_FOREACH

#include "profile/noderunschart.h"

#include "profile/profilechartstyle.h"
#include "profile/profileformat.h"

#include <QLabel>
#include <QVBoxLayout>
#include <algorithm>
#include <qcustomplot.h>

NodeRunsChart::NodeRunsChart(QWidget* parent) : QWidget(parent), m_title(new QLabel(this)), m_plot(new QCustomPlot(this))
{
    m_plot->setObjectName(QStringLiteral("nodeRunsPlot"));
    m_title->setObjectName(QStringLiteral("nodeRunsTitle"));
    m_title->setWordWrap(true);
    ProfileChartStyle::setUpPlot(m_plot);
    m_runs = m_plot->addGraph();
    m_runs->setName(tr("node executor"));
    m_runs->setPen(QPen(QColor(78, 121, 167, 120), 1));
    m_runs->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, QColor(78, 121, 167), 6));
    m_forward = m_plot->addGraph();
    m_forward->setName(tr("forward"));
    m_forward->setLineStyle(QCPGraph::lsNone);
    m_forward->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDiamond, QColor(242, 142, 43), 8));
    m_medianLine = new QCPItemStraightLine(m_plot);
    m_medianLine->setPen(QPen(QColor(200, 50, 40), 1.5, Qt::DashLine));
    m_medianLabel = new QCPItemText(m_plot);
    m_medianLabel->setPositionAlignment(Qt::AlignRight | Qt::AlignBottom);
    m_medianLabel->setColor(QColor(160, 40, 30));
    m_plot->xAxis->setLabel(tr("measured run"));
    m_plot->yAxis->setLabel(tr("ms"));
    QSharedPointer<QCPAxisTickerFixed> ticker(new QCPAxisTickerFixed);
    ticker->setTickStep(1);
    ticker->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
    m_plot->xAxis->setTicker(ticker);
    m_plot->legend->setVisible(false);
    m_plot->legend->addItem(new QCPPlottableLegendItem(m_plot->legend, m_runs));
    m_plot->legend->addItem(new QCPPlottableLegendItem(m_plot->legend, m_forward));
    m_plot->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignLeft);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addWidget(m_plot, 1);
    clear();
}

void NodeRunsChart::setResult(const ProfileResultPtr& result)
{
    m_result = result;
    m_selected = -1;
    rebuild();
}

void NodeRunsChart::clear()
{
    setResult(nullptr);
}

void NodeRunsChart::setSelectedNode(int id)
{
    m_selected = id;
    rebuild();
}

QVector<double> NodeRunsChart::values() const
{
    QVector<double> list;
    for (auto it = m_runs->data()->constBegin(); it != m_runs->data()->constEnd(); ++it)
        list.append(it->value);
    return list;
}

QString NodeRunsChart::title() const
{
    return m_title->text();
}

void NodeRunsChart::rebuild()
{
    m_runs->data()->clear();
    m_forward->data()->clear();
    m_median = 0;
    const ptscope::NodeProfile* node = nullptr;
    if (m_result) {
        for (const ptscope::NodeProfile& n : m_result->nodes) {
            if (n.id == m_selected)
                node = &n;
        }
    }
    std::vector<double> runs;
    if (node) {
        runs = node->runsMs;
        m_median = node->ms.median;
        m_title->setText(tr("<b>%1</b>: %2 median, %3 to %4 over %5 runs (std %6)")
                             .arg(ProfileFormat::nodeName(*node).toHtmlEscaped(), ProfileFormat::duration(node->ms.median),
                                  ProfileFormat::duration(node->ms.min), ProfileFormat::duration(node->ms.max))
                             .arg(node->runsMs.size())
                             .arg(ProfileFormat::duration(node->ms.std)));
    } else if (m_result) {
        runs = m_result->executorRunsMs.empty() ? m_result->forwardRunsMs : m_result->executorRunsMs;
        m_median = m_result->executorRunsMs.empty() ? m_result->forwardMs.median : m_result->executorMs.median;
        m_title->setText(tr("Whole runs: %1 median. Select a node to see its time in each run.")
                             .arg(ProfileFormat::duration(m_median)));
        // Forward runs happen between executor runs; they are spread over the same run axis.
        if (!m_result->executorRunsMs.empty() && !m_result->forwardRunsMs.empty()) {
            const double step = double(m_result->executorRunsMs.size()) / double(m_result->forwardRunsMs.size());
            for (size_t i = 0; i < m_result->forwardRunsMs.size(); ++i)
                m_forward->addData(1 + step * (double(i) + 0.5), m_result->forwardRunsMs[i]);
        }
    } else {
        m_title->setText(tr("No profile yet"));
    }
    for (size_t i = 0; i < runs.size(); ++i)
        m_runs->addData(double(i + 1), runs[i]);
    m_plot->legend->setVisible(!node && m_forward->dataCount() > 0);
    const bool has = !runs.empty();
    m_medianLine->setVisible(has);
    m_medianLabel->setVisible(has);
    ProfileChartStyle::setPlaceholder(m_plot, has ? QString() : tr("No runs"));
    if (has) {
        m_medianLine->point1->setCoords(0, m_median);
        m_medianLine->point2->setCoords(1, m_median);
        m_medianLabel->position->setCoords(double(runs.size()) + 0.5, m_median);
        m_medianLabel->setText(tr("median %1").arg(ProfileFormat::duration(m_median)));
        double low = *std::min_element(runs.begin(), runs.end());
        double high = *std::max_element(runs.begin(), runs.end());
        for (auto it = m_forward->data()->constBegin(); it != m_forward->data()->constEnd(); ++it) {
            low = std::min(low, it->value);
            high = std::max(high, it->value);
        }
        const double margin = std::max((high - low) * 0.1, high * 0.02);
        m_plot->xAxis->setRange(0.5, double(runs.size()) + 0.5);
        m_plot->yAxis->setRange(std::max(0.0, low - margin), high + margin);
    }
    m_plot->replot();
}
