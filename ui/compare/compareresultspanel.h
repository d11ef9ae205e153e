#pragma once

#include "controllers/comparereportptr.h"

#include <QWidget>

class CompareInputsModel;
class CompareOutputsModel;
class CompareVerdictBanner;
class DiffHistogramChart;
class DivergenceView;
class MessageBanner;
class QLabel;
class QProgressBar;
class QTableView;
class SearchSummaryView;

// What a comparison found, top to bottom: the verdict banner, the comparison's progress while it
// runs, the inputs tried (choosing one shows its outputs), the outputs' metrics, the histogram of
// the chosen output's differences, where the models part node by node and why, and the search
// with its counterexample. Only shows what it is given; the Compare mode wires it up.
class CompareResultsPanel : public QWidget
{
    Q_OBJECT
public:
    explicit CompareResultsPanel(QWidget* parent = nullptr);

    void setReport(const CompareReportPtr& report);
    void clear();
    const CompareReportPtr& report() const { return m_report; }
    void setBusy(bool busy);
    void setProgress(const QString& text, int done, int total);
    void showError(const QString& message, const QString& detail);
    void showInfo(const QString& message);
    void setCounterexampleFile(const QString& file);

    // Shows this row of the inputs table (its outputs, the first mismatching one's histogram).
    void selectInput(int row);
    void selectOutput(int row);

    CompareVerdictBanner* verdictBanner() const { return m_verdict; }
    MessageBanner* messageBanner() const { return m_message; }
    CompareInputsModel* inputsModel() const { return m_inputs; }
    CompareOutputsModel* outputsModel() const { return m_outputs; }
    QTableView* inputsView() const { return m_inputsView; }
    QTableView* outputsView() const { return m_outputsView; }
    DiffHistogramChart* histogram() const { return m_histogram; }
    DivergenceView* divergenceView() const { return m_divergence; }
    SearchSummaryView* searchSummary() const { return m_search; }
    QString progressText() const;

signals:
    void focusNodes(int nodeA, int nodeB);
    void showSource(int side, const QString& file, int line);
    void runCounterexampleRequested(const QString& file);

private:
    QWidget* section(const QString& title, QWidget* content);
    QTableView* createTable(const QString& name);
    void fitTables();
    void onInputChanged();
    void onOutputChanged();

    CompareReportPtr m_report;
    MessageBanner* m_message;
    CompareVerdictBanner* m_verdict;
    QProgressBar* m_progress;
    QLabel* m_progressText;
    CompareInputsModel* m_inputs;
    CompareOutputsModel* m_outputs;
    QTableView* m_inputsView;
    QTableView* m_outputsView;
    QLabel* m_outputsNote;
    DiffHistogramChart* m_histogram;
    DivergenceView* m_divergence;
    SearchSummaryView* m_search;
};
