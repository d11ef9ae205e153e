#include "compare/reviewpanel.h"

#include "compare/codediffview.h"
#include "compare/reviewmodulesmodel.h"
#include "compare/reviewopsmodel.h"
#include "compare/reviewparametersmodel.h"
#include "compare/reviewtimingsmodel.h"
#include "profile/profileformat.h"

#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

ReviewPanel::ReviewPanel(QWidget* parent)
    : QWidget(parent), m_summary(new QLabel(this)), m_tabs(new QTabWidget(this)),
      m_modules(new ReviewModulesModel(this)), m_parameters(new ReviewParametersModel(this)),
      m_ops(new ReviewOpsModel(this)), m_timings(new ReviewTimingsModel(this)), m_code(new CodeDiffView(this))
{
    setObjectName(QStringLiteral("reviewPanel"));
    m_summary->setObjectName(QStringLiteral("reviewSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_tabs->setObjectName(QStringLiteral("reviewTabs"));
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(createTable(QStringLiteral("reviewModulesView"), m_modules, ReviewModulesModel::Module), {});
    m_tabs->addTab(createTable(QStringLiteral("reviewParametersView"), m_parameters, ReviewParametersModel::Name), {});
    m_tabs->addTab(createTable(QStringLiteral("reviewOpsView"), m_ops, ReviewOpsModel::Kind), {});
    m_tabs->addTab(m_code, {});
    m_timingsPage = createTable(QStringLiteral("reviewTimingsView"), m_timings, ReviewTimingsModel::Node);
    m_tabs->addTab(m_timingsPage, {});

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_summary);
    layout->addWidget(m_tabs, 1);
    setReview(nullptr);
}

QTableView* ReviewPanel::createTable(const QString& name, QAbstractItemModel* model, int stretchColumn)
{
    auto* view = new QTableView(this);
    view->setObjectName(name);
    view->setModel(model);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setAlternatingRowColors(true);
    view->setWordWrap(false);
    view->setTextElideMode(Qt::ElideMiddle);
    view->verticalHeader()->hide();
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 8);
    view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    view->horizontalHeader()->setSectionResizeMode(stretchColumn, QHeaderView::Stretch);
    return view;
}

void ReviewPanel::setReview(const std::shared_ptr<const ptscope::Review>& review)
{
    m_review = review;
    m_modules->setReview(review);
    m_parameters->setReview(review);
    m_ops->setReview(review);
    m_timings->setReview(review);
    m_code->setReview(review);
    m_summary->setText(review ? summaryOf(*review)
                              : tr("<i>A version review lists what changed between A and B: modules, parameters, "
                                   "operators, code and, when both were profiled, times.</i>"));
    updateTabTitles();
    // The first tab with something in it.
    for (int i = 0; review && i < m_tabs->count(); ++i) {
        const bool hasRows = (i == 0 && !review->modules.empty()) || (i == 1 && !review->parameters.empty()) ||
                             (i == 2 && !review->ops.empty()) || (i == 3 && !review->code.empty());
        if (hasRows) {
            m_tabs->setCurrentIndex(i);
            break;
        }
    }
}

void ReviewPanel::updateTabTitles()
{
    const auto count = [this](size_t n) { return m_review ? QStringLiteral(" (%1)").arg(n) : QString(); };
    m_tabs->setTabText(0, tr("Modules") + count(m_review ? m_review->modules.size() : 0));
    m_tabs->setTabText(1, tr("Parameters") + count(m_review ? m_review->parameters.size() : 0));
    m_tabs->setTabText(2, tr("Operators") + count(m_review ? m_review->ops.size() : 0));
    m_tabs->setTabText(3, tr("Code") + count(m_review ? m_review->code.size() : 0));
    m_tabs->setTabText(4, tr("Times"));
    m_tabs->setTabVisible(4, m_review && m_review->timed);
}

QString ReviewPanel::summaryOf(const ptscope::Review& r)
{
    const QString a = QFileInfo(QString::fromStdString(r.modelA)).fileName();
    const QString b = QFileInfo(QString::fromStdString(r.modelB)).fileName();
    if (r.identical())
        return tr("%1 and %2: no module, parameter, operator or code changed.").arg(a, b);
    const auto count = [](size_t n, const QString& one, const QString& many) {
        return n == 1 ? one : many.arg(n);
    };
    QStringList parts;
    if (!r.modules.empty())
        parts << count(r.modules.size(), tr("1 module"), tr("%1 modules"));
    if (!r.parameters.empty())
        parts << count(r.parameters.size(), tr("1 parameter or buffer"), tr("%1 parameters and buffers"));
    if (!r.ops.empty())
        parts << count(r.ops.size(), tr("1 operator count"), tr("%1 operator counts"));
    if (!r.code.empty())
        parts << count(r.code.size(), tr("1 code change"), tr("%1 code changes"));
    QString text = tr("From %1 to %2, changed: %3.").arg(a, b, parts.join(QStringLiteral(", ")));
    if (r.timed)
        text += tr(" Forward took %1 in A and %2 in B.")
                    .arg(ProfileFormat::duration(r.forwardMsA), ProfileFormat::duration(r.forwardMsB));
    return text;
}

QString ReviewPanel::summaryText() const
{
    return m_summary->text();
}
