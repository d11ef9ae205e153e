#include "appsettings.h"

#include <QSettings>

namespace {
const QString RecentFilesKey = QStringLiteral("recentFiles");
const QString OperatorLibrariesKey = QStringLiteral("operatorLibraries");
const QString DeviceKey = QStringLiteral("model/device");
const QString LastRunInputsKey = QStringLiteral("run/lastInputs");
constexpr int MaxRememberedModels = 200;
const QString RunSettingsKey = QStringLiteral("run/settings");
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

QVariantMap lastRunInputs()
{
    return QSettings().value(LastRunInputsKey).toMap();
}

void setLastRunInputs(QVariantMap inputs)
{
    // Bounded, so years of use do not grow the settings file without end; which entries go
    // does not matter much, the map is keyed by path.
    while (inputs.size() > MaxRememberedModels)
        inputs.erase(inputs.begin());
    QSettings().setValue(LastRunInputsKey, inputs);
}

QVariantMap runSettings()
{
    return QSettings().value(RunSettingsKey).toMap();
}

void setRunSettings(const QVariantMap& settings)
{
    QSettings().setValue(RunSettingsKey, settings);
}

void setDevice(const QString& device)
{
    QSettings().setValue(DeviceKey, device);
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
