#include "compare/comparemarks.h"

#include <QCoreApplication>

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("CompareMarks", text);
}

void mark(GraphMarks& marks, const ptscope::NodeRef& ref, const QColor& color, const QString& tag, int priority)
{
    if (ref.node < 0)
        return;
    const auto existing = marks.byNode.constFind(ref.node);
    if (existing == marks.byNode.cend() || existing->priority < priority)
        marks.byNode.insert(ref.node, GraphMark{color, tag, priority});
}

} // namespace

namespace CompareMarks {

QColor divergentColor()
{
    return QColor(214, 39, 40);
}

QColor causeColor()
{
    return QColor(170, 30, 160);
}

QColor unalignedColor()
{
    return QColor(245, 130, 20);
}

std::array<GraphMarks, 2> of(const ptscope::NodeComparison& n)
{
    std::array<GraphMarks, 2> marks; // NodeRefs are ids of the inlined graphs, the marks' default
    for (const ptscope::NodeRef& ref : n.unalignedA)
        mark(marks[0], ref, unalignedColor(), tr("only in A"), 1);
    for (const ptscope::NodeRef& ref : n.unalignedB)
        mark(marks[1], ref, unalignedColor(), tr("only in B"), 1);
    for (const ptscope::StructuralCause& cause : n.causes) {
        const QString tag = tr("cause: %1").arg(QString::fromStdString(cause.kind));
        mark(marks[0], cause.a, causeColor(), tag, 2);
        mark(marks[1], cause.b, causeColor(), tag, 2);
    }
    if (n.diverged) {
        mark(marks[0], n.divergentA, divergentColor(), tr("first divergent"), 3);
        mark(marks[1], n.divergentB, divergentColor(), tr("first divergent"), 3);
    }
    return marks;
}

} // namespace CompareMarks
