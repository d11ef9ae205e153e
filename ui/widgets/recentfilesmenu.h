#pragma once

#include <QMenu>

// File > Open Recent, rebuilt from RecentFiles each time it opens. Files that no longer exist stay
// listed but disabled, so a file on an unmounted disk is not forgotten.
class RecentFilesMenu : public QMenu
{
    Q_OBJECT
public:
    explicit RecentFilesMenu(QWidget* parent = nullptr);

signals:
    void fileChosen(const QString& path);

private:
    void rebuild();
};
