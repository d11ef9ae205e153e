#include "appsettings.h"

#include <QSettings>
#include <algorithm>

namespace {
const QString RecentFilesKey = QStringLiteral("recentFiles");
const QString OperatorLibrariesKey = QStringLiteral("operatorLibraries");
const QString DeviceKey = QStringLiteral("model/device");
const QString LastRunInputsKey = QStringLiteral("run/lastInputs");
constexpr int MaxRememberedModels = 200;
const QString RunSettingsKey = QStringLiteral("run/settings");
const QString TimeLimitKey = QStringLiteral("worker/timeLimitSeconds");
const QString MemoryLimitKey = QStringLiteral("worker/memoryLimitMiB");
const QString GeometryKey = QStringLiteral("mainWindow/geometry");
const QString StateKey = QStringLiteral("mainWindow/state");
const QString DetailsSplitterKey = QStringLiteral("mainWindow/detailsSplitter");
const QString CentralTabKey = QStringLiteral("mainWindow/centralTab");
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

int taskTimeLimitSeconds()
{
    return std::max(0, QSettings().value(TimeLimitKey, 0).toInt());
}

void setTaskTimeLimitSeconds(int seconds)
{
    QSettings().setValue(TimeLimitKey, std::max(0, seconds));
}

int workerMemoryLimitMiB()
{
    return std::max(0, QSettings().value(MemoryLimitKey, 0).toInt());
}

void setWorkerMemoryLimitMiB(int mib)
{
    QSettings().setValue(MemoryLimitKey, std::max(0, mib));
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

QString centralTab()
{
    return QSettings().value(CentralTabKey, QStringLiteral("graphPanel")).toString();
}

void setCentralTab(const QString& objectName)
{
    QSettings().setValue(CentralTabKey, objectName);
}

} // namespace AppSettings
