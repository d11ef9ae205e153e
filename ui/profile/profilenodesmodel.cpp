#include "profile/profilenodesmodel.h"

#include "profile/profileformat.h"

#include <QFont>

namespace {

bool isNumeric(int column)
{
    switch (column) {
    case ProfileNodesModel::Median:
    case ProfileNodesModel::Spread:
    case ProfileNodesModel::GBps:
    case ProfileNodesModel::Share:
    case ProfileNodesModel::Calls:
    case ProfileNodesModel::Gflops:
    case ProfileNodesModel::PeakPercent:
    case ProfileNodesModel::EventMs:
        return true;
    }
    return false;
}

// A node computed something worth a rate when it has a FLOP count; views and copies do not.
bool hasRate(const ptscope::NodeProfile& node, const ptscope::NodeRoofline& roofline)
{
    return node.flops > 0 && roofline.meaningful;
}

} // namespace

ProfileNodesModel::ProfileNodesModel(QObject* parent) : TableModel(NUM_COLUMNS, parent) {}

void ProfileNodesModel::setResult(const ProfileResultPtr& result)
{
    beginResetModel();
    m_result = result;
    m_rooflines.clear();
    m_rowOfNode.clear();
    if (m_result) {
        m_rooflines.reserve(qsizetype(m_result->nodes.size()));
        for (size_t row = 0; row < m_result->nodes.size(); ++row) {
            const ptscope::NodeProfile& node = m_result->nodes[row];
            m_rooflines.append(ptscope::rooflineOf(node, m_result->peaks));
            m_rowOfNode.insert(node.id, int(row));
        }
    }
    endResetModel();
}

void ProfileNodesModel::clear()
{
    setResult(nullptr);
}

QModelIndex ProfileNodesModel::indexOfNodeId(int id, int column) const
{
    const int row = rowOfNode(id);
    return row < 0 ? QModelIndex() : index(row, column);
}

const ptscope::NodeProfile& ProfileNodesModel::nodeAt(int row) const
{
    return m_result->nodes[size_t(row)];
}

int ProfileNodesModel::rows() const
{
    return m_result ? int(m_result->nodes.size()) : 0;
}

QVariant ProfileNodesModel::cellData(int row, int column, int role) const
{
    switch (role) {
    case Qt::DisplayRole:
        return displayData(row, column);
    case Qt::ToolTipRole:
        return toolTip(row, column);
    case Qt::TextAlignmentRole:
        if (isNumeric(column))
            return int(Qt::AlignRight | Qt::AlignVCenter);
        if (column == EventCheck)
            return int(Qt::AlignCenter);
        return {};
    case Qt::FontRole:
        // If and Loop count their blocks' nodes too; italics say they are not extra time.
        if (nodeAt(row).control) {
            QFont font;
            font.setItalic(true);
            return font;
        }
        return {};
    case SortRole:
        return sortData(row, column);
    case NodeIdRole:
        return nodeAt(row).id;
    case FilterTextRole: {
        const ptscope::NodeProfile& node = nodeAt(row);
        return QString::fromStdString(node.kind + '\n' + node.scope + '\n' + node.label);
    }
    case ControlRole:
        return nodeAt(row).control;
    case ScopeRole:
        return QString::fromStdString(nodeAt(row).scope);
    }
    return {};
}

QVariant ProfileNodesModel::displayData(int row, int column) const
{
    const ptscope::NodeProfile& node = nodeAt(row);
    const ptscope::NodeRoofline& roofline = m_rooflines[row];
    switch (column) {
    case Node:
        return QStringLiteral("%1  %2").arg(node.id).arg(QString::fromStdString(node.label));
    case Kind:
        return QString::fromStdString(node.kind);
    case Module:
        return ProfileFormat::scope(node.scope);
    case Median:
        return ProfileFormat::milliseconds(node.ms.median);
    case Spread:
        return ProfileFormat::milliseconds(node.ms.std);
    case Share:
        return QString::number(node.share * 100, 'f', 1);
    case Calls:
        return QString::number(node.calls);
    case Outputs:
        return ProfileFormat::shapes(node.outputs);
    case Gflops:
        return hasRate(node, roofline) ? QString::number(roofline.gflopsPerSecond, 'f', 1) : QString();
    case GBps:
        return roofline.meaningful ? QString::number(roofline.gbPerSecond, 'f', 2) : QString();
    case PeakPercent:
        return roofline.meaningful ? QString::number(roofline.peakFraction * 100, 'f', 0) : QString();
    case EventMs:
        return node.eventMs ? ProfileFormat::milliseconds(*node.eventMs) : QString();
    case EventCheck:
        return node.eventDisagrees ? QStringLiteral("⚠") : QString();
    }
    return {};
}

QVariant ProfileNodesModel::sortData(int row, int column) const
{
    const ptscope::NodeProfile& node = nodeAt(row);
    const ptscope::NodeRoofline& roofline = m_rooflines[row];
    // Cells left empty sort below every number.
    switch (column) {
    case Node:
        return node.id;
    case Median:
        return node.ms.median;
    case Spread:
        return node.ms.std;
    case GBps:
        return roofline.meaningful ? roofline.gbPerSecond : -1.0;
    case Share:
        return node.share;
    case Calls:
        return qlonglong(node.calls);
    case Gflops:
        return hasRate(node, roofline) ? roofline.gflopsPerSecond : -1.0;
    case PeakPercent:
        return roofline.meaningful ? roofline.peakFraction : -1.0;
    case EventMs:
        return node.eventMs ? *node.eventMs : -1.0;
    case EventCheck:
        return node.eventDisagrees ? 1 : 0;
    }
    return displayData(row, column);
}

QVariant ProfileNodesModel::toolTip(int row, int column) const
{
    const ptscope::NodeProfile& node = nodeAt(row);
    const ptscope::NodeRoofline& roofline = m_rooflines[row];
    switch (column) {
    case Node:
    case Kind:
        return node.control ? tr("%1: its time includes the nodes of its blocks").arg(ProfileFormat::nodeName(node))
                            : ProfileFormat::nodeName(node);
    case Module:
        return ProfileFormat::scope(node.scope);
    case Median:
    case Spread:
        return tr("Per run over %1 runs: median %2, mean %3, min %4, max %5, std %6")
            .arg(node.runsMs.size())
            .arg(ProfileFormat::duration(node.ms.median), ProfileFormat::duration(node.ms.mean),
                 ProfileFormat::duration(node.ms.min), ProfileFormat::duration(node.ms.max),
                 ProfileFormat::duration(node.ms.std));
    case Outputs:
        return ProfileFormat::shapes(node.outputs);
    case Gflops:
    case GBps:
    case PeakPercent:
        if (!roofline.meaningful)
            return {};
        if (node.flops <= 0)
            return tr("No FLOP count for %1; %2 GB/s moved, against the %3 roof")
                .arg(QString::fromStdString(node.kind))
                .arg(roofline.gbPerSecond, 0, 'f', 2)
                .arg(roofline.cacheRoof ? tr("cache") : tr("memory"));
        return tr("%1, %2 FLOP/byte; %3 GB/s; held to the %4 roof")
            .arg(roofline.computeBound ? tr("compute-bound") : tr("memory-bound"))
            .arg(roofline.intensity, 0, 'g', 3)
            .arg(roofline.gbPerSecond, 0, 'f', 2)
            .arg(roofline.cacheRoof ? tr("cache") : tr("memory"));
    case EventMs:
        if (!node.eventMs)
            return tr("LibTorch recorded no operator event for this node");
        return tr("LibTorch's own events: %1 per run in %2 call(s)")
            .arg(ProfileFormat::duration(*node.eventMs))
            .arg(node.eventCalls);
    case EventCheck:
        return node.eventDisagrees
                   ? tr("LibTorch's own events (%1) and the node executor (%2) disagree by more than "
                        "their run-to-run spread")
                         .arg(ProfileFormat::duration(node.eventMs.value_or(0)),
                              ProfileFormat::duration(node.ms.median))
                   : QVariant();
    }
    return {};
}

QVariant ProfileNodesModel::headerCell(int column, int role) const
{
    if (role == Qt::TextAlignmentRole && isNumeric(column))
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole) {
        switch (column) {
        case Median:
            return tr("Median per run of every call of the node added up");
        case Spread:
            return tr("Standard deviation of the node's time over the measured runs");
        case GBps:
            return tr("Bytes read and written per run over the median time");
        case Share:
            return tr("Of the executor's median run; If and Loop include their blocks");
        case Calls:
            return tr("Calls per run (a loop's body runs once per trip)");
        case Gflops:
            return tr("Achieved GFLOP/s over the median time (nodes with a FLOP formula)");
        case PeakPercent:
            return tr("Achieved rate over what this machine's roofline allows at the node's intensity");
        case EventMs:
            return tr("LibTorch's own operator events for the node during plain forward runs");
        case EventCheck:
            return tr("⚠: LibTorch's events and the node executor disagree beyond their spread");
        }
        return {};
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (column) {
    case Node:
        return tr("Node");
    case Kind:
        return tr("Kind");
    case Module:
        return tr("Module");
    case Median:
        return tr("Median (ms)");
    case Spread:
        return tr("Std (ms)");
    case GBps:
        return tr("GB/s");
    case Share:
        return tr("Share (%)");
    case Calls:
        return tr("Calls");
    case Outputs:
        return tr("Output shapes");
    case Gflops:
        return tr("GFLOP/s");
    case PeakPercent:
        return tr("% of peak");
    case EventMs:
        return tr("Event ms");
    case EventCheck:
        return tr("Check");
    }
    return {};
}
