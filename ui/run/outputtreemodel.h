#pragma once

#include "models/treemodel.h"
#include "runresultptr.h"

#include <QVector>

// The outputs of one sample of a run as a tree: containers (tuple, list, dict) hold their
// elements, tensors and scalars are leaves. Node ids are indexes into the sample's flattened
// outputs. Parents are found from the flattened order and the containers' sizes, never by
// splitting paths on ".", since dict keys may contain dots.
class OutputTreeModel : public TreeModel
{
    Q_OBJECT
public:
    enum Columns
    {
        Output, // the last path component (a tuple index or dict key); full path in PathRole
        Type,
        Shape,
        DType,
        Min,
        Max,
        Mean,
        Std,
        NaN,
        Inf,
        Value, // scalars and strings; element counts of containers
        NUM_COLUMNS
    };
    enum Roles
    {
        SortRole = Qt::UserRole, // raw numbers for the numeric columns
        OutputIndexRole,         // index into SampleResult::outputs
        PathRole,                // "1.0.boxes"
        KindRole,                // OutputInfo::Kind as int
    };

    explicit OutputTreeModel(QObject* parent = nullptr);

    void setResult(RunResultPtr result, int sample = 0);
    void clear() { setResult(nullptr); }
    const RunResultPtr& result() const { return m_result; }
    int sample() const { return m_sample; }
    // The sample's outputs; empty without a result.
    const std::vector<ptscope::OutputInfo>& outputs() const;

    QModelIndex indexOfOutput(int outputIndex, int column = 0) const
    {
        return indexOfNode(outputIndex, column);
    }
    QModelIndex indexOfPath(const QString& path) const;

protected:
    int childCount(int node) const override;
    int childAt(int node, int row) const override;
    int parentOf(int node) const override { return m_parent[node]; }
    int rowOf(int node) const override { return m_row[node]; }
    QVariant cellData(int node, int column, int role) const override;
    QVariant headerCell(int column, int role) const override;

private:
    void buildTree();
    QString name(int node) const;
    QVariant displayData(int node, int column) const;
    QVariant sortData(int node, int column) const;

    RunResultPtr m_result;
    int m_sample = 0;
    QVector<int> m_parent;            // per output: its container's index, or RootNode
    QVector<int> m_row;               // per output: its row under that parent
    QVector<QVector<int>> m_children; // per output
    QVector<int> m_topLevel;
};
