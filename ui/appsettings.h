#pragma once

#include <QStringList>
#include <QVariantMap>

// Every QSettings key of the GUI in one place. Read on the UI thread only; jobs get copies.
namespace AppSettings {

QStringList recentFiles();
void setRecentFiles(const QStringList& files);

QStringList operatorLibraries();
void setOperatorLibraries(const QStringList& libraries);

// LibTorch device for loading and running ("cpu", "cuda:0"); chosen in the Run tab.
QString device();
void setDevice(const QString& device);

// Seconds a run or profile may take before the worker is stopped; 0 for no limit.
int taskTimeLimitSeconds();
void setTaskTimeLimitSeconds(int seconds);
// The worker's address-space limit in MiB; 0 for ptscope's default (three quarters of RAM).
int workerMemoryLimitMiB();
void setWorkerMemoryLimitMiB(int mib);

// The input specs last run, by absolute model path.
QVariantMap lastRunInputs();
void setLastRunInputs(QVariantMap inputs);

// The Run tab's seed, repeats, warm-up and threads, by those names.
QVariantMap runSettings();
void setRunSettings(const QVariantMap& settings);

QByteArray windowGeometry();
QByteArray windowState();
void setWindowGeometry(const QByteArray& geometry, const QByteArray& state);

QByteArray detailsSplitterState();
void setDetailsSplitterState(const QByteArray& state);

// The central tab a model opens on, by its widget's object name; "graphPanel" at first.
QString centralTab();
void setCentralTab(const QString& objectName);

} // namespace AppSettings
