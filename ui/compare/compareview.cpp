#include "compare/compareview.h"

#include "compare/comparegraphs.h"
#include "compare/compareresultspanel.h"
#include "compare/comparesettingsbar.h"
#include "compare/divergenceview.h"
#include "compare/reviewpanel.h"
#include "controllers/comparecontroller.h"
#include "run/messagebanner.h"
#include "worker/modelworker.h"

#include <QScrollArea>
#include <QSplitter>
#include <QTabWidget>
#include <QVBoxLayout>

CompareView::CompareView(CompareController* controller, QWidget* parent)
    : QWidget(parent), m_controller(controller), m_settings(new CompareSettingsBar(this)),
      m_graphs(new CompareGraphs(controller->worker(), this)), m_results(new CompareResultsPanel(this)),
      m_review(new ReviewPanel(this)), m_sideTabs(new QTabWidget(this)), m_splitter(new QSplitter(Qt::Horizontal, this))
{
    setObjectName(QStringLiteral("compareView"));
    // Two questions about A and B: do they compute the same (the comparison), and what changed
    // from one version to the other (the review).
    m_sideTabs->setObjectName(QStringLiteral("compareSideTabs"));
    m_sideTabs->setDocumentMode(true);
    m_sideTabs->addTab(m_results, tr("Comparison"));
    m_sideTabs->addTab(m_review, tr("Review"));
    m_splitter->setObjectName(QStringLiteral("compareSplitter"));
    m_splitter->addWidget(m_graphs);
    m_splitter->addWidget(m_sideTabs);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);
    m_splitter->setChildrenCollapsible(false);
    // The results' tables and histogram need room to read: about two fifths of the width.
    m_splitter->setSizes({900, 640});

    // Two graphs and the results need about 1100 pixels: a narrower window scrolls the mode
    // sideways rather than being held that wide for every tab.
    auto* content = new QWidget(this);
    auto* contentLayout = new QVBoxLayout(content);
    contentLayout->setContentsMargins(0, 0, 0, 0);
    contentLayout->setSpacing(0);
    contentLayout->addWidget(m_settings);
    contentLayout->addWidget(m_splitter, 1);
    auto* scroll = new QScrollArea(this);
    scroll->setObjectName(QStringLiteral("compareScroll"));
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidgetResizable(true);
    scroll->setWidget(content);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(scroll);

    connect(m_settings, &CompareSettingsBar::otherChosen, this,
            [this](CompareSettingsBar::Other kind, const QString& path) { onOtherChosen(int(kind), path); });
    connect(m_settings, &CompareSettingsBar::compareRequested, this, &CompareView::compare);
    connect(m_settings, &CompareSettingsBar::cancelRequested, m_controller, &CompareController::cancel);
    connect(m_results, &CompareResultsPanel::focusNodes, m_graphs, &CompareGraphs::focusNodes);
    connect(m_results, &CompareResultsPanel::showSource, m_graphs, &CompareGraphs::showSource);
    connect(m_results, &CompareResultsPanel::runCounterexampleRequested, this,
            &CompareView::runCounterexampleRequested);
    connect(m_graphs, &CompareGraphs::modelBFailed, m_results, &CompareResultsPanel::showError);
    connectController();
    updateState();
}

void CompareView::connectController()
{
    connect(m_controller, &CompareController::stateChanged, this, &CompareView::updateState);
    connect(m_controller, &CompareController::progress, m_results, &CompareResultsPanel::setProgress);
    connect(m_controller, &CompareController::comparisonAvailable, this, &CompareView::onComparisonAvailable);
    connect(m_controller, &CompareController::reviewAvailable, this, &CompareView::showReview);
    connect(m_controller, &CompareController::failed, m_results, &CompareResultsPanel::showError);
    connect(m_controller, &CompareController::cancelled, m_results,
            [this]() { m_results->showInfo(tr("The comparison was cancelled.")); });
}

void CompareView::updateState()
{
    const CompareController::State state = m_controller->state();
    const bool comparing = m_controller->isComparing();
    m_settings->setComparing(comparing);
    m_settings->setCanCompare(state == CompareController::State::Ready || state == CompareController::State::Unusable);
    m_results->setBusy(comparing);
}

void CompareView::setModel(const ModelInfoPtr& info)
{
    m_graphs->setModelA(info);
    m_results->clear();
    m_review->setReview(nullptr);
}

void CompareView::setRunRequest(const RunRequest& request)
{
    m_runRequest = request;
    m_settings->offerInputs(request.inputs, request.inputsFile);
}

RunRequest CompareView::request() const
{
    RunRequest request = m_runRequest;
    const QStringList typed = m_settings->inputs();
    // Specs typed here win over the Run tab's inputs file; none typed keeps the Run tab's choice.
    if (!typed.isEmpty()) {
        request.inputs = typed;
        request.inputsFile.clear();
    }
    return request;
}

void CompareView::compareWithModel(const QString& path)
{
    if (path.isEmpty()) {
        m_settings->setOther(CompareSettingsBar::Other::Model, m_settings->otherKind() == CompareSettingsBar::Other::Model
                                                                  ? m_settings->otherPath()
                                                                  : QString());
        m_settings->chooseOther();
        return;
    }
    m_settings->setOther(CompareSettingsBar::Other::Model, path);
    onOtherChosen(int(CompareSettingsBar::Other::Model), path);
}

void CompareView::compareWithReference(const QString& path)
{
    if (path.isEmpty()) {
        m_settings->setOther(CompareSettingsBar::Other::Reference,
                             m_settings->otherKind() == CompareSettingsBar::Other::Reference ? m_settings->otherPath()
                                                                                             : QString());
        m_settings->chooseOther();
        return;
    }
    m_settings->setOther(CompareSettingsBar::Other::Reference, path);
    onOtherChosen(int(CompareSettingsBar::Other::Reference), path);
}

void CompareView::showReview(const std::shared_ptr<const ptscope::Review>& review)
{
    m_review->setReview(review);
}

void CompareView::onOtherChosen(int kind, const QString& path)
{
    m_results->clear();
    m_review->setReview(nullptr);
    if (CompareSettingsBar::Other(kind) == CompareSettingsBar::Other::Model)
        m_graphs->openModelB(path, m_controller->worker()->libraries());
    else
        m_graphs->showReferenceInB(path);
}

bool CompareView::compare()
{
    if (m_controller->isComparing())
        return false;
    m_results->messageBanner()->hide();
    return m_controller->startCompare(request(), m_settings->settings());
}

void CompareView::onComparisonAvailable(const CompareReportPtr& report)
{
    m_results->setReport(report);
    m_results->setCounterexampleFile(m_controller->counterexampleFile());
    m_graphs->setReport(report);
    // The first place worth looking at, in both panes and both code views.
    if (m_results->divergenceView()->firstPair() >= 0)
        m_results->divergenceView()->activateLink(QStringLiteral("pair:0"));
}
