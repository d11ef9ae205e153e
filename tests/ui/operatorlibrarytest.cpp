#include "appsettings.h"
#include "controllers/modelcontroller.h"
#include "controllers/operatorlibrarycontroller.h"
#include "uitestsupport.h"
#include "worker/modelworker.h"

#include <QFile>
#include <QFileInfo>

#include <QSignalSpy>
#include <QTest>

namespace {
constexpr int LoadTimeoutMs = 120000;

// Whether this process has the file mapped, i.e. loaded it.
bool mappedHere(const QString& path)
{
    QFile maps(QStringLiteral("/proc/self/maps"));
    return maps.open(QIODevice::ReadOnly) && maps.readAll().contains(QFileInfo(path).canonicalFilePath().toUtf8());
}
} // namespace

class OperatorLibraryTest : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        UiTest::isolateSettings();
        AppSettings::setOperatorLibraries({});
    }

    void reportsMissingLibrary()
    {
        OperatorLibraryController libraries;
        QSignalSpy failed(&libraries, &OperatorLibraryController::loadFailed);
        QVERIFY(!libraries.load(UiTest::fixturePath(QStringLiteral("no_such_ops.so")), true));
        QCOMPARE(failed.count(), 1);
        QVERIFY(!failed.first().at(1).toString().isEmpty());
        QVERIFY(libraries.entries().isEmpty()); // a failed attempt is neither listed nor saved
        QVERIFY(AppSettings::operatorLibraries().isEmpty());
    }

    void refusesAFileThatIsNoLibrary()
    {
        OperatorLibraryController libraries;
        QSignalSpy failed(&libraries, &OperatorLibraryController::loadFailed);
        QVERIFY(!libraries.load(UiTest::fixturePath(QStringLiteral("simplenet_scripted.pt")), true));
        QCOMPARE(failed.count(), 1);
        QVERIFY2(failed.first().at(1).toString().contains(QStringLiteral("not a shared library")),
                 qPrintable(failed.first().at(1).toString()));
        QVERIFY(libraries.entries().isEmpty());
    }

    void loadedLibraryLetsModelWithCustomOpsOpen()
    {
        OperatorLibraryController libraries;
        const QStringList suggestions = libraries.suggestions();
        if (suggestions.isEmpty())
            QSKIP("torchvision's operator library is not installed");

        ModelWorker worker;
        ModelController controller(&worker);
        QSignalSpy available(&controller, &ModelController::modelAvailable);
        QSignalSpy failed(&controller, &ModelController::failed);
        const QString model = UiTest::fixturePath(QStringLiteral("nms_scripted.pt"));
        QVERIFY(controller.startOpen(model));
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, LoadTimeoutMs);
        QVERIFY2(failed.first().first().toString().contains(QStringLiteral("torchvision")),
                 qPrintable(failed.first().first().toString()));

        QVERIFY(libraries.load(suggestions.first(), true));
        QCOMPARE(libraries.entries().size(), 1);
        QVERIFY(libraries.entries().first().loaded);
        QCOMPARE(AppSettings::operatorLibraries(), QStringList{suggestions.first()});
        QVERIFY(!libraries.suggestions().contains(suggestions.first()));

        QVERIFY(controller.startOpen(model, libraries.loadedPaths()));
        QTRY_COMPARE_WITH_TIMEOUT(available.count(), 1, LoadTimeoutMs);
        // The worker loaded it; the window's process never did.
        QVERIFY(!mappedHere(suggestions.first()));

        // Removing only forgets it for the next start.
        libraries.removeSaved(suggestions.first());
        QVERIFY(AppSettings::operatorLibraries().isEmpty());
        QCOMPARE(libraries.entries().size(), 1);
    }
};

QTEST_MAIN(OperatorLibraryTest)
#include "operatorlibrarytest.moc"
