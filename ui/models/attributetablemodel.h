#pragma once

#include "models/treemodel.h"

#include <ptscope/load/modelinfo.h>
#include <vector>

// One module's attributes: everything that is neither a parameter, a buffer nor a submodule.
class AttributeTableModel : public TableModel
{
    Q_OBJECT
public:
    enum Columns
    {
        Name,
        Type,
        Value,
        NUM_COLUMNS
    };

    explicit AttributeTableModel(QObject* parent = nullptr);

    void setModule(const ptscope::ModuleInfo& module);
    void clear();

protected:
    int rows() const override { return static_cast<int>(m_rows.size()); }
    QVariant cellData(int node, int column, int role) const override;
    QVariant headerCell(int column, int role) const override;

private:
    std::vector<ptscope::AttributeInfo> m_rows;
};
