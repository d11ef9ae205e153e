#pragma once

#include "profileresultptr.h"

#include <QVector>
#include <QWidget>

class QCPGraph;
class QCPItemStraightLine;
class QCPItemText;
class QCustomPlot;
class QLabel;

// The selected node's time in each measured run, in run order, with its median: shows the spread
// behind the median, and drift (a slow first run, a machine getting busy). Without a selected
// node it shows the whole runs, the node executor's and forward's.
class NodeRunsChart : public QWidget
{
    Q_OBJECT
public:
    explicit NodeRunsChart(QWidget* parent = nullptr);

    void setResult(const ProfileResultPtr& result);
    void clear();
    void setSelectedNode(int id);

    // The times drawn (ms, run order) and the median line's value.
    QVector<double> values() const;
    double median() const { return m_median; }
    QString title() const;
    QCustomPlot* plot() const { return m_plot; }

private:
    void rebuild();

    ProfileResultPtr m_result;
    int m_selected = -1;
    QLabel* m_title;
    QCustomPlot* m_plot;
    QCPGraph* m_runs;
    QCPGraph* m_forward;
    QCPItemStraightLine* m_medianLine;
    QCPItemText* m_medianLabel;
    double m_median = 0;
};
