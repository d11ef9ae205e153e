#pragma once

#include "controllers/comparereportptr.h"

#include <QWidget>
#include <vector>

class QLabel;

// Where two models part, in words: the first aligned node whose output differs, with both
// source lines, the nodes only one model ran, and the structural causes the graphs show. Every
// node named is a link: a pair focuses both graph panes and both code views, one side's source
// line only that side.
class DivergenceView : public QWidget
{
    Q_OBJECT
public:
    explicit DivergenceView(QWidget* parent = nullptr);

    void setReport(const CompareReportPtr& report);
    void clear();

    QString text() const; // as plain text, for tests and the clipboard
    QString html() const;
    // Follows a link as a click would; the links are "pair:N" and "side:S:N" (S 0 for A, 1 for B).
    void activateLink(const QString& link);
    // The first pair worth focusing: the first divergent node, else the first cause; -1 for none.
    int firstPair() const { return m_pairs.empty() ? -1 : 0; }

signals:
    // Focus these nodes (ids in each model's inlined graph; -1 for none on that side).
    void focusNodes(int nodeA, int nodeB);
    // side: 0 for A, 1 for B; file as the archive names it, 1-based line (0: no line to mark).
    void showSource(int side, const QString& file, int line);

private:
    struct Pair
    {
        ptscope::NodeRef a, b;
    };
    QString pairLink(const Pair& pair, const QString& title);
    QString sideLink(int side, int pair) const;
    QString unalignedText(const std::vector<ptscope::NodeRef>& nodes, int count) const;

    QLabel* m_label;
    std::vector<Pair> m_pairs;
};
