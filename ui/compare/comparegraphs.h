#pragma once

#include "compare/nodealignment.h"
#include "controllers/comparereportptr.h"
#include "modelinfoptr.h"

#include <QWidget>
#include <array>

class CodeView;
class ComparePane;
class GraphPanel;
class JobRunner;
class ModelController;
class ModelWorker;
class QCheckBox;
class QLabel;

// The Compare mode's two graph panes side by side, A (the open model, drawn by its own worker)
// and B (opened in a second worker of its own, so drawing it never waits for A's comparison),
// each with a code view below. Both draw the inlined graph, whose node ids the comparison's
// NodeRefs use: the first divergent node, the structural causes and the nodes run in one model
// only are marked. Selecting a node selects its partner in the other pane, and with Sync on,
// zooming or panning one moves the other to the same place of its own drawing.
class CompareGraphs : public QWidget
{
    Q_OBJECT
public:
    enum Side
    {
        A,
        B
    };

    explicit CompareGraphs(ModelWorker* workerA, QWidget* parent = nullptr);
    ~CompareGraphs() override;

    // Pane A draws this model from when the panes are first shown (not before: a window that never
    // compares never lays the graph out twice).
    void setModelA(const ModelInfoPtr& info);
    // Opens B in pane B's worker and draws it; libraries as A's worker loaded them.
    void openModelB(const QString& path, const QStringList& libraries);
    // Saved outputs have no graph: pane B says so instead.
    void showReferenceInB(const QString& path);
    QString modelBPath() const { return m_pathB; }

    void setReport(const CompareReportPtr& report);
    // Selects and centres the nodes (ids of each inlined graph; -1 leaves that pane alone).
    void focusNodes(int nodeA, int nodeB);
    void showSource(int side, const QString& file, int line);

    ComparePane* comparePane(int side) const { return m_panes[size_t(side)]; }
    GraphPanel* pane(int side) const;
    CodeView* codeView(int side) const;
    ModelWorker* workerB() const { return m_workerB; }
    ModelController* modelControllerB() const { return m_modelB; }
    const NodeAlignment& alignment() const { return m_alignment; }
    bool isSynchronized() const;
    void setSynchronized(bool on);
    // What the line under the panes says ("aten::relu in a.1 has no partner in B").
    QString statusText() const;

signals:
    void modelBFailed(const QString& message, const QString& detail);
    void modelBAvailable(const ModelInfoPtr& info);

protected:
    void showEvent(QShowEvent* event) override;

private:
    QWidget* createLegend();
    void connectModelB();
    void loadA();
    void realign();
    void rebuildAlignment();
    void applyMarks();
    void followSelection(int side, int node);
    void followView(int side);

    ModelWorker* m_workerB;
    ModelController* m_modelB;
    JobRunner* m_jobs;
    std::array<ComparePane*, 2> m_panes{};
    QCheckBox* m_sync = nullptr;
    QLabel* m_status = nullptr;
    ModelInfoPtr m_infoA;
    bool m_loadA = false; // m_infoA not given to pane A yet
    QString m_pathB;
    CompareReportPtr m_report;
    NodeAlignment m_graphAlignment; // from the two graphs alone
    NodeAlignment m_alignment;      // with the report's pairs
    bool m_following = false;       // one pane is following the other: do not send it back
};
