#include "models/tensortablemodel.h"

#include <ptscope/common/format.h>

TensorTableModel::TensorTableModel(QObject* parent) : TableModel(NUM_COLUMNS, parent) {}

void TensorTableModel::setModule(const ptscope::ModuleInfo& module)
{
    beginResetModel();
    m_rows.clear();
    for (const ptscope::TensorInfo& tensor : module.parameters)
        m_rows.append(Row{tensor, false});
    for (const ptscope::TensorInfo& tensor : module.buffers)
        m_rows.append(Row{tensor, true});
    endResetModel();
}

void TensorTableModel::clear()
{
    beginResetModel();
    m_rows.clear();
    endResetModel();
}

QVariant TensorTableModel::cellData(int node, int column, int role) const
{
    const Row& row = m_rows[node];
    switch (role) {
    case Qt::DisplayRole:
        return displayData(row, column);
    case Qt::TextAlignmentRole:
        if (column == Elements || column == Bytes)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::ToolTipRole:
        if (column == Name && !row.isBuffer)
            return row.tensor.requiresGrad ? tr("Requires grad") : tr("Does not require grad");
        return {};
    case SortRole:
        if (column == Elements)
            return qlonglong(row.tensor.numel);
        if (column == Bytes)
            return qlonglong(row.tensor.bytes);
        return displayData(row, column);
    }
    return {};
}

QVariant TensorTableModel::displayData(const Row& row, int column) const
{
    const ptscope::TensorInfo& tensor = row.tensor;
    switch (column) {
    case Name:
        return QString::fromStdString(tensor.name);
    case Kind:
        return row.isBuffer ? tr("buffer") : tr("parameter");
    case Shape:
        return QString::fromStdString(ptscope::formatShape(tensor.shape));
    case DType:
        return QString::fromStdString(tensor.dtype);
    case Elements:
        return QString::fromStdString(ptscope::formatCount(tensor.numel));
    case Bytes:
        return QString::fromStdString(ptscope::formatBytes(tensor.bytes));
    case SharedWith:
        return QString::fromStdString(tensor.sharedWith);
    }
    return {};
}

QVariant TensorTableModel::headerCell(int column, int role) const
{
    if (role == Qt::TextAlignmentRole && (column == Elements || column == Bytes))
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    switch (column) {
    case Name:
        return tr("Name");
    case Kind:
        return tr("Kind");
    case Shape:
        return tr("Shape");
    case DType:
        return tr("DType");
    case Elements:
        return tr("Elements");
    case Bytes:
        return tr("Bytes");
    case SharedWith:
        return tr("Shared with");
    }
    return {};
}
