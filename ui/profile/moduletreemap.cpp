#include "profile/moduletreemap.h"

#include "profile/profilechartstyle.h"
#include "profile/profileformat.h"
#include "profile/treemaplayout.h"

#include <QHash>
#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>
#include <algorithm>

namespace {

constexpr double Padding = 3;
constexpr double MinSide = 6; // smaller cells are not split further

// "layer1.0.conv1" -> "layer1.0"; "" for a top-level module.
QString parentScope(const QString& scope)
{
    const qsizetype dot = scope.lastIndexOf(QLatin1Char('.'));
    return dot < 0 ? QString() : scope.left(dot);
}

} // namespace

ModuleTreemap::ModuleTreemap(QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("moduleTreemap"));
    setMouseTracking(true);
    setMinimumSize(200, 150);
}

void ModuleTreemap::setResult(const ProfileResultPtr& result)
{
    m_result = result;
    buildTree();
    m_laidOut = false;
    update();
}

void ModuleTreemap::clear()
{
    setResult(nullptr);
}

void ModuleTreemap::setSelectedScope(const QString& scope)
{
    m_selectedScope = scope;
    m_hasSelection = true;
    update();
}

void ModuleTreemap::clearSelectedScope()
{
    m_selectedScope.clear();
    m_hasSelection = false;
    update();
}

void ModuleTreemap::buildTree()
{
    m_children.clear();
    m_roots.clear();
    if (!m_result)
        return;
    const std::vector<ptscope::GroupProfile>& groups = m_result->byModule;
    QHash<QString, int> byKey;
    for (size_t i = 0; i < groups.size(); ++i)
        byKey.insert(QString::fromStdString(groups[i].key), int(i));
    m_children.resize(qsizetype(groups.size()));
    for (size_t i = 0; i < groups.size(); ++i) {
        const QString key = QString::fromStdString(groups[i].key);
        if (key.isEmpty()) {
            m_roots.append(int(i));
            continue;
        }
        // The closest enclosing scope that has nodes of its own or below; the root otherwise.
        QString parent = parentScope(key);
        while (!parent.isEmpty() && !byKey.contains(parent))
            parent = parentScope(parent);
        const auto it = byKey.constFind(parent);
        if (it != byKey.constEnd())
            m_children[*it].append(int(i));
        else
            m_roots.append(int(i));
    }
    auto byTime = [&groups](int a, int b) { return groups[size_t(a)].medianMs > groups[size_t(b)].medianMs; };
    for (QVector<int>& children : m_children)
        std::stable_sort(children.begin(), children.end(), byTime);
    std::stable_sort(m_roots.begin(), m_roots.end(), byTime);
}

const QVector<ModuleTreemap::Cell>& ModuleTreemap::cells() const
{
    layOut();
    return m_cells;
}

void ModuleTreemap::layOut() const
{
    if (m_laidOut)
        return;
    m_laidOut = true;
    m_cells.clear();
    m_colors.clear();
    if (!m_result)
        return;
    const QRectF area = QRectF(rect()).adjusted(1, 1, -1, -1);
    QVector<double> values;
    for (const int root : m_roots)
        values.append(m_result->byModule[size_t(root)].medianMs);
    const QVector<QRectF> rects = squarify(values, area);
    for (int i = 0; i < m_roots.size(); ++i)
        layOutGroup(m_roots[i], rects[i], 0, ProfileChartStyle::kindColor(i));
}

void ModuleTreemap::layOutGroup(int group, const QRectF& rect, int depth, QColor color) const
{
    if (rect.width() < 1 || rect.height() < 1)
        return;
    const int headerHeight = fontMetrics().height() + 2;
    Cell cell{group, rect, depth, rect.height() > headerHeight + 2 && rect.width() > 30};
    m_cells.append(cell);
    m_colors.append(color);
    const QVector<int>& children = m_children[group];
    if (children.isEmpty())
        return;
    QRectF inner = rect.adjusted(Padding, cell.labelled ? headerHeight : Padding, -Padding, -Padding);
    if (inner.width() < MinSide || inner.height() < MinSide)
        return;
    // The module's own nodes take their share of the inner space, left in the module's colour.
    const ptscope::GroupProfile& g = m_result->byModule[size_t(group)];
    QVector<double> values;
    double childrenMs = 0;
    for (const int child : children) {
        values.append(m_result->byModule[size_t(child)].medianMs);
        childrenMs += values.last();
    }
    values.append(std::max(0.0, g.medianMs - childrenMs));
    const QVector<QRectF> rects = squarify(values, inner);
    // The root's children each get a colour of their own; deeper modules lighten their parent's.
    const bool root = g.key.empty();
    for (int i = 0; i < children.size(); ++i)
        layOutGroup(children[i], rects[i], depth + 1,
                    root ? ProfileChartStyle::kindColor(i) : color.lighter(112));
}

int ModuleTreemap::groupAt(const QPointF& pos) const
{
    layOut();
    for (qsizetype i = m_cells.size() - 1; i >= 0; --i) {
        if (m_cells[i].rect.contains(pos))
            return m_cells[i].group;
    }
    return -1;
}

void ModuleTreemap::paintEvent(QPaintEvent*)
{
    layOut();
    QPainter painter(this);
    painter.fillRect(rect(), palette().base());
    if (m_cells.isEmpty()) {
        painter.setPen(QColor(110, 110, 110));
        painter.drawText(rect(), Qt::AlignCenter,
                         m_result ? tr("No per-node times in this profile") : tr("No profile yet"));
        return;
    }
    const int headerHeight = fontMetrics().height() + 2;
    int selected = -1; // the deepest cell on the way to the selected node's module
    for (int i = 0; i < m_cells.size(); ++i) {
        const Cell& cell = m_cells[i];
        const ptscope::GroupProfile& g = m_result->byModule[size_t(cell.group)];
        const QString key = QString::fromStdString(g.key);
        painter.setPen(QPen(m_colors[i].darker(150), 1));
        painter.setBrush(m_colors[i]);
        painter.drawRect(cell.rect);
        if (m_hasSelection &&
            (key.isEmpty() || m_selectedScope == key || m_selectedScope.startsWith(QString(key + QLatin1Char('.')))) &&
            (selected < 0 || cell.depth > m_cells[selected].depth))
            selected = i;
        if (!cell.labelled)
            continue;
        painter.setPen(QColor(30, 30, 30));
        const QString name = key.isEmpty() ? tr("(root)") : key.section(QLatin1Char('.'), -1);
        const QString text = tr("%1  %2 · %3")
                                 .arg(name, ProfileFormat::duration(g.medianMs), ProfileFormat::percent(g.share));
        const QRectF header(cell.rect.left() + 4, cell.rect.top() + 1, cell.rect.width() - 8, headerHeight);
        painter.drawText(header, Qt::AlignLeft | Qt::AlignVCenter,
                         fontMetrics().elidedText(text, Qt::ElideRight, int(header.width())));
    }
    if (selected >= 0) {
        painter.setBrush(Qt::NoBrush);
        painter.setPen(QPen(ProfileChartStyle::selectionColor(), 3));
        painter.drawRect(m_cells[selected].rect.adjusted(1, 1, -1, -1));
    }
}

void ModuleTreemap::resizeEvent(QResizeEvent* event)
{
    m_laidOut = false;
    QWidget::resizeEvent(event);
}

void ModuleTreemap::mouseReleaseEvent(QMouseEvent* event)
{
    const int group = groupAt(event->position());
    if (event->button() == Qt::LeftButton && group >= 0)
        emit moduleClicked(QString::fromStdString(m_result->byModule[size_t(group)].key));
    QWidget::mouseReleaseEvent(event);
}

bool ModuleTreemap::event(QEvent* event)
{
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        const int group = groupAt(help->pos());
        if (group >= 0)
            QToolTip::showText(help->globalPos(), toolTipOf(group), this);
        else
            QToolTip::hideText();
        return true;
    }
    return QWidget::event(event);
}

QString ModuleTreemap::toolTipOf(int group) const
{
    const ptscope::GroupProfile& g = m_result->byModule[size_t(group)];
    QString text = tr("<b>%1</b><br>%2 per run (%3 of a run), %4 node(s), %5 call(s)<br>own nodes: %6")
                       .arg(ProfileFormat::scope(g.key).toHtmlEscaped(), ProfileFormat::duration(g.medianMs),
                            ProfileFormat::percent(g.share))
                       .arg(g.nodes)
                       .arg(g.calls)
                       .arg(ProfileFormat::duration(g.leafMs));
    if (g.flops > 0)
        text += tr("<br>%1 GFLOP, %2 moved per run").arg(g.flops / 1e9, 0, 'f', 3).arg(ProfileFormat::bytes(g.bytes));
    return text + tr("<br><i>Click to list its nodes.</i>");
}
