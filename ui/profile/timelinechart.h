#pragma once

#include "profileresultptr.h"

#include <QHash>
#include <QStringList>
#include <QWidget>

class QComboBox;
class QCustomPlot;
class QLabel;
class QMouseEvent;
class QPushButton;
class TimelinePlottable;

// One measured run as a timeline: every node call a bar from its start to its end, a row per
// If/Loop depth, coloured by kind (the kinds with the most time get a colour each). The wheel
// zooms and dragging pans the time axis; clicking a bar selects its node. The run shown first is
// the median one.
class TimelineChart : public QWidget
{
    Q_OBJECT
public:
    explicit TimelineChart(QWidget* parent = nullptr);

    void setResult(const ProfileResultPtr& result);
    void clear();
    void setRun(int run);
    int run() const; // -1 without timelines
    void setSelectedNode(int id);
    // Zooms out to the whole run.
    void fit();

    int barCount() const;
    QStringList legendKinds() const { return m_legendKinds; }
    QCustomPlot* plot() const { return m_plot; }
    TimelinePlottable* timeline() const { return m_timeline; }
    // Where the first call of node id is drawn in the run shown, in plot pixels; invalid when it
    // did not run in it.
    QPointF barCenter(int id) const;

signals:
    void nodeClicked(int id);

private:
    void showRun(int run);
    void onClick(const QPointF& pos);
    void onMove(QMouseEvent* event);
    void clampRange();
    double runEnd() const; // ms
    void assignColors();
    int nodeIdAt(const QPointF& pos) const;

    ProfileResultPtr m_result;
    QHash<int, int> m_rowOfNode; // node id -> row in result.nodes
    QHash<QString, int> m_colorOfKind;
    QStringList m_legendKinds;
    QComboBox* m_runs;
    QPushButton* m_fit;
    QLabel* m_legend;
    QLabel* m_note;
    QCustomPlot* m_plot;
    TimelinePlottable* m_timeline;
    int m_selected = -1;
};
