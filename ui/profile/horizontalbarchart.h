#pragma once

#include <QStringList>
#include <QVector>
#include <QWidget>

class QCPBars;
class QCustomPlot;
class QMouseEvent;

// Labelled horizontal bars, largest first at the top, each with its value written at its end;
// clicking a bar reports its index. The top-N nodes and the time-by-kind charts are made of it.
class HorizontalBarChart : public QWidget
{
    Q_OBJECT
public:
    struct Bar
    {
        QString label;   // on the axis
        double value = 0;
        QString text;    // after the bar's end ("7.93 ms · 13.9%")
        QString toolTip;
    };

    explicit HorizontalBarChart(QWidget* parent = nullptr);

    void setBars(const QVector<Bar>& bars, const QString& valueLabel);
    void clear(const QString& placeholder);
    // The bar drawn in the selection colour; -1 for none.
    void setHighlighted(int index);
    int highlighted() const { return m_highlighted; }

    const QVector<Bar>& bars() const { return m_bars; }
    QCustomPlot* plot() const { return m_plot; }
    // Where bar index is drawn, in the plot's pixels (for tests and tooltips).
    QPointF barCenter(int index) const;

signals:
    void barClicked(int index);

private:
    void onClick(QMouseEvent* event);
    void onMove(QMouseEvent* event);
    int barAt(const QPointF& pos) const;

    QCustomPlot* m_plot;
    QCPBars* m_barsPlottable;
    QCPBars* m_highlight;
    QVector<Bar> m_bars;
    int m_highlighted = -1;
};
