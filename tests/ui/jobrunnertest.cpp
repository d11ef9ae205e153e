#include "jobs/jobrunner.h"

#include "uitestsupport.h"

#include <QSemaphore>
#include <QSignalSpy>
#include <QTest>
#include <QThread>
#include <atomic>
#include <stdexcept>

class JobRunnerTest : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { UiTest::isolateSettings(); }

    void deliversResultOnUiThread()
    {
        JobRunner runner;
        std::atomic<QThread*> workThread = nullptr;
        std::optional<int> result;
        QThread* doneThread = nullptr;
        const JobId id = runner.start(
            [&workThread](JobContext&) {
                workThread = QThread::currentThread();
                return 42;
            },
            [&](int value) {
                result = value;
                doneThread = QThread::currentThread();
            },
            [](const JobFailure& failure) { QFAIL(qPrintable(failure.message)); });
        QVERIFY(runner.isRunning(id));
        QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 5000);
        QCOMPARE(*result, 42);
        QCOMPARE(doneThread, QThread::currentThread());
        QVERIFY(workThread.load() != QThread::currentThread());
        QVERIFY(runner.isIdle());
    }

    void dropsOutcomeOfCancelledJob()
    {
        JobRunner runner;
        auto gate = std::make_shared<QSemaphore>(0);
        auto sawCancel = std::make_shared<std::atomic<bool>>(false);
        bool staleDelivered = false;
        std::optional<QString> fresh;

        const JobId stale = runner.start(
            [gate, sawCancel](JobContext& job) {
                gate->acquire();
                *sawCancel = job.isCancelled();
                return QStringLiteral("stale");
            },
            [&](const QString&) { staleDelivered = true; },
            [&](const JobFailure&) { staleDelivered = true; });
        runner.cancel(stale);
        QVERIFY(!runner.isRunning(stale));
        runner.start([](JobContext&) { return QStringLiteral("fresh"); },
                     [&](const QString& value) { fresh = value; },
                     [](const JobFailure& failure) { QFAIL(qPrintable(failure.message)); });
        gate->release();

        QTRY_VERIFY_WITH_TIMEOUT(fresh.has_value(), 5000);
        QCOMPARE(*fresh, QStringLiteral("fresh"));
        UiTest::drainJobs();
        QVERIFY(!staleDelivered);
        QVERIFY(sawCancel->load());
    }

    void throwIfCancelledDeliversNothing()
    {
        JobRunner runner;
        auto gate = std::make_shared<QSemaphore>(0);
        bool delivered = false;
        const JobId id = runner.start(
            [gate](JobContext& job) {
                gate->acquire();
                job.throwIfCancelled();
                return 1;
            },
            [&](int) { delivered = true; }, [&](const JobFailure&) { delivered = true; });
        runner.cancel(id);
        gate->release();
        UiTest::drainJobs();
        QVERIFY(!delivered);
    }

    void turnsErrorIntoFailure()
    {
        JobRunner runner;
        std::optional<JobFailure> failure;
        runner.start(
            [](JobContext&) -> int {
                throw ptscope::Error(ptscope::ErrorKind::CorruptArchive, "The archive is damaged.",
                                     "Save it again.", "failed finding central directory");
            },
            [](int) { QFAIL("the job should have failed"); }, [&](const JobFailure& f) { failure = f; });
        QTRY_VERIFY_WITH_TIMEOUT(failure.has_value(), 5000);
        QCOMPARE(failure->kind, ptscope::ErrorKind::CorruptArchive);
        QCOMPARE(failure->message, QStringLiteral("The archive is damaged.\nSave it again."));
        QCOMPARE(failure->detail, QStringLiteral("failed finding central directory"));
    }

    void turnsStdExceptionIntoFailure()
    {
        JobRunner runner;
        std::optional<JobFailure> failure;
        runner.start([](JobContext&) -> int { throw std::out_of_range("vector::_M_range_check"); },
                     [](int) { QFAIL("the job should have failed"); },
                     [&](const JobFailure& f) { failure = f; });
        QTRY_VERIFY_WITH_TIMEOUT(failure.has_value(), 5000);
        QCOMPARE(failure->kind, ptscope::ErrorKind::Internal);
        QVERIFY(!failure->message.isEmpty());
        QVERIFY(!failure->message.contains(QStringLiteral("_M_range_check")));
        QCOMPARE(failure->detail, QStringLiteral("vector::_M_range_check"));
    }

    void dropsOutcomeAfterRunnerIsDestroyed()
    {
        auto* runner = new JobRunner;
        auto gate = std::make_shared<QSemaphore>(0);
        auto delivered = std::make_shared<bool>(false);
        runner->start(
            [gate](JobContext&) {
                gate->acquire();
                return 1;
            },
            [delivered](int) { *delivered = true; }, [delivered](const JobFailure&) { *delivered = true; });
        delete runner; // as when the window closes mid-load
        gate->release();
        UiTest::drainJobs();
        QVERIFY(!*delivered);
    }

    void reportsThrottledProgress()
    {
        JobRunner runner;
        QSignalSpy progress(&runner, &JobRunner::progress);
        bool done = false;
        const JobId id = runner.start(
            [](JobContext& job) {
                for (int i = 0; i < 1000; ++i)
                    job.reportProgress(QStringLiteral("step %1").arg(i));
                return 0;
            },
            [&](int) { done = true; }, [](const JobFailure& failure) { QFAIL(qPrintable(failure.message)); });
        QTRY_VERIFY_WITH_TIMEOUT(done, 5000);
        QVERIFY(progress.count() >= 1);
        QVERIFY2(progress.count() < 50, "progress is throttled");
        QCOMPARE(progress.first().at(0).value<JobId>(), id);
        QCOMPARE(progress.first().at(1).toString(), QStringLiteral("step 0"));
    }
};

QTEST_MAIN(JobRunnerTest)
#include "jobrunnertest.moc"
