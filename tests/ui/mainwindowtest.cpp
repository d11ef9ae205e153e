#include "widgets/mainwindow.h"

#include "appsettings.h"
#include "models/moduletreemodel.h"
#include "controllers/graphcontroller.h"
#include "controllers/modelcontroller.h"
#include "controllers/runcontroller.h"
#include "graph/graphpanel.h"
#include "recentfiles.h"
#include "uitestsupport.h"
#include "worker/workerclient.h"

#include <QFile>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QScreen>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTest>
#include <QTreeView>
#include <QUrl>

namespace {
constexpr int LoadTimeoutMs = 120000;

// The libraries of this process whose file names contain any of names.
QStringList mappedLibraries(const QStringList& names)
{
    QFile maps(QStringLiteral("/proc/self/maps"));
    if (!maps.open(QIODevice::ReadOnly))
        return {QStringLiteral("(cannot read /proc/self/maps)")};
    QStringList found;
    for (const QByteArray& line : maps.readAll().split('\n')) {
        const QString file = QFileInfo(QString::fromUtf8(line.mid(line.lastIndexOf(' ') + 1))).fileName();
        for (const QString& name : names)
            if (file.contains(name) && !found.contains(file))
                found.append(file);
    }
    return found;
}
} // namespace

class MainWindowTest : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { UiTest::isolateSettings(); }
    void init() { RecentFiles::clear(); }

    void showsEmptyStateFirst()
    {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto* empty = window.findChild<QLabel*>(QStringLiteral("emptyState"));
        QVERIFY(empty);
        QVERIFY(empty->isVisible());
        QVERIFY(empty->text().contains(QStringLiteral("Open a TorchScript model")));
        QCOMPARE(window.windowTitle(), QStringLiteral("ptscope"));
    }

    void opensModelAndShowsTreeAndCode()
    {
        MainWindow window;
        window.show();
        QSignalSpy available(window.modelController(), &ModelController::modelAvailable);
        const QString path = UiTest::fixturePath(QStringLiteral("simplenet_scripted.pt"));
        window.openFile(path);
        QTRY_COMPARE_WITH_TIMEOUT(available.count(), 1, LoadTimeoutMs);

        auto* tree = window.findChild<QTreeView*>(QStringLiteral("moduleTree"));
        QVERIFY(tree);
        QCOMPARE(tree->model()->rowCount(), 1);
        const QModelIndex root = tree->model()->index(0, 0);
        QCOMPARE(tree->model()->rowCount(root), 2);
        QVERIFY(tree->isExpanded(root));
        QCOMPARE(tree->currentIndex(), root);

        auto* code = window.findChild<QPlainTextEdit*>(QStringLiteral("codeView"));
        QVERIFY(code);
        QVERIFY2(code->toPlainText().contains(QStringLiteral("def forward")),
                 qPrintable(code->toPlainText()));
        QVERIFY(window.findChild<QTabWidget*>(QStringLiteral("centralTabs"))->isVisible());
        QCOMPARE(window.windowTitle(), QStringLiteral("ptscope — simplenet_scripted.pt"));
        QCOMPARE(RecentFiles::entries().value(0), QFileInfo(path).absoluteFilePath());

        QVERIFY(window.selectModule(QStringLiteral("fc1")));
        auto* header = window.findChild<QLabel*>(QStringLiteral("moduleHeader"));
        QVERIFY(header->text().contains(QStringLiteral("fc1")));
        QVERIFY(header->text().contains(QStringLiteral("Linear")));
        QVERIFY(!window.selectModule(QStringLiteral("no.such.module")));
    }

    void windowRunsNoLibTorchAndNoGraphviz()
    {
        MainWindow window;
        window.show();
        QSignalSpy available(window.modelController(), &ModelController::modelAvailable);
        window.openFile(UiTest::fixturePath(QStringLiteral("resnet18_scripted.pt")));
        QTRY_COMPARE_WITH_TIMEOUT(available.count(), 1, LoadTimeoutMs);
        GraphController* graph = window.graphPanel()->controller();
        QTRY_VERIFY_WITH_TIMEOUT(graph->drawing() && !graph->isBusy(), LoadTimeoutMs);
        QVERIFY(graph->drawing()->view.items.size() > 10);
        graph->startExtract(ptscope::GraphVariant::Frozen);
        QTRY_VERIFY_WITH_TIMEOUT(graph->variant() == ptscope::GraphVariant::Frozen && graph->drawing() &&
                                     graph->drawing()->graph->variant == ptscope::GraphVariant::Frozen &&
                                     !graph->isBusy(),
                                 LoadTimeoutMs);
        // Opened, extracted, frozen and laid out, all in the worker: none of it is in this process.
        const QStringList engines = mappedLibraries(
            {QStringLiteral("libtorch"), QStringLiteral("libc10"), QStringLiteral("libgvc"), QStringLiteral("libcgraph")});
        QVERIFY2(engines.isEmpty(), qPrintable(engines.join(QStringLiteral(", "))));
        QVERIFY(!mappedLibraries({QStringLiteral("libQt6Core")}).isEmpty()); // the check sees what is there
        QVERIFY(window.runController()->worker()->processId() > 0);
    }

    void failedLoadKeepsPreviousModel()
    {
        MainWindow window;
        window.show();
        QSignalSpy available(window.modelController(), &ModelController::modelAvailable);
        QSignalSpy failed(window.modelController(), &ModelController::failed);
        window.openFile(UiTest::fixturePath(QStringLiteral("simplenet_scripted.pt")));
        QTRY_COMPARE_WITH_TIMEOUT(available.count(), 1, LoadTimeoutMs);

        window.openFile(UiTest::fixturePath(QStringLiteral("random_bytes.pt")));
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, LoadTimeoutMs);
        auto* box = window.findChild<QMessageBox*>();
        QVERIFY(box);
        QTRY_VERIFY(box->isVisible());
        QCOMPARE(box->icon(), QMessageBox::Critical);
        QVERIFY(!box->text().isEmpty());
        QVERIFY(!box->text().contains(QLatin1Char('\n')));
        box->accept();

        QCOMPARE(window.windowTitle(), QStringLiteral("ptscope — simplenet_scripted.pt"));
        QCOMPARE(window.findChild<QTreeView*>(QStringLiteral("moduleTree"))->model()->rowCount(), 1);
        QCOMPARE(RecentFiles::entries().size(), 1);
        // Its worker still holds it: it runs as before.
        QCOMPARE(window.runController()->state(), RunController::State::Ready);
        QCOMPARE(window.runController()->modelPath(), UiTest::fixturePath(QStringLiteral("simplenet_scripted.pt")));
    }

    void opensDroppedFile()
    {
        MainWindow window;
        window.show();
        QSignalSpy available(window.modelController(), &ModelController::modelAvailable);
        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(UiTest::fixturePath(QStringLiteral("simplenet_scripted.pt")))});
        QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(&window, &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(&window, &drop);
        QTRY_COMPARE_WITH_TIMEOUT(available.count(), 1, LoadTimeoutMs);
    }

    void firstWindowUsesMostOfTheScreen()
    {
        AppSettings::setWindowGeometry({}, {});
        MainWindow window;
        const QRect available = window.screen()->availableGeometry();
        QVERIFY2(window.width() >= available.width() * 0.8 && window.height() >= available.height() * 0.8,
                 qPrintable(QStringLiteral("%1x%2 on %3x%4")
                                .arg(window.width()).arg(window.height())
                                .arg(available.width()).arg(available.height())));
        QVERIFY(available.contains(window.geometry()));
        QVERIFY(qAbs(window.geometry().center().x() - available.center().x()) <= 1);
    }

    void moduleNamesAreReadableOnOpen()
    {
        AppSettings::setWindowGeometry({}, {});
        MainWindow window;
        // The offscreen screen is 800 x 600; this is the first window on a 1366 x 768 laptop.
        window.resize(1161, 650);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QSignalSpy available(window.modelController(), &ModelController::modelAvailable);
        window.openFile(UiTest::fixturePath(QStringLiteral("resnet18_scripted.pt")));
        QTRY_COMPARE_WITH_TIMEOUT(available.count(), 1, LoadTimeoutMs);
        QCoreApplication::processEvents();

        auto* tree = window.findChild<QTreeView*>(QStringLiteral("moduleTree"));
        QVERIFY(tree);
        const QFontMetrics metrics(tree->font());
        // Every row shown: its name and type whole (the delegate's margins are a few pixels).
        QStringList names;
        for (QModelIndex index = tree->model()->index(0, 0); index.isValid(); index = tree->indexBelow(index)) {
            for (int column : {int(ModuleTreeModel::Module), int(ModuleTreeModel::Type)}) {
                const QModelIndex cell = index.siblingAtColumn(column);
                const QString text = cell.data().toString();
                QVERIFY2(tree->visualRect(cell).width() >= metrics.horizontalAdvance(text) + 4,
                         qPrintable(QStringLiteral("%1: %2 < %3")
                                        .arg(text)
                                        .arg(tree->visualRect(cell).width())
                                        .arg(metrics.horizontalAdvance(text))));
            }
            names << index.data().toString();
        }
        QVERIFY2(names.contains(QStringLiteral("conv1")) && names.contains(QStringLiteral("layer1")),
                 qPrintable(names.join(QStringLiteral(", "))));
        // And the names' column is on show, not scrolled away.
        const QModelIndex conv1 = tree->model()->index(0, 0).model()->index(0, 0, tree->model()->index(0, 0));
        QCOMPARE(conv1.data().toString(), QStringLiteral("conv1"));
        QVERIFY2(tree->viewport()->rect().contains(tree->visualRect(conv1)),
                 qPrintable(QStringLiteral("viewport %1x%2, header %3, conv1 at %4+%5, window %6")
                                .arg(tree->viewport()->width()).arg(tree->viewport()->height())
                                .arg(tree->header()->length())
                                .arg(tree->visualRect(conv1).x()).arg(tree->visualRect(conv1).width())
                                .arg(window.width())));
    }

    void opensOnTheGraphTabThenOnTheTabLastUsed()
    {
        AppSettings::setCentralTab(QStringLiteral("graphPanel"));
        const QString path = UiTest::fixturePath(QStringLiteral("simplenet_scripted.pt"));
        // The central tab a fresh window shows once the model has opened.
        const auto tabOnOpen = [&path](MainWindow& window) -> QWidget* {
            window.show();
            QSignalSpy available(window.modelController(), &ModelController::modelAvailable);
            window.openFile(path);
            if (!QTest::qWaitFor([&] { return available.count() == 1; }, LoadTimeoutMs))
                return nullptr;
            return window.findChild<QTabWidget*>(QStringLiteral("centralTabs"))->currentWidget();
        };
        {
            MainWindow window;
            QWidget* shown = tabOnOpen(window);
            QVERIFY(shown);
            QCOMPARE(shown, window.graphPanel());
            QVERIFY(window.showTab(QStringLiteral("codeView")));
        }
        MainWindow window;
        QWidget* shown = tabOnOpen(window);
        QVERIFY(shown);
        QCOMPARE(shown->objectName(), QStringLiteral("codeView"));
        // The Compare mode is not remembered: the next model opens on the tab before it.
        QVERIFY(window.showTab(QStringLiteral("compareView")));
        QCOMPARE(AppSettings::centralTab(), QStringLiteral("codeView"));
        AppSettings::setCentralTab(QStringLiteral("graphPanel"));
    }

    void remembersGeometry()
    {
        {
            MainWindow window;
            window.show();
            window.resize(900, 700);
            window.close();
        }
        MainWindow again;
        QCOMPARE(again.size(), QSize(900, 700));
    }
};

QTEST_MAIN(MainWindowTest)
#include "mainwindowtest.moc"
