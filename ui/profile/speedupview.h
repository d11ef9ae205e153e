#pragma once

#include <QWidget>
#include <optional>
#include <ptscope/profile/profile.h>

class QLabel;
class QTableView;
class SpeedupModel;

// The speed-up report: how fast the model runs as saved, frozen and optimized under each of the
// JIT's executor modes and thread counts, how its first runs after a load compare with warm ones,
// and a few lines saying how to read it.
class SpeedupView : public QWidget
{
    Q_OBJECT
public:
    explicit SpeedupView(QWidget* parent = nullptr);

    void setReport(const std::optional<ptscope::SpeedupReport>& report);
    void clear();

    SpeedupModel* model() const { return m_model; }
    QString firstRunsText() const;
    QString adviceText() const;

private:
    QString advice(const ptscope::SpeedupReport& report) const;

    SpeedupModel* m_model;
    QTableView* m_view;
    QLabel* m_header;
    QLabel* m_firstRuns;
    QLabel* m_advice;
};
