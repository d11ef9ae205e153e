#include "profile/speedupview.h"

#include "profile/profileformat.h"
#include "profile/speedupmodel.h"

#include <QHeaderView>
#include <QLabel>
#include <QTableView>
#include <QVBoxLayout>

SpeedupView::SpeedupView(QWidget* parent)
    : QWidget(parent), m_model(new SpeedupModel(this)), m_view(new QTableView(this)),
      m_header(new QLabel(this)), m_firstRuns(new QLabel(this)), m_advice(new QLabel(this))
{
    m_view->setObjectName(QStringLiteral("speedupTable"));
    m_view->setModel(m_model);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 8);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setWordWrap(false);
    m_view->setTextElideMode(Qt::ElideRight);
    for (QLabel* label : {m_header, m_firstRuns, m_advice}) {
        label->setWordWrap(true);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    }
    m_firstRuns->setObjectName(QStringLiteral("speedupFirstRuns"));
    m_advice->setObjectName(QStringLiteral("speedupAdvice"));

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_header);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_firstRuns);
    layout->addWidget(m_advice);
    clear();
}

void SpeedupView::setReport(const std::optional<ptscope::SpeedupReport>& report)
{
    m_model->setReport(report);
    if (!report) {
        m_header->setText(tr("No speed-up report: tick <b>Speed-up report</b> and profile again to time the "
                             "model as saved, frozen and optimized under each executor mode."));
        m_firstRuns->clear();
        m_advice->clear();
        m_view->hide();
        return;
    }
    m_view->show();
    m_header->setText(tr("%1 timed runs per row on %2 cores (LibTorch's default: %3 intra-op threads); %4.")
                          .arg(report->runs)
                          .arg(report->maxThreads)
                          .arg(report->defaultThreads)
                          .arg(ProfileFormat::blasName(report->blas)));
    QStringList runs;
    for (size_t i = 0; i < report->firstRunsMs.size(); ++i)
        runs.append(tr("%1: %2").arg(i + 1).arg(ProfileFormat::duration(report->firstRunsMs[i])));
    m_firstRuns->setText(
        runs.isEmpty() ? QString()
                       : tr("<b>First runs after a fresh load</b> (%1 executor, %2 thread(s)): %3")
                             .arg(QString::fromStdString(report->firstRunsExecutor))
                             .arg(report->firstRunsThreads)
                             .arg(runs.join(QStringLiteral(" · "))));
    m_advice->setText(advice(*report));
    m_view->resizeColumnsToContents();
}

void SpeedupView::clear()
{
    setReport(std::nullopt);
}

QString SpeedupView::firstRunsText() const
{
    return m_firstRuns->text();
}

QString SpeedupView::adviceText() const
{
    return m_advice->text();
}

QString SpeedupView::advice(const ptscope::SpeedupReport& report) const
{
    QStringList lines;
    lines.append(tr("Each row runs the whole forward; <i>Speed-up</i> compares it with the graph as saved "
                    "under LibTorch's default (profiling) executor at the same thread count, and <i>Outputs</i> "
                    "says whether the answer stayed the same (freezing folds batch norms into convolutions, "
                    "so tiny float differences are expected)."));
    // The fastest configuration that ran, said in words: what a user would deploy.
    int best = -1;
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const ptscope::SpeedupRow& r = report.rows[size_t(row)];
        if (r.error.empty() && r.ms.median > 0 && (best < 0 || r.ms.median < report.rows[size_t(best)].ms.median))
            best = row;
    }
    if (best >= 0) {
        const ptscope::SpeedupRow& r = report.rows[size_t(best)];
        const std::optional<double> s = m_model->speedUpOf(best);
        lines.append(tr("Fastest here: <b>%1</b> graph, <b>%2</b> executor, %3 thread(s), %4%5.")
                         .arg(QString::fromStdString(r.variant), QString::fromStdString(r.executor))
                         .arg(r.threads)
                         .arg(ProfileFormat::duration(r.ms.median))
                         .arg(s ? tr(" (%1× the as-saved graph at the same threads)").arg(*s, 0, 'f', 2)
                                : QString()));
    }
    if (report.firstRunsMs.size() >= 3) {
        const double first = report.firstRunsMs.front();
        const double last = report.firstRunsMs.back();
        if (last > 0 && first > 1.5 * last)
            lines.append(tr("The first run took %1× as long as the tenth: the profiling executor records "
                            "shapes and optimizes during the first runs, so warm up a served model before "
                            "timing or answering requests.")
                             .arg(first / last, 0, 'f', 1));
    }
    return lines.join(QStringLiteral("<br>"));
}
