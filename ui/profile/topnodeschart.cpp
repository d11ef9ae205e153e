#include "profile/topnodeschart.h"

#include "profile/horizontalbarchart.h"
#include "profile/profileformat.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QSpinBox>
#include <QVBoxLayout>
#include <algorithm>
#include <numeric>

TopNodesChart::TopNodesChart(QWidget* parent)
    : QWidget(parent), m_chart(new HorizontalBarChart(this)), m_count(new QSpinBox(this))
{
    m_chart->setObjectName(QStringLiteral("topNodesPlot"));
    m_count->setObjectName(QStringLiteral("topNodesCount"));
    m_count->setRange(5, 100);
    m_count->setValue(20);
    m_count->setToolTip(tr("How many nodes to show"));
    connect(m_count, &QSpinBox::valueChanged, this, &TopNodesChart::rebuild);
    connect(m_chart, &HorizontalBarChart::barClicked, this, [this](int index) {
        if (index >= 0 && index < m_nodeIds.size())
            emit nodeClicked(m_nodeIds[index]);
    });

    auto* row = new QHBoxLayout;
    auto* label = new QLabel(tr("Slowest nodes per run (If and Loop left out: their blocks' nodes are here)"), this);
    label->setWordWrap(true);
    row->addWidget(label, 1);
    row->addWidget(new QLabel(tr("Show"), this));
    row->addWidget(m_count);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(row);
    layout->addWidget(m_chart, 1);
    clear();
}

void TopNodesChart::setResult(const ProfileResultPtr& result)
{
    m_result = result;
    m_selected = -1;
    rebuild();
}

void TopNodesChart::clear()
{
    setResult(nullptr);
}

void TopNodesChart::setCount(int count)
{
    m_count->setValue(count);
}

int TopNodesChart::count() const
{
    return m_count->value();
}

QVector<double> TopNodesChart::values() const
{
    QVector<double> list;
    for (const HorizontalBarChart::Bar& bar : m_chart->bars())
        list.append(bar.value);
    return list;
}

void TopNodesChart::setSelectedNode(int id)
{
    m_selected = id;
    m_chart->setHighlighted(int(m_nodeIds.indexOf(id)));
}

void TopNodesChart::rebuild()
{
    m_nodeIds.clear();
    if (!m_result || m_result->nodes.empty()) {
        m_chart->clear(m_result ? tr("No per-node times in this profile") : tr("No profile yet"));
        return;
    }
    const std::vector<ptscope::NodeProfile>& nodes = m_result->nodes;
    std::vector<size_t> order;
    for (size_t i = 0; i < nodes.size(); ++i) {
        if (!nodes[i].control)
            order.push_back(i);
    }
    const size_t shown = std::min<size_t>(order.size(), size_t(m_count->value()));
    // Ties broken by id, so the order is the same each time.
    std::partial_sort(order.begin(), order.begin() + qsizetype(shown), order.end(), [&](size_t a, size_t b) {
        return nodes[a].ms.median != nodes[b].ms.median ? nodes[a].ms.median > nodes[b].ms.median
                                                        : nodes[a].id < nodes[b].id;
    });
    QVector<HorizontalBarChart::Bar> bars;
    for (size_t i = 0; i < shown; ++i) {
        const ptscope::NodeProfile& node = nodes[order[i]];
        m_nodeIds.append(node.id);
        HorizontalBarChart::Bar bar;
        bar.label = tr("%1  %2").arg(QString::fromStdString(node.label)).arg(ProfileFormat::scope(node.scope));
        bar.value = node.ms.median;
        bar.text = tr("%1 · %2").arg(ProfileFormat::duration(node.ms.median), ProfileFormat::percent(node.share));
        bar.toolTip = tr("%1\n%2 per run, %3 of a run, %4 call(s)")
                          .arg(ProfileFormat::nodeName(node), ProfileFormat::duration(node.ms.median),
                               ProfileFormat::percent(node.share))
                          .arg(node.calls);
        bars.append(bar);
    }
    m_chart->setBars(bars, tr("median per run (ms)"));
    m_chart->setHighlighted(int(m_nodeIds.indexOf(m_selected)));
}
