// The Compare mode in the window: File ▸ Compare With Model opens B in a pane of its own, the
// comparison runs in A's worker, and the verdict, the first divergent node or its structural
// cause, the marks on both graphs and the counterexample for the Run tab all arrive.

#include "compare/comparegraphs.h"
#include "compare/compareoutputsmodel.h"
#include "compare/compareresultspanel.h"
#include "compare/comparesettingsbar.h"
#include "compare/compareverdictbanner.h"
#include "compare/compareview.h"
#include "compare/divergenceview.h"
#include "compare/searchsummaryview.h"
#include "controllers/comparecontroller.h"
#include "controllers/graphcontroller.h"
#include "controllers/modelcontroller.h"
#include "controllers/runcontroller.h"
#include "graph/graphboxitem.h"
#include "graph/graphcanvas.h"
#include "graph/graphpanel.h"
#include "graph/graphscene.h"
#include "graphtestsupport.h"
#include "recentfiles.h"
#include "run/runpanel.h"
#include "uitestsupport.h"
#include "widgets/codeview.h"
#include "widgets/mainwindow.h"

#include <QCheckBox>
#include <QDockWidget>
#include <QFileInfo>
#include <QLabel>
#include <QProcess>
#include <QPushButton>
#include <QTemporaryDir>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTest>

namespace {

constexpr int TimeoutMs = 180000;

bool openAndWaitForWorker(MainWindow& window, const QString& fixture)
{
    QSignalSpy ready(window.runController(), &RunController::modelReady);
    QSignalSpy available(window.modelController(), &ModelController::modelAvailable);
    window.openFile(UiTest::fixturePath(fixture));
    return QTest::qWaitFor([&]() { return !ready.isEmpty() && !available.isEmpty(); }, TimeoutMs);
}

// Waits for pane's controller to settle on a drawing of the inlined graph.
bool waitForInlinedDrawing(GraphPanel* pane)
{
    return QTest::qWaitFor(
        [&]() {
            const GraphDrawingPtr drawing = pane->scene()->drawing();
            return drawing && drawing->graph->variant == ptscope::GraphVariant::Inlined &&
                   !pane->controller()->isBusy();
        },
        TimeoutMs);
}

// The mark on the box drawing a node, if any.
std::optional<GraphMark> markOf(GraphPanel* pane, int node)
{
    const GraphDrawingPtr drawing = pane->scene()->drawing();
    if (!drawing || node < 0 || size_t(node) >= drawing->view.itemOfNode.size())
        return std::nullopt;
    const GraphBoxItem* box = pane->scene()->box(drawing->view.itemOfNode[size_t(node)]);
    return box ? box->mark() : std::nullopt;
}

CompareReportPtr compareInWindow(MainWindow& window, const QString& a, const QString& b, const QString& inputs,
                                 bool search)
{
    if (!openAndWaitForWorker(window, a))
        return nullptr;
    window.compareWithModel(UiTest::fixturePath(b));
    CompareView* view = window.compareView();
    view->settingsBar()->setInputs({inputs});
    view->settingsBar()->searchCheck()->setChecked(search);
    QSignalSpy available(window.compareController(), &CompareController::comparisonAvailable);
    QSignalSpy failed(window.compareController(), &CompareController::failed);
    if (!QTest::qWaitFor([&]() { return view->settingsBar()->compareButton()->isEnabled(); }, TimeoutMs))
        return nullptr;
    QTest::mouseClick(view->settingsBar()->compareButton(), Qt::LeftButton);
    if (!QTest::qWaitFor([&]() { return !available.isEmpty() || !failed.isEmpty(); }, TimeoutMs))
        qWarning("The comparison did not finish in time.");
    if (!failed.isEmpty())
        qWarning("%s", qPrintable(failed.first().first().toString()));
    return available.isEmpty() ? nullptr : available.first().first().value<CompareReportPtr>();
}

} // namespace

class CompareWindowTest : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { UiTest::isolateSettings(); }
    void cleanupTestCase() { RecentFiles::clear(); }

    void tracedAndScriptedBranchPartAtTheIf()
    {
        MainWindow window;
        window.resize(1600, 1000);
        window.show();
        const CompareReportPtr report = compareInWindow(window, QStringLiteral("branch_traced.pt"),
                                                        QStringLiteral("branch_scripted.pt"),
                                                        QStringLiteral("float32[1,4]:ones"), true);
        QVERIFY(report);
        auto* tabs = window.findChild<QTabWidget*>(QStringLiteral("centralTabs"));
        CompareView* view = window.compareView();
        QCOMPARE(tabs->currentWidget(), view);
        QCOMPARE(view->objectName(), QStringLiteral("compareView"));
        // The docks make way for two graphs and the results; they are back outside the tab.
        QVERIFY(!window.findChild<QDockWidget*>(QStringLiteral("modulesDock"))->isVisible());

        CompareResultsPanel* results = view->results();
        QCOMPARE(view->sideTabs()->currentWidget(), results);
        QCOMPARE(view->sideTabs()->tabText(1), QStringLiteral("Review"));
        QVERIFY2(results->verdictBanner()->headline().contains(QStringLiteral("MISMATCH")),
                 qPrintable(results->verdictBanner()->headline()));
        QVERIFY(results->verdictBanner()->details().contains(QStringLiteral("branch_scripted.pt")));
        QVERIFY(report->search && report->search->found);
        const QString why = results->divergenceView()->text();
        QVERIFY2(why.contains(QStringLiteral("prim::If")) && why.contains(QStringLiteral("An if in one model only")),
                 qPrintable(why));
        QVERIFY(results->searchSummary()->text().contains(QStringLiteral("Counterexample")));

        // Pane B drew the scripted model; the if is marked there, and what only the trace runs in A.
        CompareGraphs* graphs = view->graphs();
        GraphPanel* paneA = graphs->pane(CompareGraphs::A);
        GraphPanel* paneB = graphs->pane(CompareGraphs::B);
        QVERIFY(waitForInlinedDrawing(paneA));
        QVERIFY(waitForInlinedDrawing(paneB));
        QVERIFY(GraphTest::countKind(*paneB->scene()->drawing()->graph, "prim::If") > 0);
        const ptscope::NodeComparison& nodes = *report->perNode;
        QVERIFY(!nodes.unalignedA.empty());
        for (const ptscope::NodeRef& ref : nodes.unalignedA) {
            const auto mark = markOf(paneA, ref.node);
            QVERIFY2(mark && mark->tag == QStringLiteral("only in A"), ref.kind.c_str());
        }
        const ptscope::StructuralCause& cause = nodes.causes.front();
        QCOMPARE(cause.b.kind, std::string("prim::If"));
        QTRY_VERIFY_WITH_TIMEOUT(markOf(paneB, cause.b.node).has_value(), TimeoutMs);
        QCOMPARE(markOf(paneB, cause.b.node)->tag, QStringLiteral("cause: if"));
        // The cause was focused on arrival: the if selected in B, its line in B's code view.
        QTRY_COMPARE_WITH_TIMEOUT(paneB->selectedNode(), cause.b.node, TimeoutMs);
        QTRY_COMPARE_WITH_TIMEOUT(graphs->codeView(CompareGraphs::B)->highlightedLine(), cause.b.source.line,
                                  TimeoutMs);

        // The counterexample goes to the Run tab, and runs there.
        SearchSummaryView* search = results->searchSummary();
        QVERIFY(search->runButton()->isEnabled());
        const QString counterexample = window.compareController()->counterexampleFile();
        QVERIFY(QFileInfo::exists(counterexample));
        QTest::mouseClick(search->runButton(), Qt::LeftButton);
        QCOMPARE(tabs->currentWidget(), window.runPanel());
        QCOMPARE(window.runPanel()->inputsFile(), counterexample);
        QCOMPARE(window.runPanel()->request().inputsFile, counterexample);
        QVERIFY(window.findChild<QDockWidget*>(QStringLiteral("modulesDock"))->isVisible());
        QSignalSpy ran(window.runController(), &RunController::runAvailable);
        QVERIFY(window.runPanel()->run());
        QTRY_COMPARE_WITH_TIMEOUT(ran.count(), 1, TimeoutMs);
    }

    void againstSavedOutputs()
    {
        // Outputs saved by a run of the same model on the same inputs: they match.
        QTemporaryDir folder;
        const QString saved = folder.filePath(QStringLiteral("outputs.pt"));
        const QString cli = qEnvironmentVariable("PTSCOPE_CLI", QStringLiteral(PTSCOPE_CLI_PATH));
        const QStringList specs = {QStringLiteral("float32[2,6]:randn"), QStringLiteral("float32[2,3]:randn"),
                                   QStringLiteral("float:0.5"), QStringLiteral("int:2")};
        QStringList args = {QStringLiteral("run"), UiTest::fixturePath(QStringLiteral("multi_io_scripted.pt"))};
        for (const QString& spec : specs)
            args << QStringLiteral("--input") << spec;
        QProcess run;
        run.start(cli, args << QStringLiteral("--save-outputs") << saved);
        QVERIFY(run.waitForFinished(TimeoutMs) && run.exitCode() == 0);

        MainWindow window;
        window.resize(1600, 1000);
        window.show();
        QVERIFY(openAndWaitForWorker(window, QStringLiteral("multi_io_scripted.pt")));
        window.compareWithReference(saved);
        CompareView* view = window.compareView();
        CompareSettingsBar* settings = view->settingsBar();
        QCOMPARE(settings->otherKind(), CompareSettingsBar::Other::Reference);
        QVERIFY(!settings->searchCheck()->isEnabled()); // saved outputs belong to their inputs
        QVERIFY(!settings->perNodeCheck()->isEnabled());
        auto* noGraph = view->findChild<QLabel*>(QStringLiteral("compareNoGraphB"));
        QVERIFY(noGraph->isVisible());
        QVERIFY2(noGraph->text().contains(QStringLiteral("no graph")), qPrintable(noGraph->text()));

        settings->setInputs(specs);
        QSignalSpy available(window.compareController(), &CompareController::comparisonAvailable);
        QTRY_VERIFY_WITH_TIMEOUT(settings->compareButton()->isEnabled(), TimeoutMs);
        QTest::mouseClick(settings->compareButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(available.count(), 1, TimeoutMs);
        CompareResultsPanel* results = view->results();
        QVERIFY2(results->verdictBanner()->headline().contains(QStringLiteral("MATCH")) &&
                     !results->verdictBanner()->headline().contains(QStringLiteral("MIS")),
                 qPrintable(results->verdictBanner()->details()));
        QVERIFY(results->verdictBanner()->details().contains(QStringLiteral("saved outputs outputs.pt")));
        QCOMPARE(results->outputsModel()->rowCount(), 2);
        QVERIFY(!results->searchSummary()->runButton()->isEnabled());
    }

    void selectingANodeSelectsItsPartner()
    {
        if (!QFileInfo::exists(UiTest::fixturePath(QStringLiteral("compare/dropout_train_traced.pt"))))
            QFAIL("The compare fixtures have not been made (tests/fixtures/make_compare_fixtures.py).");
        MainWindow window;
        window.resize(1600, 1000);
        window.show();
        const CompareReportPtr report =
            compareInWindow(window, QStringLiteral("compare/dropout_train_traced.pt"),
                            QStringLiteral("compare/dropout_train_scripted.pt"), QStringLiteral("float32[4,4]:randn"), false);
        QVERIFY(report && report->perNode && report->perNode->diverged);
        CompareGraphs* graphs = window.compareView()->graphs();
        GraphPanel* paneA = graphs->pane(CompareGraphs::A);
        GraphPanel* paneB = graphs->pane(CompareGraphs::B);
        QVERIFY(waitForInlinedDrawing(paneA));
        QVERIFY(waitForInlinedDrawing(paneB));
        const ptscope::NodeComparison& nodes = *report->perNode;
        QCOMPARE(markOf(paneA, nodes.divergentA.node)->tag, QStringLiteral("first divergent"));
        QCOMPARE(markOf(paneB, nodes.divergentB.node)->tag, QStringLiteral("first divergent"));
        QTRY_COMPARE_WITH_TIMEOUT(paneA->selectedNode(), nodes.divergentA.node, TimeoutMs);
        QTRY_COMPARE_WITH_TIMEOUT(paneB->selectedNode(), nodes.divergentB.node, TimeoutMs);
        QTRY_COMPARE_WITH_TIMEOUT(graphs->codeView(CompareGraphs::A)->highlightedLine(), nodes.divergentA.source.line,
                                  TimeoutMs);

        // Another aligned op: selecting it in A selects its partner in B (by kind and scope).
        QTRY_VERIFY_WITH_TIMEOUT(graphs->alignment().size() > 1, TimeoutMs);
        const ptscope::Graph& graphA = *paneA->scene()->drawing()->graph;
        int other = -1;
        for (size_t i = 0; i < graphA.nodes.size() && other < 0; ++i)
            if (int(i) != nodes.divergentA.node && graphs->alignment().partnerInB(int(i)) >= 0 &&
                graphA.nodes[i].kind.rfind("aten::", 0) == 0)
                other = int(i);
        QVERIFY(other >= 0);
        paneA->selectNode(other);
        const int partner = graphs->alignment().partnerInB(other);
        QCOMPARE(paneB->selectedNode(), partner);
        QCOMPARE(paneB->scene()->drawing()->graph->nodes[size_t(partner)].kind, graphA.nodes[size_t(other)].kind);

        // Synchronised navigation: zooming A zooms B.
        graphs->setSynchronized(true);
        paneA->canvas()->setZoom(0.5);
        QCOMPARE(paneB->canvas()->zoom(), paneA->canvas()->zoom());
        graphs->setSynchronized(false);
        paneA->canvas()->setZoom(0.8);
        QVERIFY(!qFuzzyCompare(paneB->canvas()->zoom(), 0.8));
    }
};

QTEST_MAIN(CompareWindowTest)
#include "comparewindowtest.moc"
