#pragma once

#include <QWidget>

class ModuleTreeModel;
class QLineEdit;
class QModelIndex;
class QSortFilterProxyModel;
class QTreeView;

// The module tree with a filter box above it. Speaks in source-model indexes, so its users never
// see the proxy.
class ModulesPanel : public QWidget
{
    Q_OBJECT
public:
    explicit ModulesPanel(ModuleTreeModel* model, QWidget* parent = nullptr);

    // Selects the module with this path ("" is the root); false if there is none.
    bool selectModule(const QString& path);
    QTreeView* view() const { return m_view; }

signals:
    // An index of the ModuleTreeModel; invalid when nothing is selected.
    void currentModuleChanged(const QModelIndex& index);

private:
    void onModelReset();
    void expandSensibly();
    void fitNameColumn();
    void applyFilter(const QString& text);

    ModuleTreeModel* m_model;
    QSortFilterProxyModel* m_proxy;
    QLineEdit* m_filter;
    QTreeView* m_view;
};
