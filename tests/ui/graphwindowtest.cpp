#include "controllers/graphcontroller.h"
#include "controllers/modelcontroller.h"
#include "graph/graphcanvas.h"
#include "graph/graphpanel.h"
#include "graph/nodeinspector.h"
#include "graphtestsupport.h"
#include "models/moduletreemodel.h"
#include "recentfiles.h"
#include "uitestsupport.h"
#include "widgets/codeview.h"
#include "widgets/mainwindow.h"

#include <QDockWidget>
#include <QMenuBar>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTest>
#include <QTextBlock>
#include <QTreeView>

namespace {

bool openInWindow(MainWindow& window, const QString& fixture)
{
    QSignalSpy available(window.modelController(), &ModelController::modelAvailable);
    window.openFile(UiTest::fixturePath(fixture));
    if (!QTest::qWaitFor([&]() { return !available.isEmpty(); }, GraphTest::TimeoutMs))
        return false;
    return window.graphPanel()->controller()->modelInfo() == window.modelController()->modelInfo();
}

QString currentTreeModule(MainWindow& window)
{
    auto* tree = window.findChild<QTreeView*>(QStringLiteral("moduleTree"));
    return tree->currentIndex().data(ModuleTreeModel::ModulePathRole).toString();
}

} // namespace

class GraphWindowTest : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { UiTest::isolateSettings(); }
    void cleanupTestCase() { RecentFiles::clear(); }

    void graphTabFollowsTheModuleTree()
    {
        MainWindow window;
        window.show();
        QVERIFY(openInWindow(window, QStringLiteral("resnet18_scripted.pt")));
        GraphPanel* panel = window.graphPanel();
        QVERIFY(GraphTest::waitUntilSettled(*panel->controller()));
        QVERIFY(window.showTab(QStringLiteral("graphPanel")));
        QCOMPARE(window.findChild<QTabWidget*>(QStringLiteral("centralTabs"))->currentWidget(), panel);

        QVERIFY(window.selectModule(QStringLiteral("layer2")));
        const int cluster = panel->scene()->selectedCluster();
        QVERIFY(cluster >= 0);
        QCOMPARE(panel->scene()->drawing()->view.clusters[cluster].scope, std::string("layer2"));
        QVERIFY(panel->canvas()->visibleSceneRect().contains(panel->scene()->clusterRect(cluster).center()));
    }

    void selectingANodeSelectsItsModuleAndSourceLine()
    {
        MainWindow window;
        window.show();
        QVERIFY(openInWindow(window, QStringLiteral("simplenet_scripted.pt")));
        GraphPanel* panel = window.graphPanel();
        QVERIFY(GraphTest::waitUntilSettled(*panel->controller()));
        const ptscope::Graph& graph = *panel->controller()->drawing()->graph;
        const int linear = GraphTest::firstNodeOfKind(graph, "aten::linear");
        QVERIFY(linear >= 0);

        panel->selectNode(linear);
        const QString module = currentTreeModule(window);
        QVERIFY2(module == QStringLiteral("fc1") || module == QStringLiteral("fc2"), qPrintable(module));
        QCOMPARE(module, QString::fromStdString(graph.nodes[linear].scope));
        // The tree following the graph does not send the graph elsewhere.
        QCOMPARE(panel->selectedNode(), linear);
        QVERIFY(window.findChild<QDockWidget*>(QStringLiteral("nodeDock"))->isVisible());

        auto* code = window.findChild<CodeView*>(QStringLiteral("codeView"));
        const ptscope::SourceLocation& source = graph.nodes[linear].source;
        QTRY_COMPARE_WITH_TIMEOUT(code->highlightedLine(), source.line, GraphTest::TimeoutMs);
        const QString line = code->document()->findBlockByNumber(source.line - 1).text();
        QVERIFY2(line.contains(QString::fromStdString(source.text)), qPrintable(line));
        auto* tabs = window.findChild<QTabWidget*>(QStringLiteral("centralTabs"));
        QCOMPARE(tabs->tabText(tabs->indexOf(code)), QStringLiteral("Code: linear.py:%1").arg(source.line));

        // Selecting a module in the tree shows its class again.
        QVERIFY(window.selectModule(QString()));
        QCOMPARE(code->highlightedLine(), 0);
        QCOMPARE(tabs->tabText(tabs->indexOf(code)), QStringLiteral("Code"));

        // "Show in Code" brings the Code tab to the front.
        emit panel->inspector()->openSourceRequested(QString::fromStdString(source.file), source.line);
        QTRY_COMPARE_WITH_TIMEOUT(tabs->currentWidget(), code, GraphTest::TimeoutMs);
        QCOMPARE(code->highlightedLine(), source.line);
    }

    void exportMenuFollowsTheGraph()
    {
        MainWindow window;
        window.show();
        QMenu* exportMenu = nullptr;
        for (QMenu* menu : window.menuBar()->findChildren<QMenu*>())
            if (menu->title() == QStringLiteral("&Export Graph"))
                exportMenu = menu;
        QVERIFY(exportMenu);
        QVERIFY(!exportMenu->isEnabled());
        QCOMPARE(exportMenu->actions().size(), 3);
        QVERIFY(openInWindow(window, QStringLiteral("simplenet_scripted.pt")));
        QVERIFY(GraphTest::waitUntilSettled(*window.graphPanel()->controller()));
        QVERIFY(exportMenu->isEnabled());

        QVERIFY(openInWindow(window, QStringLiteral("lstm_scripted.pt")));
        QVERIFY(!exportMenu->isEnabled());
        QVERIFY(!window.graphPanel()->isShowingGraph());
        QVERIFY(window.graphPanel()->unavailableMessage().contains(QStringLiteral("no forward")));
    }
};

QTEST_MAIN(GraphWindowTest)
#include "graphwindowtest.moc"
