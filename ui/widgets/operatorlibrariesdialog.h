#pragma once

#include <QDialog>

class OperatorLibraryController;
class QPushButton;
class QTreeWidget;

// Settings > Operator Libraries: the shared libraries that register extra TorchScript operators
// (torchvision's, torchaudio's, a user's own), loaded at every start.
class OperatorLibrariesDialog : public QDialog
{
    Q_OBJECT
public:
    explicit OperatorLibrariesDialog(OperatorLibraryController* controller, QWidget* parent = nullptr);

private:
    void refresh();
    void addFromFile();
    void removeSelected();

    OperatorLibraryController* m_controller;
    QTreeWidget* m_list;
    QPushButton* m_addInstalled;
    QPushButton* m_remove;
};
