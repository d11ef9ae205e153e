#include "models/moduletreemodel.h"

#include <ptscope/common/format.h>

namespace {

int64_t totalBytes(const ptscope::ModuleInfo& module)
{
    return module.totalParameterBytes + module.totalBufferBytes;
}

} // namespace

ModuleTreeModel::ModuleTreeModel(QObject* parent) : TreeModel(NUM_COLUMNS, parent) {}

void ModuleTreeModel::setModelInfo(ModelInfoPtr info)
{
    beginResetModel();
    m_info = std::move(info);
    m_rowInParent.clear();
    if (m_info) {
        m_rowInParent.resize(static_cast<int>(m_info->modules.size()));
        for (const ptscope::ModuleInfo& module : m_info->modules) {
            for (size_t row = 0; row < module.children.size(); ++row)
                m_rowInParent[module.children[row]] = static_cast<int>(row);
        }
    }
    endResetModel();
}

QModelIndex ModuleTreeModel::indexOfPath(const QString& path) const
{
    if (!m_info)
        return {};
    const std::string wanted = path.toStdString();
    for (size_t i = 0; i < m_info->modules.size(); ++i) {
        if (m_info->modules[i].path == wanted)
            return indexOfModule(static_cast<int>(i));
    }
    return {};
}

int ModuleTreeModel::childCount(int node) const
{
    if (!m_info || m_info->modules.empty())
        return 0;
    if (node == RootNode)
        return 1;
    return static_cast<int>(m_info->modules[node].children.size());
}

int ModuleTreeModel::childAt(int node, int row) const
{
    return node == RootNode ? 0 : m_info->modules[node].children[row];
}

int ModuleTreeModel::parentOf(int node) const
{
    // The root's parent is -1 in ModelInfo, which is RootNode here.
    return m_info->modules[node].parent;
}

int ModuleTreeModel::rowOf(int node) const
{
    return m_rowInParent[node];
}

QVariant ModuleTreeModel::cellData(int node, int column, int role) const
{
    const ptscope::ModuleInfo& module = m_info->modules[node];
    switch (role) {
    case Qt::DisplayRole:
        return displayData(module, column);
    case Qt::ToolTipRole:
        if (column == Type || (column == Module && node == 0))
            return QString::fromStdString(module.type);
        if (column == Size)
            return tr("Parameters: %1\nBuffers: %2")
                .arg(QString::fromStdString(ptscope::formatBytes(module.totalParameterBytes)),
                     QString::fromStdString(ptscope::formatBytes(module.totalBufferBytes)));
        return {};
    case Qt::TextAlignmentRole:
        if (column == Parameters || column == Size)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case SortRole:
        return sortData(module, column);
    case ModuleIndexRole:
        return node;
    case ModulePathRole:
        return QString::fromStdString(module.path);
    case FilterRole:
        return QString::fromStdString(module.path + ' ' + module.shortType);
    case CodeRole:
        return QString::fromStdString(module.code);
    }
    return {};
}

QVariant ModuleTreeModel::displayData(const ptscope::ModuleInfo& module, int column) const
{
    switch (column) {
    case Module:
        return QString::fromStdString(module.parent < 0 ? module.shortType : module.name);
    case Type:
        return QString::fromStdString(module.shortType);
    case Parameters:
        return QString::fromStdString(ptscope::formatCount(module.totalParameters));
    case Size:
        return QString::fromStdString(ptscope::formatBytes(totalBytes(module)));
    }
    return {};
}

QVariant ModuleTreeModel::sortData(const ptscope::ModuleInfo& module, int column) const
{
    switch (column) {
    case Parameters:
        return qlonglong(module.totalParameters);
    case Size:
        return qlonglong(totalBytes(module));
    }
    return displayData(module, column);
}

QVariant ModuleTreeModel::headerCell(int column, int role) const
{
    if (role == Qt::TextAlignmentRole && (column == Parameters || column == Size))
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    switch (column) {
    case Module:
        return tr("Module");
    case Type:
        return tr("Type");
    case Parameters:
        return tr("Parameters");
    case Size:
        return tr("Size");
    }
    return {};
}
