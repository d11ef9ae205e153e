#include "models/nodeinspectormodel.h"

#include <QFileInfo>
#include <QFont>
#include <algorithm>
#include <map>

namespace {

QString str(const std::string& text)
{
    return QString::fromStdString(text);
}

// "Float [1, 64, 56, 56]" when the shape is known, else the TorchScript type.
QString valueType(const ptscope::GraphValue& value)
{
    if (value.shape.empty())
        return str(value.type);
    QStringList dims;
    for (int64_t dim : value.shape)
        dims << QString::number(dim);
    const QString dtype = value.dtype.empty() ? QStringLiteral("Tensor") : str(value.dtype);
    return dtype + QStringLiteral(" [") + dims.join(QStringLiteral(", ")) + QLatin1Char(']');
}

QString attribute(const ptscope::GraphNode& node, const char* name)
{
    for (const ptscope::NodeAttribute& a : node.attributes)
        if (a.name == name)
            return str(a.value);
    return {};
}

QString nodeRef(const ptscope::GraphNode& node)
{
    return node.scope.empty() ? str(node.kind)
                              : NodeInspectorModel::tr("%1 in %2").arg(str(node.kind), str(node.scope));
}

QString origin(const ptscope::Graph& graph, const ptscope::GraphValue& value)
{
    if (value.producer < 0)
        return NodeInspectorModel::tr("input of the graph or block");
    const ptscope::GraphNode& producer = graph.nodes[value.producer];
    if (producer.kind == "prim::Constant") {
        const QString constant = attribute(producer, "value");
        return constant.isEmpty() ? NodeInspectorModel::tr("constant None")
                                  : NodeInspectorModel::tr("constant %1").arg(constant);
    }
    if (producer.kind == "prim::GetAttr")
        return NodeInspectorModel::tr("attribute %1 of %2")
            .arg(attribute(producer, "name"),
                 producer.scope.empty() ? QStringLiteral("self") : str(producer.scope));
    return NodeInspectorModel::tr("from %1").arg(nodeRef(producer));
}

QString destinations(const ptscope::Graph& graph, const ptscope::GraphValue& value)
{
    if (value.users.empty())
        return NodeInspectorModel::tr("unused");
    constexpr size_t Shown = 3;
    QStringList users;
    for (size_t i = 0; i < value.users.size() && i < Shown; ++i)
        users << str(graph.nodes[value.users[i]].kind);
    if (value.users.size() > Shown)
        users << NodeInspectorModel::tr("%1 more").arg(value.users.size() - Shown);
    return NodeInspectorModel::tr("to %1").arg(users.join(QStringLiteral(", ")));
}

} // namespace

NodeInspectorModel::NodeInspectorModel(QObject* parent) : TreeModel(NUM_COLUMNS, parent) {}

void NodeInspectorModel::clear()
{
    beginResetModel();
    m_rows.clear();
    m_top.clear();
    endResetModel();
}

void NodeInspectorModel::setNode(const GraphPtr& graph, int index)
{
    beginResetModel();
    m_rows.clear();
    m_top.clear();
    if (graph && index >= 0 && index < int(graph->nodes.size())) {
        const ptscope::GraphNode& node = graph->nodes[index];
        addOperation(*graph, node);
        addValues(*graph, node);
        const int attributes = addSection(tr("Attributes (%1)").arg(node.attributes.size()));
        for (const ptscope::NodeAttribute& a : node.attributes)
            addRow(attributes, str(a.name), str(a.value));
        const int constants = addSection(tr("Constant arguments (%1)").arg(node.constantInputs.size()));
        for (const ptscope::NodeAttribute& a : node.constantInputs)
            addRow(constants, str(a.name), str(a.value));
        dropEmptySections();
    }
    endResetModel();
}

void NodeInspectorModel::addOperation(const ptscope::Graph& graph, const ptscope::GraphNode& node)
{
    const int section = addSection(tr("Operation"));
    addRow(section, tr("Kind"), str(node.kind), str(ptscope::opCategoryName(node.category)));
    addRow(section, tr("Label"), str(node.label));
    if (!node.schema.empty())
        addRow(section, tr("Schema"), str(node.schema));
    addRow(section, tr("Module"), node.scope.empty() ? tr("(root)") : str(node.scope));
    if (node.block != 0) {
        const ptscope::GraphNode& owner = graph.nodes[graph.blocks[node.block].owner];
        addRow(section, tr("Block"), tr("inside %1").arg(str(owner.kind)), str(owner.scope));
    }
    if (!node.source.file.empty()) {
        const QString file = str(node.source.file);
        addRow(section, tr("Source"),
               QStringLiteral("%1:%2").arg(QFileInfo(file).fileName()).arg(node.source.line), file);
        if (!node.source.text.empty())
            addRow(section, tr("Code"), str(node.source.text));
    }
}

void NodeInspectorModel::addValues(const ptscope::Graph& graph, const ptscope::GraphNode& node)
{
    const int inputs = addSection(tr("Inputs (%1)").arg(node.inputs.size()));
    for (int v : node.inputs) {
        const ptscope::GraphValue& value = graph.values[v];
        addRow(inputs, QLatin1Char('%') + str(value.name), valueType(value), origin(graph, value));
    }
    const int outputs = addSection(tr("Outputs (%1)").arg(node.outputs.size()));
    for (int v : node.outputs) {
        const ptscope::GraphValue& value = graph.values[v];
        addRow(outputs, QLatin1Char('%') + str(value.name), valueType(value), destinations(graph, value));
    }
}

void NodeInspectorModel::setModuleBox(const GraphDrawingPtr& drawing, int item)
{
    beginResetModel();
    m_rows.clear();
    m_top.clear();
    if (drawing && item >= 0 && item < int(drawing->view.items.size())) {
        const ptscope::ViewItem& box = drawing->view.items[item];
        const int section = addSection(tr("Collapsed module"));
        addRow(section, tr("Module"), str(box.scope));
        const auto type = drawing->options.scopeTypes.find(box.scope);
        if (type != drawing->options.scopeTypes.end())
            addRow(section, tr("Type"), str(type->second));
        addRow(section, tr("Nodes"), QString::number(box.memberCount), tr("click the box to expand it"));
        std::map<std::string, int> kinds;
        for (size_t n = 0; n < drawing->view.itemOfNode.size(); ++n)
            if (drawing->view.itemOfNode[n] == item)
                ++kinds[drawing->graph->nodes[n].kind];
        std::vector<std::pair<int, std::string>> byCount;
        for (const auto& [kind, count] : kinds)
            byCount.emplace_back(-count, kind);
        std::sort(byCount.begin(), byCount.end());
        const int ops = addSection(tr("Operations inside"));
        for (const auto& [count, kind] : byCount)
            addRow(ops, str(kind), QString::number(-count));
        dropEmptySections();
    }
    endResetModel();
}

int NodeInspectorModel::addSection(const QString& title)
{
    Row row;
    row.row = m_top.size();
    row.cells[Name] = title;
    m_rows.append(row);
    m_top.append(m_rows.size() - 1);
    return m_rows.size() - 1;
}

void NodeInspectorModel::addRow(int section, const QString& name, const QString& value, const QString& detail)
{
    Row row;
    row.parent = section;
    row.row = m_rows[section].children.size();
    row.cells[Name] = name;
    row.cells[Value] = value;
    row.cells[Detail] = detail;
    m_rows.append(row);
    m_rows[section].children.append(m_rows.size() - 1);
}

void NodeInspectorModel::dropEmptySections()
{
    // Sections are added before their rows are known; keep and renumber the ones that got rows.
    QVector<int> kept;
    for (int section : std::as_const(m_top)) {
        if (m_rows[section].children.isEmpty())
            continue;
        m_rows[section].row = kept.size();
        kept.append(section);
    }
    m_top = kept;
}

int NodeInspectorModel::childCount(int node) const
{
    return node == RootNode ? m_top.size() : m_rows[node].children.size();
}

int NodeInspectorModel::childAt(int node, int row) const
{
    return node == RootNode ? m_top[row] : m_rows[node].children[row];
}

int NodeInspectorModel::parentOf(int node) const
{
    return m_rows[node].parent;
}

int NodeInspectorModel::rowOf(int node) const
{
    return m_rows[node].row;
}

QVariant NodeInspectorModel::cellData(int node, int column, int role) const
{
    const Row& row = m_rows[node];
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
        return row.cells[column];
    case Qt::FontRole:
        if (row.parent == RootNode) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    }
    return {};
}

QVariant NodeInspectorModel::headerCell(int column, int role) const
{
    if (role != Qt::DisplayRole)
        return {};
    switch (column) {
    case Name:
        return tr("Name");
    case Value:
        return tr("Value");
    case Detail:
        return tr("Detail");
    }
    return {};
}
