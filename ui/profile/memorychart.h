#pragma once

#include "profileresultptr.h"

#include <QWidget>

class QCheckBox;
class QCPGraph;
class QCPItemStraightLine;
class QCPItemText;
class QCPItemTracer;
class QCustomPlot;
class QLabel;
class QMouseEvent;

// Tensor storage alive through the observed run: activations after every node call, on top of
// the inputs, parameters and constants held all run long (or alone, to see their shape), with
// the peak marked. Clicking the curve selects the node that had just run.
class MemoryChart : public QWidget
{
    Q_OBJECT
public:
    explicit MemoryChart(QWidget* parent = nullptr);

    void setResult(const ProfileResultPtr& result);
    void clear();
    void setSelectedNode(int id);
    // Stack the activations on the inputs and parameters (the default) or show them alone.
    void setStacked(bool stacked);

    int pointCount() const;
    // The step (index into memory.curve) of the peak; -1 without a curve.
    int peakStep() const { return m_peakStep; }
    QCustomPlot* plot() const { return m_plot; }
    QCPGraph* curve() const { return m_curve; }

signals:
    void nodeClicked(int id);

private:
    void rebuild();
    void onClick(const QPointF& pos);
    void onMove(QMouseEvent* event);
    int stepAt(const QPointF& pos) const;

    ProfileResultPtr m_result;
    QCheckBox* m_stacked;
    QLabel* m_note;
    QCustomPlot* m_plot;
    QCPGraph* m_curve;
    QCPGraph* m_marks; // the selected node's steps
    QCPItemStraightLine* m_baseLine;
    QCPItemText* m_baseLabel;
    QCPItemTracer* m_peak;
    QCPItemText* m_peakLabel;
    double m_unit = 1;
    int m_peakStep = -1;
    int m_selected = -1;
};
