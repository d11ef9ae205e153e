#pragma once

#include "graph/graphdrawing.h"
#include "models/treemodel.h"

#include <QVector>

// What the node inspector lists about one graph node, in sections: the operation (kind, schema,
// module, source), its inputs and outputs with debug names, types or shapes and where they come
// from or go, its attributes and its folded constant arguments. For a collapsed module's box it
// lists the module and the operations inside instead. Sections without rows are left out.
class NodeInspectorModel : public TreeModel
{
    Q_OBJECT
public:
    enum Columns
    {
        Name,
        Value,
        Detail, // where an input comes from, where an output goes, the source file
        NUM_COLUMNS
    };

    explicit NodeInspectorModel(QObject* parent = nullptr);

    void setNode(const GraphPtr& graph, int node);
    // A collapsed module's box of a drawing: view item `item`.
    void setModuleBox(const GraphDrawingPtr& drawing, int item);
    void clear();

protected:
    int childCount(int node) const override;
    int childAt(int node, int row) const override;
    int parentOf(int node) const override;
    int rowOf(int node) const override;
    QVariant cellData(int node, int column, int role) const override;
    QVariant headerCell(int column, int role) const override;

private:
    struct Row
    {
        int parent = RootNode;
        int row = 0;
        QString cells[NUM_COLUMNS];
        QVector<int> children;
    };
    int addSection(const QString& title);
    void addRow(int section, const QString& name, const QString& value, const QString& detail = {});
    void dropEmptySections();
    void addOperation(const ptscope::Graph& graph, const ptscope::GraphNode& node);
    void addValues(const ptscope::Graph& graph, const ptscope::GraphNode& node);

    QVector<Row> m_rows;
    QVector<int> m_top;
};
