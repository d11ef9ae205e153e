#include "widgets/modulespanel.h"

#include "models/moduletreemodel.h"

#include <QHeaderView>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QTreeView>
#include <QVBoxLayout>

namespace {
// Expand level by level while the tree stays about one screen tall.
constexpr int MaxRowsShownExpanded = 40;
} // namespace

ModulesPanel::ModulesPanel(ModuleTreeModel* model, QWidget* parent)
    : QWidget(parent), m_model(model), m_proxy(new QSortFilterProxyModel(this)),
      m_filter(new QLineEdit(this)), m_view(new QTreeView(this))
{
    m_proxy->setSourceModel(m_model);
    m_proxy->setRecursiveFilteringEnabled(true);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setFilterRole(ModuleTreeModel::FilterRole);
    m_proxy->setFilterKeyColumn(ModuleTreeModel::Module);
    m_proxy->setSortRole(ModuleTreeModel::SortRole);

    m_filter->setPlaceholderText(tr("Filter modules by path or type"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setObjectName(QStringLiteral("moduleFilter"));
    connect(m_filter, &QLineEdit::textChanged, this, &ModulesPanel::applyFilter);

    m_view->setObjectName(QStringLiteral("moduleTree"));
    m_view->setModel(m_proxy);
    m_view->setUniformRowHeights(true);
    m_view->setAlternatingRowColors(true);
    // No sort indicator at first: the model's order is the declaration order, which reads best.
    m_view->header()->setSortIndicatorClearable(true);
    m_view->header()->setSortIndicator(-1, Qt::AscendingOrder);
    m_view->setSortingEnabled(true);
    // Every column as wide as what it shows, names first: the view scrolls sideways rather than
    // eliding a name. The names' column is sized when rows are shown (fitNameColumn) and can be
    // dragged narrower.
    m_view->header()->setStretchLastSection(false);
    m_view->header()->setSectionResizeMode(ModuleTreeModel::Module, QHeaderView::Interactive);
    for (int column = ModuleTreeModel::Type; column < ModuleTreeModel::NUM_COLUMNS; ++column)
        m_view->header()->setSectionResizeMode(column, QHeaderView::ResizeToContents);
    connect(m_view, &QTreeView::expanded, this, &ModulesPanel::fitNameColumn);

    connect(m_model, &QAbstractItemModel::modelReset, this, &ModulesPanel::onModelReset);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex& current) { emit currentModuleChanged(m_proxy->mapToSource(current)); });

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_filter);
    layout->addWidget(m_view);
}

bool ModulesPanel::selectModule(const QString& path)
{
    const QModelIndex index = m_proxy->mapFromSource(m_model->indexOfPath(path));
    if (!index.isValid())
        return false;
    m_view->setCurrentIndex(index);
    m_view->scrollTo(index);
    return true;
}

void ModulesPanel::onModelReset()
{
    m_filter->clear();
    expandSensibly();
    selectModule(QString());
    m_view->resizeColumnToContents(ModuleTreeModel::Module);
}

void ModulesPanel::fitNameColumn()
{
    // Only wider: expanding shows deeper, longer rows; collapsing should not make the columns jump.
    const int wanted = static_cast<const QAbstractItemView*>(m_view)->sizeHintForColumn(ModuleTreeModel::Module);
    if (wanted > m_view->header()->sectionSize(ModuleTreeModel::Module))
        m_view->header()->resizeSection(ModuleTreeModel::Module, wanted);
}

void ModulesPanel::expandSensibly()
{
    const ModelInfoPtr& info = m_model->modelInfo();
    if (!info)
        return;
    QVector<int> rowsUpToDepth; // rowsUpToDepth[d]: modules at depth <= d
    for (const ptscope::ModuleInfo& module : info->modules) {
        if (module.depth >= rowsUpToDepth.size())
            rowsUpToDepth.resize(module.depth + 1);
        ++rowsUpToDepth[module.depth];
    }
    for (int depth = 1; depth < rowsUpToDepth.size(); ++depth)
        rowsUpToDepth[depth] += rowsUpToDepth[depth - 1];
    // Showing depth d + 1 needs the rows down to depth d expanded; the root is always open.
    int expandTo = 0;
    while (expandTo + 2 < rowsUpToDepth.size() && rowsUpToDepth[expandTo + 2] <= MaxRowsShownExpanded)
        ++expandTo;
    m_view->expandToDepth(expandTo);
}

void ModulesPanel::applyFilter(const QString& text)
{
    m_proxy->setFilterFixedString(text);
    if (text.isEmpty())
        expandSensibly();
    else
        m_view->expandAll(); // so every match is visible
    fitNameColumn();
}
