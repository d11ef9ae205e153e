#pragma once

#include "controllers/comparereportptr.h"
#include "models/treemodel.h"

// Every input a comparison tried, in order, then the search's counterexample when it found one:
// each with its verdict and its largest difference. The worst input (the one the node by node
// comparison ran on, unless the search found something) shows in bold; choosing a row shows its
// outputs.
class CompareInputsModel : public TableModel
{
    Q_OBJECT
public:
    enum Columns
    {
        Input,
        Verdict,
        MaxAbs,     // the largest max |a − b| over its outputs
        Mismatched, // elements, over every output
        NUM_COLUMNS
    };
    enum Roles
    {
        SortRole = Qt::UserRole,
        IsCounterexampleRole, // bool
        IsWorstRole,          // bool
    };

    explicit CompareInputsModel(QObject* parent = nullptr);

    void setReport(const CompareReportPtr& report);
    void clear();
    const CompareReportPtr& report() const { return m_report; }
    // The row's input compared; null out of range.
    const ptscope::InputDiff* inputAt(int row) const;
    bool isCounterexample(int row) const;
    // The row to show first: the counterexample when the search found one, else the worst input.
    int defaultRow() const;

protected:
    int rows() const override;
    QVariant cellData(int row, int column, int role) const override;
    QVariant headerCell(int column, int role) const override;

private:
    QVariant displayData(int row, int column) const;

    CompareReportPtr m_report;
};
