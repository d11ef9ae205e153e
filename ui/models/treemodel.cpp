#include "models/treemodel.h"

TreeModel::TreeModel(int numColumns, QObject* parent) : QAbstractItemModel(parent), m_numColumns(numColumns)
{}

QModelIndex TreeModel::index(int row, int column, const QModelIndex& parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    const int parentNode = parent.isValid() ? nodeOf(parent) : RootNode;
    return createIndex(row, column, quintptr(childAt(parentNode, row)));
}

QModelIndex TreeModel::parent(const QModelIndex& child) const
{
    if (!child.isValid())
        return {};
    return indexOfNode(parentOf(nodeOf(child)));
}

int TreeModel::rowCount(const QModelIndex& parent) const
{
    // Only the first column has children, as views expect.
    if (parent.column() > 0)
        return 0;
    return childCount(parent.isValid() ? nodeOf(parent) : RootNode);
}

int TreeModel::columnCount(const QModelIndex&) const
{
    return m_numColumns;
}

QVariant TreeModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    return cellData(nodeOf(index), index.column(), role);
}

QVariant TreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= m_numColumns)
        return {};
    return headerCell(section, role);
}

QModelIndex TreeModel::indexOfNode(int node, int column) const
{
    if (node == RootNode)
        return {};
    return createIndex(rowOf(node), column, quintptr(node));
}
