#include "compare/divergenceview.h"

#include "compare/compareformat.h"

#include <QLabel>
#include <QTextDocument>
#include <QVBoxLayout>

namespace {

QString esc(const std::string& text)
{
    return QString::fromStdString(text).toHtmlEscaped();
}

constexpr int UnalignedShown = 4;

} // namespace

DivergenceView::DivergenceView(QWidget* parent) : QWidget(parent), m_label(new QLabel(this))
{
    setObjectName(QStringLiteral("divergenceView"));
    m_label->setObjectName(QStringLiteral("divergenceText"));
    m_label->setWordWrap(true);
    m_label->setTextFormat(Qt::RichText);
    m_label->setTextInteractionFlags(Qt::TextBrowserInteraction);
    m_label->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    connect(m_label, &QLabel::linkActivated, this, &DivergenceView::activateLink);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_label);
    clear();
}

void DivergenceView::clear()
{
    m_pairs.clear();
    m_label->setText(tr("<i>Node by node, after a comparison of two models: where they part, and why.</i>"));
}

QString DivergenceView::pairLink(const Pair& pair, const QString& title)
{
    m_pairs.push_back(pair);
    return QStringLiteral("<a href=\"pair:%1\">%2</a>").arg(m_pairs.size() - 1).arg(title);
}

QString DivergenceView::sideLink(int side, int pair) const
{
    const ptscope::NodeRef& ref = side == 0 ? m_pairs[size_t(pair)].a : m_pairs[size_t(pair)].b;
    const QString name = side == 0 ? tr("A") : tr("B");
    if (ref.node < 0)
        return tr("%1: —").arg(name);
    QString text = tr("%1: ").arg(name);
    const QString where = CompareFormat::sourceShort(ref.source);
    text += QStringLiteral("<a href=\"side:%1:%2\">%3</a>")
                .arg(side)
                .arg(pair)
                .arg(where.isEmpty() ? esc(ref.kind) : where.toHtmlEscaped());
    if (!ref.source.text.empty())
        text += QStringLiteral(" <code>%1</code>").arg(esc(ref.source.text));
    return text;
}

QString DivergenceView::unalignedText(const std::vector<ptscope::NodeRef>& nodes, int count) const
{
    QStringList names;
    for (size_t i = 0; i < nodes.size() && i < size_t(UnalignedShown); ++i)
        names << CompareFormat::node(nodes[i]).toHtmlEscaped();
    if (count > int(names.size()))
        names << tr("%1 more").arg(count - int(names.size()));
    return names.join(QStringLiteral(", "));
}

void DivergenceView::setReport(const CompareReportPtr& report)
{
    m_pairs.clear();
    if (!report || !report->perNode) {
        m_label->setText(report && !report->outputs.modelB.empty()
                             ? tr("<i>Node by node was not asked for (Per node, above).</i>")
                             : tr("<i>Node by node needs a second model; saved outputs have no nodes.</i>"));
        return;
    }
    const ptscope::NodeComparison& n = *report->perNode;
    QString html = tr("<p><b>Node by node</b> on %1</p>").arg(esc(n.input));
    if (!n.executed) {
        html += tr("<p>The nodes could not be compared: %1</p>").arg(esc(n.note));
    } else if (n.diverged) {
        const int pair = int(m_pairs.size());
        const QString title = pairLink({n.divergentA, n.divergentB}, CompareFormat::node(n.divergentA).toHtmlEscaped());
        html += tr("<p>First divergent node: <b>%1</b> (aligned pair %2 of %3)<br>")
                    .arg(title, QString::number(n.divergentStep + 1), QString::number(n.aligned));
        html += sideLink(0, pair) + QStringLiteral("<br>") + sideLink(1, pair);
        for (const ptscope::OutputDiff& d : n.divergentOutputs)
            if (!d.matches && !d.problem.empty()) {
                html += QStringLiteral("<br>") + tr("Its output %1: %2").arg(esc(d.path), esc(d.problem));
                break;
            }
        html += QStringLiteral("</p>");
    } else {
        html += tr("<p>No aligned node's output differs (%1 aligned of %2 run in A and %3 in B).</p>")
                    .arg(n.aligned)
                    .arg(n.executedA)
                    .arg(n.executedB);
    }
    if (n.unalignedCountA > 0 || n.unalignedCountB > 0) {
        html += QStringLiteral("<p>");
        if (n.unalignedCountA > 0)
            html += tr("Run only in A (%1): %2")
                        .arg(QString::number(n.unalignedCountA), unalignedText(n.unalignedA, n.unalignedCountA));
        if (n.unalignedCountA > 0 && n.unalignedCountB > 0)
            html += QStringLiteral("<br>");
        if (n.unalignedCountB > 0)
            html += tr("Run only in B (%1): %2")
                        .arg(QString::number(n.unalignedCountB), unalignedText(n.unalignedB, n.unalignedCountB));
        html += QStringLiteral("</p>");
    }
    if (!n.causes.empty()) {
        html += tr("<p><b>Why, from the graphs' structure</b></p>");
        for (const ptscope::StructuralCause& c : n.causes) {
            // The pair is added first: the side links look it up.
            const int pair = int(m_pairs.size());
            const QString title = pairLink({c.a, c.b}, CompareFormat::causeTitle(c.kind).toHtmlEscaped());
            html += QStringLiteral("<p>") + title + QStringLiteral(": ") + esc(c.message) + QStringLiteral("<br>") +
                    sideLink(0, pair) + QStringLiteral(" &nbsp; ") + sideLink(1, pair) + QStringLiteral("</p>");
        }
    } else if (n.executed) {
        html += tr("<p>The graphs' structure shows no cause (no if, loop or baked-in constant in one "
                   "only, no training-mode dropout or batch norm).</p>");
    }
    m_label->setText(html);
}

void DivergenceView::activateLink(const QString& link)
{
    const QStringList parts = link.split(QLatin1Char(':'));
    if (parts.size() == 2 && parts[0] == QLatin1String("pair")) {
        const int index = parts[1].toInt();
        if (index < 0 || index >= int(m_pairs.size()))
            return;
        const Pair& pair = m_pairs[size_t(index)];
        emit focusNodes(pair.a.node, pair.b.node);
        // A side without the node (the trace has no if) shows the same file, which the same class
        // has in both archives: what that model does there instead.
        const std::string& fileA = pair.a.node >= 0 ? pair.a.source.file : pair.b.source.file;
        const std::string& fileB = pair.b.node >= 0 ? pair.b.source.file : pair.a.source.file;
        if (!fileA.empty())
            emit showSource(0, QString::fromStdString(fileA), pair.a.node >= 0 ? pair.a.source.line : 0);
        if (!fileB.empty())
            emit showSource(1, QString::fromStdString(fileB), pair.b.node >= 0 ? pair.b.source.line : 0);
    } else if (parts.size() == 3 && parts[0] == QLatin1String("side")) {
        const int side = parts[1].toInt();
        const int index = parts[2].toInt();
        if (index < 0 || index >= int(m_pairs.size()))
            return;
        const ptscope::NodeRef& ref = side == 0 ? m_pairs[size_t(index)].a : m_pairs[size_t(index)].b;
        emit focusNodes(side == 0 ? ref.node : -1, side == 1 ? ref.node : -1);
        if (!ref.source.file.empty())
            emit showSource(side, QString::fromStdString(ref.source.file), ref.source.line);
    }
}

QString DivergenceView::html() const
{
    return m_label->text();
}

QString DivergenceView::text() const
{
    QTextDocument document;
    document.setHtml(m_label->text());
    return document.toPlainText();
}
