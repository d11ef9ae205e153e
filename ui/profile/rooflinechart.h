#pragma once

#include "profileresultptr.h"

#include <QVector>
#include <QWidget>

class QCPGraph;
class QCustomPlot;
class QLabel;
class QMouseEvent;

// The roofline of this machine: arithmetic intensity (FLOP per byte moved) against achieved
// GFLOP/s on log-log axes, under the compute roof (the measured peak) and the memory and cache
// roofs (bandwidth times intensity). Each node with a FLOP count is a point sized by its time,
// coloured compute- or memory-bound; how far below its roof it sits is what could be gained.
// Clicking a point selects its node.
class RooflineChart : public QWidget
{
    Q_OBJECT
public:
    struct Point
    {
        int id = -1;
        double intensity = 0;
        double gflops = 0;
        bool computeBound = false;
    };

    explicit RooflineChart(QWidget* parent = nullptr);

    void setResult(const ProfileResultPtr& result);
    void clear();
    void setSelectedNode(int id);

    const QVector<Point>& points() const { return m_points; }
    // Meaningful nodes that have no FLOPs (copies, views that move data) and so no place here.
    int unplacedCount() const { return m_unplaced; }
    QCustomPlot* plot() const { return m_plot; }
    QPointF pointCenter(int id) const; // in plot pixels; invalid when id is not drawn

signals:
    void nodeClicked(int id);

private:
    void drawRoofs(double lowX, double highX);
    int pointAt(const QPointF& pos) const; // index into m_points, -1 when none is near
    void onClick(const QPointF& pos);
    void onMove(QMouseEvent* event);

    ProfileResultPtr m_result;
    QVector<Point> m_points;
    QVector<QCPGraph*> m_pointGraphs; // by bound and size class
    QCPGraph* m_selectedMark;
    QVector<QCPGraph*> m_roofGraphs;
    QLabel* m_note;
    QCustomPlot* m_plot;
    int m_unplaced = 0;
};
