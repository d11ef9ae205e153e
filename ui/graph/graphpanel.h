#pragma once

#include "graph/graphdrawing.h"
#include "graph/graphheat.h"
#include "graph/graphsearch.h"
#include "modelinfoptr.h"

#include <QWidget>
#include "modelinfoptr.h"

class GraphCanvas;
class GraphController;
class GraphLegend;
class GraphOverview;
class GraphScene;
class GraphSearchBar;
class GraphSelection;
class GraphToolBar;
class LoadStatusWidget;
class NodeInspector;
class OpLegendModel;
class QLabel;
class QStackedWidget;

// The Graph tab: toolbar, search bar and the interactive drawing of the GraphController's
// current view, with a legend, an overview and a busy bar floating over it; or, for a model
// without forward, why there is nothing to draw. Clicks and selection are GraphSelection's
// business. The node inspector is created here but shown wherever the window docks it.
class GraphPanel : public QWidget
{
    Q_OBJECT
public:
    explicit GraphPanel(GraphController* controller, QWidget* parent = nullptr);

    // Forgets the previous model's drawing and selection, and starts on this one's graph.
    void setModel(const ModelInfoPtr& info);

    GraphController* controller() const { return m_controller; }
    GraphScene* scene() const { return m_scene; }
    GraphCanvas* canvas() const { return m_canvas; }
    NodeInspector* inspector() const { return m_inspector; }
    OpLegendModel* legendModel() const;
    const GraphSearch& search() const { return m_search; }

    // From the module tree: selects and centres the module's cluster or box. False when the
    // graph draws nothing of it.
    bool focusModule(const QString& path);
    // As a click on the node's box would (the box may be a collapsed module's).
    void selectNode(int node);
    int selectedNode() const;

    // The last profile, for the heat map (off until asked for); null forgets it.
    void setProfile(const ProfileResultPtr& result);
    // Turns the heat map on, showing the variant the profile ran.
    void showProfile(const ProfileResultPtr& result);
    bool isHeatMapOn() const;
    // Whether the drawing's node ids are the profile's (it shows the variant profiled).
    bool showsProfiledVariant() const;

    void setSearch(const QString& text, bool regex = false);
    // Step through the hits, selecting and centring each; -1 without hits.
    int nextHit();
    int previousHit();
    // Expands the collapsed modules around the current hit (or the selected node).
    void revealSelectedNode();

    void exportInteractively(const QString& format);
    void exportTo(const QString& format, const QString& path);
    QString message() const;
    // False while the tab shows why there is no graph instead.
    bool isShowingGraph() const;
    QString unavailableMessage() const;

signals:
    // Something of this module was selected in the graph; the tree should follow.
    void moduleSelected(const QString& path);
    // A node was selected: its source line, to show in the Code tab; line is 1-based.
    void sourceSelected(const QString& file, int line);
    // The user asked to see that line now (the Code tab should come to the front).
    void openSourceRequested(const QString& file, int line);
    // A node was selected here (by click, search or selectNode).
    void nodeSelected(int node);

private:
    QWidget* createSearchRow();
    void createOverlays();
    void connectController();
    void connectToolBar();
    void onGraphAvailable(const GraphVariantPtr& data);
    void onLayoutAvailable(const GraphDrawingPtr& drawing);
    void onBusyChanged(bool busy);
    void onUnavailable(const QString& message);
    void onFailed(const QString& message);
    void onNodeSelected(int node);
    void runSearch();
    void goToHit(int node);
    void updateSearchResult();
    void setMessage(const QString& text, bool error = false);
    void applyHeat();

    GraphController* m_controller;
    GraphScene* m_scene;
    GraphCanvas* m_canvas;
    GraphToolBar* m_toolBar;
    GraphSearchBar* m_searchBar;
    QLabel* m_summary;
    QLabel* m_message; // what the tab has to say: layout times, where a hit is, errors
    QStackedWidget* m_stack;
    QLabel* m_unavailable;
    NodeInspector* m_inspector;
    GraphSelection* m_selection;
    GraphLegend* m_legend = nullptr;
    GraphOverview* m_overview = nullptr;
    LoadStatusWidget* m_busy = nullptr;
    GraphSearch m_search;
    GraphHeat m_heat;
    bool m_freshVariant = true; // the next drawing is a variant's first: show its start
};
