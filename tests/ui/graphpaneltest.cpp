#include "graph/graphpanel.h"

#include "controllers/graphcontroller.h"
#include "controllers/modelcontroller.h"
#include "graph/graphboxitem.h"
#include "graph/graphcanvas.h"
#include "graph/graphclusteritem.h"
#include "graph/nodeinspector.h"
#include "graphtestsupport.h"
#include "models/nodeinspectormodel.h"
#include "uitestsupport.h"

#include <QAction>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QWheelEvent>

using ptscope::ViewItemKind;

namespace {

// One window per test: a panel on a controller, shown, with a model's first view laid out.
struct Fixture
{
    explicit Fixture(const UiTest::OpenedModel& model) : model(model) {}
    const UiTest::OpenedModel& model;
    GraphController controller{model.worker()};
    GraphPanel panel{&controller};

    bool open()
    {
        panel.resize(1000, 760);
        panel.show();
        panel.activateWindow(); // for the tab's shortcuts (F3, Ctrl++)
        if (!QTest::qWaitForWindowActive(&panel))
            return false;
        panel.setModel(model.modelInfo());
        return GraphTest::waitUntilSettled(controller);
    }
    const ptscope::GraphView& view() const { return panel.scene()->drawing()->view; }
    QPoint viewportPosOf(const QPointF& scenePos) const { return panel.canvas()->mapFromScene(scenePos); }
    void click(const QPointF& scenePos)
    {
        QTest::mouseClick(panel.canvas()->viewport(), Qt::LeftButton, {}, viewportPosOf(scenePos));
    }
};

QPointF topCentre(const QRectF& rect)
{
    return {rect.center().x(), rect.top()};
}

} // namespace

class GraphPanelTest : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        UiTest::isolateSettings();
        m_resnet = GraphTest::open(QStringLiteral("resnet18_scripted.pt"));
        m_simplenet = GraphTest::open(QStringLiteral("simplenet_scripted.pt"));
        QVERIFY(m_resnet && m_simplenet);
    }

    void drawsTheFirstView()
    {
        Fixture f(*m_resnet);
        QVERIFY(f.open());
        QVERIFY(f.panel.isShowingGraph());
        const ptscope::GraphView& view = f.view();
        QCOMPARE(f.panel.scene()->boxCount(), int(view.items.size()));
        QCOMPARE(f.panel.scene()->clusterCount(), int(view.clusters.size()));
        for (size_t i = 0; i < view.items.size(); ++i) {
            const GraphBoxItem* box = f.panel.scene()->box(int(i));
            QVERIFY(box);
            QCOMPARE(box->kind(), view.items[i].kind);
            QVERIFY(box->boxRect().width() > 0);
        }
        QVERIFY(!f.panel.canvas()->isDimmed());
        // Readable from the start: the inputs at the top, at a zoom where labels are drawn.
        QVERIFY(f.panel.canvas()->zoom() >= 0.5);
        const QRectF input = f.panel.scene()->boxRect(0);
        QVERIFY(f.panel.canvas()->visibleSceneRect().contains(input.center()));
        QVERIFY(f.panel.message().contains(QStringLiteral("laid out")));
    }

    void clickingAModuleBoxExpandsItInPlace()
    {
        Fixture f(*m_resnet);
        QVERIFY(f.open());
        const int box = GraphTest::firstModuleBox(f.view());
        const std::string scope = f.view().items[box].scope;
        const QRectF rect = f.panel.scene()->boxRect(box);
        f.panel.canvas()->centerOn(rect.center());
        const QPoint before = f.viewportPosOf(topCentre(rect));
        const QSizeF window = f.panel.canvas()->visibleSceneRect().size();
        const int items = int(f.view().items.size());

        f.click(rect.center());
        QVERIFY(f.controller.isLayingOut());
        QVERIFY(f.panel.canvas()->isDimmed()); // the old drawing stays, washed out
        QVERIFY(GraphTest::waitUntilSettled(f.controller));
        QVERIFY(!f.panel.canvas()->isDimmed());
        QVERIFY(int(f.view().items.size()) > items);
        QCOMPARE(f.controller.drawing()->options.collapsedScopes.count(scope), size_t(0));
        const int cluster = f.panel.scene()->clusterOfScope(scope);
        QVERIFY(cluster >= 0);
        // The cluster opens where the box was, in the picture and on screen; one that opened
        // bigger than the window is shown whole instead (as far as its labels stay readable).
        const QRectF frame = f.panel.scene()->clusterRect(cluster);
        QCOMPARE(topCentre(frame).y(), topCentre(rect).y());
        const QRectF visible = f.panel.canvas()->visibleSceneRect();
        if (frame.width() <= window.width() && frame.height() <= window.height()) {
            const QPoint after = f.viewportPosOf(topCentre(frame));
            QVERIFY2((after - before).manhattanLength() <= 3, qPrintable(QStringLiteral("(%1,%2) -> (%3,%4)")
                                                                             .arg(before.x())
                                                                             .arg(before.y())
                                                                             .arg(after.x())
                                                                             .arg(after.y())));
        } else {
            QVERIFY(visible.contains(frame.center()));
            QVERIFY(visible.contains(topCentre(frame)) || f.panel.canvas()->zoom() <= 0.5 + 1e-9);
        }

        // A click on its header collapses it again.
        f.click(frame.topLeft() + QPointF(12, 6));
        QVERIFY(GraphTest::waitUntilSettled(f.controller));
        QCOMPARE(f.controller.drawing()->options.collapsedScopes.count(scope), size_t(1));
        const int again = f.panel.scene()->boxOfScope(scope);
        QVERIFY(again >= 0);
        QCOMPARE(f.view().items[again].scope, scope);
    }

    void clickingAnOpSelectsAndInspectsIt()
    {
        Fixture f(*m_simplenet);
        QVERIFY(f.open());
        QSignalSpy modules(&f.panel, &GraphPanel::moduleSelected);
        QSignalSpy sources(&f.panel, &GraphPanel::sourceSelected);
        const ptscope::Graph& graph = *f.controller.drawing()->graph;
        int linear = -1;
        for (size_t i = 0; i < f.view().items.size(); ++i)
            if (f.view().items[i].kind == ViewItemKind::Op &&
                graph.nodes[f.view().items[i].node].kind == "aten::linear")
                linear = int(i);
        QVERIFY(linear >= 0);
        f.click(f.panel.scene()->boxRect(linear).center());
        QCOMPARE(f.panel.scene()->selectedBox(), linear);
        QCOMPARE(f.panel.selectedNode(), f.view().items[linear].node);
        QCOMPARE(modules.count(), 1);
        const QString module = modules.first().first().toString();
        QVERIFY2(module == QStringLiteral("fc1") || module == QStringLiteral("fc2"), qPrintable(module));
        QCOMPARE(sources.count(), 1);
        // fc2's class is a mangled copy of Linear: linear/___torch_mangle_0.py.
        QVERIFY(sources.first().first().toString().startsWith(
            QStringLiteral("code/__torch__/torch/nn/modules/linear")));
        QVERIFY(f.panel.inspector()->headerText().contains(QStringLiteral("aten::linear")));
        QVERIFY(f.panel.inspector()->model()->rowCount() > 0);

        // A click on empty space clears the selection.
        f.click(f.panel.scene()->sceneRect().topLeft() + QPointF(2, 2));
        QCOMPARE(f.panel.scene()->selectedBox(), -1);
        QCOMPARE(f.panel.inspector()->model()->rowCount(), 0);
    }

    void searchCyclesThroughConvolutions()
    {
        Fixture f(*m_resnet);
        QVERIFY(f.open());
        f.controller.expandAll();
        QVERIFY(GraphTest::waitUntilSettled(f.controller));
        const int convs = GraphTest::countKind(*f.controller.drawing()->graph, "aten::conv2d");
        auto* edit = f.panel.findChild<QLineEdit*>(QStringLiteral("graphSearch"));
        auto* count = f.panel.findChild<QLabel*>(QStringLiteral("graphSearchCount"));
        QVERIFY(edit && count);
        edit->setFocus();
        QTest::keyClicks(edit, QStringLiteral("conv2d"));
        QCOMPARE(f.panel.search().hits().size(), convs);
        QCOMPARE(count->text(), QStringLiteral("%1 hits").arg(convs));

        QTest::keyClick(edit, Qt::Key_Return);
        const int first = f.panel.search().hits().first();
        QCOMPARE(f.panel.selectedNode(), first);
        QCOMPARE(count->text(), QStringLiteral("1 of %1").arg(convs));
        const QRectF box = f.panel.scene()->boxRect(f.view().itemOfNode[first]);
        QVERIFY(f.panel.canvas()->visibleSceneRect().contains(box.center()));
        QTest::keyClick(edit, Qt::Key_Return);
        QCOMPARE(f.panel.selectedNode(), f.panel.search().hits().at(1));
        QTest::keyClick(edit, Qt::Key_Return, Qt::ShiftModifier);
        QTest::keyClick(edit, Qt::Key_Return, Qt::ShiftModifier); // wraps to the last
        QCOMPARE(f.panel.selectedNode(), f.panel.search().hits().last());
        QCOMPARE(count->text(), QStringLiteral("%1 of %1").arg(convs));
        QTest::keyClick(edit, Qt::Key_F3);
        QCOMPARE(f.panel.selectedNode(), first);
        const GraphBoxItem* selected = f.panel.scene()->box(f.panel.scene()->selectedBox());
        QVERIFY(selected->isSelectedBox() && selected->isHit());
    }

    void hitsInCollapsedModulesCanBeRevealed()
    {
        Fixture f(*m_resnet);
        QVERIFY(f.open());
        // The first view collapses batch norms: each hit lands on a module's box.
        f.panel.setSearch(QStringLiteral("aten::batch_norm"));
        QVERIFY(!f.panel.search().hits().isEmpty());
        const int node = f.panel.nextHit();
        const int box = f.view().itemOfNode[node];
        QCOMPARE(f.view().items[box].kind, ViewItemKind::Module);
        QCOMPARE(f.panel.scene()->selectedBox(), box);
        QVERIFY(f.panel.message().contains(QStringLiteral("collapsed module")));
        QVERIFY(f.panel.inspector()->headerText().contains(QStringLiteral("aten::batch_norm")));

        f.panel.revealSelectedNode();
        QVERIFY(GraphTest::waitUntilSettled(f.controller));
        const int item = f.view().itemOfNode[node];
        QCOMPARE(f.view().items[item].kind, ViewItemKind::Op);
        QCOMPARE(f.panel.scene()->selectedBox(), item);
        QCOMPARE(f.panel.search().currentNode(), node);
    }

    void focusingAModuleCentresItsCluster()
    {
        Fixture f(*m_resnet);
        QVERIFY(f.open());
        QVERIFY(f.panel.focusModule(QStringLiteral("layer2")));
        const int cluster = f.panel.scene()->selectedCluster();
        QVERIFY(cluster >= 0);
        QCOMPARE(f.view().clusters[cluster].scope, std::string("layer2"));
        QVERIFY(f.panel.scene()->cluster(cluster)->isSelectedCluster());
        const QRectF frame = f.panel.scene()->clusterRect(cluster);
        QVERIFY(f.panel.canvas()->visibleSceneRect().contains(frame.center()));

        // A module inside a collapsed one: its box is selected, and the panel says so.
        const std::string collapsed = *f.controller.drawing()->options.collapsedScopes.begin();
        QVERIFY(f.panel.focusModule(QString::fromStdString(collapsed)));
        QCOMPARE(f.view().items[f.panel.scene()->selectedBox()].scope, collapsed);
        QVERIFY(!f.panel.focusModule(QStringLiteral("no.such.module")));
    }

    void zoomStaysUnderTheMouse()
    {
        Fixture f(*m_resnet);
        QVERIFY(f.open());
        GraphCanvas* canvas = f.panel.canvas();
        const QPoint mouse(canvas->viewport()->width() / 3, canvas->viewport()->height() / 3);
        const QPointF under = canvas->mapToScene(mouse);
        const qreal zoom = canvas->zoom();
        QWheelEvent wheel(mouse, canvas->viewport()->mapToGlobal(mouse), {}, QPoint(0, 240), Qt::NoButton,
                          Qt::NoModifier, Qt::NoScrollPhase, false);
        QCoreApplication::sendEvent(canvas->viewport(), &wheel);
        QVERIFY(canvas->zoom() > zoom);
        QVERIFY(QLineF(canvas->mapToScene(mouse), under).length() < 2 / canvas->zoom());

        QTest::keyClick(canvas, Qt::Key_F);
        QVERIFY(canvas->visibleSceneRect().adjusted(-1, -1, 1, 1).contains(f.panel.scene()->sceneRect()));
        const qreal fitted = canvas->zoom();
        QTest::keyClick(canvas, Qt::Key_Plus, Qt::ControlModifier);
        QVERIFY(canvas->zoom() > fitted);
    }

    void switchesVariantFromTheToolbar()
    {
        Fixture f(*m_resnet);
        QVERIFY(f.open());
        auto* frozen = f.panel.findChild<QAction*>(QStringLiteral("variant-frozen"));
        QVERIFY(frozen);
        frozen->trigger();
        QVERIFY(GraphTest::waitUntilSettled(f.controller));
        QCOMPARE(f.controller.drawing()->graph->variant, ptscope::GraphVariant::Frozen);
        QVERIFY(frozen->isChecked());
        auto* nodes = f.panel.findChild<QLabel*>(QStringLiteral("graphNodeCount"));
        QVERIFY2(nodes->text().contains(QStringLiteral("(−")), qPrintable(nodes->text()));
        auto* summary = f.panel.findChild<QLabel*>(QStringLiteral("variantSummary"));
        QVERIFY(summary->isVisible());
        QVERIFY(summary->text().startsWith(QStringLiteral("Frozen")));
    }

    void exportsFromThePanel()
    {
        Fixture f(*m_simplenet);
        QVERIFY(f.open());
        QTemporaryDir dir;
        QSignalSpy exported(&f.controller, &GraphController::exported);
        const QString path = dir.filePath(QStringLiteral("simplenet.dot"));
        f.panel.exportTo(QStringLiteral("dot"), path);
        QTRY_COMPARE_WITH_TIMEOUT(exported.count(), 1, GraphTest::TimeoutMs);
        QVERIFY(QFileInfo(path).size() > 0);
        QVERIFY(f.panel.message().contains(QStringLiteral("Saved")));

        // Never onto the model file itself.
        const QString model = UiTest::fixturePath(QStringLiteral("simplenet_scripted.pt"));
        const qint64 size = QFileInfo(model).size();
        f.panel.exportTo(QStringLiteral("dot"), model);
        UiTest::drainJobs();
        QCOMPARE(exported.count(), 1);
        QCOMPARE(QFileInfo(model).size(), size);
    }

    void modelWithoutForwardShowsWhy()
    {
        const auto lstm = GraphTest::open(QStringLiteral("lstm_scripted.pt"));
        QVERIFY(lstm);
        GraphController controller(lstm->worker());
        GraphPanel panel(&controller);
        panel.show();
        panel.setModel(lstm->modelInfo());
        QVERIFY(!panel.isShowingGraph());
        QVERIFY(panel.unavailableMessage().contains(QStringLiteral("no forward method")));
        QVERIFY(panel.unavailableMessage().contains(QStringLiteral("forward__0")));

        // The next model with a forward (opened in the same worker) gets its graph back.
        QVERIFY(lstm->open(QStringLiteral("simplenet_scripted.pt")));
        panel.setModel(lstm->modelInfo());
        QVERIFY(GraphTest::waitUntilSettled(controller));
        QVERIFY(panel.isShowingGraph());
    }

private:
    std::unique_ptr<UiTest::OpenedModel> m_resnet;
    std::unique_ptr<UiTest::OpenedModel> m_simplenet;
};

QTEST_MAIN(GraphPanelTest)
#include "graphpaneltest.moc"
