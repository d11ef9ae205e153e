// The window's end of the worker protocol against workers that misbehave: a fake worker (a shell
// script standing in for ptscope-cli) writes garbage on its protocol channel and on stderr, and
// the client keeps going, or reports the worker's end in words.

#include "uitestsupport.h"
#include "worker/workerclient.h"

#include <QSignalSpy>
#include <QTest>

namespace {

constexpr int TimeoutMs = 20000;

// sh -c SCRIPT: the client appends "worker" and its options, which the script ignores.
void useScript(WorkerClient& client, const QString& script)
{
    client.setProgram(QStringLiteral("/bin/sh"), {QStringLiteral("-c"), script, QStringLiteral("fake-worker")});
}

} // namespace

class WorkerClientTest : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { UiTest::isolateSettings(); }

    void garbageOnEveryStreamIsIgnored()
    {
        WorkerClient client;
        // Before ready: text, binary bytes, broken and non-object JSON, a reply nobody asked for,
        // and stderr noise; then a real exchange, with more garbage around the reply.
        useScript(client, QStringLiteral(R"(
            printf 'hello\n\001\002\377\376 binary\n{not json\n[1, 2]\n{"id": 99, "ok": true}\n'
            printf 'noise on stderr\377\n' >&2
            printf '{"event": "ready", "protocol": 2, "devices": ["cpu", 7]}\n'
            printf '{"event": "ready", "protocol": 2, "devices": ["other"]}\n'
            read line
            id=$(printf '%s' "$line" | sed 's/.*"id":\([0-9]*\).*/\1/')
            printf 'more garbage\n{"id": "%s", "ok": true}\n' "$id"
            printf '{"id": %s, "event": "progress", "done": 1, "total": 2}\n' "$id"
            printf '{"id": %s, "ok": true, "result": {"answer": 42}}\n' "$id"
            sleep 30
        )"));
        QSignalSpy replied(&client, &WorkerClient::replied);
        QSignalSpy progressed(&client, &WorkerClient::progressed);
        QSignalSpy died(&client, &WorkerClient::died);
        const int id = client.send({{QStringLiteral("cmd"), QStringLiteral("ping")}});
        QTRY_COMPARE_WITH_TIMEOUT(replied.count(), 1, TimeoutMs);
        QCOMPARE(replied.first().at(0).toInt(), id);
        QCOMPARE(replied.first().at(1).toJsonObject().value(QStringLiteral("result")).toObject().value(
                     QStringLiteral("answer")),
                 42);
        QCOMPARE(progressed.count(), 1);
        QVERIFY(died.isEmpty());
        QCOMPARE(client.devices(), QStringList{QStringLiteral("cpu")}); // the first ready counts; 7 is no device
        QVERIFY(client.pending().isEmpty());
        client.kill();
    }

    void anEndlessLineStopsTheWorker()
    {
        WorkerClient client;
        useScript(client, QStringLiteral(R"(
            printf '{"event": "ready", "protocol": 2}\n'
            head -c 20000000 /dev/zero | tr '\0' 'x'
            sleep 30
        )"));
        QSignalSpy died(&client, &WorkerClient::died);
        const int id = client.send({{QStringLiteral("cmd"), QStringLiteral("ping")}});
        QTRY_COMPARE_WITH_TIMEOUT(died.count(), 1, TimeoutMs);
        QVERIFY2(died.first().at(0).toString().contains(QStringLiteral("without a line break")),
                 qPrintable(died.first().at(0).toString()));
        QCOMPARE(died.first().at(2).value<QVector<int>>(), QVector<int>{id});
        QVERIFY(!client.isRunning());
    }

    void aWorkerThatExitsIsReportedWithItsStatusAndStderr()
    {
        WorkerClient client;
        useScript(client, QStringLiteral("printf 'it went wrong\\n' >&2; exit 3"));
        QSignalSpy died(&client, &WorkerClient::died);
        const int id = client.send({{QStringLiteral("cmd"), QStringLiteral("ping")}});
        QTRY_COMPARE_WITH_TIMEOUT(died.count(), 1, TimeoutMs);
        QVERIFY2(died.first().at(0).toString().contains(QStringLiteral("status 3")),
                 qPrintable(died.first().at(0).toString()));
        QCOMPARE(died.first().at(1).toString(), QStringLiteral("it went wrong"));
        QCOMPARE(died.first().at(2).value<QVector<int>>(), QVector<int>{id});
    }

    void aProgramThatCannotStartIsReported()
    {
        WorkerClient client;
        client.setProgram(QStringLiteral("/no/such/ptscope-cli"));
        QSignalSpy died(&client, &WorkerClient::died);
        client.send({{QStringLiteral("cmd"), QStringLiteral("ping")}});
        QTRY_COMPARE_WITH_TIMEOUT(died.count(), 1, TimeoutMs);
        QVERIFY2(died.first().at(0).toString().contains(QStringLiteral("Could not start")),
                 qPrintable(died.first().at(0).toString()));
    }
};

QTEST_MAIN(WorkerClientTest)
#include "workerclienttest.moc"
