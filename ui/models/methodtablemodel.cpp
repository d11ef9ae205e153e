#include "models/methodtablemodel.h"

MethodTableModel::MethodTableModel(QObject* parent) : TableModel(NUM_COLUMNS, parent) {}

void MethodTableModel::setModule(const ptscope::ModuleInfo& module)
{
    beginResetModel();
    m_rows = module.methods;
    endResetModel();
}

void MethodTableModel::clear()
{
    beginResetModel();
    m_rows.clear();
    endResetModel();
}

QVariant MethodTableModel::cellData(int node, int column, int role) const
{
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    const ptscope::MethodInfo& method = m_rows[node];
    switch (column) {
    case Name:
        return QString::fromStdString(method.name);
    case Schema:
        return QString::fromStdString(method.schema);
    }
    return {};
}

QVariant MethodTableModel::headerCell(int column, int role) const
{
    if (role != Qt::DisplayRole)
        return {};
    switch (column) {
    case Name:
        return tr("Name");
    case Schema:
        return tr("Schema");
    }
    return {};
}
