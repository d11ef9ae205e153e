#include "compare/compareinputsmodel.h"

#include "compare/compareformat.h"

#include <QBrush>
#include <QColor>
#include <QFont>

namespace {

bool hasCounterexample(const CompareReportPtr& report)
{
    return report && report->search && report->search->found;
}

} // namespace

CompareInputsModel::CompareInputsModel(QObject* parent) : TableModel(NUM_COLUMNS, parent) {}

void CompareInputsModel::setReport(const CompareReportPtr& report)
{
    beginResetModel();
    m_report = report;
    endResetModel();
}

void CompareInputsModel::clear()
{
    setReport(nullptr);
}

int CompareInputsModel::rows() const
{
    if (!m_report)
        return 0;
    return int(m_report->outputs.inputs.size()) + (hasCounterexample(m_report) ? 1 : 0);
}

bool CompareInputsModel::isCounterexample(int row) const
{
    return hasCounterexample(m_report) && row == int(m_report->outputs.inputs.size());
}

const ptscope::InputDiff* CompareInputsModel::inputAt(int row) const
{
    if (!m_report || row < 0 || row >= rows())
        return nullptr;
    if (isCounterexample(row))
        return &m_report->search->diff;
    return &m_report->outputs.inputs[size_t(row)];
}

int CompareInputsModel::defaultRow() const
{
    if (!m_report || rows() == 0)
        return -1;
    if (hasCounterexample(m_report))
        return rows() - 1;
    return std::max(0, m_report->outputs.worstInput);
}

QVariant CompareInputsModel::cellData(int row, int column, int role) const
{
    const ptscope::InputDiff& input = *inputAt(row);
    const bool worst = !isCounterexample(row) && row == m_report->outputs.worstInput;
    switch (role) {
    case Qt::DisplayRole:
        return displayData(row, column);
    case Qt::ToolTipRole: {
        QStringList lines;
        if (isCounterexample(row))
            lines << tr("The search's counterexample: %1").arg(QString::fromStdString(m_report->search->description));
        else
            lines << QString::fromStdString(input.input);
        if (worst)
            lines << tr("The worst input of the comparison.");
        if (!input.errorA.empty())
            lines << tr("A raised: %1").arg(QString::fromStdString(input.errorA));
        if (!input.errorB.empty())
            lines << tr("B raised: %1").arg(QString::fromStdString(input.errorB));
        return lines.join(QLatin1Char('\n'));
    }
    case Qt::TextAlignmentRole:
        return column >= MaxAbs ? QVariant(int(Qt::AlignRight | Qt::AlignVCenter)) : QVariant();
    case Qt::ForegroundRole:
        if (column == Verdict)
            return QBrush(input.matches ? QColor(20, 120, 40) : QColor(180, 30, 30));
        return {};
    case Qt::FontRole:
        if (worst || isCounterexample(row)) {
            QFont font;
            font.setBold(true);
            return font;
        }
        return {};
    case SortRole:
        if (column == MaxAbs)
            return input.maxAbs();
        if (column == Mismatched)
            return input.mismatchedRatio();
        return displayData(row, column);
    case IsCounterexampleRole:
        return isCounterexample(row);
    case IsWorstRole:
        return worst;
    }
    return {};
}

QVariant CompareInputsModel::displayData(int row, int column) const
{
    const ptscope::InputDiff& input = *inputAt(row);
    switch (column) {
    case Input:
        if (isCounterexample(row))
            return tr("counterexample: %1").arg(QString::fromStdString(m_report->search->description));
        return QString::fromStdString(input.input);
    case Verdict:
        return CompareFormat::verdictOf(input);
    case MaxAbs:
        return input.outputs.empty() ? QStringLiteral("—") : CompareFormat::number(input.maxAbs());
    case Mismatched:
        return CompareFormat::mismatchedOf(input);
    }
    return {};
}

QVariant CompareInputsModel::headerCell(int column, int role) const
{
    if (role == Qt::TextAlignmentRole)
        return column >= MaxAbs ? QVariant(int(Qt::AlignRight | Qt::AlignVCenter)) : QVariant();
    if (role != Qt::DisplayRole)
        return {};
    switch (column) {
    case Input:
        return tr("Input");
    case Verdict:
        return tr("Verdict");
    case MaxAbs:
        return tr("Max |Δ|");
    case Mismatched:
        return tr("Mismatched");
    }
    return {};
}
