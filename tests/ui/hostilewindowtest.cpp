// The window opening every hostile file of make_hostile_fixtures.py: each is refused with a
// message, the window stays alive, the model open before stays open in its worker, and a good
// model opens right after.

#include "controllers/modelcontroller.h"
#include "controllers/runcontroller.h"
#include "recentfiles.h"
#include "uitestsupport.h"
#include "widgets/mainwindow.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

class HostileWindowTest : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { UiTest::isolateSettings(); }
    void cleanupTestCase() { RecentFiles::clear(); }

    void everyHostileModelIsRefusedAndTheWindowCarriesOn()
    {
        QFile file(UiTest::fixturePath(QStringLiteral("hostile/manifest.json")));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonObject manifest = QJsonDocument::fromJson(file.readAll()).object();
        MainWindow window;
        window.show();
        const QString good = UiTest::fixturePath(QStringLiteral("simplenet_scripted.pt"));
        {
            QSignalSpy available(window.modelController(), &ModelController::modelAvailable);
            window.openFile(good);
            QVERIFY(QTest::qWaitFor([&]() { return !available.isEmpty(); }, 60000));
        }
        int refused = 0;
        for (auto it = manifest.begin(); it != manifest.end(); ++it) {
            if (it.value().toObject().value(QStringLiteral("kind")).toString() != QLatin1String("model"))
                continue;
            QSignalSpy failed(window.modelController(), &ModelController::failed);
            QSignalSpy available(window.modelController(), &ModelController::modelAvailable);
            window.openFile(UiTest::fixturePath(QStringLiteral("hostile/") + it.key()));
            QVERIFY2(QTest::qWaitFor([&]() { return !failed.isEmpty() || !available.isEmpty(); }, 60000),
                     qPrintable(it.key()));
            QVERIFY2(available.isEmpty(), qPrintable(it.key()));
            const QString message = failed.first().first().toString();
            QVERIFY2(!message.isEmpty() && !message.contains(QStringLiteral("std::")), qPrintable(message));
            QCOMPARE(window.modelController()->modelInfo()->archive.path, good.toStdString());
            QCOMPARE(window.runController()->state(), RunController::State::Ready);
            QCOMPARE(window.runController()->modelPath(), good);
            ++refused;
        }
        QVERIFY(refused >= 15);
        QSignalSpy available(window.modelController(), &ModelController::modelAvailable);
        window.openFile(UiTest::fixturePath(QStringLiteral("branch_scripted.pt")));
        QVERIFY(QTest::qWaitFor([&]() { return !available.isEmpty(); }, 60000));
    }
};

QTEST_MAIN(HostileWindowTest)
#include "hostilewindowtest.moc"
