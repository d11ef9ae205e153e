#pragma once

#include "graph/graphdrawing.h"
#include "jobs/jobcontext.h"
#include "modelinfoptr.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <QObject>
#include <map>

class JobRunner;
class ModelWorker;

// The "look at the forward graph" workflow: has the model's worker extract a variant of the graph,
// lay out views of it (which modules are collapsed, whether constants show) and export them; the
// window reads what the worker wrote off the UI thread and builds the same views itself. Keeps
// one graph and the last drawing per variant, so switching back is instant. A newer request of
// the same kind supersedes the running one; the drawing shown stays until its successor arrives.
// A worker that dies on a graph (a LibTorch or Graphviz crash) fails that request only.
class GraphController : public QObject
{
    Q_OBJECT
public:
    explicit GraphController(ModelWorker* worker, QObject* parent = nullptr);
    ~GraphController() override;

    // Forgets the previous model's graphs and starts extracting the inlined graph of this one,
    // which the worker has open. A model without forward emits unavailable instead.
    void setModel(const ModelInfoPtr& info);
    void clear();

    void startExtract(ptscope::GraphVariant variant);
    // A new view of the current variant, laid out on a job.
    void startLayout(const ptscope::ViewOptions& options);
    // Conveniences on top of startLayout, starting from the view asked for last.
    void expandScope(const std::string& scope);
    void expandScopes(const std::set<std::string>& scopes);
    void collapseScope(const std::string& scope);
    void setShowConstants(bool show);
    void expandAll();
    void collapseToFirstView();
    // format: "svg", "png" (rendered by Graphviz) or "dot", of the current drawing, written by
    // the worker (atomically).
    void startExport(const QString& format, const QString& path);
    // Drops whatever is running; the drawing shown stays.
    void cancel();

    bool isBusy() const { return m_extract.active() || m_layout.active() || m_exportQuery; }
    bool isLayingOut() const { return m_layout.active(); }
    ptscope::GraphVariant variant() const { return m_variant; }
    GraphVariantPtr variantData() const;
    GraphDrawingPtr drawing() const { return m_drawing; }
    ModelInfoPtr modelInfo() const { return m_info; }
    // What the next layout starts from: the view asked for last, laid out or not.
    const ptscope::ViewOptions& requestedOptions() const { return m_options; }

signals:
    void busyChanged(bool busy);
    void progress(const QString& text);
    void graphAvailable(const GraphVariantPtr& data);
    void layoutAvailable(const GraphDrawingPtr& drawing);
    // The model has no graph to draw; message says why, for people.
    void unavailable(const QString& message);
    void failed(const QString& message, const QString& detail);
    void exported(const QString& path);
    void cancelled();

private:
    // A request to the worker, then reading what it wrote on a job.
    struct Step
    {
        int query = 0;
        JobId job = 0;
        bool active() const { return query || job; }
    };

    void onQueryFinished(int id, const QJsonObject& reply);
    void onQueryFailed(int id, const QString& message, const QString& detail);
    void sendLayout();
    void readGraph(ptscope::GraphVariant variant, const QString& file);
    void readLayout(const ptscope::ViewOptions& options, const QString& file);
    void showVariant(const GraphVariantPtr& data);
    void finishLayout(GraphDrawingPtr drawing);
    void stop(Step& step);
    void fail(Step& step, const QString& message, const QString& detail);
    void updateBusy();
    ptscope::ViewOptions firstViewOptions(const GraphVariantData& data) const;
    QJsonObject viewRequest(const QString& cmd, const ptscope::ViewOptions& options) const;

    ModelWorker* m_worker;
    JobRunner* m_runner;
    ModelInfoPtr m_info;
    std::map<std::string, std::string> m_scopeTypes;
    std::map<ptscope::GraphVariant, GraphVariantPtr> m_variants;
    std::map<ptscope::GraphVariant, GraphDrawingPtr> m_drawings;
    ptscope::GraphVariant m_variant = ptscope::GraphVariant::Inlined;
    ptscope::ViewOptions m_options;
    GraphDrawingPtr m_drawing;
    Step m_extract;
    ptscope::GraphVariant m_extractVariant = ptscope::GraphVariant::Inlined;
    Step m_layout;
    ptscope::ViewOptions m_layoutOptions; // of the layout in the worker
    bool m_layoutWanted = false;          // another layout asked for while one was in the worker
    QString m_extractFile;
    QString m_layoutFile;
    QElapsedTimer m_layoutTimer;
    int m_exportQuery = 0;
    QString m_exportPath;
    bool m_wasBusy = false;
};
