#include "widgets/tablesection.h"

#include <QHeaderView>
#include <QLabel>
#include <QSortFilterProxyModel>
#include <QTreeView>
#include <QVBoxLayout>

TableSection::TableSection(const QString& title, QAbstractItemModel* model, int sortRole, QWidget* parent)
    : QWidget(parent), m_title(title), m_model(model), m_label(new QLabel(this)), m_view(new QTreeView(this))
{
    auto* proxy = new QSortFilterProxyModel(this);
    proxy->setSourceModel(model);
    proxy->setSortRole(sortRole);

    m_view->setModel(proxy);
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);
    m_view->setAlternatingRowColors(true);
    m_view->header()->setSortIndicatorClearable(true);
    m_view->header()->setSortIndicator(-1, Qt::AscendingOrder);
    m_view->setSortingEnabled(true);
    m_view->header()->setSectionResizeMode(QHeaderView::ResizeToContents);

    QFont bold = m_label->font();
    bold.setBold(true);
    m_label->setFont(bold);

    connect(model, &QAbstractItemModel::modelReset, this, &TableSection::updateTitle);
    updateTitle();

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_label);
    layout->addWidget(m_view);
}

void TableSection::updateTitle()
{
    m_label->setText(tr("%1 (%2)").arg(m_title).arg(m_model->rowCount()));
}
