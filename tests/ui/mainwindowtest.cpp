#include "widgets/mainwindow.h"

#include "controllers/modelcontroller.h"
#include "recentfiles.h"
#include "uitestsupport.h"

#include <QLabel>
#include <QMessageBox>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTest>
#include <QTreeView>
#include <QUrl>

namespace {
constexpr int LoadTimeoutMs = 120000;
}

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
