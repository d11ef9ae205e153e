#include "compare/reviewmodulesmodel.h"

#include <QBrush>
#include <QColor>

ReviewModulesModel::ReviewModulesModel(QObject* parent) : TableModel(NUM_COLUMNS, parent) {}

void ReviewModulesModel::setReview(const std::shared_ptr<const ptscope::Review>& review)
{
    beginResetModel();
    m_review = review;
    endResetModel();
}

int ReviewModulesModel::rows() const
{
    return m_review ? int(m_review->modules.size()) : 0;
}

QString ReviewModulesModel::changeText(const std::string& change)
{
    if (change == "added")
        return tr("added");
    if (change == "removed")
        return tr("removed");
    if (change == "type_changed")
        return tr("class changed");
    if (change == "shape")
        return tr("shape changed");
    if (change == "values")
        return tr("values changed");
    return QString::fromStdString(change);
}

QVariant ReviewModulesModel::changeBrush(const std::string& change)
{
    if (change == "added")
        return QBrush(QColor(20, 120, 40));
    if (change == "removed")
        return QBrush(QColor(180, 30, 30));
    return QBrush(QColor(150, 90, 0));
}

QVariant ReviewModulesModel::cellData(int row, int column, int role) const
{
    const ptscope::ModuleChange& m = m_review->modules[size_t(row)];
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case Module:
            return m.name.empty() ? tr("(root)") : QString::fromStdString(m.name);
        case Change:
            return changeText(m.change);
        case TypeA:
            return m.typeA.empty() ? QStringLiteral("—") : QString::fromStdString(m.typeA);
        case TypeB:
            return m.typeB.empty() ? QStringLiteral("—") : QString::fromStdString(m.typeB);
        }
        return {};
    case Qt::ForegroundRole:
        return column == Change ? changeBrush(m.change) : QVariant();
    case Qt::ToolTipRole:
        if (column == TypeA || column == TypeB)
            return QString::fromStdString(column == TypeA ? m.typeA : m.typeB);
        return {};
    case ChangeRole:
        return QString::fromStdString(m.change);
    }
    return {};
}

QVariant ReviewModulesModel::headerCell(int column, int role) const
{
    if (role != Qt::DisplayRole)
        return {};
    switch (column) {
    case Module:
        return tr("Module");
    case Change:
        return tr("Change");
    case TypeA:
        return tr("Class in A");
    case TypeB:
        return tr("Class in B");
    }
    return {};
}
