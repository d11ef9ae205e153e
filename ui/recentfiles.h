#pragma once

#include <QStringList>

// The File > Open Recent list: newest first, no duplicates, at most MaxEntries, kept in QSettings.
class RecentFiles
{
public:
    static constexpr int MaxEntries = 10;

    static QStringList entries();
    static void add(const QString& path);
    static void clear();
};
