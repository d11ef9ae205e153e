#pragma once

#include "modelinfoptr.h"

#include <QMainWindow>

class CodeView;
class LoadStatusWidget;
class ModelController;
class ModelSummaryModel;
class ModuleDetailsPanel;
class ModuleTreeModel;
class ModulesPanel;
class OperatorLibraryController;
class QModelIndex;
class QStackedWidget;
class QTabWidget;

// The inspector window: module tree on the left, overview and code in the middle, the selected
// module's details on the right. It holds no model data itself: the controllers own the loaded
// model and the item models present it.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // Starts loading; the result (or an error box) arrives later.
    void openFile(const QString& path);
    bool selectModule(const QString& path);

    ModelController* modelController() const { return m_controller; }
    OperatorLibraryController* operatorLibraries() const { return m_libraries; }

protected:
    void closeEvent(QCloseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void createMenus();
    void createDocks();
    QWidget* createCentralArea();
    void chooseFile();
    void showOperatorLibraries();
    void onModelAvailable(const ModelInfoPtr& info);
    void onLoadFailed(const QString& message, const QString& detail);
    void showModule(const QModelIndex& index);
    void showError(const QString& title, const QString& message, const QString& detail);

    ModelController* m_controller;
    OperatorLibraryController* m_libraries;
    ModuleTreeModel* m_moduleModel;
    ModelSummaryModel* m_summaryModel;
    ModulesPanel* m_modulesPanel = nullptr;
    ModuleDetailsPanel* m_details = nullptr;
    QStackedWidget* m_central = nullptr;
    QTabWidget* m_tabs = nullptr;
    CodeView* m_code = nullptr;
    LoadStatusWidget* m_status = nullptr;
    QString m_loadingPath;
};
