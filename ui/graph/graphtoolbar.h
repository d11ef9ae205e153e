#pragma once

#include <QToolBar>
#include <ptscope/graph/graph.h>

class QAction;
class QActionGroup;
class QLabel;
class QMenu;
class QToolButton;

// The graph tab's toolbar: the variant as one segmented choice with its node count, fit, export,
// and a menu with zoom and the legend and overview toggles; plus the actions choosing what is
// drawn (constants, expansion). It only reports what was asked; the panel decides what that does.
class GraphToolBar : public QToolBar
{
    Q_OBJECT
public:
    explicit GraphToolBar(QWidget* parent = nullptr);

    void setVariant(ptscope::GraphVariant variant);
    void setNodeCount(const QString& text, const QString& toolTip);
    void setShowConstants(bool show);
    // Actions whose shortcuts should work anywhere in the graph tab.
    QList<QAction*> shortcutActions() const;
    QAction* exportAction(const QString& format) const;
    QAction* legendAction() const { return m_legend; }
    // Constants, Expand All, First View: the panel shows them next to the search box, where
    // there is room.
    QList<QAction*> viewActions() const { return m_viewActions; }
    QAction* overviewAction() const { return m_overview; }
    // Checkable; enabled once there is a profile to show.
    QAction* heatAction() const { return m_heat; }

signals:
    void variantRequested(ptscope::GraphVariant variant);
    void showConstantsToggled(bool show);
    void expandAllRequested();
    void firstViewRequested();
    void zoomInRequested();
    void zoomOutRequested();
    void fitRequested();
    void exportRequested(const QString& format);

private:
    void addVariants();
    void addExportMenu();
    void addViewMenu();
    QToolButton* menuButton(QMenu* menu, const QString& toolTip);

    QActionGroup* m_variants;
    QLabel* m_nodeCount;
    QAction* m_constants = nullptr;
    QAction* m_zoomIn = nullptr;
    QAction* m_zoomOut = nullptr;
    QAction* m_fit = nullptr;
    QAction* m_legend = nullptr;
    QAction* m_overview = nullptr;
    QAction* m_heat = nullptr;
    QList<QAction*> m_exports;
    QList<QAction*> m_viewActions;
};
