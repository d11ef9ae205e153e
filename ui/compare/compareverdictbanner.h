#pragma once

#include "controllers/comparereportptr.h"

#include <QFrame>

class QLabel;

// The comparison's answer at a glance: MATCH or MISMATCH in large type on green or red, with
// which models (or saved outputs) were compared, under which tolerances, on how many inputs and
// what the search found. Before a comparison it says what to do.
class CompareVerdictBanner : public QFrame
{
    Q_OBJECT
public:
    explicit CompareVerdictBanner(QWidget* parent = nullptr);

    void setReport(const CompareReportPtr& report);
    // No verdict: a neutral banner with this text (what to do, or that a comparison is running).
    void setNeutral(const QString& headline, const QString& details = {});

    QString headline() const;
    QString details() const;

    // The words under the headline for a report (also the window's status line).
    static QString detailsOf(const ptscope::CompareReport& report);

private:
    void setColours(const QColor& background, const QColor& text);

    QLabel* m_headline;
    QLabel* m_details;
};
