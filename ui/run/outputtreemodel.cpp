#include "run/outputtreemodel.h"

#include "run/outputtext.h"

#include <QBrush>
#include <QColor>
#include <QFont>

namespace {

const std::vector<ptscope::OutputInfo> kNoOutputs;

bool isNumericColumn(int column)
{
    return column >= OutputTreeModel::Min && column <= OutputTreeModel::Inf;
}

} // namespace

OutputTreeModel::OutputTreeModel(QObject* parent) : TreeModel(NUM_COLUMNS, parent) {}

void OutputTreeModel::setResult(RunResultPtr result, int sample)
{
    beginResetModel();
    m_result = std::move(result);
    m_sample = m_result && sample >= 0 && sample < static_cast<int>(m_result->samples.size()) ? sample : 0;
    buildTree();
    endResetModel();
}

const std::vector<ptscope::OutputInfo>& OutputTreeModel::outputs() const
{
    if (!m_result || m_result->samples.empty())
        return kNoOutputs;
    return m_result->samples[static_cast<size_t>(m_sample)].outputs;
}

void OutputTreeModel::buildTree()
{
    const std::vector<ptscope::OutputInfo>& all = outputs();
    const int n = static_cast<int>(all.size());
    m_parent.fill(RootNode, n);
    m_row.fill(0, n);
    m_children = QVector<QVector<int>>(n);
    m_topLevel.clear();
    // Pre-order with sizes: each container claims the next `size` elements at its level.
    struct Open
    {
        int node;
        int64_t remaining;
    };
    QVector<Open> open;
    for (int i = 0; i < n; ++i) {
        while (!open.isEmpty() && open.last().remaining == 0)
            open.removeLast();
        QVector<int>& siblings = open.isEmpty() ? m_topLevel : m_children[open.last().node];
        if (!open.isEmpty()) {
            m_parent[i] = open.last().node;
            --open.last().remaining;
        }
        m_row[i] = siblings.size();
        siblings.append(i);
        if (OutputText::isContainer(all[static_cast<size_t>(i)].kind) && all[static_cast<size_t>(i)].size > 0)
            open.append({i, all[static_cast<size_t>(i)].size});
    }
}

QModelIndex OutputTreeModel::indexOfPath(const QString& path) const
{
    const std::string wanted = path.toStdString();
    const std::vector<ptscope::OutputInfo>& all = outputs();
    for (size_t i = 0; i < all.size(); ++i) {
        if (all[i].path == wanted)
            return indexOfOutput(static_cast<int>(i));
    }
    return {};
}

int OutputTreeModel::childCount(int node) const
{
    return node == RootNode ? m_topLevel.size() : m_children[node].size();
}

int OutputTreeModel::childAt(int node, int row) const
{
    return node == RootNode ? m_topLevel[row] : m_children[node][row];
}

QString OutputTreeModel::name(int node) const
{
    const std::vector<ptscope::OutputInfo>& all = outputs();
    const std::string& path = all[static_cast<size_t>(node)].path;
    const int parent = m_parent[node];
    if (parent == RootNode)
        return QString::fromStdString(path);
    // The element's own key: its path minus its container's path and the dot.
    const size_t prefix = all[static_cast<size_t>(parent)].path.size() + 1;
    return QString::fromStdString(prefix <= path.size() ? path.substr(prefix) : path);
}

QVariant OutputTreeModel::cellData(int node, int column, int role) const
{
    const ptscope::OutputInfo& output = outputs()[static_cast<size_t>(node)];
    const bool tensor = output.kind == ptscope::OutputInfo::Kind::Tensor;
    switch (role) {
    case Qt::DisplayRole:
        return displayData(node, column);
    case Qt::ToolTipRole:
        if (column == Output)
            return QString::fromStdString(output.path);
        if (column == Value && !tensor)
            return OutputText::value(output);
        if (tensor && column >= Min && column <= Std) {
            const ptscope::TensorStats& s = output.tensor;
            const std::optional<double> stat[] = {s.min, s.max, s.mean, s.std};
            return OutputText::statisticExact(stat[column - Min]);
        }
        return {};
    case Qt::TextAlignmentRole:
        if (isNumericColumn(column))
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::ForegroundRole:
        // NaN or Inf in an output is usually the reason someone looks here.
        if (tensor && ((column == NaN && output.tensor.nan > 0) || (column == Inf && output.tensor.inf > 0)))
            return QBrush(QColor(200, 30, 30));
        return {};
    case Qt::FontRole:
        if (tensor &&
            ((column == NaN && output.tensor.nan > 0) || (column == Inf && output.tensor.inf > 0))) {
            QFont font;
            font.setBold(true);
            return font;
        }
        return {};
    case SortRole:
        return sortData(node, column);
    case OutputIndexRole:
        return node;
    case PathRole:
        return QString::fromStdString(output.path);
    case KindRole:
        return static_cast<int>(output.kind);
    }
    return {};
}

QVariant OutputTreeModel::displayData(int node, int column) const
{
    const ptscope::OutputInfo& output = outputs()[static_cast<size_t>(node)];
    const bool tensor = output.kind == ptscope::OutputInfo::Kind::Tensor;
    const ptscope::TensorStats& s = output.tensor;
    switch (column) {
    case Output:
        return name(node);
    case Type:
        return OutputText::type(output);
    case Value:
        // One line: a long string's first line stands for it; the panel shows it whole.
        return OutputText::value(output).section(QLatin1Char('\n'), 0, 0);
    }
    if (!tensor)
        return {};
    switch (column) {
    case Shape:
        return OutputText::shape(s);
    case DType:
        return QString::fromStdString(s.dtype);
    case Min:
        return OutputText::statistic(s.min);
    case Max:
        return OutputText::statistic(s.max);
    case Mean:
        return OutputText::statistic(s.mean);
    case Std:
        return OutputText::statistic(s.std);
    case NaN:
        return QString::number(s.nan);
    case Inf:
        return QString::number(s.inf);
    }
    return {};
}

QVariant OutputTreeModel::sortData(int node, int column) const
{
    const ptscope::OutputInfo& output = outputs()[static_cast<size_t>(node)];
    if (output.kind != ptscope::OutputInfo::Kind::Tensor || !isNumericColumn(column))
        return displayData(node, column);
    const ptscope::TensorStats& s = output.tensor;
    const auto orNull = [](const std::optional<double>& v) { return v ? QVariant(*v) : QVariant(); };
    switch (column) {
    case Min:
        return orNull(s.min);
    case Max:
        return orNull(s.max);
    case Mean:
        return orNull(s.mean);
    case Std:
        return orNull(s.std);
    case NaN:
        return qlonglong(s.nan);
    case Inf:
        return qlonglong(s.inf);
    }
    return {};
}

QVariant OutputTreeModel::headerCell(int column, int role) const
{
    if (role == Qt::TextAlignmentRole && isNumericColumn(column))
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    switch (column) {
    case Output:
        return tr("Output");
    case Type:
        return tr("Type");
    case Shape:
        return tr("Shape");
    case DType:
        return tr("DType");
    case Min:
        return tr("Min");
    case Max:
        return tr("Max");
    case Mean:
        return tr("Mean");
    case Std:
        return tr("Std");
    case NaN:
        return tr("NaN");
    case Inf:
        return tr("Inf");
    case Value:
        return tr("Value");
    }
    return {};
}
