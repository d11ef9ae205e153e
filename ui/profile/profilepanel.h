#pragma once

#include "profile/profilesettings.h"
#include "profileresultptr.h"

#include <QWidget>
#include <functional>

class KindTimeChart;
class MemoryChart;
class MessageBanner;
class ModuleTreemap;
class NodeRunsChart;
class ProfileControls;
class ProfileNodesModel;
class ProfileNodesProxy;
class ProfileSummary;
class QCheckBox;
class QLabel;
class QLineEdit;
class QMenu;
class QPushButton;
class QTabWidget;
class QTableView;
class RooflineChart;
class SpeedupView;
class TimelineChart;
class TopNodesChart;

// The Profile tab: settings and Profile/Cancel on top, a summary, every node in a sortable,
// filterable table, and charts of the same result (slowest nodes, time by kind and by module,
// one run's timeline, memory, the selected node's runs, the roofline, the speed-up report).
// Selecting a node anywhere selects it everywhere in the tab. It never starts work itself: the
// profile controller listens to profileRequested() and hands back a parsed result.
class ProfilePanel : public QWidget
{
    Q_OBJECT
public:
    explicit ProfilePanel(QWidget* parent = nullptr);

    ProfileSettings settings() const;
    void setSettings(const ProfileSettings& settings);
    void setBusy(bool busy);
    void setProgress(const QString& text, int done, int total);
    void showError(const QString& message, const QString& detail = {});
    // Which inputs the next profile will use ("Inputs from the Run tab: float32[1,3,224,224]").
    void setInputsSummary(const QString& text);

    void setResult(const ProfileResultPtr& result);
    // Forgets the result (a new model was opened).
    void clear();
    ProfileResultPtr result() const { return m_result; }
    int selectedNode() const { return m_selected; }

    // Writes the result as "csv", "json" (the full document) or "chrome-trace", completely or not
    // at all; false with a message in error otherwise. The Export menu's actions end here.
    bool exportTo(const QString& format, const QString& path, QString* error = nullptr);

    // For tests and the window.
    ProfileControls* controls() const { return m_controls; }
    MessageBanner* banner() const { return m_banner; }
    ProfileSummary* summary() const { return m_summary; }
    ProfileNodesModel* nodesModel() const { return m_model; }
    ProfileNodesProxy* nodesProxy() const { return m_proxy; }
    QTableView* nodesView() const { return m_view; }
    QLineEdit* filterEdit() const { return m_filter; }
    QTabWidget* chartTabs() const { return m_tabs; }
    TopNodesChart* topNodesChart() const { return m_topNodes; }
    KindTimeChart* kindChart() const { return m_kinds; }
    ModuleTreemap* moduleTreemap() const { return m_modules; }
    TimelineChart* timelineChart() const { return m_timeline; }
    MemoryChart* memoryChart() const { return m_memory; }
    NodeRunsChart* nodeRunsChart() const { return m_runs; }
    RooflineChart* rooflineChart() const { return m_roofline; }
    SpeedupView* speedupView() const { return m_speedup; }
    QMenu* exportMenu() const { return m_exportMenu; }
    QPushButton* showOnGraphButton() const { return m_showOnGraph; }

public slots:
    // Selects node id in the table and every chart, without emitting nodeSelected (the caller,
    // the Graph tab say, knows already). An id that did not run clears the selection.
    void selectNode(int id);

signals:
    void profileRequested();
    void cancelRequested();
    // The user selected a node in the table or a chart.
    void nodeSelected(int id);
    // "Show on Graph": the heat map of this profile on the Graph tab.
    void showOnGraphRequested();

private:
    QWidget* createNodesArea();
    QWidget* createCharts();
    void createExportMenu();
    void onTableSelection();
    void userSelected(int id);
    void applySelection(int id);
    void exportInteractively(const QString& format);
    void updateCount();
    void refilter(const std::function<void()>& change);

    ProfileResultPtr m_result;
    int m_selected = -1;
    bool m_syncing = false; // selection being pushed into the views: not the user's
    QString m_exportFolder;

    ProfileControls* m_controls;
    QLabel* m_inputs;
    MessageBanner* m_banner;
    ProfileSummary* m_summary;
    ProfileNodesModel* m_model;
    ProfileNodesProxy* m_proxy;
    QTableView* m_view = nullptr;
    QLineEdit* m_filter = nullptr;
    QCheckBox* m_hideControl = nullptr;
    QCheckBox* m_hidePrim = nullptr;
    QLabel* m_count = nullptr;
    QPushButton* m_showOnGraph = nullptr;
    QTabWidget* m_tabs = nullptr;
    TopNodesChart* m_topNodes = nullptr;
    KindTimeChart* m_kinds = nullptr;
    ModuleTreemap* m_modules = nullptr;
    TimelineChart* m_timeline = nullptr;
    MemoryChart* m_memory = nullptr;
    NodeRunsChart* m_runs = nullptr;
    RooflineChart* m_roofline = nullptr;
    SpeedupView* m_speedup = nullptr;
    QMenu* m_exportMenu = nullptr;
};
