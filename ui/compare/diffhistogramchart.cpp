// qcustomplot.h still uses foreach, which ptscope_ui switches off everywhere else. Qt decides
// whether to define foreach when its first header is read, so this comes before any include.
#undef QT_NO_FOREACH

#include "compare/diffhistogramchart.h"

#include "compare/compareformat.h"
#include "profile/profilechartstyle.h"

#include <QLabel>
#include <QVBoxLayout>
#include <cmath>
#include <limits>
#include <qcustomplot.h>

namespace {

using Histogram = ptscope::DiffHistogram;

QString superscript(int exponent)
{
    static const QString digits = QStringLiteral("⁰¹²³⁴⁵⁶⁷⁸⁹");
    QString text = exponent < 0 ? QStringLiteral("⁻") : QString();
    for (const QChar c : QString::number(std::abs(exponent)))
        text += digits[c.digitValue()];
    return QStringLiteral("10") + text;
}

int exponentOf(int bin)
{
    return bin - 1 + Histogram::kFirstExponent;
}

} // namespace

DiffHistogramChart::DiffHistogramChart(QWidget* parent)
    : QWidget(parent), m_plot(new QCustomPlot(this)), m_note(new QLabel(this)),
      m_toleranceX(std::numeric_limits<double>::quiet_NaN())
{
    // Replots are queued: the chart is often filled before it has a size (a new report arriving
    // with the tab hidden), and several changes in a row paint once.
    m_plot->setObjectName(QStringLiteral("diffHistogramPlot"));
    ProfileChartStyle::setUpPlot(m_plot);
    m_within = new QCPBars(m_plot->xAxis, m_plot->yAxis);
    m_within->setPen(QPen(QColor(40, 90, 160)));
    m_within->setBrush(QColor(70, 130, 200, 200));
    m_beyond = new QCPBars(m_plot->xAxis, m_plot->yAxis);
    m_beyond->setPen(QPen(QColor(150, 30, 30)));
    m_beyond->setBrush(QColor(215, 60, 50, 210));
    for (QCPBars* bars : {m_within, m_beyond})
        bars->setWidth(0.8);

    QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
    for (int bin = 0; bin < Histogram::kBins; ++bin)
        ticker->addTick(bin, binLabel(bin));
    m_plot->xAxis->setTicker(ticker);
    m_plot->xAxis->setTickLabelRotation(-45);
    m_plot->xAxis->grid()->setVisible(false);
    m_plot->xAxis->setLabel(tr("|a − b|, by power of ten"));
    m_plot->xAxis->setRange(-0.6, Histogram::kBins - 0.4);
    m_plot->yAxis->setLabel(tr("elements"));
    // Counts are whole numbers: no ticks at 0.5.
    QSharedPointer<QCPAxisTickerFixed> counts(new QCPAxisTickerFixed);
    counts->setTickStep(1.0);
    counts->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
    m_plot->yAxis->setTicker(counts);

    m_note->setObjectName(QStringLiteral("diffHistogramNote"));
    m_note->setWordWrap(true);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_plot, 1);
    layout->addWidget(m_note);
    clear();
}

QString DiffHistogramChart::binLabel(int bin)
{
    if (bin <= 0)
        return QStringLiteral("= 0");
    if (bin == 1)
        return QStringLiteral("< ") + superscript(exponentOf(2));
    if (bin == Histogram::kBins - 1)
        return QStringLiteral("≥ ") + superscript(exponentOf(bin));
    return superscript(exponentOf(bin));
}

double DiffHistogramChart::positionOf(double difference)
{
    if (!(difference > 0))
        return 0;
    const double x = std::log10(difference) - Histogram::kFirstExponent + 0.5;
    return std::clamp(x, 0.5, Histogram::kBins - 0.5);
}

void DiffHistogramChart::setPlaceholder(const QString& text)
{
    ProfileChartStyle::setPlaceholder(m_plot, text);
}

void DiffHistogramChart::clear()
{
    m_within->data()->clear();
    m_beyond->data()->clear();
    m_plot->clearItems();
    m_toleranceX = std::numeric_limits<double>::quiet_NaN();
    m_plot->yAxis->setRange(0, 1);
    setPlaceholder(tr("Choose an output to see how far its elements differ."));
    m_note->clear();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void DiffHistogramChart::setOutput(const ptscope::OutputDiff& diff)
{
    clear();
    if (diff.kind != ptscope::OutputDiff::Kind::Tensor || !diff.comparable ||
        int(diff.histogram.counts.size()) != Histogram::kBins) {
        setPlaceholder(diff.problem.empty() ? tr("Nothing to count: this output is not a tensor on both sides.")
                                            : QString::fromStdString(diff.problem));
        m_note->setText(tr("No element-wise differences for %1.").arg(QString::fromStdString(diff.path)));
        m_plot->replot(QCustomPlot::rpQueuedReplot);
        return;
    }
    setPlaceholder({});
    const double atol = diff.tolerance.atol;
    QVector<double> withinKeys, withinCounts, beyondKeys, beyondCounts;
    double highest = 0;
    for (int bin = 0; bin < Histogram::kBins; ++bin) {
        const double count = double(diff.histogram.counts[size_t(bin)]);
        highest = std::max(highest, count);
        // A bin starting at or past atol holds differences no rtol × |b| under 1 lets through.
        const bool beyond = bin > 0 && Histogram::lowerBound(bin) >= atol;
        (beyond ? beyondKeys : withinKeys).append(bin);
        (beyond ? beyondCounts : withinCounts).append(count);
        if (count > 0) {
            auto* label = new QCPItemText(m_plot);
            label->position->setCoords(bin, count);
            label->setPositionAlignment(Qt::AlignHCenter | Qt::AlignBottom);
            label->setText(QLocale().toString(qlonglong(count)));
            label->setFont(m_plot->font());
            label->setClipToAxisRect(false);
        }
    }
    m_within->setData(withinKeys, withinCounts, true);
    m_beyond->setData(beyondKeys, beyondCounts, true);
    m_plot->yAxis->setRange(0, std::max(1.0, highest * 1.18));

    m_toleranceX = positionOf(atol);
    auto* line = new QCPItemStraightLine(m_plot);
    line->setObjectName(QStringLiteral("toleranceLine"));
    line->point1->setCoords(m_toleranceX, 0);
    line->point2->setCoords(m_toleranceX, 1);
    line->setPen(QPen(QColor(60, 60, 60), 1.2, Qt::DashLine));
    auto* tag = new QCPItemText(m_plot);
    tag->position->setType(QCPItemPosition::ptPlotCoords);
    tag->position->setTypeY(QCPItemPosition::ptAxisRectRatio);
    tag->position->setCoords(m_toleranceX, 0.02);
    tag->setPositionAlignment(Qt::AlignLeft | Qt::AlignTop);
    tag->setPadding(QMargins(4, 0, 0, 0));
    tag->setText(tr("atol %1").arg(CompareFormat::number(atol)));
    tag->setColor(QColor(60, 60, 60));
    m_plot->replot(QCustomPlot::rpQueuedReplot);
    m_note->setText(tr("%1: %L2 of %L3 elements beyond atol + rtol × |b| (atol %4, rtol %5).")
                        .arg(QString::fromStdString(diff.path))
                        .arg(diff.mismatched)
                        .arg(diff.total)
                        .arg(CompareFormat::number(atol), CompareFormat::number(diff.tolerance.rtol)));
}

QString DiffHistogramChart::noteText() const
{
    return m_note->text();
}
