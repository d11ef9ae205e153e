#pragma once

#include "graph/graphdrawing.h"
#include "jobs/jobcontext.h"
#include "modelinfoptr.h"

#include <QObject>
#include <map>
#include <optional>
#include <ptscope/load/model.h>

class JobRunner;

// The "look at the forward graph" workflow: extracts a variant of the graph, lays out views of it
// (which modules are collapsed, whether constants show) and exports them, each as a job. Keeps one
// graph and the last drawing per variant, so switching back is instant. A newer request of the
// same kind supersedes the running one; the drawing shown stays until its successor arrives.
class GraphController : public QObject
{
    Q_OBJECT
public:
    explicit GraphController(QObject* parent = nullptr);
    ~GraphController() override;

    // Forgets the previous model's graphs and starts extracting the inlined graph of this one.
    // A model without forward emits unavailable instead.
    void setModel(const ptscope::Model& model, const ModelInfoPtr& info);
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
    // format: "svg", "png" (rendered by Graphviz) or "dot", of the current drawing.
    void startExport(const QString& format, const QString& path);
    // Drops whatever is running; the drawing shown stays.
    void cancel();

    bool isBusy() const { return m_extractJob || m_layoutJob || m_exportJob; }
    bool isLayingOut() const { return m_layoutJob != 0; }
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
    void showVariant(const GraphVariantPtr& data);
    void finishLayout(GraphDrawingPtr drawing);
    void fail(JobId& job, const QString& message, const QString& detail);
    void updateBusy();
    ptscope::ViewOptions firstViewOptions(const GraphVariantData& data) const;

    JobRunner* m_runner;
    std::optional<ptscope::Model> m_model;
    ModelInfoPtr m_info;
    std::map<std::string, std::string> m_scopeTypes;
    std::map<ptscope::GraphVariant, GraphVariantPtr> m_variants;
    std::map<ptscope::GraphVariant, GraphDrawingPtr> m_drawings;
    ptscope::GraphVariant m_variant = ptscope::GraphVariant::Inlined;
    ptscope::ViewOptions m_options;
    GraphDrawingPtr m_drawing;
    JobId m_extractJob = 0;
    JobId m_layoutJob = 0;
    JobId m_exportJob = 0;
    bool m_wasBusy = false;
};
