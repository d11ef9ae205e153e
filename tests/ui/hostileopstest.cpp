// A model calling operators that crash, abort, end the process, write garbage to stdout or never
// return, run through the window's worker: each is reported, and the next run works.

#include "controllers/runcontroller.h"
#include "uitestsupport.h"
#include "worker/workerclient.h"
#include "worker/modelworker.h"

#include <QSignalSpy>
#include <QTest>

namespace {

constexpr int TimeoutMs = 60000;

RunRequest mode(const QString& name)
{
    RunRequest request;
    request.inputs = {QStringLiteral("float32[2]:ones"), QStringLiteral("str:") + name};
    return request;
}

} // namespace

class HostileOpsTest : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { UiTest::isolateSettings(); }

    void everyMisbehaviourIsReportedAndTheNextRunWorks()
    {
        ModelWorker worker;
        RunController runs(&worker);
        worker.setTaskTimeLimitSeconds(3);
        QSignalSpy ready(&runs, &RunController::modelReady);
        runs.setModel(QStringLiteral(PTSCOPE_HOSTILE_OPS_MODEL), {QStringLiteral(PTSCOPE_HOSTILE_OPS_LIBRARY)});
        QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 1, TimeoutMs);

        const QList<std::pair<QString, QString>> failures = {{QStringLiteral("segfault"), QStringLiteral("crashed")},
                                                             {QStringLiteral("abort"), QStringLiteral("aborted")},
                                                             {QStringLiteral("exit"), QStringLiteral("exited")},
                                                             {QStringLiteral("sleep"), QStringLiteral("longer than")}};
        for (const auto& [name, words] : failures) {
            QSignalSpy failed(&runs, &RunController::failed);
            QVERIFY(runs.startRun(mode(name)));
            QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, TimeoutMs);
            const QString message = failed.first().first().toString();
            QVERIFY2(message.contains(words), qPrintable(name + QStringLiteral(": ") + message));
            // A fresh worker has the model (and its library) open again.
            QTRY_COMPARE_WITH_TIMEOUT(runs.state(), RunController::State::Ready, TimeoutMs);
            QSignalSpy available(&runs, &RunController::runAvailable);
            QVERIFY(runs.startRun(mode(QStringLiteral("ok"))));
            QTRY_COMPARE_WITH_TIMEOUT(available.count(), 1, TimeoutMs);
            const RunResultPtr result = available.first().first().value<RunResultPtr>();
            QCOMPARE(result->samples.at(0).outputs.at(0).tensor.mean, 2.0);
        }

        // Garbage a custom op writes to stdout never reaches the protocol: the run succeeds.
        QSignalSpy available(&runs, &RunController::runAvailable);
        QSignalSpy failed(&runs, &RunController::failed);
        QVERIFY(runs.startRun(mode(QStringLiteral("print"))));
        QTRY_COMPARE_WITH_TIMEOUT(available.count() + failed.count(), 1, TimeoutMs);
        QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.first().first().toString()));
        QCOMPARE(available.first().first().value<RunResultPtr>()->samples.at(0).outputs.at(0).tensor.mean, 2.0);
    }

    void aCrashWhileOpeningIsReportedAndTheWorkerCarriesOn()
    {
        ModelWorker worker;
        RunController runs(&worker);
        QSignalSpy failed(&runs, &RunController::modelFailed);
        runs.setModel(UiTest::fixturePath(QStringLiteral("simplenet_scripted.pt")),
                      {QStringLiteral(PTSCOPE_CRASH_ON_LOAD_LIBRARY)});
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, TimeoutMs);
        const QString message = failed.first().first().toString();
        QVERIFY2(message.contains(QStringLiteral("LibTorch crashed while reading this file")), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("Segmentation")), qPrintable(message));
        QCOMPARE(runs.state(), RunController::State::Unusable);
        QSignalSpy ready(&runs, &RunController::modelReady);
        runs.setModel(UiTest::fixturePath(QStringLiteral("simplenet_scripted.pt")));
        QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 1, TimeoutMs);

        // With a model open, a crash opening the next leaves it open and running.
        QSignalSpy workerFailed(&worker, &ModelWorker::modelFailed);
        const qint64 pid = runs.worker()->processId();
        runs.setModel(UiTest::fixturePath(QStringLiteral("branch_scripted.pt")),
                      {QStringLiteral(PTSCOPE_CRASH_ON_LOAD_LIBRARY)});
        QTRY_COMPARE_WITH_TIMEOUT(workerFailed.count(), 1, TimeoutMs);
        QVERIFY(workerFailed.first().first().toString().contains(QStringLiteral("LibTorch crashed")));
        QCOMPARE(runs.state(), RunController::State::Ready);
        QCOMPARE(runs.modelPath(), UiTest::fixturePath(QStringLiteral("simplenet_scripted.pt")));
        QCOMPARE(runs.worker()->processId(), pid);
        QSignalSpy available(&runs, &RunController::runAvailable);
        RunRequest request;
        request.inputs = {QStringLiteral("float32[1,10]")};
        QVERIFY(runs.startRun(request));
        QTRY_COMPARE_WITH_TIMEOUT(available.count(), 1, TimeoutMs);
    }
};

QTEST_MAIN(HostileOpsTest)
#include "hostileopstest.moc"
