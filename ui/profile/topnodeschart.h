#pragma once

#include "profileresultptr.h"

#include <QVector>
#include <QWidget>

class HorizontalBarChart;
class QSpinBox;

// The N nodes that take the most time per run, as bars; If and Loop nodes are left out, their
// times being made of the nodes in their blocks. Clicking a bar selects its node.
class TopNodesChart : public QWidget
{
    Q_OBJECT
public:
    explicit TopNodesChart(QWidget* parent = nullptr);

    void setResult(const ProfileResultPtr& result);
    void clear();
    void setCount(int count);
    int count() const;
    void setSelectedNode(int id);

    // The nodes drawn, slowest first, and their medians in ms.
    const QVector<int>& nodeIds() const { return m_nodeIds; }
    QVector<double> values() const;
    HorizontalBarChart* chart() const { return m_chart; }

signals:
    void nodeClicked(int id);

private:
    void rebuild();

    ProfileResultPtr m_result;
    HorizontalBarChart* m_chart;
    QSpinBox* m_count;
    QVector<int> m_nodeIds;
    int m_selected = -1;
};
