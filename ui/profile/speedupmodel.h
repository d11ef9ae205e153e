#pragma once

#include "models/treemodel.h"

#include <optional>
#include <ptscope/profile/profile.h>

// The speed-up report's rows: the model as saved, frozen and optimized under each executor mode
// and thread count, each against the as-saved graph under the default (profiling) executor at
// the same thread count.
class SpeedupModel : public TableModel
{
    Q_OBJECT
public:
    enum Columns
    {
        Variant,
        Executor,
        Threads,
        Median,
        Min,
        SpeedUp,    // baseline median over this median
        Difference, // max abs difference of the outputs from the baseline's, or bitwise equal
        NUM_COLUMNS
    };
    enum Roles
    {
        SortRole = Qt::UserRole,
    };

    explicit SpeedupModel(QObject* parent = nullptr);

    void setReport(const std::optional<ptscope::SpeedupReport>& report);
    void clear();
    // The as-saved, profiling row at the same threads as row; -1 when it is missing or failed.
    int baselineOf(int row) const;
    // Baseline median over this row's; empty for failed rows and without a baseline.
    std::optional<double> speedUpOf(int row) const;

protected:
    int rows() const override { return int(m_rows.size()); }
    QVariant cellData(int row, int column, int role) const override;
    QVariant headerCell(int column, int role) const override;

private:
    QVariant displayData(int row, int column) const;

    std::vector<ptscope::SpeedupRow> m_rows;
};
