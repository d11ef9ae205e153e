// The Profile tab in the window: it profiles the Run tab's inputs in the model's worker, puts its
// heat map on the Graph tab (switching to the variant it ran), and shares one node selection
// with the graph.

#include "controllers/graphcontroller.h"
#include "controllers/modelcontroller.h"
#include "controllers/profilecontroller.h"
#include "controllers/runcontroller.h"
#include "graph/graphboxitem.h"
#include "graph/graphclusteritem.h"
#include "graph/graphheat.h"
#include "graph/graphlegend.h"
#include "graph/graphpanel.h"
#include "graph/graphscene.h"
#include "graph/graphstyle.h"
#include "graphtestsupport.h"
#include "profile/profilecontrols.h"
#include "profile/profilenodesmodel.h"
#include "profile/profilepanel.h"
#include "recentfiles.h"
#include "run/inputsmodel.h"
#include "run/runpanel.h"
#include "uitestsupport.h"
#include "widgets/mainwindow.h"

#include <QComboBox>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableView>
#include <QTest>

namespace {

constexpr int TimeoutMs = 180000;

bool openAndWaitForWorker(MainWindow& window, const QString& fixture)
{
    // The worker has the model open first; the window has its facts a moment later.
    QSignalSpy ready(window.runController(), &RunController::modelReady);
    QSignalSpy available(window.modelController(), &ModelController::modelAvailable);
    window.openFile(UiTest::fixturePath(fixture));
    return QTest::qWaitFor([&]() { return !ready.isEmpty() && !available.isEmpty(); }, TimeoutMs);
}

// Sets the Run tab's inputs and the Profile tab's settings, clicks Profile and waits.
ProfileResultPtr profileInWindow(MainWindow& window, const QStringList& specs, const QString& variant = {})
{
    for (int i = 0; i < specs.size(); ++i)
        window.runPanel()->inputsModel()->setSpec(i, specs[i]);
    ProfilePanel* panel = window.profilePanel();
    window.showTab(QStringLiteral("profilePanel"));
    panel->findChild<QSpinBox*>(QStringLiteral("profileRuns"))->setValue(3);
    panel->findChild<QSpinBox*>(QStringLiteral("profileWarmup"))->setValue(1);
    if (!variant.isEmpty()) {
        auto* variants = panel->findChild<QComboBox*>(QStringLiteral("profileVariant"));
        variants->setCurrentIndex(variants->findData(variant));
    }
    QSignalSpy available(window.profileController(), &ProfileController::profileAvailable);
    QSignalSpy failed(window.profileController(), &ProfileController::failed);
    QTest::mouseClick(panel->findChild<QPushButton*>(QStringLiteral("profileButton")), Qt::LeftButton);
    QTest::qWaitFor([&]() { return !available.isEmpty() || !failed.isEmpty(); }, TimeoutMs);
    if (!failed.isEmpty())
        qWarning("%s", qPrintable(failed.first().first().toString()));
    return available.isEmpty() ? nullptr : available.first().first().value<ProfileResultPtr>();
}

const ptscope::NodeProfile* hottestLeaf(const ptscope::ProfileResult& r)
{
    const ptscope::NodeProfile* best = nullptr;
    for (const ptscope::NodeProfile& n : r.nodes)
        if (!n.control && (!best || n.ms.median > best->ms.median))
            best = &n;
    return best;
}

} // namespace

class ProfileWindowTest : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { UiTest::isolateSettings(); }
    void cleanupTestCase() { RecentFiles::clear(); }

    void heatRampRunsFromPaleToDark()
    {
        double lightness = 2;
        for (double heat : {0.0, 0.25, 0.5, 0.75, 1.0}) {
            const double l = GraphHeat::colorOf(heat).lightnessF();
            QVERIFY2(l < lightness, qPrintable(QString::number(heat)));
            lightness = l;
        }
        QCOMPARE(GraphHeat::colorOf(-1), GraphHeat::colorOf(0));
        QCOMPARE(GraphHeat::colorOf(7), GraphHeat::colorOf(1));
    }

    void profilesTheRunTabsInputsAndShowsThemOnTheGraph()
    {
        MainWindow window;
        window.resize(1400, 900);
        window.show();
        QVERIFY(openAndWaitForWorker(window, QStringLiteral("resnet18_scripted.pt")));
        GraphPanel* graph = window.graphPanel();
        QVERIFY(GraphTest::waitUntilSettled(*graph->controller()));
        QVERIFY(!graph->isHeatMapOn());

        const ProfileResultPtr result = profileInWindow(window, {QStringLiteral("float32[1,3,64,64]:randn")});
        QVERIFY(result);
        QCOMPARE(window.profilePanel()->result(), result);
        QCOMPARE(result->inputs.front().shape, (std::vector<int64_t>{1, 3, 64, 64}));
        const QString inputs = window.profilePanel()->findChild<QLabel*>(QStringLiteral("profileInputs"))->text();
        QVERIFY2(inputs.contains(QStringLiteral("float32[1,3,64,64]:randn")), qPrintable(inputs));

        // Show on Graph: the heat map on the graph tab.
        QTest::mouseClick(window.profilePanel()->showOnGraphButton(), Qt::LeftButton);
        auto* tabs = window.findChild<QTabWidget*>(QStringLiteral("centralTabs"));
        QCOMPARE(tabs->currentWidget(), graph);
        QVERIFY(graph->isHeatMapOn());
        QVERIFY(graph->showsProfiledVariant());
        GraphScene* scene = graph->scene();
        const ptscope::GraphView& view = scene->drawing()->view;
        const ptscope::NodeProfile* hottest = hottestLeaf(*result);
        int marked = 0;
        int modules = 0;
        for (int i = 0; i < scene->boxCount(); ++i) {
            const ptscope::ViewItem& item = view.items[size_t(i)];
            const std::optional<HeatMark>& mark = scene->box(i)->heat();
            if (item.kind == ptscope::ViewItemKind::Op) {
                QVERIFY2(mark.has_value(), qPrintable(QString::fromStdString(item.label)));
                ++marked;
                if (item.node == hottest->id)
                    QCOMPARE(mark->fill, GraphHeat::colorOf(1.0));
            } else if (item.kind == ptscope::ViewItemKind::Module) {
                QVERIFY(mark.has_value());
                QVERIFY2(mark->text.contains(QStringLiteral("ms")) || mark->text.contains(QStringLiteral("µs")),
                         qPrintable(mark->text));
                ++modules;
            }
        }
        QVERIFY(marked > 0);
        QVERIFY(modules >= 4); // resnet18's first view: layer1..layer4 collapsed
        QVERIFY(graph->findChild<GraphLegend*>()->showsHeatScale());
        // The edges carry the shapes the run produced: conv1's output at 64x64 is 1x64x32x32.
        QVERIFY2(scene->edgeRunLabels().contains(QStringLiteral("1×64×32×32")),
                 qPrintable(scene->edgeRunLabels().join(QLatin1Char(' '))));
        // Off again: the category colours come back.
        graph->findChild<QAction*>(QStringLiteral("graphHeatAction"))->setChecked(false);
        for (int i = 0; i < scene->boxCount(); ++i)
            QVERIFY(!scene->box(i)->heat().has_value());
        QVERIFY(!graph->findChild<GraphLegend*>()->showsHeatScale());
        for (const QString& label : scene->edgeRunLabels())
            QVERIFY(label.isEmpty());

        // One selection: a row chosen in the profile table selects its node on the graph...
        ProfilePanel* profile = window.profilePanel();
        QTableView* table = profile->nodesView();
        const QModelIndex first = table->model()->index(0, ProfileNodesModel::Kind);
        const int id = first.data(ProfileNodesModel::NodeIdRole).toInt();
        table->selectionModel()->setCurrentIndex(first, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        QCOMPARE(profile->selectedNode(), id);
        QCOMPARE(graph->selectedNode(), id);
        // ...and a node selected on the graph is selected in the profile.
        const int conv = GraphTest::firstNodeOfKind(*scene->drawing()->graph, "aten::conv2d");
        graph->selectNode(conv);
        QCOMPARE(profile->selectedNode(), conv);
    }

    void showOnGraphSwitchesToTheProfiledVariant()
    {
        MainWindow window;
        window.resize(1400, 900);
        window.show();
        QVERIFY(openAndWaitForWorker(window, QStringLiteral("resnet18_scripted.pt")));
        GraphPanel* graph = window.graphPanel();
        QVERIFY(GraphTest::waitUntilSettled(*graph->controller()));
        const ProfileResultPtr result =
            profileInWindow(window, {QStringLiteral("float32[1,3,64,64]")}, QStringLiteral("frozen"));
        QVERIFY(result);
        QCOMPARE(result->variant, std::string("frozen"));
        QVERIFY(!graph->showsProfiledVariant()); // the graph still shows the inlined graph
        QTest::mouseClick(window.profilePanel()->showOnGraphButton(), Qt::LeftButton);
        QVERIFY(GraphTest::waitUntilSettled(*graph->controller()));
        QTRY_COMPARE_WITH_TIMEOUT(graph->controller()->variant(), ptscope::GraphVariant::Frozen, TimeoutMs);
        QVERIFY(GraphTest::waitUntilSettled(*graph->controller()));
        QVERIFY(graph->showsProfiledVariant());
        GraphScene* scene = graph->scene();
        QCOMPARE(scene->drawing()->graph->variant, ptscope::GraphVariant::Frozen);
        int marked = 0;
        for (int i = 0; i < scene->boxCount(); ++i)
            if (scene->box(i)->heat())
                ++marked;
        QVERIFY(marked > 0);
        // A new model forgets the profile and its heat map.
        QVERIFY(openAndWaitForWorker(window, QStringLiteral("simplenet_scripted.pt")));
        QVERIFY(!window.profilePanel()->result());
        QVERIFY(!graph->isHeatMapOn());
    }
};

QTEST_MAIN(ProfileWindowTest)
#include "profilewindowtest.moc"
