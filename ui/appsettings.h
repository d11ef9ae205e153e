#pragma once

#include <QStringList>

// Every QSettings key of the GUI in one place. Read on the UI thread only; jobs get copies.
namespace AppSettings {

QStringList recentFiles();
void setRecentFiles(const QStringList& files);

QStringList operatorLibraries();
void setOperatorLibraries(const QStringList& libraries);

// LibTorch device for loading ("cpu", "cuda:0"); there is no GUI for it yet.
QString device();

QByteArray windowGeometry();
QByteArray windowState();
void setWindowGeometry(const QByteArray& geometry, const QByteArray& state);

QByteArray detailsSplitterState();
void setDetailsSplitterState(const QByteArray& state);

} // namespace AppSettings
