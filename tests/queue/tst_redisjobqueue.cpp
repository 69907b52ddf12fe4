// RedisJobQueue in this process against a real redis-server: submit, find,
// waitFor and the signals, across two queues (one judging, one only asking);
// priorities, a full queue, a language nobody serves, the dead-letter stream,
// Redis going away and coming back, and a shutdown handing a job back.

#include "engine.h"
#include "redisjobqueue.h"
#include "redisserver.h"

#include <QSignalSpy>
#include <QThread>

using namespace evalx;
using namespace evalx::test;

namespace {

constexpr int kWaitMs = 60000;

RunLimits limits()
{
    RunLimits l;
    l.cpuMs = 5000;
    l.wallMs = 10000;
    l.memoryKib = 256 * 1024;
    l.processes = 32;
    l.outputKib = 4096;
    l.fileSizeKib = 4096;
    return l;
}

// Doubles its input, after sleeping `sleep` seconds.
BatchRequest doubling(int n, double sleep = 0)
{
    static const LanguageCatalogue catalogue = LanguageCatalogue::builtIn();
    BatchRequest r;
    r.submission = Submission::fromSource(*catalogue.find(QStringLiteral("python3")),
                                          "import time\ntime.sleep(" + QByteArray::number(sleep) +
                                              ")\nprint(int(input()) * 2)\n");
    TestData t;
    t.name = QStringLiteral("only");
    t.input = QByteArray::number(n) + '\n';
    t.answer = QByteArray::number(2 * n) + '\n';
    r.tests = {t};
    r.limits = limits();
    return r;
}

// Submits once some worker serves the language (its first heartbeat).
std::optional<QByteArray> submitWhenServed(JobQueue &queue, const BatchRequest &request,
                                           const SubmitOptions &options = {})
{
    QDeadlineTimer deadline(kWaitMs);
    QString error;
    for (;;) {
        std::optional<QByteArray> token = queue.submit(request, &error, options);
        if (token || !error.startsWith(QLatin1String("no worker serves")) ||
            deadline.hasExpired()) {
            if (!token)
                qWarning("submit: %s", qPrintable(error));
            return token;
        }
        QTest::qWait(20);
    }
}

} // namespace

class TestRedisJobQueue : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void urls();
    void unreachableAtStart();
    void submitFindWaitFor();
    void anotherProcessAnswers();
    void higherPriorityFirst();
    void fullQueueRefuses();
    void languageNobodyServesIsRefused();
    void deadLetterAfterThreeDeliveries();
    void redisRestartLosesNothing();
    void shutdownHandsBack();
    void resultCacheAnswersIdenticalJobs();

private:
    RedisJobQueue::Options options(int workers) const;
    std::unique_ptr<RedisJobQueue> apiQueue(int capacity = 100);
    // Makes "python3" look served, with no worker to take anything.
    void pretendServed();

    std::unique_ptr<RedisServer> m_redis;
    std::unique_ptr<Engine> m_engine; // the boxes and the judge, without a queue
};

RedisJobQueue::Options TestRedisJobQueue::options(int workers) const
{
    RedisJobQueue::Options o;
    o.url = m_redis->url();
    o.workers = workers;
    o.languages = {QStringLiteral("python3")};
    o.reclaimIdleMs = 600;
    o.pollMs = 100;
    o.heartbeatMs = 100;
    return o;
}

std::unique_ptr<RedisJobQueue> TestRedisJobQueue::apiQueue(int capacity)
{
    RedisJobQueue::Options o = options(0);
    o.capacity = capacity;
    auto q = std::make_unique<RedisJobQueue>(nullptr, o);
    QString error;
    if (!q->start(&error))
        qWarning("%s", qPrintable(error));
    return q;
}

void TestRedisJobQueue::pretendServed()
{
    m_redis->cli({QStringLiteral("ZADD"), QStringLiteral("evalx:serving:python3"),
                  QStringLiteral("99999999999999"), QStringLiteral("nobody")});
}

void TestRedisJobQueue::initTestCase()
{
    EngineOptions o;
    o.sandbox.poolSize = 2;
    o.detectLanguages = false;
    m_engine = std::make_unique<Engine>(o);
    QString error;
    QVERIFY2(m_engine->start(&error), qPrintable(error));
}

void TestRedisJobQueue::init()
{
    m_redis = std::make_unique<RedisServer>();
    QVERIFY(m_redis->start());
}

void TestRedisJobQueue::cleanup()
{
    m_redis.reset();
}

void TestRedisJobQueue::urls()
{
    QString error;
    auto url = RedisUrl::parse(QStringLiteral("redis://:s3cret@db.example:6380/2"), &error);
    QVERIFY2(url, qPrintable(error));
    QCOMPARE(url->host, QStringLiteral("db.example"));
    QCOMPARE(url->port, 6380);
    QCOMPARE(url->db, 2);
    QCOMPARE(url->password, QStringLiteral("s3cret"));
    QCOMPARE(url->display(), QStringLiteral("redis://:***@db.example:6380/2"));
    url = RedisUrl::parse(QStringLiteral("redis://judge:pw@127.0.0.1"), &error);
    QVERIFY2(url, qPrintable(error));
    QCOMPARE(url->user, QStringLiteral("judge"));
    QCOMPARE(url->display(), QStringLiteral("redis://judge:***@127.0.0.1:6379/0"));
    for (const char *bad : {"http://x", "redis://", "redis://x/zero", "redis://x:0", "x:6379"}) {
        QVERIFY2(!RedisUrl::parse(QLatin1String(bad), &error), bad);
        QVERIFY2(error.startsWith(QLatin1String("--redis takes redis://")), qPrintable(error));
    }
}

void TestRedisJobQueue::unreachableAtStart()
{
    const quint16 port = m_redis->port();
    RedisJobQueue::Options o = options(0);
    m_redis->stop();
    RedisJobQueue q(nullptr, o);
    QString error;
    QVERIFY(!q.start(&error));
    QVERIFY2(error.startsWith(
                 QStringLiteral("Redis at redis://127.0.0.1:%1/0 is unreachable").arg(port)),
             qPrintable(error));
}

void TestRedisJobQueue::submitFindWaitFor()
{
    RedisJobQueue q(&m_engine->batchJudge(), options(2));
    QString error;
    QVERIFY2(q.start(&error), qPrintable(error));
    QSignalSpy finished(&q, &JobQueue::jobFinished);
    QSignalSpy tests(&q, &JobQueue::testFinished);
    // Registered by its first heartbeat: until then nobody serves python3.
    std::optional<QByteArray> token;
    token = submitWhenServed(q, doubling(21), SubmitOptions{{{QStringLiteral("id"), 7}}, 0});
    QVERIFY(token);
    const std::optional<JobRecord> queued = q.find(*token);
    QVERIFY(queued);
    QCOMPARE(queued->labels.value(QStringLiteral("id")).toInt(), 7);
    QCOMPARE(queued->request.tests.first().input, QByteArray("21\n"));

    const std::optional<JobRecord> done = q.waitFor(*token, kWaitMs);
    QVERIFY(done);
    QCOMPARE(done->state, JobState::Done);
    QCOMPARE(done->result.verdict, Verdict::AC);
    QCOMPARE(done->result.tests.first().run.stdoutData, QByteArray("42\n"));
    QVERIFY(done->finishedAt >= done->createdAt);
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, kWaitMs);
    QCOMPARE(finished.first().first().toByteArray(), *token);
    QTRY_COMPARE_WITH_TIMEOUT(tests.size(), 1, kWaitMs);
    QCOMPARE(tests.first().at(1).value<TestOutcome>().verdict, Verdict::AC);

    int total = 0;
    const QList<JobRecord> page = q.page(0, 10, &total);
    QCOMPARE(total, 1);
    QCOMPARE(page.size(), 1);
    QCOMPARE(page.first().token, *token);
    // Counted by the worker once its store returns, which may come just
    // after the completion others hear of.
    QTRY_COMPARE_WITH_TIMEOUT(q.stats().jobSeconds.count, quint64(1), kWaitMs);

    QVERIFY(q.remove(*token, &error));
    QVERIFY(!q.find(*token));
    QVERIFY(!q.remove(*token, &error));
    QVERIFY2(error.contains(QLatin1String("not found")), qPrintable(error));
    QVERIFY(q.status().reachable);
    QCOMPARE(q.status().kind, QStringLiteral("redis"));
    QVERIFY(!q.status().resultCache); // off unless asked for
}

// An API-only queue learns of jobs a worker elsewhere ran, with their tests.
void TestRedisJobQueue::anotherProcessAnswers()
{
    RedisJobQueue worker(&m_engine->batchJudge(), options(1));
    QString error;
    QVERIFY2(worker.start(&error), qPrintable(error));
    auto api = apiQueue();
    QSignalSpy finished(api.get(), &JobQueue::jobFinished);
    QSignalSpy tests(api.get(), &JobQueue::testFinished);
    std::optional<QByteArray> token;
    token = submitWhenServed(*api, doubling(5));
    QVERIFY(token);
    const std::optional<JobRecord> done = api->waitFor(*token, kWaitMs);
    QVERIFY(done && done->state == JobState::Done);
    QCOMPARE(done->result.verdict, Verdict::AC);
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, kWaitMs);
    QTRY_COMPARE_WITH_TIMEOUT(tests.size(), 1, kWaitMs);
    QCOMPARE(tests.first().first().toByteArray(), *token);
    QCOMPARE(api->running(), 0);
    QCOMPARE(api->workers(), 0);
}

void TestRedisJobQueue::higherPriorityFirst()
{
    pretendServed();
    auto api = apiQueue();
    QSignalSpy finished(api.get(), &JobQueue::jobFinished);
    QString error;
    QList<QByteArray> low, high;
    for (int i = 0; i < 3; ++i) {
        auto t = api->submit(doubling(i), &error, {{}, -1});
        QVERIFY2(t, qPrintable(error));
        low << *t;
    }
    for (int i = 0; i < 3; ++i) {
        auto t = api->submit(doubling(10 + i), &error, {{}, 5});
        QVERIFY2(t, qPrintable(error));
        high << *t;
    }
    QCOMPARE(api->waiting(), 6);
    RedisJobQueue worker(&m_engine->batchJudge(), options(1));
    QVERIFY2(worker.start(&error), qPrintable(error));
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 6, kWaitMs);
    QList<QByteArray> order;
    for (const QList<QVariant> &s : std::as_const(finished))
        order << s.first().toByteArray();
    QCOMPARE(order, high + low);
}

void TestRedisJobQueue::fullQueueRefuses()
{
    pretendServed();
    auto api = apiQueue(2);
    QString error;
    QVERIFY(api->submit(doubling(1), &error));
    QVERIFY(api->submit(doubling(2), &error));
    QVERIFY(!api->submit(doubling(3), &error));
    QCOMPARE(error, QStringLiteral("queue is full"));
    QCOMPARE(api->stats().refused, quint64(1));
    QCOMPARE(api->waiting(), 2);
}

void TestRedisJobQueue::languageNobodyServesIsRefused()
{
    auto api = apiQueue();
    QString error;
    QVERIFY(!api->submit(doubling(1), &error));
    QCOMPARE(error, QStringLiteral("no worker serves language 'python3' (no worker is running)"));
    m_redis->cli({QStringLiteral("SADD"), QStringLiteral("evalx:languages"), QStringLiteral("c")});
    m_redis->cli({QStringLiteral("ZADD"), QStringLiteral("evalx:serving:c"),
                  QStringLiteral("99999999999999"), QStringLiteral("somebody")});
    QVERIFY(!api->submit(doubling(1), &error));
    QCOMPARE(error, QStringLiteral("no worker serves language 'python3' (served now: c)"));
    QCOMPARE(api->waiting(), 0);
}

// Three consumers take the job and vanish; the fourth delivery does not run it.
void TestRedisJobQueue::deadLetterAfterThreeDeliveries()
{
    pretendServed();
    auto api = apiQueue();
    QString error;
    const auto token = api->submit(doubling(1), &error);
    QVERIFY2(token, qPrintable(error));
    const QString stream =
        QString::fromLatin1(RedisJobQueue::streamKey(QStringLiteral("python3"), 0));
    const QByteArray read =
        m_redis->cli({QStringLiteral("XREADGROUP"), QStringLiteral("GROUP"),
                      QStringLiteral("evalx"), QStringLiteral("ghost1"), QStringLiteral("COUNT"),
                      QStringLiteral("1"), QStringLiteral("STREAMS"), stream, QStringLiteral(">")});
    const QString id = QString::fromLatin1(read.split('\n').value(1));
    QVERIFY2(id.contains(QLatin1Char('-')), read.constData());
    for (const char *ghost : {"ghost2", "ghost3"})
        m_redis->cli({QStringLiteral("XCLAIM"), stream, QStringLiteral("evalx"),
                      QLatin1String(ghost), QStringLiteral("0"), id});
    RedisJobQueue worker(&m_engine->batchJudge(), options(1));
    QVERIFY2(worker.start(&error), qPrintable(error));
    const std::optional<JobRecord> done = api->waitFor(*token, kWaitMs);
    QVERIFY(done);
    QCOMPARE(done->state, JobState::Done);
    QCOMPARE(done->result.verdict, Verdict::IE);
    QVERIFY2(done->result.message.contains(QLatin1String("3 times")),
             qPrintable(done->result.message));
    QVERIFY(done->result.message.contains(QLatin1String("dead-letter")));
    QCOMPARE(m_redis->cli({QStringLiteral("XLEN"), QStringLiteral("evalx:dead")}).trimmed(),
             QByteArray("1"));
    QCOMPARE(worker.stats().jobSeconds.count, quint64(0)); // never judged
}

void TestRedisJobQueue::redisRestartLosesNothing()
{
    RedisJobQueue worker(&m_engine->batchJudge(), options(2));
    QString error;
    QVERIFY2(worker.start(&error), qPrintable(error));
    std::optional<QByteArray> first;
    first = submitWhenServed(worker, doubling(1));
    QVERIFY(first);
    QVERIFY(worker.waitFor(*first, kWaitMs)->state == JobState::Done);

    // Running when Redis dies: its result is stored once Redis is back, and a
    // waiter across the outage sees it.
    const std::optional<QByteArray> running = worker.submit(doubling(3, 1), &error);
    QVERIFY2(running, qPrintable(error));
    QTRY_COMPARE_WITH_TIMEOUT(worker.find(*running)->state, JobState::Running, kWaitMs);
    std::optional<JobRecord> waited;
    std::unique_ptr<QThread> waiter(
        QThread::create([&] { waited = worker.waitFor(*running, kWaitMs); }));
    waiter->start();

    m_redis->kill();
    QTRY_VERIFY_WITH_TIMEOUT(!worker.status().reachable, kWaitMs);
    QVERIFY(!worker.submit(doubling(2), &error));
    QVERIFY2(error.contains(QLatin1String("unreachable")), qPrintable(error));
    QVERIFY(!worker.status().error.isEmpty());

    QVERIFY(m_redis->start());
    QTRY_VERIFY_WITH_TIMEOUT(worker.status().reachable, kWaitMs);
    const std::optional<JobRecord> kept = worker.find(*first);
    QVERIFY(kept);
    QCOMPARE(kept->result.verdict, Verdict::AC);
    QVERIFY(waiter->wait(kWaitMs));
    QVERIFY(waited);
    QCOMPARE(waited->state, JobState::Done);
    QCOMPARE(waited->result.tests.first().run.stdoutData, QByteArray("6\n"));
    std::optional<QByteArray> second;
    second = submitWhenServed(worker, doubling(2));
    QVERIFY(second);
    const std::optional<JobRecord> done = worker.waitFor(*second, kWaitMs);
    QVERIFY(done && done->state == JobState::Done);
    QCOMPARE(done->result.tests.first().run.stdoutData, QByteArray("4\n"));
}

// A job still running when the grace ends goes back, unacknowledged, and
// another worker runs it to the end.
void TestRedisJobQueue::shutdownHandsBack()
{
    auto first = std::make_unique<RedisJobQueue>(&m_engine->batchJudge(), options(1));
    QString error;
    QVERIFY2(first->start(&error), qPrintable(error));
    auto api = apiQueue();
    std::optional<QByteArray> token;
    token = submitWhenServed(*api, doubling(4, 3));
    QVERIFY(token);
    QTRY_COMPARE_WITH_TIMEOUT(api->find(*token)->state, JobState::Running, kWaitMs);
    first->shutdown(0);
    QCOMPARE(api->find(*token)->state, JobState::Queued);
    QVERIFY(!first->submit(doubling(1), &error));
    QCOMPARE(error, QStringLiteral("the server is shutting down"));
    first.reset();

    RedisJobQueue second(&m_engine->batchJudge(), options(1));
    QVERIFY2(second.start(&error), qPrintable(error));
    const std::optional<JobRecord> done = api->waitFor(*token, kWaitMs);
    QVERIFY(done && done->state == JobState::Done);
    QCOMPARE(done->result.verdict, Verdict::AC);
    QCOMPARE(done->result.tests.first().run.stdoutData, QByteArray("8\n"));
}

// Off by default; on, the second identical job is answered without a judge,
// a different one is judged.
void TestRedisJobQueue::resultCacheAnswersIdenticalJobs()
{
    RedisJobQueue::Options o = options(1);
    o.resultCacheTtlSeconds = 60;
    RedisJobQueue worker(&m_engine->batchJudge(), o);
    QString error;
    QVERIFY2(worker.start(&error), qPrintable(error));
    QSignalSpy finished(&worker, &JobQueue::jobFinished);
    const auto first = submitWhenServed(worker, doubling(6));
    QVERIFY(first);
    QCOMPARE(worker.waitFor(*first, kWaitMs)->result.verdict, Verdict::AC);

    BatchRequest again = doubling(6);
    again.submission.origin = QStringLiteral("somewhere else");
    const auto second = worker.submit(again, &error);
    QVERIFY2(second, qPrintable(error));
    const std::optional<JobRecord> cached = worker.find(*second);
    QVERIFY(cached);
    QCOMPARE(cached->state, JobState::Done); // at once
    QCOMPARE(cached->result.tests.first().run.stdoutData, QByteArray("12\n"));
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, kWaitMs);

    const auto third = worker.submit(doubling(7), &error);
    QVERIFY2(third, qPrintable(error));
    QCOMPARE(worker.waitFor(*third, kWaitMs)->result.tests.first().run.stdoutData,
             QByteArray("14\n"));
    QCOMPARE(worker.stats().jobSeconds.count, quint64(2)); // judged: the first and the third
    const QueueStatus status = worker.status();
    QVERIFY(status.resultCache);
    QCOMPARE(status.cacheHits, quint64(1));
    QCOMPARE(status.cacheMisses, quint64(2));
}

QTEST_GUILESS_MAIN(TestRedisJobQueue)
#include "tst_redisjobqueue.moc"
