#include "controllers/modelcontroller.h"

#include "uitestsupport.h"
#include "worker/modelworker.h"

#include <QDir>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTest>

namespace {
constexpr int LoadTimeoutMs = 120000;
}

class ModelControllerTest : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { UiTest::isolateSettings(); }

    void opensModel()
    {
        ModelWorker worker;
        ModelController controller(&worker);
        QSignalSpy available(&controller, &ModelController::modelAvailable);
        QSignalSpy busy(&controller, &ModelController::busyChanged);
        QVERIFY(controller.startOpen(UiTest::fixturePath(QStringLiteral("simplenet_scripted.pt"))));
        QVERIFY(controller.isLoading());
        QTRY_COMPARE_WITH_TIMEOUT(available.count(), 1, LoadTimeoutMs);
        QVERIFY(!controller.isLoading());
        const auto info = available.first().first().value<ModelInfoPtr>();
        QVERIFY(info);
        QCOMPARE(info, controller.modelInfo());
        // The worker holds the model; the window only its facts.
        QVERIFY(worker.isModelOpen());
        QCOMPARE(worker.state(), ModelWorker::State::Ready);
        QCOMPARE(worker.modelPath(), UiTest::fixturePath(QStringLiteral("simplenet_scripted.pt")));
        QCOMPARE(info->numParameters, 67);
        QCOMPARE(busy.count(), 2);
        QCOMPARE(busy.at(0).first().toBool(), true);
        QCOMPARE(busy.at(1).first().toBool(), false);
    }

    void rejectsBadInputWithoutStartingWork_data()
    {
        QTest::addColumn<QString>("path");
        QTest::newRow("empty") << QString();
        QTest::newRow("blank") << QStringLiteral("   ");
        QTest::newRow("missing") << UiTest::fixturePath(QStringLiteral("no_such_model.pt"));
        QTest::newRow("folder") << QStringLiteral(PTSCOPE_FIXTURES_DIR);
    }

    void rejectsBadInputWithoutStartingWork()
    {
        QFETCH(QString, path);
        ModelWorker worker;
        ModelController controller(&worker);
        QSignalSpy failed(&controller, &ModelController::failed);
        QVERIFY(!controller.startOpen(path));
        QCOMPARE(failed.count(), 1); // at once, not from a job
        QVERIFY(!controller.isLoading());
        QVERIFY(!failed.first().first().toString().isEmpty());
    }

    void reportsBadFilesForPeople_data()
    {
        QTest::addColumn<QString>("fixture");
        for (const char* name : {"random_bytes.pt", "state_dict.pt", "empty.pt", "truncated.pt",
                                 "eager_module.pt", "tensor.pt", "legacy_pickle.pt", "future_version.pt"})
            QTest::newRow(name) << QString::fromLatin1(name);
    }

    void reportsBadFilesForPeople()
    {
        QFETCH(QString, fixture);
        ModelWorker worker;
        ModelController controller(&worker);
        QSignalSpy available(&controller, &ModelController::modelAvailable);
        QSignalSpy failed(&controller, &ModelController::failed);

        QVERIFY(controller.startOpen(UiTest::fixturePath(QStringLiteral("simplenet_scripted.pt"))));
        QTRY_COMPARE_WITH_TIMEOUT(available.count(), 1, LoadTimeoutMs);
        const ModelInfoPtr good = controller.modelInfo();

        controller.startOpen(UiTest::fixturePath(fixture));
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, LoadTimeoutMs);
        const QString message = failed.first().at(0).toString();
        QVERIFY(!message.trimmed().isEmpty());
        QVERIFY2(message.split(QLatin1Char('\n')).size() <= 2, qPrintable(message));
        QVERIFY2(!message.contains(QStringLiteral("Exception raised from")), qPrintable(message));
        QVERIFY2(!message.contains(QStringLiteral("frame #")), qPrintable(message));
        // The previous model stays, in the window and in its worker, and the next good one opens.
        QCOMPARE(controller.modelInfo(), good);
        QCOMPARE(worker.state(), ModelWorker::State::Ready);
        QCOMPARE(worker.modelPath(), UiTest::fixturePath(QStringLiteral("simplenet_scripted.pt")));
        QVERIFY(!controller.isLoading());
        QVERIFY(controller.startOpen(UiTest::fixturePath(QStringLiteral("simplenet_scripted.pt"))));
        QTRY_COMPARE_WITH_TIMEOUT(available.count(), 2, LoadTimeoutMs);
        QCOMPARE(failed.count(), 1);
    }

    void cancelDropsTheLoad()
    {
        ModelWorker worker;
        ModelController controller(&worker);
        QSignalSpy available(&controller, &ModelController::modelAvailable);
        QSignalSpy failed(&controller, &ModelController::failed);
        QSignalSpy cancelled(&controller, &ModelController::cancelled);
        QVERIFY(controller.startOpen(UiTest::fixturePath(QStringLiteral("resnet18_scripted.pt"))));
        controller.cancel();
        QCOMPARE(cancelled.count(), 1);
        QVERIFY(!controller.isLoading());
        QTest::qWait(3000); // long enough for the worker to have opened it, were it still asked to
        UiTest::drainJobs();
        QCOMPARE(available.count(), 0);
        QCOMPARE(failed.count(), 0);
        QVERIFY(!controller.modelInfo());
        QVERIFY(!worker.isModelOpen());

        QVERIFY(controller.startOpen(UiTest::fixturePath(QStringLiteral("simplenet_scripted.pt"))));
        QTRY_COMPARE_WITH_TIMEOUT(available.count(), 1, LoadTimeoutMs);
        QCOMPARE(controller.modelInfo()->numParameters, 67);
    }

    void newOpenSupersedesOneInProgress()
    {
        ModelWorker worker;
        ModelController controller(&worker);
        QSignalSpy available(&controller, &ModelController::modelAvailable);
        QSignalSpy busy(&controller, &ModelController::busyChanged);
        QVERIFY(controller.startOpen(UiTest::fixturePath(QStringLiteral("resnet18_scripted.pt"))));
        QVERIFY(controller.startOpen(UiTest::fixturePath(QStringLiteral("simplenet_scripted.pt"))));
        QTRY_COMPARE_WITH_TIMEOUT(available.count(), 1, LoadTimeoutMs);
        QTest::qWait(2000);
        UiTest::drainJobs();
        QCOMPARE(available.count(), 1);
        QCOMPARE(controller.modelInfo()->numParameters, 67);
        QCOMPARE(busy.count(), 2); // one busy period, not two
    }

    void reopeningOnAnotherDeviceWritesNoFactsAgain()
    {
        ModelWorker worker;
        ModelController controller(&worker);
        QSignalSpy available(&controller, &ModelController::modelAvailable);
        QSignalSpy ready(&worker, &ModelWorker::modelReady);
        QVERIFY(controller.startOpen(UiTest::fixturePath(QStringLiteral("simplenet_scripted.pt"))));
        QTRY_COMPARE_WITH_TIMEOUT(available.count(), 1, LoadTimeoutMs);
        UiTest::drainJobs();
        const QDir scratch = QFileInfo(worker.scratchFile(QStringLiteral("x"))).dir();
        const auto factFiles = [&] { return scratch.entryList({QStringLiteral("model-*.json")}, QDir::Files); };
        QVERIFY(factFiles().isEmpty()); // read and removed
        // The settings' device is "cpu"; none means the worker's default (the CPU as well).
        QCOMPARE(worker.device(), QStringLiteral("cpu"));
        worker.setDevice(QString());
        QCOMPARE(worker.state(), ModelWorker::State::Opening);
        QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 2, LoadTimeoutMs);
        QVERIFY(worker.device().isEmpty());
        QVERIFY(!worker.openResult().contains(QStringLiteral("info_file")));
        QVERIFY2(factFiles().isEmpty(), qPrintable(factFiles().join(u' ')));
        QCOMPARE(available.count(), 1);
    }
};

QTEST_MAIN(ModelControllerTest)
#include "modelcontrollertest.moc"
