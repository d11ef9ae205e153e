// The Run workflow through RunController's signals, with a real `ptscope-cli worker`: every run
// case of make_run_fixtures.py gives Python's outputs bit for bit, errors reach people, and a
// killed worker or a forward that never returns leaves the controller ready for the next run.

#include "controllers/runcontroller.h"

#include "appsettings.h"
#include "worker/workerclient.h"
#include "runcases.h"
#include "uitestsupport.h"

#include <QSignalSpy>
#include <QTest>
#include <csignal>
#include <ptscope/io/npy.h>

using nlohmann::json;

namespace {

constexpr int OpenTimeoutMs = 120000;
constexpr int RunTimeoutMs = 120000;
constexpr int CancelTimeoutMs = 5000;

QString fixture(const char* name)
{
    return UiTest::fixturePath(QString::fromUtf8(name));
}

QStringList toStringList(const std::vector<std::string>& values)
{
    QStringList result;
    for (const std::string& value : values)
        result.append(QString::fromStdString(value));
    return result;
}

bool waitForState(RunController& controller, RunController::State state, int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    while (controller.state() != state && timer.elapsed() < timeoutMs)
        QTest::qWait(5);
    return controller.state() == state;
}

bool openModel(RunController& controller, const QString& path, const QStringList& libraries = {})
{
    QSignalSpy ready(&controller, &RunController::modelReady);
    QSignalSpy failed(&controller, &RunController::modelFailed);
    controller.setModel(path, libraries);
    QElapsedTimer timer;
    timer.start();
    while (ready.isEmpty() && failed.isEmpty() && timer.elapsed() < OpenTimeoutMs)
        QTest::qWait(5);
    if (!failed.isEmpty())
        qWarning("%s: %s", qPrintable(path), qPrintable(failed.first().first().toString()));
    return !ready.isEmpty();
}

// Runs and waits for the outcome: the result, or null with the failure message in *message.
RunResultPtr runAndWait(RunController& controller, const RunRequest& request, QString* message = nullptr)
{
    QSignalSpy available(&controller, &RunController::runAvailable);
    QSignalSpy failed(&controller, &RunController::failed);
    if (!controller.startRun(request)) {
        if (message)
            *message = failed.isEmpty() ? QString() : failed.first().first().toString();
        return nullptr;
    }
    QElapsedTimer timer;
    timer.start();
    while (available.isEmpty() && failed.isEmpty() && timer.elapsed() < RunTimeoutMs)
        QTest::qWait(5);
    if (!failed.isEmpty() && message)
        *message = failed.first().first().toString();
    return available.isEmpty() ? nullptr : available.first().first().value<RunResultPtr>();
}

RunRequest requestFor(const json& c)
{
    RunRequest request;
    request.inputs = toStringList(ptscope::test::caseInputs(c));
    const std::string all = ptscope::test::caseAllInputs(c);
    if (!all.empty())
        request.inputsFile = QString::fromStdString(all.substr(1));
    request.seed = c["seed"].get<quint64>();
    request.threads = 1; // Python made the expected values with one thread
    return request;
}

RunRequest spin(int iterations, int repeat = 1)
{
    RunRequest request;
    request.inputs = {QStringLiteral("float32[2]:zeros"), QStringLiteral("int:%1").arg(iterations)};
    request.repeat = repeat;
    request.warmup = 0;
    return request;
}

// The worker's output for spin(n): zeros + n.
void verifySpinResult(const RunResultPtr& result, int iterations)
{
    QVERIFY(result);
    QCOMPARE(result->samples.size(), size_t(1));
    const ptscope::OutputInfo& output = result->samples[0].outputs.at(0);
    QCOMPARE(output.tensor.min.value_or(-1), double(iterations));
    QCOMPARE(output.tensor.max.value_or(-1), double(iterations));
}

} // namespace

class RunControllerTest : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { UiTest::isolateSettings(); }

    void opensTheModelInTheWorker()
    {
        RunController controller;
        QSignalSpy states(&controller, &RunController::stateChanged);
        QVERIFY(openModel(controller, fixture("multi_io_scripted.pt")));
        QCOMPARE(controller.state(), RunController::State::Ready);
        QVERIFY(controller.worker()->processId() > 0);
        QVERIFY(controller.hasForward());
        QCOMPARE(controller.arguments().size(), size_t(4));
        QCOMPARE(controller.arguments()[0].kind, std::string("tensor"));
        QCOMPARE(controller.arguments()[2].kind, std::string("float"));
        QVERIFY(controller.forwardSignature().contains(QStringLiteral("scale: float")));
        QCOMPARE(states.first().first().value<RunController::State>(), RunController::State::Opening);
    }

    void everyRunCaseGivesPythonsOutputs()
    {
        RunController controller;
        std::string openModelPath;
        int checked = 0;
        for (const std::string& name : ptscope::test::runCaseNames(false)) {
            const json& c = ptscope::test::runCase(name);
            const std::string model = ptscope::test::caseModel(c);
            if (model != openModelPath) {
                QVERIFY2(openModel(controller, QString::fromStdString(model),
                                   toStringList(ptscope::test::caseLibraries(c))),
                         name.c_str());
                openModelPath = model;
            }
            QString message;
            const RunResultPtr result = runAndWait(controller, requestFor(c), &message);
            QVERIFY2(result, qPrintable(QString::fromStdString(name) + QStringLiteral(": ") + message));
            if (c.contains("samples")) {
                QVERIFY(result->batch);
                QCOMPARE(result->samples.size(), c["samples"].size());
                for (size_t s = 0; s < result->samples.size(); ++s)
                    QCOMPARE(
                        ptscope::test::compareOutputs(c["samples"][s]["outputs"], result->samples[s].outputs),
                        std::string());
            } else {
                QCOMPARE(result->samples.size(), size_t(1));
                const std::string diff =
                    ptscope::test::compareOutputs(c["outputs"], result->samples[0].outputs);
                QVERIFY2(diff.empty(), (name + ": " + diff).c_str());
            }
            // The worker also saved forward's return value for "Save outputs as .pt".
            QVERIFY2(QFileInfo(QString::fromStdString(result->savedOutputs)).size() > 0, name.c_str());
            QCOMPARE(controller.state(), RunController::State::Ready);
            ++checked;
        }
        QVERIFY(checked >= 50);
    }

    void errorsReachPeopleAndTheNextRunWorks()
    {
        RunController controller;
        for (const std::string& name : ptscope::test::runCaseNames(true)) {
            const json& c = ptscope::test::runCase(name);
            QVERIFY(openModel(controller, QString::fromStdString(ptscope::test::caseModel(c))));
            QString message;
            QVERIFY2(!runAndWait(controller, requestFor(c), &message), name.c_str());
            for (const auto& word : c["error"]["contains"])
                QVERIFY2(message.contains(QString::fromStdString(word.get<std::string>())),
                         qPrintable(QString::fromStdString(name) + QStringLiteral(": ") + message));
            for (const auto& line : c["error"]["hint_contains"])
                QVERIFY2(message.contains(QString::fromStdString(line.get<std::string>())),
                         qPrintable(QString::fromStdString(name) + QStringLiteral(": ") + message));
            QVERIFY(!message.contains(QStringLiteral("frame #")));
            QVERIFY2(waitForState(controller, RunController::State::Ready, OpenTimeoutMs), name.c_str());
        }
        // Still usable: the last model opened runs on good inputs.
        QVERIFY(openModel(controller, fixture("simplenet_scripted.pt")));
        RunRequest good;
        good.inputs = {QStringLiteral("float32[1,10]")};
        QVERIFY(runAndWait(controller, good));
    }

    void checksInputsBeforeStartingWork_data()
    {
        QTest::addColumn<QStringList>("inputs");
        QTest::addColumn<QString>("expected");
        QTest::newRow("too many") << QStringList{QStringLiteral("float32[1,10]"), QStringLiteral("int:1")}
                                  << QStringLiteral("forward takes 1 input; got 2");
        QTest::newRow("bad spec") << QStringList{QStringLiteral("float32[1,10")}
                                  << QStringLiteral("Argument x");
        QTest::newRow("missing") << QStringList{} << QStringLiteral("needs an input");
        QTest::newRow("blank") << QStringList{QStringLiteral("  ")} << QStringLiteral("needs an input");
        QTest::newRow("no file") << QStringList{QStringLiteral("@/no/such/file.npy")}
                                 << QStringLiteral("file not found");
    }

    void checksInputsBeforeStartingWork()
    {
        QFETCH(QStringList, inputs);
        QFETCH(QString, expected);
        RunController controller;
        QVERIFY(openModel(controller, fixture("simplenet_scripted.pt")));
        const qint64 pid = controller.worker()->processId();
        QSignalSpy failed(&controller, &RunController::failed);
        RunRequest request;
        request.inputs = inputs;
        QVERIFY(!controller.startRun(request));
        QCOMPARE(failed.count(), 1); // at once, without asking the worker
        QVERIFY2(failed.first().first().toString().contains(expected),
                 qPrintable(failed.first().first().toString()));
        QCOMPARE(controller.state(), RunController::State::Ready);
        QCOMPARE(controller.worker()->processId(), pid);
    }

    void cancelsAForwardThatNeverReturns()
    {
        RunController controller;
        QVERIFY(openModel(controller, fixture("run/spin_scripted.pt")));
        const qint64 firstPid = controller.worker()->processId();
        QSignalSpy cancelled(&controller, &RunController::cancelled);
        QSignalSpy failed(&controller, &RunController::failed);
        QVERIFY(controller.startRun(spin(-1)));
        QTest::qWait(300); // well inside the forward
        QCOMPARE(controller.state(), RunController::State::Running);
        QElapsedTimer timer;
        timer.start();
        controller.cancel();
        QTRY_COMPARE_WITH_TIMEOUT(cancelled.count(), 1, CancelTimeoutMs);
        qInfo("cancelled after %lld ms", timer.elapsed());
        QVERIFY(failed.isEmpty());
        QVERIFY(controller.state() != RunController::State::Running);
        // The worker had to go; a fresh one has the model open for the next run.
        QVERIFY(controller.worker()->processId() != firstPid);
        verifySpinResult(runAndWait(controller, spin(3)), 3);
        QCOMPARE(cancelled.count(), 1);
    }

    void cancelsBetweenRepeatsWithoutKillingTheWorker()
    {
        RunController controller;
        QVERIFY(openModel(controller, fixture("run/spin_scripted.pt")));
        const qint64 pid = controller.worker()->processId();
        QSignalSpy cancelled(&controller, &RunController::cancelled);
        QSignalSpy progress(&controller, &RunController::progress);
        controller.setCancelGraceMilliseconds(30000); // the worker must stop on its own
        QVERIFY(controller.startRun(spin(2000, 100000)));
        QTRY_VERIFY_WITH_TIMEOUT(progress.count() >= 3, RunTimeoutMs); // "Running…" and repeats done
        controller.cancel();
        QTRY_COMPARE_WITH_TIMEOUT(cancelled.count(), 1, CancelTimeoutMs);
        QCOMPARE(controller.worker()->processId(), pid);
        QCOMPARE(controller.state(), RunController::State::Ready);
        verifySpinResult(runAndWait(controller, spin(5)), 5);
    }

    void reportsAndReplacesAKilledWorker()
    {
        RunController controller;
        QVERIFY(openModel(controller, fixture("run/spin_scripted.pt")));
        const qint64 pid = controller.worker()->processId();
        QSignalSpy failed(&controller, &RunController::failed);
        QVERIFY(controller.startRun(spin(-1)));
        QTest::qWait(200);
        ::kill(pid_t(pid), SIGKILL); // as the kernel's out-of-memory killer would
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, CancelTimeoutMs);
        const QString message = failed.first().first().toString();
        QVERIFY2(message.contains(QStringLiteral("killed")), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("new worker")), qPrintable(message));
        QVERIFY(controller.state() != RunController::State::Running);
        QVERIFY(waitForState(controller, RunController::State::Ready, OpenTimeoutMs));
        QVERIFY(controller.worker()->processId() != pid);
        verifySpinResult(runAndWait(controller, spin(7)), 7);
    }

    void reportsACrashedWorker()
    {
        RunController controller;
        QVERIFY(openModel(controller, fixture("run/spin_scripted.pt")));
        QSignalSpy failed(&controller, &RunController::failed);
        QVERIFY(controller.startRun(spin(-1)));
        QTest::qWait(200);
        ::kill(pid_t(controller.worker()->processId()), SIGSEGV);
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, CancelTimeoutMs);
        QVERIFY2(failed.first().first().toString().contains(QStringLiteral("crashed")),
                 qPrintable(failed.first().first().toString()));
        verifySpinResult(runAndWait(controller, spin(2)), 2);
    }

    void replacesAWorkerThatDiesWhileIdle()
    {
        RunController controller;
        QVERIFY(openModel(controller, fixture("run/spin_scripted.pt")));
        QSignalSpy restarted(&controller, &RunController::workerRestarted);
        QSignalSpy failed(&controller, &RunController::failed);
        ::kill(pid_t(controller.worker()->processId()), SIGKILL);
        QTRY_COMPARE_WITH_TIMEOUT(restarted.count(), 1, CancelTimeoutMs);
        QVERIFY(failed.isEmpty());
        verifySpinResult(runAndWait(controller, spin(4)), 4);
    }

    void aModelTheWorkerCannotOpenIsReported()
    {
        RunController controller;
        QSignalSpy failed(&controller, &RunController::modelFailed);
        controller.setModel(fixture("random_bytes.pt"));
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, OpenTimeoutMs);
        QCOMPARE(controller.state(), RunController::State::Unusable);
        QVERIFY(!failed.first().first().toString().isEmpty());
        // Another model in the same worker works.
        QVERIFY(openModel(controller, fixture("run/spin_scripted.pt")));
        verifySpinResult(runAndWait(controller, spin(1)), 1);
    }

    void remembersTheInputsOfEachModel()
    {
        AppSettings::setLastRunInputs({});
        RunController controller;
        QVERIFY(openModel(controller, fixture("run/spin_scripted.pt")));
        const RunRequest request = spin(6);
        QVERIFY(runAndWait(controller, request));
        QCOMPARE(RunController::rememberedInputs(fixture("run/spin_scripted.pt")), request.inputs);
        QVERIFY(RunController::rememberedMethod(fixture("run/spin_scripted.pt")).isEmpty());
        // Kept as a plain list, as before methods could be run, so older settings still read.
        QVERIFY(AppSettings::lastRunInputs()
                    .value(QFileInfo(fixture("run/spin_scripted.pt")).absoluteFilePath())
                    .typeId() != QMetaType::QVariantMap);
        QVERIFY(RunController::rememberedInputs(fixture("simplenet_scripted.pt")).isEmpty());
    }

    void runsAMethodOfAModelWithoutForward()
    {
        // A scripted nn.LSTM(8, 16, num_layers=2): forward__0 and forward__1, no forward.
        AppSettings::setLastRunInputs({});
        const QString lstm = fixture("lstm_scripted.pt");
        RunController controller;
        QVERIFY(openModel(controller, lstm));
        QVERIFY(!controller.hasForward());
        QStringList names;
        for (const RunnableMethod& method : controller.methods())
            names << method.name;
        QCOMPARE(names.mid(0, 2), (QStringList{QStringLiteral("forward__0"), QStringLiteral("forward__1")}));
        QVERIFY(names.contains(QStringLiteral("check_input")));
        QVERIFY(!controller.method({}));
        const RunnableMethod* forward0 = controller.method(QStringLiteral("forward__0"));
        QVERIFY(forward0);
        QCOMPARE(forward0->signature,
                 QStringLiteral("forward__0(input: Tensor, hx: Optional[Tuple[Tensor, Tensor]] = None)"));
        QCOMPARE(forward0->arguments.size(), size_t(2));
        QCOMPARE(forward0->arguments[0].kind, std::string("tensor"));
        QVERIFY(forward0->arguments[1].hasDefault);

        RunRequest request;
        request.inputs = {QStringLiteral("float32[5,1,8]")};
        request.seed = 3;
        request.threads = 1;
        QString message;
        QVERIFY(!runAndWait(controller, request, &message)); // forward, which it has not
        QVERIFY2(message.contains(QStringLiteral("no forward method")), qPrintable(message));
        request.method = QStringLiteral("backward");
        QVERIFY(!runAndWait(controller, request, &message));
        QVERIFY2(message.contains(QStringLiteral("no method backward")), qPrintable(message));
        // The method's own arguments are checked before the worker sees the request.
        request.method = QStringLiteral("forward__0");
        request.inputs = {QStringLiteral("float32[5,1,8]"), QStringLiteral("none"), QStringLiteral("int:1")};
        QVERIFY(!runAndWait(controller, request, &message));
        QVERIFY2(message.startsWith(QStringLiteral("forward__0 takes 2 inputs; got 3")), qPrintable(message));

        request.inputs = {QStringLiteral("float32[5,1,8]")};
        const RunResultPtr result = runAndWait(controller, request, &message);
        QVERIFY2(result, qPrintable(message));
        QCOMPARE(result->samples[0].outputs.size(), size_t(4)); // output, (h, c)
        QCOMPARE(result->samples[0].outputs[0].tensor.shape, (std::vector<int64_t>{5, 1, 16}));
        const QString difference = UiTest::differenceFromCli(
            *result, lstm,
            {QStringLiteral("--method"), QStringLiteral("forward__0"), QStringLiteral("--input"),
             QStringLiteral("float32[5,1,8]"), QStringLiteral("--seed"), QStringLiteral("3"),
             QStringLiteral("--threads"), QStringLiteral("1")});
        QVERIFY2(difference.isEmpty(), qPrintable(difference));

        // Remembered with the method they ran on; forward has none.
        QCOMPARE(RunController::rememberedMethod(lstm), QStringLiteral("forward__0"));
        QCOMPARE(RunController::rememberedInputs(lstm, QStringLiteral("forward__0")), request.inputs);
        QVERIFY(RunController::rememberedInputs(lstm).isEmpty());
        QVERIFY(RunController::rememberedInputs(lstm, QStringLiteral("check_input")).isEmpty());
    }

    void outputFilesLiveAsLongAsTheResult()
    {
        RunController controller;
        QVERIFY(openModel(controller, fixture("simplenet_scripted.pt")));
        RunRequest request;
        request.inputs = {QStringLiteral("float32[2,10]:ones")};
        RunResultPtr result = runAndWait(controller, request);
        QVERIFY(result);
        const QString file = QString::fromStdString(result->samples[0].outputs[0].file);
        QVERIFY(QFileInfo::exists(file));
        QCOMPARE(ptscope::readNpy(file.toStdString()).shape, (std::vector<int64_t>{2, 2}));
        controller.clear(); // the controller lets go of its copy
        QVERIFY(QFileInfo::exists(file));
        result.reset();
        QVERIFY(!QFileInfo::exists(file));
        QCOMPARE(controller.state(), RunController::State::NoModel);
    }
};

QTEST_MAIN(RunControllerTest)
#include "runcontrollertest.moc"
