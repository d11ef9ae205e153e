#include "widgets/recentfilesmenu.h"

#include "recentfiles.h"

#include <QDir>
#include <QFileInfo>

RecentFilesMenu::RecentFilesMenu(QWidget* parent) : QMenu(tr("Open &Recent"), parent)
{
    connect(this, &QMenu::aboutToShow, this, &RecentFilesMenu::rebuild);
    // A menu with no actions cannot be opened, so give it its entries now as well.
    rebuild();
}

void RecentFilesMenu::rebuild()
{
    clear();
    const QStringList files = RecentFiles::entries();
    int number = 1;
    for (const QString& path : files) {
        const bool exists = QFileInfo::exists(path);
        QString label = QDir::toNativeSeparators(path);
        label.replace(QLatin1Char('&'), QStringLiteral("&&"));
        if (number < 10)
            label = QStringLiteral("&%1  %2").arg(number).arg(label);
        if (!exists)
            label = tr("%1 (missing)").arg(label);
        ++number;
        QAction* action = addAction(label, this, [this, path]() { emit fileChosen(path); });
        action->setEnabled(exists);
    }
    if (files.isEmpty())
        addAction(tr("No recent files"))->setEnabled(false);
    addSeparator();
    QAction* clearAction = addAction(tr("&Clear List"), this, []() { RecentFiles::clear(); });
    clearAction->setEnabled(!files.isEmpty());
}
