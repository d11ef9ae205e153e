#include "compare/searchsummaryview.h"

#include "compare/compareformat.h"

#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QStyle>
#include <QVBoxLayout>

namespace {

QString stoppedText(const std::string& stopped)
{
    if (stopped == "found")
        return SearchSummaryView::tr("it found one");
    if (stopped == "budget")
        return SearchSummaryView::tr("its trial budget ran out");
    if (stopped == "time")
        return SearchSummaryView::tr("its time ran out");
    if (stopped == "exhausted")
        return SearchSummaryView::tr("every candidate was tried");
    return QString::fromStdString(stopped);
}

} // namespace

SearchSummaryView::SearchSummaryView(QWidget* parent)
    : QWidget(parent), m_text(new QLabel(this)), m_run(new QPushButton(tr("Run It in the Run Tab"), this)),
      m_save(new QPushButton(tr("Save Counterexample As…"), this))
{
    setObjectName(QStringLiteral("searchSummary"));
    m_text->setObjectName(QStringLiteral("searchText"));
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_run->setObjectName(QStringLiteral("runCounterexampleButton"));
    m_run->setIcon(style()->standardIcon(QStyle::SP_MediaPlay));
    m_run->setToolTip(tr("Make the counterexample the Run tab's inputs, to look at both models' outputs on it"));
    m_save->setObjectName(QStringLiteral("saveCounterexampleButton"));
    m_save->setToolTip(tr("A .pt of forward's arguments (torch.load gives a tuple), for a test or a bug report"));
    connect(m_run, &QPushButton::clicked, this, [this]() {
        if (!m_file.isEmpty())
            emit runRequested(m_file);
    });
    connect(m_save, &QPushButton::clicked, this, &SearchSummaryView::saveAs);

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_run);
    buttons->addWidget(m_save);
    buttons->addStretch(1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_text);
    layout->addLayout(buttons);
    clear();
}

void SearchSummaryView::clear()
{
    m_text->setText(tr("<i>Search, above, looks for an input on which the two models disagree.</i>"));
    setCounterexampleFile({});
}

void SearchSummaryView::setCounterexampleFile(const QString& file)
{
    m_file = file;
    m_run->setEnabled(!file.isEmpty());
    m_save->setEnabled(!file.isEmpty());
}

void SearchSummaryView::setReport(const CompareReportPtr& report)
{
    if (!report || !report->search) {
        clear();
        if (report)
            m_text->setText(tr("<i>No search was asked for (Search, above).</i>"));
        return;
    }
    const ptscope::SearchResult& s = *report->search;
    QString html = tr("<p><b>Search</b>: %1 of %2 trials in %3 s (seed %4); it stopped because %5.</p>")
                       .arg(QString::number(s.trials), QString::number(s.budget),
                            QString::number(s.seconds, 'f', 2), QString::number(s.seed), stoppedText(s.stopped));
    if (s.found) {
        html += tr("<p>Counterexample (found at trial %1): <b>%2</b></p>")
                    .arg(QString::number(s.foundAtTrial), QString::fromStdString(s.description).toHtmlEscaped());
        if (!s.diff.errorA.empty() || !s.diff.errorB.empty())
            html += tr("<p>On it %1</p>")
                        .arg((!s.diff.errorA.empty() ? tr("A raised: %1").arg(QString::fromStdString(s.diff.errorA))
                                                     : tr("B raised: %1").arg(QString::fromStdString(s.diff.errorB)))
                                 .toHtmlEscaped());
    } else {
        html += tr("<p>No input found on which they disagree.</p>");
    }
    if (!s.freeDimensions.empty()) {
        QStringList dims;
        for (const ptscope::FreeDimension& d : s.freeDimensions)
            dims << tr("%1 dim %2: %3..%4").arg(QString::fromStdString(d.argument)).arg(d.dim).arg(d.min).arg(d.max);
        html += tr("<p>Free dimensions: %1</p>").arg(dims.join(QStringLiteral(", ")).toHtmlEscaped());
    }
    m_text->setText(html);
}

QString SearchSummaryView::text() const
{
    return m_text->text();
}

void SearchSummaryView::saveAs()
{
    if (m_file.isEmpty())
        return;
    const QString to = QFileDialog::getSaveFileName(this, tr("Save Counterexample"),
                                                    QDir::home().filePath(QStringLiteral("counterexample.pt")),
                                                    tr("PyTorch files (*.pt)"));
    if (to.isEmpty())
        return;
    QString error;
    if (!saveCopy(m_file, to, &error))
        QMessageBox::warning(this, tr("Cannot Save the Counterexample"), error);
}

bool SearchSummaryView::saveCopy(const QString& from, const QString& to, QString* error)
{
    QFile in(from);
    if (!in.open(QIODevice::ReadOnly)) {
        *error = tr("Cannot read %1: %2").arg(from, in.errorString());
        return false;
    }
    // QSaveFile writes beside the target and renames over it only when everything was written.
    QSaveFile out(to);
    if (!out.open(QIODevice::WriteOnly)) {
        *error = tr("Cannot write %1: %2").arg(to, out.errorString());
        return false;
    }
    while (!in.atEnd()) {
        const QByteArray chunk = in.read(1 << 20);
        if (chunk.isEmpty() && in.error() != QFileDevice::NoError) {
            *error = tr("Cannot read %1: %2").arg(from, in.errorString());
            out.cancelWriting();
            return false;
        }
        if (out.write(chunk) != chunk.size()) {
            *error = tr("Cannot write %1: %2").arg(to, out.errorString());
            out.cancelWriting();
            return false;
        }
    }
    if (!out.commit()) {
        *error = tr("Cannot write %1: %2").arg(to, out.errorString());
        return false;
    }
    return true;
}
