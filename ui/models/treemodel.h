#pragma once

#include <QAbstractItemModel>

// The one implementation of index/parent/rowCount/columnCount/data/headerData behind every
// ptscope item model. A concrete model describes its rows as a tree of integer node ids (its
// own row indices, module indices, ...) and answers per cell; the base turns that into indexes.
// Concrete models use a Columns enum ending in NUM_COLUMNS and roles from Qt::UserRole.
class TreeModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    // The invisible root above the top-level rows.
    static constexpr int RootNode = -1;

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const final;
    QModelIndex parent(const QModelIndex& child) const final;
    int rowCount(const QModelIndex& parent = {}) const final;
    int columnCount(const QModelIndex& parent = {}) const final;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const final;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const final;

protected:
    TreeModel(int numColumns, QObject* parent);

    virtual int childCount(int node) const = 0;
    virtual int childAt(int node, int row) const = 0;
    virtual int parentOf(int node) const = 0;
    virtual int rowOf(int node) const = 0;
    virtual QVariant cellData(int node, int column, int role) const = 0;
    virtual QVariant headerCell(int column, int role) const = 0;

    static int nodeOf(const QModelIndex& index) { return static_cast<int>(index.internalId()); }
    QModelIndex indexOfNode(int node, int column = 0) const;

private:
    int m_numColumns;
};

// For models whose rows form a flat list: the node id is the row.
class TableModel : public TreeModel
{
    Q_OBJECT
protected:
    using TreeModel::TreeModel;

    virtual int rows() const = 0;

    int childCount(int node) const final { return node == RootNode ? rows() : 0; }
    int childAt(int, int row) const final { return row; }
    int parentOf(int) const final { return RootNode; }
    int rowOf(int node) const final { return node; }
};
