// What the worker process buys the GUI, and how fast Cancel is: prints one JSON line with
//   worker_ready_s   setModel() to modelReady (process start, LibTorch, model load)
//   warm_run_s       median startRun() to runAvailable through the running worker
//   cold_cli_run_s   median wall time of `ptscope-cli run` for the same inputs (a fresh process)
//   cancel_s         with --spin: cancel() to cancelled for a forward that never returns (median)
//
//   ptscope-bench-run [--repeat N] [--spin SPIN.pt] MODEL.pt SPEC...
// SPIN.pt is tests' run/spin_scripted.pt (forward(x, n) loops forever for n < 0).

#include "controllers/runcontroller.h"
#include "worker/workerclient.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QProcess>
#include <QTimer>
#include <algorithm>
#include <cstdio>
#include <vector>

namespace {

double median(std::vector<double> values)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

// Spins the event loop until done() or the timeout; false on timeout.
template <typename Done> bool waitFor(Done done, int timeoutMs = 120000)
{
    QElapsedTimer timer;
    timer.start();
    while (!done() && timer.elapsed() < timeoutMs)
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 5);
    return done();
}

bool open(RunController& controller, const QString& model, double* seconds)
{
    bool ready = false, failed = false;
    auto a = QObject::connect(&controller, &RunController::modelReady, [&] { ready = true; });
    auto b = QObject::connect(&controller, &RunController::modelFailed, [&](const QString& message) {
        std::fprintf(stderr, "%s\n", qPrintable(message));
        failed = true;
    });
    QElapsedTimer timer;
    timer.start();
    controller.setModel(model);
    waitFor([&] { return ready || failed; });
    *seconds = timer.elapsed() / 1000.0;
    QObject::disconnect(a);
    QObject::disconnect(b);
    return ready;
}

double runOnce(RunController& controller, const RunRequest& request)
{
    bool done = false;
    auto a = QObject::connect(&controller, &RunController::runAvailable, [&] { done = true; });
    auto b = QObject::connect(&controller, &RunController::failed, [&](const QString& message) {
        std::fprintf(stderr, "%s\n", qPrintable(message));
        done = true;
    });
    QElapsedTimer timer;
    timer.start();
    if (controller.startRun(request))
        waitFor([&] { return done; });
    QObject::disconnect(a);
    QObject::disconnect(b);
    return timer.nsecsElapsed() / 1e9;
}

double cancelOnce(RunController& controller)
{
    RunRequest endless;
    endless.inputs = {QStringLiteral("float32[2]:zeros"), QStringLiteral("int:-1")};
    bool cancelled = false;
    auto a = QObject::connect(&controller, &RunController::cancelled, [&] { cancelled = true; });
    controller.startRun(endless);
    QElapsedTimer settle;
    settle.start();
    waitFor([&] { return settle.elapsed() > 300; }, 400);
    QElapsedTimer timer;
    timer.start();
    controller.cancel();
    waitFor([&] { return cancelled; });
    const double seconds = timer.nsecsElapsed() / 1e9;
    QObject::disconnect(a);
    // The next measurement needs the replacement worker ready.
    waitFor([&] { return controller.state() == RunController::State::Ready; });
    return seconds;
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    if (qEnvironmentVariableIsEmpty("PTSCOPE_CLI"))
        qputenv("PTSCOPE_CLI", PTSCOPE_CLI_PATH); // the worker built with this benchmark
    QStringList args = app.arguments().mid(1);
    int repeat = 5;
    QString spin;
    while (!args.isEmpty() && args.first().startsWith(QStringLiteral("--"))) {
        const QString option = args.takeFirst();
        if (option == QLatin1String("--repeat") && !args.isEmpty())
            repeat = args.takeFirst().toInt();
        else if (option == QLatin1String("--spin") && !args.isEmpty())
            spin = args.takeFirst();
    }
    if (args.isEmpty()) {
        std::fprintf(stderr, "usage: ptscope-bench-run [--repeat N] [--spin SPIN.pt] MODEL.pt SPEC...\n");
        return 2;
    }
    const QString model = args.takeFirst();
    RunRequest request;
    request.inputs = args;

    RunController controller;
    double readySeconds = 0;
    if (!open(controller, model, &readySeconds))
        return 2;
    std::vector<double> warm, cold, cancels;
    runOnce(controller, request); // the first run of a scripted model profiles it: not counted
    for (int i = 0; i < repeat; ++i)
        warm.push_back(runOnce(controller, request));
    for (int i = 0; i < repeat; ++i) {
        QStringList cli{QStringLiteral("run"), model};
        for (const QString& spec : args)
            cli << QStringLiteral("--input") << spec;
        QProcess process;
        QElapsedTimer timer;
        timer.start();
        process.start(WorkerClient::defaultProgram(), cli);
        process.waitForFinished(120000);
        cold.push_back(timer.nsecsElapsed() / 1e9);
    }
    if (!spin.isEmpty()) {
        double ignored = 0;
        if (!open(controller, spin, &ignored))
            return 2;
        for (int i = 0; i < repeat; ++i)
            cancels.push_back(cancelOnce(controller));
    }
    std::printf(
        "{\"model\": \"%s\", \"worker_ready_s\": %.3f, \"warm_run_s\": %.4f, \"cold_cli_run_s\": %.4f",
        qPrintable(model), readySeconds, median(warm), median(cold));
    if (!cancels.empty())
        std::printf(", \"cancel_s\": %.3f, \"cancel_max_s\": %.3f", median(cancels),
                    *std::max_element(cancels.begin(), cancels.end()));
    std::printf("}\n");
    return 0;
}
