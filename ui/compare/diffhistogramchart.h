#pragma once

#include <QWidget>
#include <ptscope/compare/outputdiff.h>

class QCPBars;
class QCustomPlot;
class QLabel;

// How many elements of one output differ by how much: a bar per power of ten of |a − b| (the
// DiffHistogram the comparison counted), bins at or above atol in red, the tolerance drawn as a
// dashed line, each bar's count written over it.
class DiffHistogramChart : public QWidget
{
    Q_OBJECT
public:
    explicit DiffHistogramChart(QWidget* parent = nullptr);

    void setOutput(const ptscope::OutputDiff& diff);
    void clear();

    QCustomPlot* plot() const { return m_plot; }
    // The line under the chart ("4 of 4 elements beyond the tolerance").
    QString noteText() const;
    // Where the tolerance line is drawn, in bar coordinates; NaN without one.
    double toleranceX() const { return m_toleranceX; }
    // Bar i's label on the x axis ("= 0", "10⁻⁵", "≥ 10²").
    static QString binLabel(int bin);
    // The x position of a difference: bin i spans [i − 0.5, i + 0.5).
    static double positionOf(double difference);

private:
    void setPlaceholder(const QString& text);

    QCustomPlot* m_plot;
    QCPBars* m_within;
    QCPBars* m_beyond;
    QLabel* m_note;
    double m_toleranceX;
};
