#pragma once

#include "graph/graphdrawing.h"
#include "models/treemodel.h"

#include <QVector>

// The legend of op colours: the categories a drawing has boxes of, each with its colour as the
// decoration and how many op boxes of it the view draws.
class OpLegendModel : public TableModel
{
    Q_OBJECT
public:
    enum Columns
    {
        Category,
        Count,
        NUM_COLUMNS
    };
    enum Roles
    {
        CategoryRole = Qt::UserRole, // ptscope::OpCategory as int
    };

    explicit OpLegendModel(QObject* parent = nullptr);

    void setDrawing(const GraphDrawingPtr& drawing);

protected:
    int rows() const override { return m_rows.size(); }
    QVariant cellData(int node, int column, int role) const override;
    QVariant headerCell(int column, int role) const override;

private:
    struct Row
    {
        ptscope::OpCategory category;
        int count;
    };
    QVector<Row> m_rows;
};
