#pragma once

#include <QSortFilterProxyModel>

// Sorts ProfileNodesModel by its raw numbers (not the text a cell shows) and keeps the rows
// whose kind, module or label contain the filter text, and that lie in one module (with its
// submodules) when asked; can hide If/Loop and prim:: nodes, which add no time of their own or
// are bookkeeping (attribute reads, list construction).
class ProfileNodesProxy : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit ProfileNodesProxy(QObject* parent = nullptr);

    void setFilterText(const QString& text);
    QString filterText() const { return m_text; }
    // Only nodes in this module or below it; an empty scope (the root) keeps every node.
    void setModuleFilter(const QString& scope);
    QString moduleFilter() const { return m_module; }
    void setHideControl(bool hide);
    bool hideControl() const { return m_hideControl; }
    void setHidePrim(bool hide);
    bool hidePrim() const { return m_hidePrim; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    QString m_text;
    QString m_module;
    bool m_hideControl = false;
    bool m_hidePrim = false;
};
