#include "compare/reviewparametersmodel.h"

#include "compare/compareformat.h"
#include "compare/reviewmodulesmodel.h"

namespace {

QString tensorText(const std::string& dtype, const std::vector<int64_t>& shape)
{
    if (dtype.empty() && shape.empty())
        return QStringLiteral("—");
    return QString::fromStdString(dtype) + QLatin1Char(' ') + CompareFormat::shape(shape);
}

bool hasValues(const ptscope::ParameterChange& p)
{
    return p.change == "values";
}

} // namespace

ReviewParametersModel::ReviewParametersModel(QObject* parent) : TableModel(NUM_COLUMNS, parent) {}

void ReviewParametersModel::setReview(const std::shared_ptr<const ptscope::Review>& review)
{
    beginResetModel();
    m_review = review;
    endResetModel();
}

int ReviewParametersModel::rows() const
{
    return m_review ? int(m_review->parameters.size()) : 0;
}

QVariant ReviewParametersModel::displayData(const ptscope::ParameterChange& p, int column) const
{
    switch (column) {
    case Name:
        return QString::fromStdString(p.name);
    case Change:
        return ReviewModulesModel::changeText(p.change);
    case Kind:
        return p.buffer ? tr("buffer") : tr("parameter");
    case A:
        return p.change == "added" ? QStringLiteral("—") : tensorText(p.dtypeA, p.shapeA);
    case B:
        return p.change == "removed" ? QStringLiteral("—") : tensorText(p.dtypeB, p.shapeB);
    case MaxAbs:
        return hasValues(p) ? CompareFormat::number(p.maxAbs) : QString();
    case MaxRel:
        return hasValues(p) ? CompareFormat::number(p.maxRel) : QString();
    }
    return {};
}

QVariant ReviewParametersModel::cellData(int row, int column, int role) const
{
    const ptscope::ParameterChange& p = m_review->parameters[size_t(row)];
    switch (role) {
    case Qt::DisplayRole:
        return displayData(p, column);
    case Qt::ForegroundRole:
        return column == Change ? ReviewModulesModel::changeBrush(p.change) : QVariant();
    case Qt::TextAlignmentRole:
        return column >= MaxAbs ? QVariant(int(Qt::AlignRight | Qt::AlignVCenter)) : QVariant();
    case SortRole:
        if (column == MaxAbs)
            return hasValues(p) ? p.maxAbs : -1.0;
        if (column == MaxRel)
            return hasValues(p) ? p.maxRel : -1.0;
        return displayData(p, column);
    case ChangeRole:
        return QString::fromStdString(p.change);
    }
    return {};
}

QVariant ReviewParametersModel::headerCell(int column, int role) const
{
    if (role == Qt::TextAlignmentRole)
        return column >= MaxAbs ? QVariant(int(Qt::AlignRight | Qt::AlignVCenter)) : QVariant();
    if (role == Qt::ToolTipRole && column == MaxRel)
        return tr("Largest |a − b| / max(|a|, |b|) over the elements, as the output diff measures it");
    if (role != Qt::DisplayRole)
        return {};
    switch (column) {
    case Name:
        return tr("Name");
    case Change:
        return tr("Change");
    case Kind:
        return tr("Kind");
    case A:
        return tr("In A");
    case B:
        return tr("In B");
    case MaxAbs:
        return tr("Max |Δ|");
    case MaxRel:
        return tr("Max rel");
    }
    return {};
}
