#include "appsettings.h"

#include <QSettings>

namespace {
const QString RecentFilesKey = QStringLiteral("recentFiles");
const QString OperatorLibrariesKey = QStringLiteral("operatorLibraries");
const QString DeviceKey = QStringLiteral("model/device");
const QString GeometryKey = QStringLiteral("mainWindow/geometry");
const QString StateKey = QStringLiteral("mainWindow/state");
const QString DetailsSplitterKey = QStringLiteral("mainWindow/detailsSplitter");
} // namespace

namespace AppSettings {

QStringList recentFiles()
{
    return QSettings().value(RecentFilesKey).toStringList();
}

void setRecentFiles(const QStringList& files)
{
    QSettings().setValue(RecentFilesKey, files);
}

QStringList operatorLibraries()
{
    return QSettings().value(OperatorLibrariesKey).toStringList();
}

void setOperatorLibraries(const QStringList& libraries)
{
    QSettings().setValue(OperatorLibrariesKey, libraries);
}

QString device()
{
    return QSettings().value(DeviceKey, QStringLiteral("cpu")).toString();
}

QByteArray windowGeometry()
{
    return QSettings().value(GeometryKey).toByteArray();
}

QByteArray windowState()
{
    return QSettings().value(StateKey).toByteArray();
}

void setWindowGeometry(const QByteArray& geometry, const QByteArray& state)
{
    QSettings settings;
    settings.setValue(GeometryKey, geometry);
    settings.setValue(StateKey, state);
}

QByteArray detailsSplitterState()
{
    return QSettings().value(DetailsSplitterKey).toByteArray();
}

void setDetailsSplitterState(const QByteArray& state)
{
    QSettings().setValue(DetailsSplitterKey, state);
}

} // namespace AppSettings
