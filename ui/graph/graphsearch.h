#pragma once

#include <QString>
#include <QVector>
#include <ptscope/graph/graph.h>
#include <ptscope/graph/graphview.h>

class QRegularExpression;

// The graph tab's search: finds nodes by op kind ("conv2d", "aten::add_"), by the debug name of
// a value they read or write ("input.5") or by module path ("layer2.0"), as plain text or as a
// regular expression, both case-insensitive; and steps through the hits.
class GraphSearch
{
public:
    // Runs the query against what a view draws. Nodes the view hides (constants) are counted,
    // not listed. When the current hit's node still matches, it stays current.
    void run(const ptscope::Graph& graph, const ptscope::GraphView& view, const QString& text, bool regex);
    void clear();

    const QVector<int>& hits() const { return m_hits; } // node indices, in program order
    int hiddenMatches() const { return m_hidden; }
    QString error() const { return m_error; } // a regular expression that does not compile
    int current() const { return m_current; } // index into hits(), -1 before the first step
    int currentNode() const { return m_current < 0 ? -1 : m_hits[m_current]; }
    // Both wrap around and return the new current node, or -1 without hits.
    int next();
    int previous();
    // Makes a node the current hit, if it is one; for a click on a node.
    bool setCurrentNode(int node);

    static bool matches(const ptscope::Graph& graph, const ptscope::GraphNode& node,
                        const QRegularExpression& pattern);

private:
    QVector<int> m_hits;
    int m_hidden = 0;
    int m_current = -1;
    QString m_error;
};
