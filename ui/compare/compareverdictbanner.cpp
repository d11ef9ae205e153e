#include "compare/compareverdictbanner.h"

#include "compare/compareformat.h"

#include <QFileInfo>
#include <QLabel>
#include <QVBoxLayout>

CompareVerdictBanner::CompareVerdictBanner(QWidget* parent)
    : QFrame(parent), m_headline(new QLabel(this)), m_details(new QLabel(this))
{
    setObjectName(QStringLiteral("compareVerdict"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    m_headline->setObjectName(QStringLiteral("compareVerdictHeadline"));
    QFont big = m_headline->font();
    big.setPointSizeF(big.pointSizeF() * 1.7);
    big.setBold(true);
    m_headline->setFont(big);
    m_details->setObjectName(QStringLiteral("compareVerdictDetails"));
    m_details->setWordWrap(true);
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 8, 12, 8);
    layout->setSpacing(2);
    layout->addWidget(m_headline);
    layout->addWidget(m_details);
    setNeutral(tr("No comparison yet"),
               tr("Choose a second model or saved outputs above, then Compare."));
}

void CompareVerdictBanner::setColours(const QColor& background, const QColor& text)
{
    QPalette colours = palette();
    colours.setColor(QPalette::Window, background);
    colours.setColor(QPalette::WindowText, text);
    setPalette(colours);
}

void CompareVerdictBanner::setNeutral(const QString& headline, const QString& details)
{
    setColours(QColor(238, 240, 244), QColor(50, 50, 60));
    m_headline->setText(headline);
    m_details->setText(details);
    m_details->setVisible(!details.isEmpty());
}

void CompareVerdictBanner::setReport(const CompareReportPtr& report)
{
    if (!report) {
        setNeutral(tr("No comparison yet"));
        return;
    }
    const bool matches = report->matches();
    if (matches)
        setColours(QColor(222, 244, 226), QColor(20, 90, 35));
    else
        setColours(QColor(252, 226, 224), QColor(150, 20, 20));
    m_headline->setText(matches ? tr("✔  MATCH") : tr("✘  MISMATCH"));
    m_details->setText(detailsOf(*report));
    m_details->setVisible(true);
}

QString CompareVerdictBanner::detailsOf(const ptscope::CompareReport& report)
{
    const ptscope::OutputComparison& o = report.outputs;
    const QString a = QFileInfo(QString::fromStdString(o.modelA)).fileName();
    const QString b = CompareFormat::otherName(o);
    QStringList sentences;
    sentences << (o.modelB.empty() ? tr("A = %1 against the saved outputs %2").arg(a, b)
                                   : tr("A = %1, B = %2").arg(a, b)) +
                     tr(", atol %1, rtol %2.")
                         .arg(CompareFormat::number(o.tolerances.defaults.atol),
                              CompareFormat::number(o.tolerances.defaults.rtol));
    const int inputs = int(o.inputs.size());
    int disagree = 0;
    for (const ptscope::InputDiff& input : o.inputs)
        disagree += input.matches ? 0 : 1;
    if (disagree == 0)
        sentences << (inputs == 1 ? tr("They agree on the input given.")
                                  : tr("They agree on all %1 inputs.").arg(inputs));
    else
        sentences << tr("They disagree on %1 of %2 inputs.").arg(disagree).arg(inputs);
    if (const auto& s = report.search) {
        if (s->found)
            sentences << tr("The search found a disagreeing input in %1 trials: %2.")
                             .arg(s->trials)
                             .arg(QString::fromStdString(s->description));
        else
            sentences << tr("The search found no disagreeing input in %1 trials (%2 s).")
                             .arg(s->trials)
                             .arg(s->seconds, 0, 'f', 1);
    }
    if (const auto& n = report.perNode) {
        if (n->diverged)
            sentences << tr("They first part at %1.").arg(CompareFormat::node(n->divergentA));
        else if (!n->causes.empty())
            sentences << tr("The graphs differ in structure: %1.")
                             .arg(CompareFormat::causeTitle(n->causes.front().kind).toLower());
    }
    return sentences.join(QLatin1Char(' '));
}

QString CompareVerdictBanner::headline() const
{
    return m_headline->text();
}

QString CompareVerdictBanner::details() const
{
    return m_details->text();
}
