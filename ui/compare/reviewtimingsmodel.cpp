#include "compare/reviewtimingsmodel.h"

#include "profile/profileformat.h"

#include <QBrush>
#include <QColor>

ReviewTimingsModel::ReviewTimingsModel(QObject* parent) : TableModel(NUM_COLUMNS, parent) {}

void ReviewTimingsModel::setReview(const std::shared_ptr<const ptscope::Review>& review)
{
    beginResetModel();
    m_review = review;
    endResetModel();
}

int ReviewTimingsModel::rows() const
{
    return m_review && m_review->timed ? int(m_review->timings.size()) : 0;
}

QVariant ReviewTimingsModel::cellData(int row, int column, int role) const
{
    const ptscope::NodeTimingChange& t = m_review->timings[size_t(row)];
    const double ratio = t.msA > 0 ? t.msB / t.msA : 0;
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case Node:
            return t.scope.empty() ? QString::fromStdString(t.kind)
                                   : tr("%1 in %2").arg(QString::fromStdString(t.kind), QString::fromStdString(t.scope));
        case MsA:
            return ProfileFormat::duration(t.msA);
        case MsB:
            return ProfileFormat::duration(t.msB);
        case Change:
            return t.msA > 0 ? tr("%1×").arg(ratio, 0, 'f', 2) : QString();
        }
        return {};
    case Qt::TextAlignmentRole:
        return column == Node ? QVariant() : QVariant(int(Qt::AlignRight | Qt::AlignVCenter));
    case Qt::ForegroundRole:
        // Within 5% is noise on a busy machine, as in the speed-up report.
        if (column == Change && t.msA > 0 && ratio >= 1.05)
            return QBrush(QColor(180, 30, 30));
        if (column == Change && t.msA > 0 && ratio <= 0.95)
            return QBrush(QColor(20, 120, 40));
        return {};
    case SortRole:
        switch (column) {
        case MsA:
            return t.msA;
        case MsB:
            return t.msB;
        case Change:
            return ratio;
        }
        return cellData(row, column, Qt::DisplayRole);
    }
    return {};
}

QVariant ReviewTimingsModel::headerCell(int column, int role) const
{
    if (role == Qt::TextAlignmentRole)
        return column == Node ? QVariant() : QVariant(int(Qt::AlignRight | Qt::AlignVCenter));
    if (role != Qt::DisplayRole)
        return {};
    switch (column) {
    case Node:
        return tr("Node");
    case MsA:
        return tr("A (median)");
    case MsB:
        return tr("B (median)");
    case Change:
        return tr("B / A");
    }
    return {};
}
