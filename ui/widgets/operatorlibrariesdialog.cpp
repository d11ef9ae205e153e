#include "widgets/operatorlibrariesdialog.h"

#include "controllers/operatorlibrarycontroller.h"

#include <QDialogButtonBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

OperatorLibrariesDialog::OperatorLibrariesDialog(OperatorLibraryController* controller, QWidget* parent)
    : QDialog(parent), m_controller(controller), m_list(new QTreeWidget(this)),
      m_addInstalled(new QPushButton(tr("Add &Installed"), this)),
      m_remove(new QPushButton(tr("&Remove"), this))
{
    setWindowTitle(tr("Operator Libraries"));
    resize(720, 320);

    auto* intro = new QLabel(tr("Shared libraries that register extra TorchScript operators, such as "
                                "torchvision's <tt>_C.so</tt>. They are loaded at every start. A removed "
                                "library stays loaded until ptscope restarts."),
                             this);
    intro->setWordWrap(true);

    m_list->setColumnCount(2);
    m_list->setHeaderLabels({tr("Library"), tr("Status")});
    m_list->setRootIsDecorated(false);
    m_list->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_list->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_list->header()->setStretchLastSection(false);

    auto* add = new QPushButton(tr("&Add…"), this);
    connect(add, &QPushButton::clicked, this, &OperatorLibrariesDialog::addFromFile);
    m_addInstalled->setMenu(new QMenu(m_addInstalled));
    connect(m_remove, &QPushButton::clicked, this, &OperatorLibrariesDialog::removeSelected);
    connect(m_list, &QTreeWidget::itemSelectionChanged, this, [this]() {
        const QList<QTreeWidgetItem*> selected = m_list->selectedItems();
        m_remove->setEnabled(std::any_of(selected.cbegin(), selected.cend(), [](QTreeWidgetItem* item) {
            return item->data(0, Qt::UserRole).toBool();
        }));
    });

    auto* buttons = new QVBoxLayout;
    buttons->addWidget(add);
    buttons->addWidget(m_addInstalled);
    buttons->addWidget(m_remove);
    buttons->addStretch(1);
    auto* row = new QHBoxLayout;
    row->addWidget(m_list, 1);
    row->addLayout(buttons);

    auto* close = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(close, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(row, 1);
    layout->addWidget(close);

    connect(m_controller, &OperatorLibraryController::entriesChanged, this,
            &OperatorLibrariesDialog::refresh);
    refresh();
}

void OperatorLibrariesDialog::refresh()
{
    m_list->clear();
    for (const OperatorLibraryController::Entry& entry : m_controller->entries()) {
        QString status;
        if (!entry.error.isEmpty())
            status = tr("failed: %1").arg(entry.error.section(QLatin1Char('\n'), 0, 0));
        else if (entry.loaded)
            status = entry.saved ? tr("loaded") : tr("loaded (this session only)");
        else
            status = tr("loads at next start");
        auto* item = new QTreeWidgetItem(m_list, {entry.path, status});
        item->setToolTip(1, entry.error);
        // Command-line libraries are not in the settings, so there is nothing to remove.
        item->setData(0, Qt::UserRole, entry.saved);
    }
    m_remove->setEnabled(false);

    QMenu* menu = m_addInstalled->menu();
    menu->clear();
    const QStringList suggestions = m_controller->suggestions();
    for (const QString& path : suggestions)
        menu->addAction(path, this, [this, path]() { m_controller->load(path, true); });
    m_addInstalled->setEnabled(!suggestions.isEmpty());
}

void OperatorLibrariesDialog::addFromFile()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Add Operator Library"), QString(),
                                                      tr("Shared libraries (*.so *.so.*);;All files (*)"));
    if (!path.isEmpty())
        m_controller->load(path, true);
}

void OperatorLibrariesDialog::removeSelected()
{
    const QList<QTreeWidgetItem*> selected = m_list->selectedItems();
    for (QTreeWidgetItem* item : selected) {
        if (item->data(0, Qt::UserRole).toBool())
            m_controller->removeSaved(item->text(0));
    }
}
