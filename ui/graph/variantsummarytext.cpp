#include "graph/variantsummarytext.h"

#include <QCoreApplication>
#include <QStringList>
#include <algorithm>

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("VariantSummaryText", text);
}

QString signedCount(int64_t n)
{
    // A real minus sign: "−20" reads as a change, "-20" as a hyphenated word.
    return n < 0 ? QStringLiteral("−%1").arg(-n) : QStringLiteral("+%1").arg(n);
}

} // namespace

QString VariantSummaryText::variantName() const
{
    switch (m_summary.variant) {
    case ptscope::GraphVariant::AsSaved:
        return tr("As saved");
    case ptscope::GraphVariant::Inlined:
        return tr("Inlined");
    case ptscope::GraphVariant::Frozen:
        return tr("Frozen");
    case ptscope::GraphVariant::Optimized:
        return tr("Optimized");
    }
    return {};
}

QString VariantSummaryText::nodeCount() const
{
    QString text = m_summary.nodes == 1 ? tr("1 node") : tr("%1 nodes").arg(m_summary.nodes);
    const int64_t change = m_summary.nodes - m_summary.inlinedNodes;
    if (m_summary.variant != ptscope::GraphVariant::Inlined && change != 0)
        text += QStringLiteral(" (%1)").arg(signedCount(change));
    return text;
}

QString VariantSummaryText::headline() const
{
    const QString nodes = m_summary.nodes == 1 ? tr("1 node") : tr("%1 nodes").arg(m_summary.nodes);
    QString text = tr("%1: %2, inlined graph %3.").arg(variantName(), nodes).arg(m_summary.inlinedNodes);
    QStringList notes;
    for (const std::string& note : m_summary.notes)
        notes << QString::fromStdString(note);
    if (!notes.isEmpty())
        text += QLatin1Char(' ') + notes.join(QStringLiteral("; ")) + QLatin1Char('.');
    // The biggest few changes by kind; the tooltip has them all.
    auto changes = m_summary.kindChanges;
    std::stable_sort(changes.begin(), changes.end(),
                     [](const auto& a, const auto& b) { return std::abs(a.second) > std::abs(b.second); });
    QStringList top;
    for (size_t i = 0; i < changes.size() && i < 5; ++i)
        top << QStringLiteral("%1 %2").arg(QString::fromStdString(changes[i].first),
                                           signedCount(changes[i].second));
    if (!top.isEmpty())
        text += QLatin1Char(' ') + tr("Changes: %1").arg(top.join(QStringLiteral(", "))) +
                (changes.size() > 5 ? QStringLiteral(", …") : QString());
    return text;
}

QString VariantSummaryText::details() const
{
    QStringList lines{headline()};
    for (const auto& [kind, change] : m_summary.kindChanges)
        lines << QStringLiteral("%1: %2").arg(QString::fromStdString(kind), signedCount(change));
    return lines.join(QLatin1Char('\n'));
}
