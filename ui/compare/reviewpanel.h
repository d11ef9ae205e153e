#pragma once

#include <QWidget>
#include <memory>
#include <ptscope/compare/review.h>

class CodeDiffView;
class QLabel;
class QTabWidget;
class QTableView;
class ReviewModulesModel;
class ReviewOpsModel;
class ReviewParametersModel;
class ReviewTimingsModel;

// What changed between two versions of a model: a one-line summary, then a tab each for the
// modules, parameters and operator counts that changed, the code as a unified diff, and (when
// both were profiled) the nodes whose time changed most.
class ReviewPanel : public QWidget
{
    Q_OBJECT
public:
    explicit ReviewPanel(QWidget* parent = nullptr);

    void setReview(const std::shared_ptr<const ptscope::Review>& review);
    const std::shared_ptr<const ptscope::Review>& review() const { return m_review; }
    QString summaryText() const;

    ReviewModulesModel* modulesModel() const { return m_modules; }
    ReviewParametersModel* parametersModel() const { return m_parameters; }
    ReviewOpsModel* opsModel() const { return m_ops; }
    ReviewTimingsModel* timingsModel() const { return m_timings; }
    CodeDiffView* codeDiff() const { return m_code; }
    QTabWidget* tabs() const { return m_tabs; }

    static QString summaryOf(const ptscope::Review& review);

private:
    QTableView* createTable(const QString& name, class QAbstractItemModel* model, int stretchColumn);
    void updateTabTitles();

    std::shared_ptr<const ptscope::Review> m_review;
    QLabel* m_summary;
    QTabWidget* m_tabs;
    ReviewModulesModel* m_modules;
    ReviewParametersModel* m_parameters;
    ReviewOpsModel* m_ops;
    ReviewTimingsModel* m_timings;
    CodeDiffView* m_code;
    QWidget* m_timingsPage = nullptr;
};
