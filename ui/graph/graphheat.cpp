#include "graph/graphheat.h"

#include "profile/profileformat.h"

#include <ptscope/graph/graphview.h>

#include <QObject>
#include <QStringList>
#include <algorithm>
#include <cmath>

namespace {

QString markText(double ms, double share)
{
    return QStringLiteral("%1 · %2").arg(ProfileFormat::duration(ms), ProfileFormat::percent(share));
}

} // namespace

GraphHeat::GraphHeat(const ProfileResultPtr& result) : m_result(result)
{
    if (!result)
        return;
    if (auto variant = ptscope::parseGraphVariant(result->variant))
        m_variant = *variant;
    for (int i = 0; i < static_cast<int>(result->nodes.size()); ++i) {
        const ptscope::NodeProfile& n = result->nodes[static_cast<size_t>(i)];
        m_nodeIndex.insert(n.id, i);
        if (!n.control)
            m_hottestNodeMs = std::max(m_hottestNodeMs, n.ms.median);
    }
    for (int i = 0; i < static_cast<int>(result->byModule.size()); ++i) {
        const ptscope::GroupProfile& g = result->byModule[static_cast<size_t>(i)];
        m_scopeIndex.insert(QString::fromStdString(g.key), i);
        if (!g.key.empty())
            m_hottestScopeShare = std::max(m_hottestScopeShare, g.share);
    }
}

QColor GraphHeat::colorOf(double heat)
{
    // YlOrRd: readable black text at every step, and a grey-scale print still orders it.
    static const QColor stops[] = {QColor(0xff, 0xfb, 0xe0), QColor(0xfe, 0xd9, 0x76), QColor(0xfd, 0x8d, 0x3c),
                                   QColor(0xf0, 0x3b, 0x20), QColor(0xc0, 0x1d, 0x2a)};
    const double t = std::clamp(heat, 0.0, 1.0) * 4.0;
    const int i = std::min(3, static_cast<int>(t));
    const double f = t - i;
    const QColor& a = stops[i];
    const QColor& b = stops[i + 1];
    return QColor::fromRgbF(float(a.redF() + (b.redF() - a.redF()) * f), float(a.greenF() + (b.greenF() - a.greenF()) * f),
                            float(a.blueF() + (b.blueF() - a.blueF()) * f));
}

QColor GraphHeat::notRunColor()
{
    return QColor(0xe4, 0xe4, 0xe4);
}

std::optional<HeatMark> GraphHeat::markOfNode(int node) const
{
    if (!m_result)
        return std::nullopt;
    const ptscope::NodeProfile* found = nodeOf(node);
    if (!found)
        return HeatMark{notRunColor(), QObject::tr("did not run"),
                        QObject::tr("This node did not run in the profile (a branch not taken, or folded away).")};
    const ptscope::NodeProfile& n = *found;
    HeatMark mark;
    // Square root: the tenth-hottest node of a resnet is still visibly warm, not white.
    const double heat = m_hottestNodeMs > 0 ? std::sqrt(std::min(1.0, n.ms.median / m_hottestNodeMs)) : 0;
    mark.fill = colorOf(heat);
    mark.text = markText(n.ms.median, n.share);
    QStringList tip;
    tip << QObject::tr("%1: median %2 per run (%3 of the run)%4")
               .arg(QString::fromStdString(n.kind), ProfileFormat::duration(n.ms.median), ProfileFormat::percent(n.share),
                    n.control ? QObject::tr(", its blocks included") : QString());
    tip << QObject::tr("%1 call(s) per run; min %2, max %3, std %4")
               .arg(n.calls)
               .arg(ProfileFormat::duration(n.ms.min), ProfileFormat::duration(n.ms.max), ProfileFormat::duration(n.ms.std));
    QStringList shapes;
    for (const ptscope::ValueShape& s : n.outputs)
        shapes << ProfileFormat::shape(s);
    if (!shapes.isEmpty())
        tip << QObject::tr("Outputs: %1").arg(shapes.join(QStringLiteral(", ")));
    if (n.flops > 0)
        tip << QObject::tr("%1 MFLOP per call").arg(n.flops / 1e6, 0, 'f', n.flops >= 1e7 ? 0 : 3);
    mark.toolTip = tip.join(QLatin1Char('\n'));
    return mark;
}

std::optional<HeatMark> GraphHeat::markOfScope(const std::string& scope) const
{
    if (!m_result)
        return std::nullopt;
    const auto it = m_scopeIndex.constFind(QString::fromStdString(scope));
    if (it == m_scopeIndex.constEnd())
        return HeatMark{notRunColor(), QObject::tr("did not run"), QObject::tr("Nothing of this module ran in the profile.")};
    const ptscope::GroupProfile& g = m_result->byModule[static_cast<size_t>(*it)];
    HeatMark mark;
    const double heat = m_hottestScopeShare > 0 ? std::sqrt(std::min(1.0, g.share / m_hottestScopeShare)) : 0;
    mark.fill = colorOf(heat);
    mark.text = markText(g.medianMs, g.share);
    mark.toolTip = QObject::tr("%1: %2 per run (%3 of the run) over %4 nodes")
                       .arg(QString::fromStdString(scope), ProfileFormat::duration(g.medianMs), ProfileFormat::percent(g.share))
                       .arg(g.nodes);
    return mark;
}

const ptscope::NodeProfile* GraphHeat::nodeOf(int node) const
{
    const auto it = m_nodeIndex.constFind(node);
    return m_result && it != m_nodeIndex.constEnd() ? &m_result->nodes[static_cast<size_t>(*it)] : nullptr;
}

QString GraphHeat::edgeLabelOfOutput(int node, int output) const
{
    const ptscope::NodeProfile* n = nodeOf(node);
    if (!n || output < 0 || output >= static_cast<int>(n->outputs.size()))
        return {};
    const ptscope::ValueShape& value = n->outputs[static_cast<size_t>(output)];
    if (value.kind != "tensor")
        return {};
    return value.shape.empty() ? QStringLiteral("scalar") : QString::fromStdString(ptscope::shapeLabel(value.shape));
}
