#pragma once

#include <QString>
#include <ptscope/graph/graph.h>

// How the graph tab words a VariantSummary: the node count for the toolbar, a headline for the
// bar under it (what freezing or optimizing did), and the full list of kind changes.
class VariantSummaryText
{
public:
    explicit VariantSummaryText(const ptscope::VariantSummary& summary) : m_summary(summary) {}

    QString nodeCount() const; // "690 nodes", or "412 nodes (−278)" against the inlined graph
    QString headline() const;
    QString details() const; // headline, then one "kind: ±N" line per changed kind

private:
    QString variantName() const;

    const ptscope::VariantSummary& m_summary;
};
