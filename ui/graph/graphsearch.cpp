#include "graph/graphsearch.h"

#include <QRegularExpression>

namespace {

bool matchesText(const QRegularExpression& pattern, const std::string& text)
{
    return pattern.match(QString::fromStdString(text)).hasMatch();
}

} // namespace

bool GraphSearch::matches(const ptscope::Graph& graph, const ptscope::GraphNode& node,
                          const QRegularExpression& pattern)
{
    if (matchesText(pattern, node.kind) || matchesText(pattern, node.scope))
        return true;
    for (const auto* values : {&node.inputs, &node.outputs}) {
        for (int value : *values) {
            if (matchesText(pattern, graph.values[value].name))
                return true;
        }
    }
    return false;
}

void GraphSearch::run(const ptscope::Graph& graph, const ptscope::GraphView& view, const QString& text,
                      bool regex)
{
    const int previousNode = currentNode();
    clear();
    if (text.isEmpty())
        return;
    const QRegularExpression pattern(regex ? text : QRegularExpression::escape(text),
                                     QRegularExpression::CaseInsensitiveOption);
    if (!pattern.isValid()) {
        m_error = pattern.errorString();
        return;
    }
    for (size_t i = 0; i < graph.nodes.size(); ++i) {
        if (!matches(graph, graph.nodes[i], pattern))
            continue;
        if (view.itemOfNode[i] < 0)
            ++m_hidden;
        else
            m_hits.append(int(i));
    }
    m_current = m_hits.indexOf(previousNode);
}

void GraphSearch::clear()
{
    m_hits.clear();
    m_hidden = 0;
    m_current = -1;
    m_error.clear();
}

int GraphSearch::next()
{
    if (m_hits.isEmpty())
        return -1;
    m_current = (m_current + 1) % m_hits.size();
    return m_hits[m_current];
}

int GraphSearch::previous()
{
    if (m_hits.isEmpty())
        return -1;
    m_current = m_current <= 0 ? m_hits.size() - 1 : m_current - 1;
    return m_hits[m_current];
}

bool GraphSearch::setCurrentNode(int node)
{
    const int index = m_hits.indexOf(node);
    if (index < 0)
        return false;
    m_current = index;
    return true;
}
