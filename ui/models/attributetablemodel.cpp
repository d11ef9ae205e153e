#include "models/attributetablemodel.h"

AttributeTableModel::AttributeTableModel(QObject* parent) : TableModel(NUM_COLUMNS, parent) {}

void AttributeTableModel::setModule(const ptscope::ModuleInfo& module)
{
    beginResetModel();
    m_rows = module.attributes;
    endResetModel();
}

void AttributeTableModel::clear()
{
    beginResetModel();
    m_rows.clear();
    endResetModel();
}

QVariant AttributeTableModel::cellData(int node, int column, int role) const
{
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    const ptscope::AttributeInfo& attribute = m_rows[node];
    switch (column) {
    case Name:
        return QString::fromStdString(attribute.name);
    case Type:
        return QString::fromStdString(attribute.type);
    case Value:
        return QString::fromStdString(attribute.value);
    }
    return {};
}

QVariant AttributeTableModel::headerCell(int column, int role) const
{
    if (role != Qt::DisplayRole)
        return {};
    switch (column) {
    case Name:
        return tr("Name");
    case Type:
        return tr("Type");
    case Value:
        return tr("Value");
    }
    return {};
}
