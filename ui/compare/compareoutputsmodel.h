#pragma once

#include "models/treemodel.h"

#include <ptscope/compare/outputdiff.h>
#include <vector>

// One input's outputs compared, one row per output path: both sides' dtypes and shapes and the
// metrics (ptscope/compare/outputdiff.h). The Compare mode shows the worst input's, or the
// counterexample's; a row's tooltip says in words why it does not match.
class CompareOutputsModel : public TableModel
{
    Q_OBJECT
public:
    enum Columns
    {
        Path,
        Verdict,
        Shapes, // dtype and shape of A, and of B when they differ
        MaxAbs,
        MeanAbs,
        MaxRel,
        Cosine,
        Mismatched, // "mismatched / total" elements
        NUM_COLUMNS
    };
    enum Roles
    {
        SortRole = Qt::UserRole, // numbers as numbers
        MatchesRole,             // bool
    };

    explicit CompareOutputsModel(QObject* parent = nullptr);

    void setOutputs(const std::vector<ptscope::OutputDiff>& outputs);
    void clear();
    const ptscope::OutputDiff& output(int row) const { return m_outputs[size_t(row)]; }
    // The row to show first: the first that does not match, else 0; -1 when empty.
    int firstMismatch() const;

protected:
    int rows() const override { return int(m_outputs.size()); }
    QVariant cellData(int row, int column, int role) const override;
    QVariant headerCell(int column, int role) const override;

private:
    QVariant displayData(const ptscope::OutputDiff& d, int column) const;

    std::vector<ptscope::OutputDiff> m_outputs;
};
