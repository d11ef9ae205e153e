// The Compare workflow through CompareController's signals, with a real `ptscope-cli worker`: a
// comparison arrives whole (outputs, search, node by node), progress is reported by phase, the
// request is checked first, and cancelling or a killed worker leave the worker ready again.

#include "controllers/comparecontroller.h"
#include "controllers/runcontroller.h"
#include "uitestsupport.h"
#include "worker/modelworker.h"
#include "worker/workerclient.h"

#include <QFileInfo>
#include <QSignalSpy>
#include <QTest>
#include <csignal>

namespace {

constexpr int OpenTimeoutMs = 120000;
constexpr int CompareTimeoutMs = 180000;
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

RunRequest inputs(const QStringList& specs)
{
    RunRequest request;
    request.inputs = specs;
    return request;
}

CompareSettings withModel(const QString& b, bool search = false)
{
    CompareSettings s;
    s.modelB = b;
    s.search = search;
    s.perNode = true;
    return s;
}

CompareReportPtr compareAndWait(CompareController& controller, const RunRequest& request,
                                const CompareSettings& settings, QString* message = nullptr)
{
    QSignalSpy available(&controller, &CompareController::comparisonAvailable);
    QSignalSpy failed(&controller, &CompareController::failed);
    if (!controller.startCompare(request, settings)) {
        if (message && !failed.isEmpty())
            *message = failed.first().first().toString();
        return nullptr;
    }
    QElapsedTimer timer;
    timer.start();
    while (available.isEmpty() && failed.isEmpty() && timer.elapsed() < CompareTimeoutMs)
        QTest::qWait(5);
    if (message && !failed.isEmpty())
        *message = failed.first().first().toString();
    return available.isEmpty() ? nullptr : available.first().first().value<CompareReportPtr>();
}

RunRequest spin(int n)
{
    return inputs({QStringLiteral("float32[2]:zeros"), QStringLiteral("int:%1").arg(n)});
}

bool waitForState(CompareController& controller, CompareController::State state, int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    while (controller.state() != state && timer.elapsed() < timeoutMs)
        QTest::qWait(5);
    return controller.state() == state;
}

} // namespace

class CompareControllerTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { UiTest::isolateSettings(); }

    void findsWhereATraceLostItsBranch()
    {
        ModelWorker worker;
        CompareController compare(&worker);
        RunController runs(&worker);
        QCOMPARE(compare.state(), CompareController::State::NoModel);
        QVERIFY(openModel(worker, fixture("branch_traced.pt")));
        QCOMPARE(compare.state(), CompareController::State::Ready);
        const qint64 pid = worker.client()->processId();

        QSignalSpy progress(&compare, &CompareController::progress);
        QSignalSpy states(&compare, &CompareController::stateChanged);
        QSignalSpy available(&compare, &CompareController::comparisonAvailable);
        QSignalSpy reviewed(&compare, &CompareController::reviewAvailable);
        QVERIFY(compare.startCompare(inputs({QStringLiteral("float32[1,4]:ones")}),
                                     withModel(fixture("branch_scripted.pt"), true)));
        QCOMPARE(compare.state(), CompareController::State::Comparing);
        QCOMPARE(runs.state(), RunController::State::Busy);
        QTRY_COMPARE_WITH_TIMEOUT(available.count(), 1, CompareTimeoutMs);
        const CompareReportPtr report = available.first().first().value<CompareReportPtr>();
        QVERIFY(report);
        // The given input takes the branch the trace recorded; the search finds one that does not.
        QVERIFY(report->outputs.matches);
        QVERIFY(!report->matches());
        QVERIFY(report->search && report->search->found);
        QVERIFY(report->perNode && report->perNode->executed);
        bool ifCause = false;
        for (const ptscope::StructuralCause& c : report->perNode->causes)
            ifCause = ifCause || c.kind == "if";
        QVERIFY(ifCause);
        QCOMPARE(compare.lastReport(), report);
        QCOMPARE(compare.state(), CompareController::State::Ready);
        QCOMPARE(worker.client()->processId(), pid);
        // What changed comes with it: the trace has no if, so their code and op counts differ.
        QCOMPARE(reviewed.count(), 1);
        const ReviewPtr review = reviewed.first().first().value<ReviewPtr>();
        QVERIFY(review && !review->identical());
        QVERIFY(!review->ops.empty());
        QCOMPARE(compare.lastReview(), review);

        // The counterexample stays for the Run tab, which runs it in the same worker.
        const QString file = compare.counterexampleFile();
        QVERIFY(QFileInfo::exists(file));
        RunRequest rerun;
        rerun.inputsFile = file;
        QSignalSpy ran(&runs, &RunController::runAvailable);
        QVERIFY(runs.startRun(rerun));
        QTRY_COMPARE_WITH_TIMEOUT(ran.count(), 1, CompareTimeoutMs);

        QStringList texts;
        for (const QList<QVariant>& p : progress)
            texts << p.at(0).toString();
        const QString all = texts.join(QLatin1Char('|'));
        QVERIFY2(all.contains(QStringLiteral("Comparing outputs: input 1 of 1")), qPrintable(all));
        QVERIFY2(all.contains(QStringLiteral("Searching for a disagreeing input")), qPrintable(all));
        QVERIFY2(all.contains(QStringLiteral("node by node")), qPrintable(all));
        QVERIFY(texts.contains(QStringLiteral("Reading the comparison…")));
        QVERIFY(states.count() >= 3); // Comparing, Reading, Ready
    }

    void aModelAgainstItselfMatches()
    {
        ModelWorker worker;
        CompareController compare(&worker);
        QVERIFY(openModel(worker, fixture("simplenet_scripted.pt")));
        CompareSettings settings = withModel(fixture("simplenet_traced.pt"));
        settings.trials = 5;
        const CompareReportPtr report = compareAndWait(compare, inputs({QStringLiteral("float32[3,10]")}), settings);
        QVERIFY(report);
        QVERIFY(report->matches());
        QCOMPARE(int(report->outputs.inputs.size()), 5);
        QVERIFY(report->perNode && !report->perNode->diverged);
        QVERIFY(report->perNode->causes.empty());
        QVERIFY(compare.counterexampleFile().isEmpty());
    }

    void checksTheRequestBeforeStartingWork()
    {
        ModelWorker worker;
        CompareController compare(&worker);
        QSignalSpy failed(&compare, &CompareController::failed);
        QVERIFY(!compare.startCompare(inputs({}), withModel(fixture("simplenet_traced.pt"))));
        QVERIFY(failed.last().first().toString().contains(QStringLiteral("Open a model")));
        QVERIFY(openModel(worker, fixture("simplenet_scripted.pt")));
        QVERIFY(!compare.startCompare(inputs({QStringLiteral("float32[1,10]")}), CompareSettings{}));
        QVERIFY(!compare.startCompare(inputs({QStringLiteral("float32[1,10]")}), withModel(QStringLiteral("/no/such.pt"))));
        QVERIFY(failed.last().first().toString().contains(QStringLiteral("not found")));
        CompareSettings reference;
        reference.reference = fixture("simplenet_traced.pt");
        reference.search = true;
        QVERIFY(!compare.startCompare(inputs({QStringLiteral("float32[1,10]")}), reference));
        QVERIFY(failed.last().first().toString().contains(QStringLiteral("belong to the inputs")));
        CompareSettings negative = withModel(fixture("simplenet_traced.pt"));
        negative.atol = -1;
        QVERIFY(!compare.startCompare(inputs({QStringLiteral("float32[1,10]")}), negative));
        QVERIFY(!compare.startCompare(inputs({QStringLiteral("float32[1,10")}), withModel(fixture("simplenet_traced.pt"))));
        QCOMPARE(failed.count(), 6);
        QCOMPARE(worker.currentTask(), 0);
        QCOMPARE(compare.state(), CompareController::State::Ready);
    }

    void aSecondModelThatCannotOpenIsReported()
    {
        ModelWorker worker;
        CompareController compare(&worker);
        QVERIFY(openModel(worker, fixture("simplenet_scripted.pt")));
        QString message;
        QVERIFY(!compareAndWait(compare, inputs({QStringLiteral("float32[1,10]")}), withModel(fixture("random_bytes.pt")),
                                &message));
        QVERIFY2(!message.isEmpty(), "no message");
        QVERIFY(waitForState(compare, CompareController::State::Ready, OpenTimeoutMs));
        QVERIFY(compareAndWait(compare, inputs({QStringLiteral("float32[1,10]")}), withModel(fixture("simplenet_traced.pt"))));
    }

    void cancelsBetweenSearchTrialsWithoutKillingTheWorker()
    {
        ModelWorker worker;
        CompareController compare(&worker);
        QVERIFY(openModel(worker, fixture("run/spin_scripted.pt")));
        const qint64 pid = worker.client()->processId();
        worker.setCancelGraceMilliseconds(30000); // the worker must stop on its own
        QSignalSpy cancelled(&compare, &CompareController::cancelled);
        QSignalSpy progress(&compare, &CompareController::progress);
        CompareSettings settings = withModel(fixture("run/spin_scripted.pt"), true);
        settings.perNode = false;
        settings.searchBudget = 100000;
        settings.searchSeconds = 600;
        QVERIFY(compare.startCompare(spin(3000), settings));
        QTRY_VERIFY_WITH_TIMEOUT(progress.count() >= 4, CompareTimeoutMs);
        compare.cancel();
        QTRY_COMPARE_WITH_TIMEOUT(cancelled.count(), 1, CancelTimeoutMs);
        QCOMPARE(worker.client()->processId(), pid);
        QCOMPARE(compare.state(), CompareController::State::Ready);
        QVERIFY(!compare.lastReport());
    }

    void cancelsAForwardThatNeverReturns()
    {
        ModelWorker worker;
        CompareController compare(&worker);
        QVERIFY(openModel(worker, fixture("run/spin_scripted.pt")));
        const qint64 pid = worker.client()->processId();
        QSignalSpy cancelled(&compare, &CompareController::cancelled);
        QVERIFY(compare.startCompare(spin(-1), withModel(fixture("run/spin_scripted.pt"))));
        QTest::qWait(300);
        QCOMPARE(compare.state(), CompareController::State::Comparing);
        compare.cancel();
        QTRY_COMPARE_WITH_TIMEOUT(cancelled.count(), 1, CancelTimeoutMs);
        QVERIFY(waitForState(compare, CompareController::State::Ready, OpenTimeoutMs));
        QVERIFY(worker.client()->processId() != pid);
        QVERIFY(compareAndWait(compare, spin(2), withModel(fixture("run/spin_scripted.pt"))));
    }

    void reportsAndReplacesAKilledWorker()
    {
        ModelWorker worker;
        CompareController compare(&worker);
        QVERIFY(openModel(worker, fixture("run/spin_scripted.pt")));
        const qint64 pid = worker.client()->processId();
        QSignalSpy failed(&compare, &CompareController::failed);
        QVERIFY(compare.startCompare(spin(-1), withModel(fixture("run/spin_scripted.pt"))));
        QTest::qWait(200);
        ::kill(pid_t(pid), SIGKILL);
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, CancelTimeoutMs);
        QVERIFY2(failed.first().first().toString().contains(QStringLiteral("killed")),
                 qPrintable(failed.first().first().toString()));
        QVERIFY(waitForState(compare, CompareController::State::Ready, OpenTimeoutMs));
        QVERIFY(worker.client()->processId() != pid);
        QVERIFY(compareAndWait(compare, spin(2), withModel(fixture("run/spin_scripted.pt"))));
    }
};

QTEST_MAIN(CompareControllerTest)
#include "comparecontrollertest.moc"
