// The Profile workflow through ProfileController's signals, with a real `ptscope-cli worker`
// shared with the run workflow: a profile arrives complete (timelines included), progress is
// reported by phase, inputs are checked first, and cancelling, a killed worker or a failing model
// leave the worker ready for the next profile or run.

#include "controllers/profilecontroller.h"
#include "controllers/runcontroller.h"
#include "uitestsupport.h"
#include "worker/modelworker.h"
#include "worker/workerclient.h"

#include <QSignalSpy>
#include <QTest>
#include <csignal>

namespace {

constexpr int OpenTimeoutMs = 120000;
constexpr int ProfileTimeoutMs = 180000;
constexpr int CancelTimeoutMs = 5000;

QString fixture(const char* name)
{
    return UiTest::fixturePath(QString::fromUtf8(name));
}

bool openModel(ModelWorker& worker, const QString& path)
{
    QSignalSpy ready(&worker, &ModelWorker::modelReady);
    QSignalSpy failed(&worker, &ModelWorker::modelFailed);
    worker.setModel(path);
    QElapsedTimer timer;
    timer.start();
    while (ready.isEmpty() && failed.isEmpty() && timer.elapsed() < OpenTimeoutMs)
        QTest::qWait(5);
    return !ready.isEmpty();
}

RunRequest inputs(const QStringList& specs, quint64 seed = 0)
{
    RunRequest request;
    request.inputs = specs;
    request.seed = seed;
    return request;
}

ProfileSettings quick(int runs = 4)
{
    ProfileSettings settings;
    settings.warmup = 2;
    settings.runs = runs;
    settings.threads = 1;
    return settings;
}

ProfileResultPtr profileAndWait(ProfileController& controller, const RunRequest& request,
                                const ProfileSettings& settings, QString* message = nullptr)
{
    QSignalSpy available(&controller, &ProfileController::profileAvailable);
    QSignalSpy failed(&controller, &ProfileController::failed);
    if (!controller.startProfile(request, settings)) {
        if (message && !failed.isEmpty())
            *message = failed.first().first().toString();
        return nullptr;
    }
    QElapsedTimer timer;
    timer.start();
    while (available.isEmpty() && failed.isEmpty() && timer.elapsed() < ProfileTimeoutMs)
        QTest::qWait(5);
    if (message && !failed.isEmpty())
        *message = failed.first().first().toString();
    return available.isEmpty() ? nullptr : available.first().first().value<ProfileResultPtr>();
}

RunRequest spin(int n)
{
    return inputs({QStringLiteral("float32[2]:zeros"), QStringLiteral("int:%1").arg(n)});
}

bool waitForState(ProfileController& controller, ProfileController::State state, int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    while (controller.state() != state && timer.elapsed() < timeoutMs)
        QTest::qWait(5);
    return controller.state() == state;
}

} // namespace

class ProfileControllerTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { UiTest::isolateSettings(); }

    void profilesInTheSharedWorker()
    {
        ModelWorker worker;
        ProfileController profiles(&worker);
        RunController runs(&worker);
        QCOMPARE(profiles.state(), ProfileController::State::NoModel);
        QVERIFY(openModel(worker, fixture("resnet18_scripted.pt")));
        QCOMPARE(profiles.state(), ProfileController::State::Ready);
        const qint64 pid = worker.client()->processId();

        QSignalSpy progress(&profiles, &ProfileController::progress);
        QSignalSpy states(&profiles, &ProfileController::stateChanged);
        QSignalSpy runStates(&runs, &RunController::stateChanged);
        QVERIFY(profiles.startProfile(inputs({QStringLiteral("float32[1,3,64,64]:randn")}, 3), quick(5)));
        QCOMPARE(profiles.state(), ProfileController::State::Profiling);
        // The run workflow sees the worker busy and refuses to start.
        QCOMPARE(runs.state(), RunController::State::Busy);
        QSignalSpy runFailed(&runs, &RunController::failed);
        QVERIFY(!runs.startRun(inputs({QStringLiteral("float32[1,3,64,64]")})));
        QVERIFY(runFailed.first().first().toString().contains(QStringLiteral("busy")));

        QSignalSpy available(&profiles, &ProfileController::profileAvailable);
        QTRY_COMPARE_WITH_TIMEOUT(available.count(), 1, ProfileTimeoutMs);
        const ProfileResultPtr result = available.first().first().value<ProfileResultPtr>();
        QVERIFY(result);
        QVERIFY(result->nodeLevel);
        QCOMPARE(result->runs, 5);
        QCOMPARE(int(result->executorRunsMs.size()), 5);
        QCOMPARE(int(result->timelines.size()), 5); // the GUI's document has every run's timeline
        QCOMPARE(result->threads, 1);
        QVERIFY(result->outputsEqualForward.value_or(false));
        QVERIFY(result->events.available);
        QCOMPARE(int(result->inputs.size()), 1);
        QCOMPARE(profiles.lastResult(), result);
        QCOMPARE(profiles.state(), ProfileController::State::Ready);
        QCOMPARE(worker.client()->processId(), pid);

        // Progress went through the phases, runs counted up to runs + forward runs.
        QStringList texts;
        for (const QList<QVariant>& p : progress)
            texts << p.at(0).toString();
        QVERIFY2(texts.join(QLatin1Char('|')).contains(QStringLiteral("peaks")), qPrintable(texts.join(QLatin1Char('|'))));
        QVERIFY(texts.join(QLatin1Char('|')).contains(QStringLiteral("Warming up")));
        QVERIFY(texts.join(QLatin1Char('|')).contains(QStringLiteral("run 7 of 7")));
        QVERIFY(texts.contains(QStringLiteral("Reading the profile…")));
        QVERIFY(states.count() >= 3); // Profiling, Reading, Ready

        // The same worker runs the model right after.
        QSignalSpy ran(&runs, &RunController::runAvailable);
        QVERIFY(runs.startRun(inputs({QStringLiteral("float32[1,3,64,64]")})));
        QTRY_COMPARE_WITH_TIMEOUT(ran.count(), 1, ProfileTimeoutMs);
    }

    void profilesAMethodOfAModelWithoutForward()
    {
        ModelWorker worker;
        ProfileController profiles(&worker);
        QVERIFY(openModel(worker, fixture("lstm_scripted.pt"))); // forward__0, forward__1, no forward
        RunRequest request = inputs({QStringLiteral("float32[5,1,8]")}, 2);
        QString message;
        QVERIFY(!profileAndWait(profiles, request, quick(), &message));
        QVERIFY2(message.contains(QStringLiteral("no forward method to profile")), qPrintable(message));
        request.method = QStringLiteral("forward__0");
        const ProfileResultPtr result = profileAndWait(profiles, request, quick(), &message);
        QVERIFY2(result, qPrintable(message));
        QVERIFY(result->nodeLevel);
        QVERIFY(std::any_of(result->nodes.begin(), result->nodes.end(),
                            [](const ptscope::NodeProfile& n) { return n.kind == "aten::lstm"; }));
        QVERIFY(result->outputsEqualForward.value_or(false));
    }

    void checksInputsBeforeStartingWork()
    {
        ModelWorker worker;
        ProfileController profiles(&worker);
        QSignalSpy failed(&profiles, &ProfileController::failed);
        QVERIFY(!profiles.startProfile(inputs({QStringLiteral("float32[1,10]")}), quick()));
        QVERIFY(failed.last().first().toString().contains(QStringLiteral("Open a model")));
        QVERIFY(openModel(worker, fixture("simplenet_scripted.pt")));
        QVERIFY(!profiles.startProfile(inputs({QStringLiteral("float32[1,10")}), quick()));
        QVERIFY(!profiles.startProfile(inputs({QStringLiteral("float32[1,10]"), QStringLiteral("int:2")}), quick()));
        ProfileSettings none = quick();
        none.runs = 0;
        QVERIFY(!profiles.startProfile(inputs({QStringLiteral("float32[1,10]")}), none));
        QCOMPARE(failed.count(), 4);
        QCOMPARE(worker.currentTask(), 0);
        QCOMPARE(profiles.state(), ProfileController::State::Ready);
    }

    void modelErrorsReachPeople()
    {
        ModelWorker worker;
        ProfileController profiles(&worker);
        QVERIFY(openModel(worker, fixture("run/raises_scripted.pt")));
        QString message;
        QVERIFY(!profileAndWait(profiles, inputs({QStringLiteral("float32[2,2]:5"), QStringLiteral("float:1.0")}), quick(),
                                &message));
        QVERIFY2(message.contains(QStringLiteral("input exceeds limit")), qPrintable(message));
        QCOMPARE(profiles.state(), ProfileController::State::Ready);
        const ProfileResultPtr ok =
            profileAndWait(profiles, inputs({QStringLiteral("float32[2,2]:0.5"), QStringLiteral("float:1.0")}), quick());
        QVERIFY(ok);
        QVERIFY(ok->nodeLevel);
    }

    void cancelsAForwardThatNeverReturns()
    {
        ModelWorker worker;
        ProfileController profiles(&worker);
        QVERIFY(openModel(worker, fixture("run/spin_scripted.pt")));
        const qint64 pid = worker.client()->processId();
        QSignalSpy cancelled(&profiles, &ProfileController::cancelled);
        QSignalSpy failed(&profiles, &ProfileController::failed);
        QVERIFY(profiles.startProfile(spin(-1), quick()));
        QTest::qWait(300);
        QCOMPARE(profiles.state(), ProfileController::State::Profiling);
        profiles.cancel();
        QTRY_COMPARE_WITH_TIMEOUT(cancelled.count(), 1, CancelTimeoutMs);
        QVERIFY(failed.isEmpty());
        QVERIFY(waitForState(profiles, ProfileController::State::Ready, OpenTimeoutMs));
        QVERIFY(worker.client()->processId() != pid);
        const ProfileResultPtr result = profileAndWait(profiles, spin(3), quick());
        QVERIFY(result);
        QVERIFY(result->nodeLevel);
    }

    void cancelsBetweenRunsWithoutKillingTheWorker()
    {
        ModelWorker worker;
        ProfileController profiles(&worker);
        QVERIFY(openModel(worker, fixture("run/spin_scripted.pt")));
        const qint64 pid = worker.client()->processId();
        worker.setCancelGraceMilliseconds(30000); // the worker must stop on its own
        QSignalSpy cancelled(&profiles, &ProfileController::cancelled);
        QSignalSpy progress(&profiles, &ProfileController::progress);
        QVERIFY(profiles.startProfile(spin(2000), quick(100000)));
        QTRY_VERIFY_WITH_TIMEOUT(progress.count() >= 6, ProfileTimeoutMs);
        profiles.cancel();
        QTRY_COMPARE_WITH_TIMEOUT(cancelled.count(), 1, CancelTimeoutMs);
        QCOMPARE(worker.client()->processId(), pid);
        QCOMPARE(profiles.state(), ProfileController::State::Ready);
        QVERIFY(!profiles.lastResult());
    }

    void reportsAndReplacesAKilledWorker()
    {
        ModelWorker worker;
        ProfileController profiles(&worker);
        QVERIFY(openModel(worker, fixture("run/spin_scripted.pt")));
        const qint64 pid = worker.client()->processId();
        QSignalSpy failed(&profiles, &ProfileController::failed);
        QVERIFY(profiles.startProfile(spin(-1), quick()));
        QTest::qWait(200);
        ::kill(pid_t(pid), SIGKILL);
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, CancelTimeoutMs);
        QVERIFY2(failed.first().first().toString().contains(QStringLiteral("killed")),
                 qPrintable(failed.first().first().toString()));
        QVERIFY(waitForState(profiles, ProfileController::State::Ready, OpenTimeoutMs));
        QVERIFY(worker.client()->processId() != pid);
        QVERIFY(profileAndWait(profiles, spin(2), quick()));
    }

    void aTimeLimitStopsTheWorkerAndTheNextTaskRuns()
    {
        ModelWorker worker;
        ProfileController profiles(&worker);
        RunController runs(&worker);
        worker.setTaskTimeLimitSeconds(1);
        QVERIFY(openModel(worker, fixture("run/spin_scripted.pt")));
        const qint64 pid = worker.client()->processId();
        QSignalSpy failed(&profiles, &ProfileController::failed);
        QElapsedTimer timer;
        timer.start();
        QVERIFY(profiles.startProfile(spin(-1), quick()));
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 10000);
        QVERIFY2(timer.elapsed() >= 1000, qPrintable(failed.first().first().toString()));
        QVERIFY2(failed.first().first().toString().contains(QStringLiteral("longer than the 1 s allowed")),
                 qPrintable(failed.first().first().toString()));
        QVERIFY(waitForState(profiles, ProfileController::State::Ready, OpenTimeoutMs));
        QVERIFY(worker.client()->processId() != pid);
        // Runs are bounded the same way; a short one is not affected.
        QSignalSpy runFailed(&runs, &RunController::failed);
        QVERIFY(runs.startRun(spin(-1)));
        QTRY_COMPARE_WITH_TIMEOUT(runFailed.count(), 1, 10000);
        QVERIFY(waitForState(profiles, ProfileController::State::Ready, OpenTimeoutMs));
        QVERIFY(profileAndWait(profiles, spin(3), quick()));
    }

    void aMemoryLimitEndsARunAsOutOfMemory()
    {
        ModelWorker worker;
        RunController runs(&worker);
        worker.setMemoryLimitMiB(1500);
        QVERIFY(openModel(worker, fixture("resnet18_scripted.pt")));
        QSignalSpy failed(&runs, &RunController::failed);
        QVERIFY(runs.startRun(inputs({QStringLiteral("float32[256,3,224,224]")})));
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 120000);
        QVERIFY2(failed.first().first().toString().contains(QStringLiteral("out of memory")),
                 qPrintable(failed.first().first().toString()));
        QSignalSpy ran(&runs, &RunController::runAvailable);
        QVERIFY(runs.startRun(inputs({QStringLiteral("float32[1,3,64,64]")})));
        QTRY_COMPARE_WITH_TIMEOUT(ran.count(), 1, 120000);
    }

    void aNewModelForgetsTheLastProfile()
    {
        ModelWorker worker;
        ProfileController profiles(&worker);
        QVERIFY(openModel(worker, fixture("simplenet_scripted.pt")));
        QVERIFY(profileAndWait(profiles, inputs({QStringLiteral("float32[2,10]")}), quick()));
        QVERIFY(profiles.lastResult());
        QVERIFY(openModel(worker, fixture("run/spin_scripted.pt")));
        QVERIFY(!profiles.lastResult());
    }
};

QTEST_MAIN(ProfileControllerTest)
#include "profilecontrollertest.moc"
