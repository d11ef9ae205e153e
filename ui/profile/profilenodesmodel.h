#pragma once

#include "models/treemodel.h"
#include "profileresultptr.h"

#include <QHash>
#include <QVector>
#include <ptscope/profile/roofline.h>

// One row per node that ran in a profile, in the result's (id) order; the Profile tab's table
// sorts and filters it through ProfileNodesProxy.
class ProfileNodesModel : public TableModel
{
    Q_OBJECT
public:
    enum Columns
    {
        Node,   // id and label
        Kind,
        Module, // scope, "(root)" for the root module
        Median, // ms per run, every call added up
        Spread, // standard deviation over the runs, ms
        Share,  // of the executor's median run
        Calls,  // per run
        Outputs, // dtype[shape] of the first call's outputs
        Gflops,
        GBps,        // bytes read and written over the median time
        PeakPercent, // achieved over attainable on this machine's roofline
        EventMs,     // LibTorch's own events for the node, when it ran as a dispatcher op
        EventCheck,  // marked when the two measurements disagree beyond their spread
        NUM_COLUMNS
    };
    enum Roles
    {
        SortRole = Qt::UserRole, // raw numbers (and plain text) to sort by
        NodeIdRole,              // the node's id (its index in the profiled graph)
        FilterTextRole,          // kind, module and label, for the text filter
        ControlRole,             // prim::If / prim::Loop (their times include their blocks)
        ScopeRole,               // the module path, "" for the root
    };

    explicit ProfileNodesModel(QObject* parent = nullptr);

    void setResult(const ProfileResultPtr& result);
    void clear();
    const ProfileResultPtr& result() const { return m_result; }

    // The source row of a node id, or -1 when the node did not run.
    int rowOfNode(int id) const { return m_rowOfNode.value(id, -1); }
    QModelIndex indexOfNodeId(int id, int column = 0) const;
    const ptscope::NodeProfile& nodeAt(int row) const;
    const ptscope::NodeRoofline& rooflineAt(int row) const { return m_rooflines[row]; }

protected:
    int rows() const override;
    QVariant cellData(int row, int column, int role) const override;
    QVariant headerCell(int column, int role) const override;

private:
    QVariant displayData(int row, int column) const;
    QVariant sortData(int row, int column) const;
    QVariant toolTip(int row, int column) const;

    ProfileResultPtr m_result;
    QVector<ptscope::NodeRoofline> m_rooflines; // per row, worked out once
    QHash<int, int> m_rowOfNode;
};
