#include "compare/compareoutputsmodel.h"

#include "compare/compareformat.h"

#include <QBrush>
#include <QColor>

namespace {

bool hasMetrics(const ptscope::OutputDiff& d)
{
    return d.kind == ptscope::OutputDiff::Kind::Tensor && d.comparable;
}

bool isNumeric(int column)
{
    return column >= CompareOutputsModel::MaxAbs;
}

} // namespace

CompareOutputsModel::CompareOutputsModel(QObject* parent) : TableModel(NUM_COLUMNS, parent) {}

void CompareOutputsModel::setOutputs(const std::vector<ptscope::OutputDiff>& outputs)
{
    beginResetModel();
    m_outputs = outputs;
    endResetModel();
}

void CompareOutputsModel::clear()
{
    setOutputs({});
}

int CompareOutputsModel::firstMismatch() const
{
    for (size_t i = 0; i < m_outputs.size(); ++i)
        if (!m_outputs[i].matches)
            return int(i);
    return m_outputs.empty() ? -1 : 0;
}

QVariant CompareOutputsModel::cellData(int row, int column, int role) const
{
    const ptscope::OutputDiff& d = m_outputs[size_t(row)];
    switch (role) {
    case Qt::DisplayRole:
        return displayData(d, column);
    case Qt::ToolTipRole: {
        QString tip = d.problem.empty() ? CompareFormat::verdictOf(d) : QString::fromStdString(d.problem);
        if (column == MaxAbs && hasMetrics(d) && !d.maxAbsIndex.empty())
            tip += tr("\nThe largest difference is at %1.").arg(CompareFormat::shape(d.maxAbsIndex));
        if (column == Mismatched && d.nanMismatched > 0)
            tip += tr("\n%L1 elements are NaN in one and not the other.").arg(d.nanMismatched);
        if (column == Verdict || column == Path)
            tip += tr("\nTolerance: atol %1, rtol %2").arg(CompareFormat::number(d.tolerance.atol),
                                                          CompareFormat::number(d.tolerance.rtol));
        return tip;
    }
    case Qt::TextAlignmentRole:
        return isNumeric(column) ? QVariant(int(Qt::AlignRight | Qt::AlignVCenter)) : QVariant();
    case Qt::ForegroundRole:
        if (column == Verdict)
            return QBrush(d.matches ? QColor(20, 120, 40) : QColor(180, 30, 30));
        return {};
    case SortRole:
        if (!isNumeric(column))
            return displayData(d, column);
        if (!hasMetrics(d))
            return -1.0;
        switch (column) {
        case MaxAbs:
            return d.maxAbs;
        case MeanAbs:
            return d.meanAbs;
        case MaxRel:
            return d.maxRel;
        case Cosine:
            return d.cosine;
        case Mismatched:
            return qlonglong(d.mismatched);
        }
        return {};
    case MatchesRole:
        return d.matches;
    }
    return {};
}

QVariant CompareOutputsModel::displayData(const ptscope::OutputDiff& d, int column) const
{
    switch (column) {
    case Path:
        return d.path.empty() ? tr("(output)") : QString::fromStdString(d.path);
    case Verdict:
        return CompareFormat::verdictOf(d);
    case Shapes:
        return CompareFormat::shapesOf(d);
    }
    if (!hasMetrics(d))
        return column == MaxAbs ? QStringLiteral("—") : QString();
    switch (column) {
    case MaxAbs:
        return CompareFormat::number(d.maxAbs);
    case MeanAbs:
        return CompareFormat::number(d.meanAbs);
    case MaxRel:
        return CompareFormat::number(d.maxRel);
    case Cosine:
        return QString::number(d.cosine, 'f', 4);
    case Mismatched:
        return QStringLiteral("%L1 / %L2").arg(d.mismatched).arg(d.total);
    }
    return {};
}

QVariant CompareOutputsModel::headerCell(int column, int role) const
{
    if (role == Qt::TextAlignmentRole)
        return isNumeric(column) ? QVariant(int(Qt::AlignRight | Qt::AlignVCenter)) : QVariant();
    if (role == Qt::ToolTipRole) {
        switch (column) {
        case MaxAbs:
            return tr("Largest |a − b| over the elements");
        case MeanAbs:
            return tr("Mean |a − b| over the elements");
        case MaxRel:
            return tr("Largest |a − b| / max(|a|, |b|): between 0 and 2 whatever the scale");
        case Cosine:
            return tr("Cosine similarity of the two tensors as flat vectors (1: same direction)");
        case Mismatched:
            return tr("Elements outside atol + rtol × |b| (numpy.isclose), of all elements");
        }
        return {};
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (column) {
    case Path:
        return tr("Output");
    case Verdict:
        return tr("Verdict");
    case Shapes:
        return tr("Type and shape");
    case MaxAbs:
        return tr("Max |Δ|");
    case MeanAbs:
        return tr("Mean |Δ|");
    case MaxRel:
        return tr("Max rel");
    case Cosine:
        return tr("Cosine");
    case Mismatched:
        return tr("Mismatched");
    }
    return {};
}
