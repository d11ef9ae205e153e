#pragma once

#include "modelinfoptr.h"
#include "models/treemodel.h"

#include <QVector>

// The module hierarchy of a loaded model; the one top-level row is the root module.
class ModuleTreeModel : public TreeModel
{
    Q_OBJECT
public:
    enum Columns
    {
        Module,     // name, or the type for the root
        Type,       // short type
        Parameters, // elements in the subtree
        Size,       // parameter and buffer bytes in the subtree
        NUM_COLUMNS
    };
    enum Roles
    {
        SortRole = Qt::UserRole, // raw numbers for the numeric columns
        ModuleIndexRole,         // index into ModelInfo::modules
        ModulePathRole,          // "layer1.0.conv1", "" for the root
        FilterRole,              // what the filter box matches: path and type
        CodeRole,                // the module's TorchScript source
    };

    explicit ModuleTreeModel(QObject* parent = nullptr);

    void setModelInfo(ModelInfoPtr info);
    const ModelInfoPtr& modelInfo() const { return m_info; }

    QModelIndex indexOfModule(int moduleIndex, int column = 0) const
    {
        return indexOfNode(moduleIndex, column);
    }
    QModelIndex indexOfPath(const QString& path) const;

protected:
    int childCount(int node) const override;
    int childAt(int node, int row) const override;
    int parentOf(int node) const override;
    int rowOf(int node) const override;
    QVariant cellData(int node, int column, int role) const override;
    QVariant headerCell(int column, int role) const override;

private:
    QVariant displayData(const ptscope::ModuleInfo& module, int column) const;
    QVariant sortData(const ptscope::ModuleInfo& module, int column) const;

    ModelInfoPtr m_info;
    QVector<int> m_rowInParent;
};
