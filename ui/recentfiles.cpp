#include "recentfiles.h"

#include "appsettings.h"

#include <QFileInfo>

QStringList RecentFiles::entries()
{
    return AppSettings::recentFiles();
}

void RecentFiles::add(const QString& path)
{
    // Absolute, so that the same file opened from two working directories is one entry.
    const QString absolute = QFileInfo(path).absoluteFilePath();
    QStringList files = entries();
    files.removeAll(absolute);
    files.prepend(absolute);
    while (files.size() > MaxEntries)
        files.removeLast();
    AppSettings::setRecentFiles(files);
}

void RecentFiles::clear()
{
    AppSettings::setRecentFiles({});
}
