// LocalJobQueue with real boxes: priorities, the per-test record and signals,
// a full queue, shutdown dropping what has not started, and the bound on what
// finished jobs keep in memory.

#include "engine.h"
#include "localjobqueue.h"

#include <QSignalSpy>
#include <QTest>

using namespace evalx;

namespace {

constexpr int kWaitMs = 60000;

// Prints its input after sleeping `sleep` seconds.
BatchRequest echo(const QByteArray &text, double sleep = 0, int tests = 1)
{
    static const LanguageCatalogue catalogue = LanguageCatalogue::builtIn();
    BatchRequest r;
    r.submission = Submission::fromSource(*catalogue.find(QStringLiteral("python3")),
                                          "import time\ntime.sleep(" + QByteArray::number(sleep) +
                                              ")\nprint(input())\n");
    for (int i = 0; i < tests; ++i) {
        TestData t;
        t.name = QString::number(i + 1);
        t.input = text + '\n';
        t.answer = text + '\n';
        r.tests << t;
    }
    r.limits.cpuMs = 5000;
    r.limits.wallMs = 10000;
    r.limits.memoryKib = 256 * 1024;
    r.limits.processes = 32;
    r.limits.outputKib = 4096;
    return r;
}

} // namespace

class TestLocalJobQueue : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        EngineOptions o;
        o.sandbox.poolSize = 2;
        o.detectLanguages = false;
        m_engine = std::make_unique<Engine>(o);
        QString error;
        QVERIFY2(m_engine->start(&error), qPrintable(error));
    }

    // One worker busy with a slow job: of the jobs waiting behind it, the
    // higher priority runs first, equal priorities in order of arrival.
    void higherPriorityRunsFirst()
    {
        LocalJobQueue queue(m_engine->batchJudge(), {1, 100, 100});
        QString error;
        const auto blocker = queue.submit(echo("block", 1.0), &error);
        QVERIFY(blocker);
        QList<QByteArray> finished;
        connect(&queue, &JobQueue::jobFinished, this, [&](const QByteArray &t) { finished << t; });
        const auto low1 = queue.submit(echo("low1"), &error, {{}, 0});
        const auto low2 = queue.submit(echo("low2"), &error, {{}, 0});
        const auto high = queue.submit(echo("high"), &error, {{}, 5});
        QVERIFY(low1 && low2 && high);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 4, kWaitMs);
        QCOMPARE(finished, (QList<QByteArray>{*blocker, *high, *low1, *low2}));
        QCOMPARE(queue.find(*high)->result.verdict, Verdict::AC);
        QCOMPARE(queue.find(*high)->priority, 5);
    }

    // Each test is in the job's record before testFinished says so.
    void testsAreRecordedAsTheyFinish()
    {
        LocalJobQueue queue(m_engine->batchJudge(), {2, 100, 100});
        QString error;
        int checked = 0;
        QByteArray token;
        connect(
            &queue, &JobQueue::testFinished, this,
            [&](const QByteArray &t, const TestOutcome &outcome) {
                const auto job = queue.find(t);
                QVERIFY(job);
                bool seen = false;
                for (const TestOutcome &o : job->result.tests)
                    seen = seen || o.index == outcome.index;
                QVERIFY(seen);
                ++checked;
            },
            Qt::DirectConnection);
        token = *queue.submit(echo("x", 0, 3), &error);
        const auto job = queue.waitFor(token, kWaitMs);
        QVERIFY(job && job->state == JobState::Done);
        QCOMPARE(job->result.tests.size(), 3);
        QCOMPARE(checked, 3);
    }

    void fullQueueRefuses()
    {
        LocalJobQueue queue(m_engine->batchJudge(), {1, 2, 100});
        QString error;
        QVERIFY(queue.submit(echo("a", 1.0), &error));
        QTRY_COMPARE_WITH_TIMEOUT(queue.running(), 1, kWaitMs);
        QVERIFY(queue.submit(echo("b"), &error));
        QVERIFY(queue.submit(echo("c"), &error));
        QVERIFY(!queue.submit(echo("d"), &error));
        QCOMPARE(error, QStringLiteral("queue is full"));
        QCOMPARE(queue.stats().refused, 1u);
    }

    // Shutdown: the running job ends as it would have; the waiting ones are
    // dropped, and nothing is taken afterwards.
    void shutdownFinishesRunningDropsWaiting()
    {
        LocalJobQueue queue(m_engine->batchJudge(), {1, 100, 100});
        QString error;
        const auto running = queue.submit(echo("run", 0.8), &error);
        QTRY_COMPARE_WITH_TIMEOUT(queue.running(), 1, kWaitMs);
        const auto waiting = queue.submit(echo("wait"), &error);
        QVERIFY(running && waiting);
        queue.shutdown(30000);
        QCOMPARE(queue.find(*running)->state, JobState::Done);
        QCOMPARE(queue.find(*running)->result.verdict, Verdict::AC);
        QVERIFY(!queue.find(*waiting));
        QVERIFY(!queue.submit(echo("late"), &error));
        QCOMPARE(error, QStringLiteral("the server is shutting down"));
    }

    // Finished jobs are kept within a byte bound (sources, tests, outputs):
    // past it the oldest go, the newest stays.
    void finishedJobsStayWithinTheirBound()
    {
        LocalJobQueue::Options options{2, 100, 100};
        options.keepFinishedBytes = 700 * 1024; // two jobs, not three
        LocalJobQueue queue(m_engine->batchJudge(), options);
        QString error;
        QList<QByteArray> tokens;
        const QByteArray big(100 * 1024, 'x'); // in, answer and out: 300 KiB a job
        for (int i = 0; i < 4; ++i) {
            BatchRequest r = echo(big);
            r.workFiles = {BoxFile{QStringLiteral("data.bin"), 0644, QByteArray(1 << 20, 'd')}};
            tokens << *queue.submit(std::move(r), &error);
            QVERIFY(queue.waitFor(tokens.last(), kWaitMs));
        }
        QVERIFY(!queue.find(tokens[0]));
        QVERIFY(!queue.find(tokens[1]));
        const auto last = queue.find(tokens[3]);
        QVERIFY(last);
        QCOMPARE(last->result.verdict, Verdict::AC);
        // The run's files are not kept once the job is done.
        QVERIFY(last->request.workFiles.isEmpty());
        int total = 0;
        queue.page(0, 10, &total);
        QCOMPARE(total, 2);
    }

private:
    std::unique_ptr<Engine> m_engine;
};

QTEST_GUILESS_MAIN(TestLocalJobQueue)
#include "tst_localjobqueue.moc"
