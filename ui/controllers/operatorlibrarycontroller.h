#pragma once

#include <QObject>
#include <QVector>

// The "extra operator libraries" workflow: the saved list (loaded at start), libraries given on
// the command line (loaded, not saved), and adding or removing entries from the settings dialog.
//
// The window never loads a library itself (a library's initialisers are someone else's code, and
// they would run in the window's process): the libraries in use go to every worker with each
// model it opens (loadedPaths()), which loads them before the model. Adding one checks here only
// that it is a readable shared library; the worker reports a library that does not load when it
// opens the next model.
class OperatorLibraryController : public QObject
{
    Q_OBJECT
public:
    struct Entry
    {
        QString path;
        bool saved = false;  // in the settings, loaded again at next start
        bool loaded = false; // in use this session: workers load it before each model
        QString error;       // why loading failed, for people
    };

    explicit OperatorLibraryController(QObject* parent = nullptr);

    void loadSaved();
    // Returns false (after emitting loadFailed) when the library cannot be loaded; a library that
    // fails is not saved.
    bool load(const QString& path, bool save);
    // Only from the saved list: a worker cannot unload a library, so it stays in use until the
    // next start.
    void removeSaved(const QString& path);

    const QVector<Entry>& entries() const { return m_entries; }
    // The libraries in use, in the order they were added.
    QStringList loadedPaths() const;
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
