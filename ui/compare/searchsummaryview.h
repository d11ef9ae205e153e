#pragma once

#include "controllers/comparereportptr.h"

#include <QWidget>

class QLabel;
class QPushButton;

// What the divergence search did: how many trials in how long, how it stopped, which
// dimensions it found free, and the counterexample (the smallest disagreeing input), which can be
// run in the Run tab or saved.
class SearchSummaryView : public QWidget
{
    Q_OBJECT
public:
    explicit SearchSummaryView(QWidget* parent = nullptr);

    void setReport(const CompareReportPtr& report);
    void clear();
    // The saved counterexample (a .pt of forward's arguments); empty disables its buttons.
    void setCounterexampleFile(const QString& file);
    QString counterexampleFile() const { return m_file; }
    QString text() const;

    QPushButton* runButton() const { return m_run; }
    QPushButton* saveButton() const { return m_save; }

    // Copies from to to completely or not at all (through a temporary file renamed at the end),
    // replacing to; false with the reason in error.
    static bool saveCopy(const QString& from, const QString& to, QString* error);

signals:
    void runRequested(const QString& file);

private:
    void saveAs();

    QLabel* m_text;
    QPushButton* m_run;
    QPushButton* m_save;
    QString m_file;
};
