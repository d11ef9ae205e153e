#pragma once

#include "profileresultptr.h"

#include <QStringList>
#include <QWidget>

class HorizontalBarChart;

// Time per run by op kind, most first; clicking a kind asks for its nodes (the panel filters its
// table to it).
class KindTimeChart : public QWidget
{
    Q_OBJECT
public:
    // More kinds than this are added up into one "other kinds" bar.
    static constexpr int MaxBars = 30;

    explicit KindTimeChart(QWidget* parent = nullptr);

    void setResult(const ProfileResultPtr& result);
    void clear();

    // The kinds drawn, top to bottom (an empty string for the "other kinds" bar).
    const QStringList& kinds() const { return m_kinds; }
    HorizontalBarChart* chart() const { return m_chart; }

signals:
    void kindClicked(const QString& kind);

private:
    HorizontalBarChart* m_chart;
    QStringList m_kinds;
};
