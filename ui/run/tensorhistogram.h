#pragma once

#include "run/tensorvalues.h"

#include <QWidget>

class QCustomPlot;
class QCPBars;
class QLabel;

// A bar chart of a tensor's finite values (Histogram), with the NaN and infinity counts it
// leaves out said beneath it.
class TensorHistogram : public QWidget
{
    Q_OBJECT
public:
    explicit TensorHistogram(QWidget* parent = nullptr);

    void setHistogram(const Histogram& histogram, const QString& dtype);
    void clear();

    const Histogram& histogram() const { return m_histogram; }
    QCustomPlot* plot() const { return m_plot; }
    // What the line under the chart says ("6 values; 2 NaN, 1 +inf left out").
    QString noteText() const;

private:
    Histogram m_histogram;
    QCustomPlot* m_plot;
    QCPBars* m_bars;
    QLabel* m_note;
};
