// qcustomplot.h still uses foreach, which ptscope_ui switches off everywhere else. Qt decides
// whether to define foreach when its first header is read, so this comes before any include.
#undef QT_NO_FOREACH

#include "run/tensorhistogram.h"

#include <QLabel>
#include <QSharedPointer>
#include <QVBoxLayout>
#include <qcustomplot.h>

TensorHistogram::TensorHistogram(QWidget* parent)
    : QWidget(parent), m_plot(new QCustomPlot(this)), m_note(new QLabel(this))
{
    m_plot->setObjectName(QStringLiteral("histogramPlot"));
    m_bars = new QCPBars(m_plot->xAxis, m_plot->yAxis);
    m_bars->setPen(QPen(QColor(40, 90, 160)));
    m_bars->setBrush(QColor(70, 130, 200, 200));
    m_bars->setWidthType(QCPBars::wtPlotCoords);
    m_plot->yAxis->setLabel(tr("count"));
    // Counts are whole numbers: no ticks at 0.5.
    QSharedPointer<QCPAxisTickerFixed> countTicker(new QCPAxisTickerFixed);
    countTicker->setTickStep(1.0);
    countTicker->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
    m_plot->yAxis->setTicker(countTicker);
    m_plot->yAxis->setRangeLower(0);
    m_plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    // Zooming the count axis is rarely wanted; values are what people zoom into.
    m_plot->axisRect()->setRangeDrag(Qt::Horizontal);
    m_plot->axisRect()->setRangeZoom(Qt::Horizontal);

    m_note->setObjectName(QStringLiteral("histogramNote"));
    m_note->setWordWrap(true);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_plot, 1);
    layout->addWidget(m_note);
    clear();
}

void TensorHistogram::setHistogram(const Histogram& histogram, const QString& dtype)
{
    m_histogram = histogram;
    QVector<double> keys;
    QVector<double> counts;
    int64_t highest = 0;
    for (int bin = 0; bin < histogram.bins(); ++bin) {
        keys.append(histogram.binCenter(bin));
        counts.append(static_cast<double>(histogram.counts[static_cast<size_t>(bin)]));
        highest = std::max(highest, histogram.counts[static_cast<size_t>(bin)]);
    }
    m_bars->setData(keys, counts, true);
    // Integer bins get a gap between bars, so each reads as one value; float bins touch.
    m_bars->setWidth(histogram.integral && histogram.binWidth == 1 ? 0.8 : histogram.binWidth);

    if (histogram.isBool) {
        QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
        ticker->addTick(0, QStringLiteral("false"));
        ticker->addTick(1, QStringLiteral("true"));
        m_plot->xAxis->setTicker(ticker);
    } else if (histogram.integral) {
        // Integer tensors: ticks on whole numbers only (1, 2, 5, 10... apart).
        QSharedPointer<QCPAxisTickerFixed> ticker(new QCPAxisTickerFixed);
        ticker->setTickStep(1.0);
        ticker->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
        m_plot->xAxis->setTicker(ticker);
    } else {
        m_plot->xAxis->setTicker(QSharedPointer<QCPAxisTicker>(new QCPAxisTicker));
    }
    m_plot->xAxis->setLabel(histogram.magnitude ? tr("|value| (%1)").arg(dtype)
                                                : tr("value (%1)").arg(dtype));
    if (histogram.bins() > 0) {
        const double lower = histogram.lower;
        const double upper = histogram.binLower(histogram.bins());
        const double margin = (upper - lower) * 0.02;
        m_plot->xAxis->setRange(lower - margin, upper + margin);
    } else {
        m_plot->xAxis->setRange(0, 1);
    }
    m_plot->yAxis->setRange(0, std::max<double>(1.0, static_cast<double>(highest) * 1.05));
    m_plot->replot();
    m_note->setText(noteText());
}

void TensorHistogram::clear()
{
    setHistogram(Histogram{}, QString());
    m_note->clear();
}

QString TensorHistogram::noteText() const
{
    const Histogram& h = m_histogram;
    QString text = h.finite == 1 ? tr("1 finite value") : tr("%L1 finite values").arg(h.finite);
    if (h.bins() > 0 && !h.integral)
        text += tr(" in %1 bins of width %2").arg(h.bins()).arg(h.binWidth, 0, 'g', 4);
    QStringList left;
    if (h.nan > 0)
        left.append(tr("%L1 NaN").arg(h.nan));
    if (h.posInf > 0)
        left.append(tr("%L1 +inf").arg(h.posInf));
    if (h.negInf > 0)
        left.append(tr("%L1 −inf").arg(h.negInf));
    if (!left.isEmpty())
        text += tr("; not drawn: %1").arg(left.join(QStringLiteral(", ")));
    return text + QLatin1Char('.');
}
