#include "profile/kindtimechart.h"

#include "profile/horizontalbarchart.h"
#include "profile/profileformat.h"

#include <QLabel>
#include <QVBoxLayout>

KindTimeChart::KindTimeChart(QWidget* parent) : QWidget(parent), m_chart(new HorizontalBarChart(this))
{
    m_chart->setObjectName(QStringLiteral("kindTimePlot"));
    connect(m_chart, &HorizontalBarChart::barClicked, this, [this](int index) {
        if (index >= 0 && index < m_kinds.size() && !m_kinds[index].isEmpty())
            emit kindClicked(m_kinds[index]);
    });
    auto* layout = new QVBoxLayout(this);
    auto* label = new QLabel(tr("Time per run by op kind (leaf nodes; click a kind to list its nodes)"), this);
    label->setWordWrap(true);
    layout->addWidget(label);
    layout->addWidget(m_chart, 1);
    clear();
}

void KindTimeChart::setResult(const ProfileResultPtr& result)
{
    m_kinds.clear();
    if (!result || result->byKind.empty()) {
        m_chart->clear(result ? tr("No per-node times in this profile") : tr("No profile yet"));
        return;
    }
    QVector<HorizontalBarChart::Bar> bars;
    const std::vector<ptscope::GroupProfile>& kinds = result->byKind;
    const size_t shown = kinds.size() > size_t(MaxBars) ? size_t(MaxBars - 1) : kinds.size();
    for (size_t i = 0; i < shown; ++i) {
        const ptscope::GroupProfile& g = kinds[i];
        m_kinds.append(QString::fromStdString(g.key));
        HorizontalBarChart::Bar bar;
        bar.label = QString::fromStdString(g.key);
        bar.value = g.medianMs;
        bar.text = tr("%1 · %2").arg(ProfileFormat::duration(g.medianMs), ProfileFormat::percent(g.share));
        bar.toolTip = tr("%1: %2 per run in %3 node(s), %4 call(s)")
                          .arg(bar.label, ProfileFormat::duration(g.medianMs))
                          .arg(g.nodes)
                          .arg(g.calls);
        bars.append(bar);
    }
    if (shown < kinds.size()) {
        HorizontalBarChart::Bar rest;
        int64_t nodes = 0;
        double share = 0;
        for (size_t i = shown; i < kinds.size(); ++i) {
            rest.value += kinds[i].medianMs;
            share += kinds[i].share;
            nodes += kinds[i].nodes;
        }
        rest.label = tr("%1 other kinds").arg(kinds.size() - shown);
        rest.text = tr("%1 · %2").arg(ProfileFormat::duration(rest.value), ProfileFormat::percent(share));
        rest.toolTip = tr("%1 nodes of %2 kinds").arg(nodes).arg(kinds.size() - shown);
        m_kinds.append(QString());
        bars.append(rest);
    }
    m_chart->setBars(bars, tr("median per run (ms)"));
}

void KindTimeChart::clear()
{
    setResult(nullptr);
}
