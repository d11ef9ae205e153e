#include "profile/speedupmodel.h"

#include "profile/profileformat.h"

#include <QBrush>
#include <QColor>

SpeedupModel::SpeedupModel(QObject* parent) : TableModel(NUM_COLUMNS, parent) {}

void SpeedupModel::setReport(const std::optional<ptscope::SpeedupReport>& report)
{
    beginResetModel();
    m_rows = report ? report->rows : std::vector<ptscope::SpeedupRow>();
    endResetModel();
}

void SpeedupModel::clear()
{
    setReport(std::nullopt);
}

int SpeedupModel::baselineOf(int row) const
{
    for (size_t i = 0; i < m_rows.size(); ++i) {
        const ptscope::SpeedupRow& r = m_rows[i];
        if (r.variant == "as-saved" && r.executor == "profiling" && r.threads == m_rows[size_t(row)].threads)
            return r.error.empty() && r.ms.median > 0 ? int(i) : -1;
    }
    return -1;
}

std::optional<double> SpeedupModel::speedUpOf(int row) const
{
    const ptscope::SpeedupRow& r = m_rows[size_t(row)];
    const int baseline = baselineOf(row);
    if (!r.error.empty() || baseline < 0 || r.ms.median <= 0)
        return std::nullopt;
    return m_rows[size_t(baseline)].ms.median / r.ms.median;
}

QVariant SpeedupModel::cellData(int row, int column, int role) const
{
    const ptscope::SpeedupRow& r = m_rows[size_t(row)];
    switch (role) {
    case Qt::DisplayRole:
        return displayData(row, column);
    case Qt::TextAlignmentRole:
        if (column >= Threads && column <= SpeedUp)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::ToolTipRole:
        if (!r.error.empty())
            return QString::fromStdString(r.error);
        if (column == Median)
            return tr("median %1, mean %2, min %3, max %4, std %5")
                .arg(ProfileFormat::duration(r.ms.median), ProfileFormat::duration(r.ms.mean),
                     ProfileFormat::duration(r.ms.min), ProfileFormat::duration(r.ms.max),
                     ProfileFormat::duration(r.ms.std));
        return {};
    case Qt::ForegroundRole:
        if (!r.error.empty())
            return QBrush(QColor(150, 40, 30));
        if (column == SpeedUp) {
            const std::optional<double> s = speedUpOf(row);
            // Within 5% is noise on a busy machine; only clearer differences get a colour.
            if (s && *s >= 1.05)
                return QBrush(QColor(20, 120, 40));
            if (s && *s <= 0.95)
                return QBrush(QColor(170, 60, 20));
        }
        return {};
    case SortRole:
        switch (column) {
        case Threads:
            return r.threads;
        case Median:
            return r.error.empty() ? r.ms.median : -1.0;
        case Min:
            return r.error.empty() ? r.ms.min : -1.0;
        case SpeedUp:
            return speedUpOf(row).value_or(-1.0);
        case Difference:
            return r.maxAbsDiff.value_or(-1.0);
        }
        return displayData(row, column);
    }
    return {};
}

QVariant SpeedupModel::displayData(int row, int column) const
{
    const ptscope::SpeedupRow& r = m_rows[size_t(row)];
    switch (column) {
    case Variant:
        return QString::fromStdString(r.variant);
    case Executor:
        return QString::fromStdString(r.executor);
    case Threads:
        return r.threads;
    }
    if (!r.error.empty())
        return column == Median ? tr("failed") : column == Difference ? QString::fromStdString(r.error) : QString();
    switch (column) {
    case Median:
        return ProfileFormat::duration(r.ms.median);
    case Min:
        return ProfileFormat::duration(r.ms.min);
    case SpeedUp: {
        const std::optional<double> s = speedUpOf(row);
        return s ? tr("%1×").arg(*s, 0, 'f', 2) : QString();
    }
    case Difference:
        if (r.bitwiseEqual)
            return tr("bitwise equal");
        return r.maxAbsDiff ? tr("max |Δ| %1").arg(*r.maxAbsDiff, 0, 'g', 2) : tr("not compared");
    }
    return {};
}

QVariant SpeedupModel::headerCell(int column, int role) const
{
    if (role == Qt::ToolTipRole) {
        switch (column) {
        case SpeedUp:
            return tr("The as-saved graph's median under the profiling executor at the same threads, "
                      "over this row's median");
        case Difference:
            return tr("Largest absolute difference of the outputs from the as-saved, profiling run "
                      "at the same threads");
        }
        return {};
    }
    if (role == Qt::TextAlignmentRole && column >= Threads && column <= SpeedUp)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    switch (column) {
    case Variant:
        return tr("Graph");
    case Executor:
        return tr("Executor");
    case Threads:
        return tr("Threads");
    case Median:
        return tr("Median");
    case Min:
        return tr("Min");
    case SpeedUp:
        return tr("Speed-up");
    case Difference:
        return tr("Outputs vs as-saved");
    }
    return {};
}
