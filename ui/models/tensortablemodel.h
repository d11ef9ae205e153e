#pragma once

#include "models/treemodel.h"

#include <QVector>
#include <ptscope/load/modelinfo.h>

// One module's own parameters, then its buffers.
class TensorTableModel : public TableModel
{
    Q_OBJECT
public:
    enum Columns
    {
        Name,
        Kind, // parameter or buffer
        Shape,
        DType,
        Elements,
        Bytes,
        SharedWith, // the first place a tied tensor appears
        NUM_COLUMNS
    };
    enum Roles
    {
        SortRole = Qt::UserRole,
    };

    explicit TensorTableModel(QObject* parent = nullptr);

    void setModule(const ptscope::ModuleInfo& module);
    void clear();

protected:
    int rows() const override { return m_rows.size(); }
    QVariant cellData(int node, int column, int role) const override;
    QVariant headerCell(int column, int role) const override;

private:
    struct Row
    {
        ptscope::TensorInfo tensor;
        bool isBuffer = false;
    };
    QVariant displayData(const Row& row, int column) const;

    QVector<Row> m_rows;
};
