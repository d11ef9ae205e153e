// qcustomplot.h still uses foreach, which ptscope_ui switches off everywhere else. Qt decides
// whether to define foreach when its first header is read, so this comes before any include.
#undef QT_NO_FOREACH

#include "profile/memorychart.h"

#include "profile/profilechartstyle.h"
#include "profile/profileformat.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QToolTip>
#include <QVBoxLayout>
#include <qcustomplot.h>

namespace {

// The largest binary unit the values reach, so the axis reads "12.5" rather than "13107200".
std::pair<double, QString> unitFor(double bytes)
{
    if (bytes >= 1024.0 * 1024 * 1024)
        return {1024.0 * 1024 * 1024, QStringLiteral("GiB")};
    if (bytes >= 1024.0 * 1024)
        return {1024.0 * 1024, QStringLiteral("MiB")};
    if (bytes >= 1024.0)
        return {1024.0, QStringLiteral("KiB")};
    return {1.0, QStringLiteral("B")};
}

} // namespace

MemoryChart::MemoryChart(QWidget* parent)
    : QWidget(parent), m_stacked(new QCheckBox(tr("On top of inputs and parameters"), this)),
      m_note(new QLabel(this)), m_plot(new QCustomPlot(this))
{
    m_plot->setObjectName(QStringLiteral("memoryPlot"));
    m_stacked->setObjectName(QStringLiteral("memoryStacked"));
    m_stacked->setChecked(true);
    m_stacked->setToolTip(tr("Unticked, the activations are shown alone, which shows their shape better "
                             "when the parameters are much larger"));
    m_note->setWordWrap(true);
    ProfileChartStyle::setUpPlot(m_plot);
    m_curve = m_plot->addGraph();
    m_curve->setLineStyle(QCPGraph::lsStepLeft);
    m_curve->setPen(QPen(QColor(89, 161, 79), 1.5));
    m_curve->setBrush(QColor(89, 161, 79, 60));
    m_marks = m_plot->addGraph();
    m_marks->setLineStyle(QCPGraph::lsNone);
    m_marks->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, ProfileChartStyle::selectionColor(),
                                             ProfileChartStyle::selectionColor(), 7));
    m_baseLine = new QCPItemStraightLine(m_plot);
    m_baseLine->setPen(QPen(QColor(120, 120, 120), 1, Qt::DashLine));
    m_baseLabel = new QCPItemText(m_plot);
    m_baseLabel->setPositionAlignment(Qt::AlignLeft | Qt::AlignBottom);
    m_baseLabel->setColor(QColor(90, 90, 90));
    m_peak = new QCPItemTracer(m_plot);
    m_peak->setStyle(QCPItemTracer::tsCircle);
    m_peak->setSize(9);
    m_peak->setPen(QPen(QColor(200, 50, 40), 2));
    m_peakLabel = new QCPItemText(m_plot);
    m_peakLabel->setPositionAlignment(Qt::AlignLeft | Qt::AlignBottom);
    m_peakLabel->position->setParentAnchor(m_peak->position);
    m_peakLabel->position->setCoords(6, -6);
    m_peakLabel->setColor(QColor(160, 40, 30));
    m_plot->xAxis->setLabel(tr("node calls in run order"));
    m_plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    m_plot->axisRect()->setRangeDrag(Qt::Horizontal);
    m_plot->axisRect()->setRangeZoom(Qt::Horizontal);
    m_plot->setMouseTracking(true);
    ProfileChartStyle::onClick(m_plot, this, [this](const QPointF& pos) { onClick(pos); });
    connect(m_plot, &QCustomPlot::mouseMove, this, &MemoryChart::onMove);
    connect(m_stacked, &QCheckBox::toggled, this, &MemoryChart::rebuild);

    auto* row = new QHBoxLayout;
    row->addWidget(m_note, 1);
    row->addWidget(m_stacked);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(row);
    layout->addWidget(m_plot, 1);
    clear();
}

void MemoryChart::setResult(const ProfileResultPtr& result)
{
    m_result = result;
    m_selected = -1;
    rebuild();
}

void MemoryChart::clear()
{
    setResult(nullptr);
}

void MemoryChart::setStacked(bool stacked)
{
    m_stacked->setChecked(stacked);
}

int MemoryChart::pointCount() const
{
    return m_curve->dataCount();
}

void MemoryChart::rebuild()
{
    m_curve->data()->clear();
    m_peakStep = -1;
    const bool has = m_result && !m_result->memory.curve.empty();
    m_peak->setVisible(has);
    m_peak->setGraph(nullptr); // a tracer on an empty graph complains at every replot
    m_peakLabel->setVisible(has);
    m_baseLine->setVisible(false);
    m_baseLabel->setVisible(false);
    if (!has) {
        m_note->setText(m_result ? tr("No memory curve in this profile.") : QString());
        ProfileChartStyle::setPlaceholder(m_plot, m_result ? tr("No memory curve") : tr("No profile yet"));
        m_marks->data()->clear();
        m_plot->replot();
        return;
    }
    ProfileChartStyle::setPlaceholder(m_plot, {});
    const ptscope::MemoryProfile& memory = m_result->memory;
    const bool stacked = m_stacked->isChecked();
    const double base = stacked ? double(memory.inputBytes + memory.parameterBytes) : 0.0;
    const auto [unit, unitName] = unitFor(base + double(memory.peakActivationBytes));
    m_unit = unit;
    QVector<double> steps;
    QVector<double> values;
    steps.reserve(qsizetype(memory.curve.size()));
    values.reserve(qsizetype(memory.curve.size()));
    int64_t peak = -1;
    for (size_t i = 0; i < memory.curve.size(); ++i) {
        steps.append(double(i));
        values.append((base + double(memory.curve[i].activationBytes)) / unit);
        if (memory.curve[i].activationBytes > peak) {
            peak = memory.curve[i].activationBytes;
            m_peakStep = int(i);
        }
    }
    m_curve->setData(steps, values, true);
    m_peak->setGraph(m_curve);
    m_peak->setGraphKey(m_peakStep);
    m_peakLabel->setText(tr("peak: %1 of activations").arg(ProfileFormat::bytes(memory.peakActivationBytes)));
    if (stacked) {
        m_baseLine->setVisible(true);
        m_baseLine->point1->setCoords(0, base / unit);
        m_baseLine->point2->setCoords(1, base / unit);
        m_baseLabel->setVisible(true);
        m_baseLabel->position->setCoords(0, base / unit);
        m_baseLabel->setText(tr("inputs %1 + parameters and constants %2")
                                 .arg(ProfileFormat::bytes(memory.inputBytes), ProfileFormat::bytes(memory.parameterBytes)));
    }
    m_plot->yAxis->setLabel(stacked ? tr("storage alive (%1)").arg(unitName) : tr("activations alive (%1)").arg(unitName));
    m_plot->xAxis->setRange(0, std::max<double>(1, double(memory.curve.size() - 1)));
    // Headroom for the peak's label.
    m_plot->yAxis->setRange(0, std::max(1e-9, (base + double(peak)) / unit * 1.15));
    m_note->setText(tr("Tensor storage alive after each node call of one run; views share their storage. "
                       "Activations peak at %1.%2")
                        .arg(ProfileFormat::bytes(memory.peakActivationBytes),
                             memory.truncated ? tr(" The curve was cut short.") : QString()));
    setSelectedNode(m_selected);
}

void MemoryChart::setSelectedNode(int id)
{
    m_selected = id;
    m_marks->data()->clear();
    if (m_result && id >= 0) {
        const auto& curve = m_result->memory.curve;
        for (int i = 0; i < m_curve->dataCount(); ++i) {
            if (curve[size_t(i)].node == id)
                m_marks->addData(i, (m_curve->dataMainValue(i)));
        }
    }
    m_plot->replot();
}

int MemoryChart::stepAt(const QPointF& pos) const
{
    if (!m_result || m_curve->dataCount() == 0 || !m_plot->axisRect()->rect().contains(pos.toPoint()))
        return -1;
    const int step = int(std::lround(m_plot->xAxis->pixelToCoord(pos.x())));
    return step >= 0 && step < m_curve->dataCount() ? step : -1;
}

void MemoryChart::onClick(const QPointF& pos)
{
    const int step = stepAt(pos);
    if (step >= 0 && m_result->memory.curve[size_t(step)].node >= 0)
        emit nodeClicked(m_result->memory.curve[size_t(step)].node);
}

void MemoryChart::onMove(QMouseEvent* event)
{
    const int step = stepAt(event->position());
    if (step < 0 || event->buttons() != Qt::NoButton) {
        QToolTip::hideText();
        return;
    }
    const ptscope::MemoryPoint& point = m_result->memory.curve[size_t(step)];
    QString what = point.node < 0 ? (step == 0 ? tr("start of the run") : tr("end of the run")) : tr("node %1").arg(point.node);
    for (const ptscope::NodeProfile& node : m_result->nodes) {
        if (node.id == point.node) {
            what = ProfileFormat::nodeName(node);
            break;
        }
    }
    QToolTip::showText(event->globalPosition().toPoint(),
                       tr("after %1\nactivations %2").arg(what, ProfileFormat::bytes(point.activationBytes)), m_plot);
}
