#include "models/oplegendmodel.h"

#include "graph/graphstyle.h"

#include <array>

OpLegendModel::OpLegendModel(QObject* parent) : TableModel(NUM_COLUMNS, parent) {}

void OpLegendModel::setDrawing(const GraphDrawingPtr& drawing)
{
    beginResetModel();
    m_rows.clear();
    if (drawing) {
        std::array<int, ptscope::kOpCategoryCount> counts{};
        for (const ptscope::ViewItem& item : drawing->view.items)
            if (item.kind == ptscope::ViewItemKind::Op)
                ++counts[size_t(item.category)];
        for (int c = 0; c < ptscope::kOpCategoryCount; ++c)
            if (counts[size_t(c)] > 0)
                m_rows.append({ptscope::OpCategory(c), counts[size_t(c)]});
    }
    endResetModel();
}

QVariant OpLegendModel::cellData(int node, int column, int role) const
{
    const Row& row = m_rows[node];
    switch (role) {
    case Qt::DisplayRole:
        return column == Category ? QString::fromUtf8(ptscope::opCategoryName(row.category))
                                  : QVariant(row.count);
    case Qt::DecorationRole:
        return column == Category ? QVariant(GraphStyle::categoryColor(row.category)) : QVariant();
    case Qt::TextAlignmentRole:
        return column == Count ? QVariant(int(Qt::AlignRight | Qt::AlignVCenter)) : QVariant();
    case CategoryRole:
        return int(row.category);
    }
    return {};
}

QVariant OpLegendModel::headerCell(int column, int role) const
{
    if (role != Qt::DisplayRole)
        return {};
    return column == Category ? tr("Op category") : tr("Boxes");
}
