#pragma once

#include <QObject>
#include <QVector>

// The "extra operator libraries" workflow: the saved list (loaded at start), libraries given on
// the command line (loaded, not saved), and adding or removing entries from the settings dialog.
//
// Loading runs on the UI thread on purpose: dlopen of an operator library takes milliseconds, and
// finishing it before returning guarantees its operators are registered before any later model
// load starts.
class OperatorLibraryController : public QObject
{
    Q_OBJECT
public:
    struct Entry
    {
        QString path;
        bool saved = false;  // in the settings, loaded again at next start
        bool loaded = false; // in this process now
        QString error;       // why loading failed, for people
    };

    explicit OperatorLibraryController(QObject* parent = nullptr);

    void loadSaved();
    // Returns false (after emitting loadFailed) when the library cannot be loaded; a library that
    // fails is not saved.
    bool load(const QString& path, bool save);
    // Only from the saved list: a library cannot be unloaded from a running process.
    void removeSaved(const QString& path);

    const QVector<Entry>& entries() const { return m_entries; }
    // Installed libraries (torchvision, torchaudio) that are not in the list yet.
    QStringList suggestions() const;

signals:
    void entriesChanged();
    void loadFailed(const QString& path, const QString& message, const QString& detail);

private:
    Entry& entryFor(const QString& path);
    void saveList() const;

    QVector<Entry> m_entries;
};
