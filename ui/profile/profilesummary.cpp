#include "profile/profilesummary.h"

#include "profile/profileformat.h"

#include <QLabel>
#include <QTextDocumentFragment>
#include <QVBoxLayout>

ProfileSummary::ProfileSummary(QWidget* parent) : QWidget(parent), m_text(new QLabel(this)), m_warning(new QLabel(this))
{
    setObjectName(QStringLiteral("profileSummary"));
    m_text->setObjectName(QStringLiteral("profileSummaryText"));
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_warning->setObjectName(QStringLiteral("profileSummaryWarning"));
    m_warning->setWordWrap(true);
    m_warning->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_warning->setAutoFillBackground(true);
    m_warning->setMargin(6);
    QPalette colours = m_warning->palette();
    colours.setColor(QPalette::Window, QColor(255, 244, 214));
    colours.setColor(QPalette::WindowText, QColor(60, 45, 0));
    m_warning->setPalette(colours);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addWidget(m_warning);
    layout->addWidget(m_text);
    clear();
}

void ProfileSummary::setResult(const ptscope::ProfileResult* result)
{
    if (!result) {
        clear();
        return;
    }
    QStringList lines{timingLine(*result)};
    if (result->nodeLevel) {
        lines.append(memoryLine(*result));
        lines.append(machineLine(*result));
        lines.append(eventsLine(*result));
    }
    m_text->setText(lines.join(QStringLiteral("<br>")));
    const QStringList warned = warnings(*result);
    m_warning->setText(warned.join(QStringLiteral("<br>")));
    m_warning->setVisible(!warned.isEmpty());
}

void ProfileSummary::clear()
{
    m_text->setText(tr("No profile yet: <b>Profile</b> times every node of forward over repeated runs, on the "
                       "Run tab's inputs."));
    m_warning->clear();
    m_warning->hide();
}

QString ProfileSummary::text() const
{
    return QTextDocumentFragment::fromHtml(m_text->text()).toPlainText();
}

QString ProfileSummary::warningText() const
{
    return QTextDocumentFragment::fromHtml(m_warning->text()).toPlainText();
}

QString ProfileSummary::timingLine(const ptscope::ProfileResult& r)
{
    QStringList parts;
    parts.append(tr("<b>forward</b> %1 median (%2 runs)")
                     .arg(ProfileFormat::duration(r.forwardMs.median))
                     .arg(r.forwardRunsMs.size()));
    if (r.nodeLevel) {
        const double ratio = r.forwardMs.median > 0 ? r.executorMs.median / r.forwardMs.median : 0;
        parts.append(tr("<b>node executor</b> %1 median (%2 runs, %3× forward)")
                         .arg(ProfileFormat::duration(r.executorMs.median))
                         .arg(r.executorRunsMs.size())
                         .arg(ratio, 0, 'f', 2));
        parts.append(tr("nodes' own times cover %1 of a run").arg(ProfileFormat::percent(r.leafFraction)));
    }
    parts.append(tr("%1 graph").arg(QString::fromStdString(r.variant)));
    parts.append(r.threads == 1 ? tr("1 thread") : tr("%1 threads").arg(r.threads));
    if (!r.blas.empty())
        parts.append(ProfileFormat::blasName(r.blas));
    parts.append(tr("%1 warm-up").arg(r.warmup));
    if (r.training)
        parts.append(tr("training mode"));
    if (r.grad)
        parts.append(tr("gradients on"));
    return parts.join(QStringLiteral(" · "));
}

QString ProfileSummary::memoryLine(const ptscope::ProfileResult& r)
{
    const ptscope::MemoryProfile& m = r.memory;
    QString peakAt;
    for (const ptscope::NodeProfile& node : r.nodes) {
        if (node.id == m.peakNode) {
            peakAt = tr(" after node %1").arg(ProfileFormat::nodeName(node).toHtmlEscaped());
            break;
        }
    }
    return tr("<b>memory</b> activations peak %1%2 · inputs %3 · parameters and constants %4%5")
        .arg(ProfileFormat::bytes(m.peakActivationBytes), peakAt, ProfileFormat::bytes(m.inputBytes),
             ProfileFormat::bytes(m.parameterBytes), m.truncated ? tr(" (curve truncated)") : QString());
}

QString ProfileSummary::machineLine(const ptscope::ProfileResult& r)
{
    const ptscope::MachinePeaks& p = r.peaks;
    if (p.gflops <= 0)
        return tr("<b>machine peaks</b> not measured");
    return tr("<b>machine peaks</b> %1 (BLAS %2, convolution %3) · memory %4 GB/s, cache %5 GB/s · "
              "at %6 thread(s)")
        .arg(ProfileFormat::gflops(p.gflops))
        .arg(p.gemmGflops, 0, 'f', 1)
        .arg(p.convGflops, 0, 'f', 1)
        .arg(p.gbPerSecond, 0, 'f', 1)
        .arg(p.cacheGbPerSecond, 0, 'f', 1)
        .arg(p.threads);
}

QString ProfileSummary::eventsLine(const ptscope::ProfileResult& r)
{
    const ptscope::EventCheck& e = r.events;
    if (!e.available)
        return tr("<b>LibTorch's events</b> not recorded");
    QString text = tr("<b>LibTorch's events</b> %1 operator events per run, %2 matched to nodes")
                       .arg(e.events)
                       .arg(e.matched);
    if (e.flagged > 0)
        text += e.flagged == 1 ? tr(", 1 node disagrees beyond its spread (⚠ in the table)")
                               : tr(", %1 nodes disagree beyond their spread (⚠ in the table)").arg(e.flagged);
    else
        text += tr(", all agree with the node executor");
    return text;
}

QStringList ProfileSummary::warnings(const ptscope::ProfileResult& r)
{
    QStringList list;
    if (!r.nodeLevel)
        list.append(tr("<b>No per-node times:</b> %1. Only whole forward runs were timed; the table and "
                       "charts stay empty.")
                        .arg(QString::fromStdString(r.fallbackReason.empty() ? std::string("the node executor "
                                                                                            "could not run "
                                                                                            "this graph")
                                                                              : r.fallbackReason)
                                 .toHtmlEscaped()));
    if (r.outputsEqualForward == false)
        list.append(tr("<b>The node executor's outputs differ from forward's.</b> It may not have run the "
                       "graph as LibTorch does (a nondeterministic op gives this too); read its node times "
                       "with care."));
    return list;
}
