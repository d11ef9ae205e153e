#include "controllers/graphcontroller.h"

#include "controllers/modelcontroller.h"
#include "controllers/sourcecontroller.h"
#include "graphtestsupport.h"
#include "uitestsupport.h"
#include "worker/modelworker.h"
#include "worker/workerclient.h"

#include <QFile>
#include <QImage>
#include <QJsonObject>
#include <QSignalSpy>
#include <csignal>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

using ptscope::GraphVariant;
using ptscope::ViewItemKind;

class GraphControllerTest : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        UiTest::isolateSettings();
        m_resnet = GraphTest::open(QStringLiteral("resnet18_scripted.pt"));
        QVERIFY(m_resnet);
    }

    void firstViewIsSmallerThanExpanded()
    {
        GraphController controller(m_resnet->worker());
        QSignalSpy graphs(&controller, &GraphController::graphAvailable);
        QSignalSpy layouts(&controller, &GraphController::layoutAvailable);
        controller.setModel(m_resnet->modelInfo());
        QVERIFY(controller.isBusy());
        QVERIFY(GraphTest::waitUntilSettled(controller));
        QCOMPARE(graphs.count(), 1);
        QCOMPARE(layouts.count(), 1);
        const GraphDrawingPtr first = controller.drawing();
        QCOMPARE(first->graph->variant, GraphVariant::Inlined);
        QVERIFY(!first->options.collapsedScopes.empty());
        QCOMPARE(first->layout.items.size(), first->view.items.size());
        QVERIFY(first->layout.width > 0 && first->layout.height > 0);

        controller.expandAll();
        QVERIFY(GraphTest::waitUntilSettled(controller));
        const GraphDrawingPtr all = controller.drawing();
        QVERIFY(all->options.collapsedScopes.empty());
        QCOMPARE(GraphTest::countItems(all->view, ViewItemKind::Module), 0);
        QVERIFY2(
            first->view.items.size() < all->view.items.size(),
            qPrintable(QStringLiteral("%1 vs %2").arg(first->view.items.size()).arg(all->view.items.size())));
        // The same graph object: views never re-extract.
        QCOMPARE(all->graph, first->graph);

        controller.collapseToFirstView();
        QVERIFY(GraphTest::waitUntilSettled(controller));
        QCOMPARE(controller.drawing()->options.collapsedScopes, first->options.collapsedScopes);
    }

    void expandingABoxAddsItems()
    {
        GraphController controller(m_resnet->worker());
        controller.setModel(m_resnet->modelInfo());
        QVERIFY(GraphTest::waitUntilSettled(controller));
        const GraphDrawingPtr before = controller.drawing();
        const int box = GraphTest::firstModuleBox(before->view);
        QVERIFY(box >= 0);
        const std::string scope = before->view.items[box].scope;
        QVERIFY(before->options.collapsedScopes.count(scope));

        QSignalSpy layouts(&controller, &GraphController::layoutAvailable);
        controller.expandScope(scope);
        QCOMPARE(controller.requestedOptions().collapsedScopes.count(scope), size_t(0));
        QVERIFY(GraphTest::waitUntilSettled(controller));
        QCOMPARE(layouts.count(), 1);
        const GraphDrawingPtr after = controller.drawing();
        QVERIFY(after->view.items.size() > before->view.items.size());
        QCOMPARE(after->options.collapsedScopes.count(scope), size_t(0));
        for (const ptscope::ViewItem& item : after->view.items)
            QVERIFY(!(item.kind == ViewItemKind::Module && item.scope == scope));

        // Expanding what is not collapsed changes nothing and starts nothing.
        controller.expandScope(scope);
        QVERIFY(!controller.isBusy());
    }

    void collapsingLayer1LeavesOneBox()
    {
        GraphController controller(m_resnet->worker());
        controller.setModel(m_resnet->modelInfo());
        QVERIFY(GraphTest::waitUntilSettled(controller));
        controller.expandAll();
        QVERIFY(GraphTest::waitUntilSettled(controller));
        QVERIFY(GraphTest::countItemsUnder(controller.drawing()->view, ViewItemKind::Op, "layer1") > 0);

        controller.collapseScope("layer1");
        QVERIFY(GraphTest::waitUntilSettled(controller));
        const ptscope::GraphView& view = controller.drawing()->view;
        QCOMPARE(GraphTest::countItemsUnder(view, ViewItemKind::Op, "layer1"), 0);
        QCOMPARE(GraphTest::countItemsUnder(view, ViewItemKind::Module, "layer1"), 1);
        const auto box =
            std::find_if(view.items.begin(), view.items.end(),
                         [](const ptscope::ViewItem& item) { return item.kind == ViewItemKind::Module; });
        QCOMPARE(box->scope, std::string("layer1"));
        QVERIFY(box->memberCount > 0);
        QCOMPARE(controller.drawing()->options.collapsedScopes, std::set<std::string>{"layer1"});
    }

    void showConstantsDrawsMore()
    {
        GraphController controller(m_resnet->worker());
        controller.setModel(m_resnet->modelInfo());
        QVERIFY(GraphTest::waitUntilSettled(controller));
        const size_t without = controller.drawing()->view.items.size();
        controller.expandAll();
        controller.setShowConstants(true); // starts from the view asked for last, not the one shown
        QVERIFY(GraphTest::waitUntilSettled(controller));
        QVERIFY(controller.drawing()->options.showConstants);
        QVERIFY(controller.drawing()->options.collapsedScopes.empty());
        QVERIFY(controller.drawing()->view.items.size() > without);
    }

    void frozenHasFewerNodesAndNoBatchNorm()
    {
        GraphController controller(m_resnet->worker());
        controller.setModel(m_resnet->modelInfo());
        QVERIFY(GraphTest::waitUntilSettled(controller));
        const GraphPtr inlined = controller.drawing()->graph;
        QVERIFY(GraphTest::countKind(*inlined, "aten::batch_norm") > 0);

        QSignalSpy graphs(&controller, &GraphController::graphAvailable);
        controller.startExtract(GraphVariant::Frozen);
        QVERIFY(GraphTest::waitUntilSettled(controller));
        QCOMPARE(graphs.count(), 1);
        const GraphVariantPtr frozen = graphs.first().first().value<GraphVariantPtr>();
        QCOMPARE(frozen->graph->variant, GraphVariant::Frozen);
        QCOMPARE(controller.variant(), GraphVariant::Frozen);
        QCOMPARE(controller.drawing()->graph, frozen->graph);
        QVERIFY(frozen->graph->nodes.size() < inlined->nodes.size());
        QCOMPARE(GraphTest::countKind(*frozen->graph, "aten::batch_norm"), 0);
        QVERIFY(frozen->summary.nodes < frozen->summary.inlinedNodes);
        QVERIFY(!frozen->summary.kindChanges.empty());

        // Back to inlined: kept from before, so no job at all.
        graphs.clear();
        controller.startExtract(GraphVariant::Inlined);
        QVERIFY(!controller.isBusy());
        QCOMPARE(graphs.count(), 1);
        QCOMPARE(controller.drawing()->graph, inlined);
        controller.startExtract(GraphVariant::Inlined); // the one shown: nothing to do
        QCOMPARE(graphs.count(), 1);
    }

    void cancelKeepsTheDrawing()
    {
        GraphController controller(m_resnet->worker());
        controller.setModel(m_resnet->modelInfo());
        QVERIFY(GraphTest::waitUntilSettled(controller));
        const GraphDrawingPtr shown = controller.drawing();
        QSignalSpy layouts(&controller, &GraphController::layoutAvailable);
        QSignalSpy cancelled(&controller, &GraphController::cancelled);
        QSignalSpy busy(&controller, &GraphController::busyChanged);
        controller.expandAll();
        QVERIFY(controller.isLayingOut());
        controller.cancel();
        QCOMPARE(cancelled.count(), 1);
        QVERIFY(!controller.isBusy());
        QTest::qWait(3000); // the worker lays it out all the same; its result must be dropped
        UiTest::drainJobs();
        QCOMPARE(layouts.count(), 0);
        QCOMPARE(controller.drawing(), shown);
        QCOMPARE(controller.requestedOptions().collapsedScopes, shown->options.collapsedScopes);
        QCOMPARE(busy.count(), 2);
        QCOMPARE(busy.last().first().toBool(), false);
    }

    void aNewerViewReplacesTheLayoutInTheWorker()
    {
        GraphController controller(m_resnet->worker());
        controller.setModel(m_resnet->modelInfo());
        QVERIFY(GraphTest::waitUntilSettled(controller));
        QSignalSpy layouts(&controller, &GraphController::layoutAvailable);
        QSignalSpy failed(&controller, &GraphController::failed);
        QSignalSpy replies(m_resnet->worker(), &ModelWorker::queryFinished);
        // The first is cancelled in the worker (or, when it finished first, dropped): either way
        // only the newest view is drawn, and nothing is reported as failed.
        controller.expandAll();
        controller.setShowConstants(true);
        QVERIFY(GraphTest::waitUntilSettled(controller));
        QCOMPARE(failed.count(), 0);
        QCOMPARE(layouts.count(), 1);
        QVERIFY(controller.drawing()->options.showConstants);
        QVERIFY(controller.drawing()->options.collapsedScopes.empty());
        for (const QList<QVariant>& reply : replies) {
            const QJsonObject object = reply.at(1).toJsonObject();
            if (!object.value(QStringLiteral("ok")).toBool())
                QCOMPARE(object.value(QStringLiteral("error")).toObject().value(QStringLiteral("kind")).toString(),
                         QStringLiteral("cancelled"));
        }
        // The pieces of the expanded view were laid out for the first request or this one, and
        // the status says how many Graphviz laid out this time.
        QVERIFY(controller.drawing()->layout.pieces > 100);
    }

    void aWorkerThatDiesInALayoutFailsOnlyThatLayout()
    {
        GraphController controller(m_resnet->worker());
        controller.setModel(m_resnet->modelInfo());
        QVERIFY(GraphTest::waitUntilSettled(controller));
        const GraphDrawingPtr shown = controller.drawing();
        QSignalSpy failed(&controller, &GraphController::failed);
        controller.expandAll();
        QVERIFY(controller.isLayingOut());
        // What a Graphviz crash looks like from the window.
        ::kill(pid_t(m_resnet->worker()->client()->processId()), SIGSEGV);
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, GraphTest::TimeoutMs);
        QVERIFY2(failed.first().first().toString().contains(QStringLiteral("crashed")),
                 qPrintable(failed.first().first().toString()));
        QVERIFY(!controller.isBusy());
        QCOMPARE(controller.drawing(), shown);
        // A new worker has the model open again, and the same request now works.
        QTRY_COMPARE_WITH_TIMEOUT(m_resnet->worker()->state(), ModelWorker::State::Ready, GraphTest::TimeoutMs);
        controller.expandAll();
        QVERIFY(GraphTest::waitUntilSettled(controller));
        QVERIFY(controller.drawing()->view.items.size() > shown->view.items.size());
    }

    void exportsDotSvgAndPng()
    {
        GraphController controller(m_resnet->worker());
        controller.setModel(m_resnet->modelInfo());
        QVERIFY(GraphTest::waitUntilSettled(controller));
        QTemporaryDir dir;
        QSignalSpy exported(&controller, &GraphController::exported);
        QSignalSpy failed(&controller, &GraphController::failed);
        for (const QString& format : {QStringLiteral("dot"), QStringLiteral("svg"), QStringLiteral("png")}) {
            const QString path = dir.filePath(QStringLiteral("graph.") + format);
            controller.startExport(format, path);
            QTRY_COMPARE_WITH_TIMEOUT(exported.count() + failed.count(), 1, GraphTest::TimeoutMs);
            QCOMPARE(failed.count(), 0);
            QCOMPARE(exported.takeFirst().first().toString(), path);
            QVERIFY(QFileInfo(path).size() > 0);
        }
        QFile dot(dir.filePath(QStringLiteral("graph.dot")));
        QVERIFY(dot.open(QIODevice::ReadOnly));
        const QByteArray dotText = dot.readAll();
        QVERIFY(dotText.startsWith("digraph"));
        // The collapsed state is respected: the first view's module boxes are in it.
        QVERIFY(dotText.contains("box3d"));

        QFile svg(dir.filePath(QStringLiteral("graph.svg")));
        QVERIFY(svg.open(QIODevice::ReadOnly));
        QXmlStreamReader xml(&svg);
        int elements = 0;
        while (!xml.atEnd())
            elements += xml.readNext() == QXmlStreamReader::StartElement;
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QVERIFY(elements > 10);

        QImage png(dir.filePath(QStringLiteral("graph.png")));
        QVERIFY(!png.isNull());
        QVERIFY(png.width() > 10 && png.height() > 10);
    }

    void exportFailureWritesNothing()
    {
        GraphController controller(m_resnet->worker());
        controller.setModel(m_resnet->modelInfo());
        QVERIFY(GraphTest::waitUntilSettled(controller));
        QSignalSpy failed(&controller, &GraphController::failed);
        const QString path = QStringLiteral("/nonexistent-folder/graph.svg");
        controller.startExport(QStringLiteral("svg"), path);
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, GraphTest::TimeoutMs);
        QVERIFY(!failed.first().first().toString().isEmpty());
        QVERIFY(!QFileInfo::exists(path));
    }

    void modelWithoutForwardIsUnavailable()
    {
        const auto lstm = GraphTest::open(QStringLiteral("lstm_scripted.pt"));
        QVERIFY(lstm);
        GraphController controller(lstm->worker());
        QSignalSpy unavailable(&controller, &GraphController::unavailable);
        controller.setModel(lstm->modelInfo());
        QCOMPARE(unavailable.count(), 1);
        QVERIFY(unavailable.first().first().toString().contains(QStringLiteral("no forward")));
        QVERIFY(!controller.isBusy());
        QVERIFY(!controller.drawing());
        controller.startExtract(GraphVariant::Frozen); // nothing to extract from
        QVERIFY(!controller.isBusy());
    }

    void sourceControllerReadsArchiveCode()
    {
        SourceController sources(m_resnet->worker());
        QSignalSpy available(&sources, &SourceController::sourceAvailable);
        QSignalSpy failed(&sources, &SourceController::failed);
        const QString file = QStringLiteral("code/__torch__/torch/nn/modules/conv.py");
        sources.startShow(file, 3);
        QTRY_COMPARE_WITH_TIMEOUT(available.count(), 1, GraphTest::TimeoutMs);
        QCOMPARE(available.first().at(0).toString(), file);
        QVERIFY(available.first().at(1).toString().contains(QStringLiteral("conv2d")));
        QCOMPARE(available.first().at(2).toInt(), 3);
        sources.startShow(file, 5); // read once: answered at once
        QCOMPARE(available.count(), 2);

        sources.startShow(QStringLiteral("code/no/such/file.py"), 1);
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, GraphTest::TimeoutMs);
    }

private:
    std::unique_ptr<UiTest::OpenedModel> m_resnet;
};

QTEST_MAIN(GraphControllerTest)
#include "graphcontrollertest.moc"
