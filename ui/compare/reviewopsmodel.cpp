#include "compare/reviewopsmodel.h"

#include <QBrush>
#include <QColor>

ReviewOpsModel::ReviewOpsModel(QObject* parent) : TableModel(NUM_COLUMNS, parent) {}

void ReviewOpsModel::setReview(const std::shared_ptr<const ptscope::Review>& review)
{
    beginResetModel();
    m_review = review;
    endResetModel();
}

int ReviewOpsModel::rows() const
{
    return m_review ? int(m_review->ops.size()) : 0;
}

QVariant ReviewOpsModel::cellData(int row, int column, int role) const
{
    const ptscope::OpCountChange& o = m_review->ops[size_t(row)];
    const qlonglong change = qlonglong(o.countB - o.countA);
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case Kind:
            return QString::fromStdString(o.kind);
        case CountA:
            return qlonglong(o.countA);
        case CountB:
            return qlonglong(o.countB);
        case Change:
            return change > 0 ? QStringLiteral("+%1").arg(change) : QString::number(change).replace(QLatin1Char('-'), QChar(0x2212));
        }
        return {};
    case Qt::TextAlignmentRole:
        return column == Kind ? QVariant() : QVariant(int(Qt::AlignRight | Qt::AlignVCenter));
    case Qt::ForegroundRole:
        if (column == Change)
            return QBrush(change > 0 ? QColor(20, 120, 40) : QColor(180, 30, 30));
        return {};
    case SortRole:
        switch (column) {
        case Kind:
            return QString::fromStdString(o.kind);
        case CountA:
            return qlonglong(o.countA);
        case CountB:
            return qlonglong(o.countB);
        case Change:
            return change;
        }
        return {};
    }
    return {};
}

QVariant ReviewOpsModel::headerCell(int column, int role) const
{
    if (role == Qt::TextAlignmentRole)
        return column == Kind ? QVariant() : QVariant(int(Qt::AlignRight | Qt::AlignVCenter));
    if (role != Qt::DisplayRole)
        return {};
    switch (column) {
    case Kind:
        return tr("Operator");
    case CountA:
        return tr("In A");
    case CountB:
        return tr("In B");
    case Change:
        return tr("Change");
    }
    return {};
}
