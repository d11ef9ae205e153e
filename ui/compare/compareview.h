#pragma once

#include "controllers/comparereportptr.h"
#include "modelinfoptr.h"
#include "run/runrequest.h"

#include <QWidget>
#include <memory>

class CompareController;
class CompareGraphs;
class CompareResultsPanel;
class CompareSettingsBar;
class QSplitter;
class QTabWidget;
class ReviewPanel;
namespace ptscope {
struct Review;
}

// The Compare mode: the settings bar above, the two graph panes on the left and what the
// comparison found on the right. Comparisons go through the CompareController (in model A's
// worker); pane B has a worker of its own. Clicking a node named in the results focuses both
// panes and both code views.
class CompareView : public QWidget
{
    Q_OBJECT
public:
    explicit CompareView(CompareController* controller, QWidget* parent = nullptr);

    // The open model (A) changed: the last comparison no longer applies.
    void setModel(const ModelInfoPtr& info);
    // The Run tab's request: its inputs fill the Inputs field unless the user typed there, and
    // its seed, threads and inputs file go with each comparison.
    void setRunRequest(const RunRequest& request);
    // Chooses what to compare with (opens B in pane B) without asking; empty path: ask.
    void compareWithModel(const QString& path = {});
    void compareWithReference(const QString& path = {});
    // Starts a comparison from the settings; false (with the reason shown) when it cannot.
    bool compare();
    // A version review of A and B: shown in the Review tab beside the comparison's results.
    void showReview(const std::shared_ptr<const ptscope::Review>& review);

    CompareController* controller() const { return m_controller; }
    CompareSettingsBar* settingsBar() const { return m_settings; }
    CompareGraphs* graphs() const { return m_graphs; }
    CompareResultsPanel* results() const { return m_results; }
    ReviewPanel* review() const { return m_review; }
    QTabWidget* sideTabs() const { return m_sideTabs; }
    // The request the view would compare on now.
    RunRequest request() const;

signals:
    // "Run It in the Run Tab": the counterexample file, for the Run tab's inputs.
    void runCounterexampleRequested(const QString& file);

private:
    void connectController();
    void onOtherChosen(int kind, const QString& path);
    void onComparisonAvailable(const CompareReportPtr& report);
    void updateState();

    CompareController* m_controller;
    CompareSettingsBar* m_settings;
    CompareGraphs* m_graphs;
    CompareResultsPanel* m_results;
    ReviewPanel* m_review;
    QTabWidget* m_sideTabs;
    QSplitter* m_splitter;
    RunRequest m_runRequest;
};
