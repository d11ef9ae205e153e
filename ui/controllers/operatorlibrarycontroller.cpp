#include "controllers/operatorlibrarycontroller.h"

#include "appsettings.h"
#include "jobs/jobfailure.h"

#include <QFile>
#include <QFileInfo>
#include <ptscope/load/operatorlibrary.h>

namespace {

// What can be told without loading the library: it exists, can be read and is an ELF file.
QString checkLibrary(const QString& path)
{
    const QFileInfo info(path);
    if (!info.exists())
        return OperatorLibraryController::tr("Operator library not found: %1").arg(path);
    if (!info.isFile())
        return OperatorLibraryController::tr("%1 is not a file.").arg(path);
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return OperatorLibraryController::tr("Cannot read %1: %2").arg(path, file.errorString());
    if (file.read(4) != QByteArray("\x7f" "ELF", 4))
        return OperatorLibraryController::tr("%1 is not a shared library (.so).").arg(path);
    return {};
}

} // namespace

OperatorLibraryController::OperatorLibraryController(QObject* parent) : QObject(parent) {}

void OperatorLibraryController::loadSaved()
{
    const QStringList saved = AppSettings::operatorLibraries();
    for (const QString& path : saved) {
        entryFor(path).saved = true;
        load(path, false);
    }
}

bool OperatorLibraryController::load(const QString& path, bool save)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    Entry& entry = entryFor(absolute);
    JobFailure failure;
    failure.message = checkLibrary(absolute);
    if (failure.message.isEmpty()) {
        entry.loaded = true;
        entry.error.clear();
        if (save && !entry.saved) {
            entry.saved = true;
            saveList();
        }
    } else {
        entry.error = failure.message;
    }
    // Entries that are neither saved nor loaded only record a failed attempt; don't list them.
    if (!entry.saved && !entry.loaded)
        m_entries.removeIf([&](const Entry& e) { return e.path == absolute; });
    emit entriesChanged();
    if (!failure.message.isEmpty()) {
        emit loadFailed(absolute, failure.message, failure.detail);
        return false;
    }
    return true;
}

QStringList OperatorLibraryController::loadedPaths() const
{
    QStringList result;
    for (const Entry& entry : m_entries)
        if (entry.loaded)
            result.append(entry.path);
    return result;
}

void OperatorLibraryController::removeSaved(const QString& path)
{
    for (Entry& entry : m_entries) {
        if (entry.path == path)
            entry.saved = false;
    }
    m_entries.removeIf([](const Entry& e) { return !e.saved && !e.loaded; });
    saveList();
    emit entriesChanged();
}

QStringList OperatorLibraryController::suggestions() const
{
    QStringList result;
    for (const char* ns : {"torchvision", "torchaudio"}) {
        for (const std::string& candidate : ptscope::operatorLibraryCandidates(ns)) {
            const QString path = QFile::decodeName(candidate.c_str());
            const bool listed = std::any_of(m_entries.cbegin(), m_entries.cend(),
                                            [&](const Entry& e) { return e.path == path; });
            if (!listed)
                result.append(path);
        }
    }
    return result;
}

OperatorLibraryController::Entry& OperatorLibraryController::entryFor(const QString& path)
{
    for (Entry& entry : m_entries) {
        if (entry.path == path)
            return entry;
    }
    m_entries.append(Entry{path, false, false, {}});
    return m_entries.last();
}

void OperatorLibraryController::saveList() const
{
    QStringList saved;
    for (const Entry& entry : m_entries) {
        if (entry.saved)
            saved.append(entry.path);
    }
    AppSettings::setOperatorLibraries(saved);
}
