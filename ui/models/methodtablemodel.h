#pragma once

#include "models/treemodel.h"

#include <ptscope/load/modelinfo.h>
#include <vector>

// One module's TorchScript methods with their schemas.
class MethodTableModel : public TableModel
{
    Q_OBJECT
public:
    enum Columns
    {
        Name,
        Schema,
        NUM_COLUMNS
    };

    explicit MethodTableModel(QObject* parent = nullptr);

    void setModule(const ptscope::ModuleInfo& module);
    void clear();

protected:
    int rows() const override { return static_cast<int>(m_rows.size()); }
    QVariant cellData(int node, int column, int role) const override;
    QVariant headerCell(int column, int role) const override;

private:
    std::vector<ptscope::MethodInfo> m_rows;
};
