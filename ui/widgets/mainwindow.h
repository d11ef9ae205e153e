#pragma once

#include "modelinfoptr.h"

#include <QMainWindow>

class CodeView;
class CompareController;
class CompareView;
class GraphController;
class GraphPanel;
class LoadStatusWidget;
class ModelController;
class ModelSummaryModel;
class ModuleDetailsPanel;
class ModuleTreeModel;
class ModulesPanel;
class ModelWorker;
class OperatorLibraryController;
class ProfileController;
class ProfilePanel;
class QDockWidget;
class QModelIndex;
class QStackedWidget;
class QTabWidget;
class RunController;
class RunPanel;
class SourceController;

// The inspector window: module tree on the left, overview, graph and code in the middle, the
// selected module's details and graph node on the right. It holds no model data itself: the
// controllers own the loaded model and its graphs, and the item models present them.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // Starts loading; the result (or an error box) arrives later.
    void openFile(const QString& path);
    bool selectModule(const QString& path);
    // Brings a central tab to the front by its widget's object name ("graphPanel", "codeView").
    bool showTab(const QString& objectName);

    ModelController* modelController() const { return m_controller; }
    OperatorLibraryController* operatorLibraries() const { return m_libraries; }
    GraphPanel* graphPanel() const { return m_graphPanel; }
    RunController* runController() const { return m_runController; }
    RunPanel* runPanel() const { return m_runPanel; }
    ProfileController* profileController() const { return m_profileController; }
    ProfilePanel* profilePanel() const { return m_profilePanel; }
    CompareController* compareController() const { return m_compareController; }
    CompareView* compareView() const { return m_compareView; }
    // File ▸ Compare With…: shows the Compare tab with this file to compare with (asks for one
    // when path is empty).
    void compareWithModel(const QString& path = {});
    void compareWithReference(const QString& path = {});

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
    void connectGraph();
    void connectProfile();
    void startProfile();
    void updateProfileInputs();
    void showProfileOnGraph();
    void connectCompare();
    void onTabChanged();
    void fitModulesDock();
    void restoreDocksAfterCompare();
    void selectModuleFromGraph(const QString& path);
    void showSource(const QString& file, const QString& text, int line);
    void showError(const QString& title, const QString& message, const QString& detail);

    // The open model's worker process: the window's only way to LibTorch and Graphviz, shared by
    // every workflow below.
    ModelWorker* m_worker;
    ModelController* m_controller;
    OperatorLibraryController* m_libraries;
    GraphController* m_graphController;
    SourceController* m_sources;
    RunController* m_runController;
    ProfileController* m_profileController;
    CompareController* m_compareController;
    ModuleTreeModel* m_moduleModel;
    ModelSummaryModel* m_summaryModel;
    ModulesPanel* m_modulesPanel = nullptr;
    ModuleDetailsPanel* m_details = nullptr;
    QStackedWidget* m_central = nullptr;
    QTabWidget* m_tabs = nullptr;
    CodeView* m_code = nullptr;
    GraphPanel* m_graphPanel = nullptr;
    RunPanel* m_runPanel = nullptr;
    ProfilePanel* m_profilePanel = nullptr;
    CompareView* m_compareView = nullptr;
    QList<QAction*> m_compareActions; // need a model open
    // The Compare tab wants the window's width: the docks it hid, shown again when it is left.
    QList<QDockWidget*> m_docksHiddenForCompare;
    QList<QDockWidget*> m_docksRaisedBeforeCompare;
    bool m_selectingFromProfile = false; // the graph follows the profile: do not send it back
    QDockWidget* m_nodeDock = nullptr;
    bool m_selectingFromGraph = false; // the tree follows the graph: do not send it back
    bool m_raiseCode = false;          // the next source to arrive was asked for, not just followed
    LoadStatusWidget* m_status = nullptr;
    QString m_loadingPath;
};
