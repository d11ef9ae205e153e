#include "profile/profilenodesproxy.h"

#include "profile/profilenodesmodel.h"

ProfileNodesProxy::ProfileNodesProxy(QObject* parent) : QSortFilterProxyModel(parent)
{
    setSortRole(ProfileNodesModel::SortRole);
    setSortCaseSensitivity(Qt::CaseInsensitive);
}

void ProfileNodesProxy::setFilterText(const QString& text)
{
    const QString trimmed = text.trimmed();
    if (trimmed == m_text)
        return;
    m_text = trimmed;
    invalidateRowsFilter();
}

void ProfileNodesProxy::setModuleFilter(const QString& scope)
{
    if (scope == m_module)
        return;
    m_module = scope;
    invalidateRowsFilter();
}

void ProfileNodesProxy::setHideControl(bool hide)
{
    if (hide == m_hideControl)
        return;
    m_hideControl = hide;
    invalidateRowsFilter();
}

void ProfileNodesProxy::setHidePrim(bool hide)
{
    if (hide == m_hidePrim)
        return;
    m_hidePrim = hide;
    invalidateRowsFilter();
}

bool ProfileNodesProxy::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    const QModelIndex index = sourceModel()->index(sourceRow, ProfileNodesModel::Kind, sourceParent);
    if (m_hideControl && index.data(ProfileNodesModel::ControlRole).toBool())
        return false;
    if (m_hidePrim && index.data(Qt::DisplayRole).toString().startsWith(QLatin1String("prim::")))
        return false;
    if (!m_module.isEmpty()) {
        const QString scope = index.data(ProfileNodesModel::ScopeRole).toString();
        if (scope != m_module && !scope.startsWith(m_module + QLatin1Char('.')))
            return false;
    }
    if (m_text.isEmpty())
        return true;
    return index.data(ProfileNodesModel::FilterTextRole).toString().contains(m_text, Qt::CaseInsensitive);
}
