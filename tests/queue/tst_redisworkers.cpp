// Several processes sharing one Redis queue: two 'evalx --headless --no-api'
// workers, one 'evalx --headless --workers 0' API process and a queue in this
// test submitting and counting completions. A worker killed in the middle of
// a batch loses no job and no job completes twice; Redis killed and started
// again on its append-only file loses nothing acknowledged, and everybody
// reconnects.

#include "../api/headlessserver.h"
#include "redisjobqueue.h"
#include "redisserver.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QSysInfo>

#include <csignal>

using namespace evalx;
using namespace evalx::test;

namespace {

constexpr int kWaitMs = 120000;

BatchRequest doubling(int n)
{
    static const LanguageCatalogue catalogue = LanguageCatalogue::builtIn();
    BatchRequest r;
    r.submission =
        Submission::fromSource(*catalogue.find(QStringLiteral("python3")),
                               "import time\ntime.sleep(0.2)\nprint(int(input()) * 2)\n");
    TestData t;
    t.name = QStringLiteral("only");
    t.input = QByteArray::number(n) + '\n';
    t.answer = QByteArray::number(2 * n) + '\n';
    r.tests = {t};
    r.limits.cpuMs = 5000;
    r.limits.wallMs = 10000;
    r.limits.memoryKib = 256 * 1024;
    r.limits.processes = 32;
    r.limits.outputKib = 4096;
    r.limits.fileSizeKib = 4096;
    return r;
}

// One 'evalx --headless --no-api' worker process.
class Worker final
{
public:
    explicit Worker(const QString &url)
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        // Options from the environment, as a deployment would set them.
        env.insert(QStringLiteral("EVALX_RECLAIM_AFTER"), QStringLiteral("1"));
        env.insert(QStringLiteral("EVALX_SERVE_LANGUAGES"), QStringLiteral("python3"));
        m_process.setProcessEnvironment(env);
        m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_process.start(QStringLiteral(EVALX_BINARY),
                        {QStringLiteral("--headless"), QStringLiteral("--no-api"),
                         QStringLiteral("--redis"), url, QStringLiteral("--workers"),
                         QStringLiteral("2")});
        m_process.waitForStarted();
    }
    ~Worker()
    {
        if (m_process.state() == QProcess::NotRunning)
            return;
        m_process.terminate();
        if (!m_process.waitForFinished(30000)) {
            m_process.kill();
            m_process.waitForFinished();
        }
    }
    Q_DISABLE_COPY_MOVE(Worker)

    bool waitUntilReady()
    {
        QDeadlineTimer deadline(60000);
        while (!m_process.canReadLine() && m_process.state() == QProcess::Running &&
               !deadline.hasExpired())
            QTest::qWait(20);
        return m_process.readLine().contains("judging jobs from");
    }
    QString consumer() const
    {
        return QStringLiteral("%1:%2").arg(QSysInfo::machineHostName()).arg(m_process.processId());
    }
    void kill()
    {
        ::kill(pid_t(m_process.processId()), SIGKILL);
        m_process.waitForFinished();
    }
    bool running() const { return m_process.state() == QProcess::Running; }

private:
    QProcess m_process;
};

} // namespace

class TestRedisWorkers : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void usageErrors();
    void killedWorkerLosesNoJob();
    void redisRestartLosesNothing();
    void resultCacheCountsOnMetrics();

private:
    QList<QByteArray> submit(int count, int first);
    // Until every job is done, through Redis going away and back; false on timeout.
    bool waitAllDone(const QList<QByteArray> &tokens);
    QJsonObject health(int *status);

    RedisServer m_redis;
    std::unique_ptr<RedisJobQueue> m_queue; // this test's own view, API only
    std::unique_ptr<QSignalSpy> m_finished;
    std::unique_ptr<Worker> m_a, m_b;
    std::unique_ptr<HeadlessServer> m_api;
    QHash<QByteArray, int> m_expected; // token -> doubled value
};

void TestRedisWorkers::initTestCase()
{
    QVERIFY(m_redis.start());
    RedisJobQueue::Options o;
    o.url = m_redis.url();
    m_queue = std::make_unique<RedisJobQueue>(nullptr, o);
    QString error;
    QVERIFY2(m_queue->start(&error), qPrintable(error));
    m_finished = std::make_unique<QSignalSpy>(m_queue.get(), &JobQueue::jobFinished);
    m_a = std::make_unique<Worker>(m_redis.url());
    m_b = std::make_unique<Worker>(m_redis.url());
    QVERIFY(m_a->waitUntilReady());
    QVERIFY(m_b->waitUntilReady());
    m_api = std::make_unique<HeadlessServer>();
    QVERIFY(m_api->start({QStringLiteral("--workers"), QStringLiteral("0"),
                          QStringLiteral("--redis"), m_redis.url()}));
}

void TestRedisWorkers::cleanupTestCase()
{
    m_api.reset();
    m_a.reset();
    m_b.reset();
    m_finished.reset();
    m_queue.reset();
}

void TestRedisWorkers::usageErrors()
{
    const auto run = [](const QStringList &args, QByteArray *err) {
        QProcess p;
        p.start(QStringLiteral(EVALX_BINARY), QStringList{QStringLiteral("--headless")} + args);
        p.waitForFinished(60000);
        *err = p.readAllStandardError();
        return p.exitCode();
    };
    QByteArray err;
    QCOMPARE(run({QStringLiteral("--redis"), QStringLiteral("http://x")}, &err), 2);
    QVERIFY2(err.contains("--redis takes redis://"), err.constData());
    QCOMPARE(run({QStringLiteral("--workers"), QStringLiteral("0")}, &err), 2);
    QVERIFY2(err.contains("--workers 0"), err.constData());
    QCOMPARE(run({QStringLiteral("--no-api")}, &err), 2);
    QVERIFY2(err.contains("--no-api"), err.constData());
    QCOMPARE(run({QStringLiteral("--redis"), m_redis.url(), QStringLiteral("--languages"),
                  QStringLiteral("c,klingon")},
                 &err),
             2);
    QVERIFY2(err.contains("unknown language 'klingon'"), err.constData());
    // A port nothing listens on: a clear error at start.
    QCOMPARE(run({QStringLiteral("--redis"), QStringLiteral("redis://127.0.0.1:%1").arg(freePort()),
                  QStringLiteral("--workers"), QStringLiteral("0"), QStringLiteral("--port"),
                  QString::number(freePort())},
                 &err),
             3);
    QVERIFY2(err.contains("is unreachable"), err.constData());
}

QList<QByteArray> TestRedisWorkers::submit(int count, int first)
{
    QList<QByteArray> tokens;
    QString error;
    for (int i = first; i < first + count; ++i) {
        std::optional<QByteArray> token = m_queue->submit(doubling(i), &error);
        if (!token) {
            qWarning("submit: %s", qPrintable(error));
            return {};
        }
        m_expected.insert(*token, 2 * i);
        tokens << *token;
    }
    return tokens;
}

bool TestRedisWorkers::waitAllDone(const QList<QByteArray> &tokens)
{
    for (const QByteArray &token : tokens) {
        QDeadlineTimer deadline(kWaitMs);
        for (;;) {
            const std::optional<JobRecord> job = m_queue->waitFor(token, 2000);
            if (job && job->state == JobState::Done)
                break;
            if (deadline.hasExpired())
                return false;
            QTest::qWait(100); // Redis may be away
        }
    }
    return true;
}

QJsonObject TestRedisWorkers::health(int *status)
{
    return QJsonDocument::fromJson(m_api->request("GET", QStringLiteral("/health"), {}, status))
        .object();
}

void TestRedisWorkers::killedWorkerLosesNoJob()
{
    int status = 0;
    const QJsonObject h = health(&status);
    QCOMPARE(status, 200);
    const QJsonObject queue = h.value(QLatin1String("queue")).toObject();
    QCOMPARE(queue.value(QLatin1String("kind")).toString(), QStringLiteral("redis"));
    QCOMPARE(queue.value(QLatin1String("state")).toString(), QStringLiteral("connected"));
    QCOMPARE(queue.value(QLatin1String("url")).toString(), m_redis.url());

    const QList<QByteArray> tokens = submit(48, 0);
    QCOMPARE(tokens.size(), 48);
    // Killed while it holds jobs.
    const QString stream =
        QString::fromLatin1(RedisJobQueue::streamKey(QStringLiteral("python3"), 0));
    QTRY_VERIFY_WITH_TIMEOUT(
        !m_redis
             .cli({QStringLiteral("XPENDING"), stream, QStringLiteral("evalx"), QStringLiteral("-"),
                   QStringLiteral("+"), QStringLiteral("10"), m_a->consumer()})
             .trimmed()
             .isEmpty(),
        kWaitMs);
    m_a->kill();
    QVERIFY(waitAllDone(tokens));

    int reclaimed = 0;
    for (const QByteArray &token : tokens) {
        const std::optional<JobRecord> job = m_queue->find(token);
        QVERIFY(job && job->state == JobState::Done);
        QCOMPARE(job->result.verdict, Verdict::AC);
        QCOMPARE(job->result.tests.first().run.stdoutData,
                 QByteArray::number(m_expected.value(token)) + '\n');
        if (m_redis
                .cli({QStringLiteral("HGET"),
                      QStringLiteral("evalx:job:") + QString::fromLatin1(token),
                      QStringLiteral("deliveries")})
                .trimmed()
                .toInt() > 1)
            ++reclaimed;
    }
    QVERIFY2(reclaimed > 0, "the killed worker's jobs were run by the other");
    // Every completion published once.
    QTRY_VERIFY_WITH_TIMEOUT(m_finished->size() >= tokens.size(), kWaitMs);
    QHash<QByteArray, int> completions;
    for (const QList<QVariant> &s : std::as_const(*m_finished))
        ++completions[s.first().toByteArray()];
    for (const QByteArray &token : tokens)
        QCOMPARE(completions.value(token), 1);
    QCOMPARE(completions.size(), tokens.size());
    QVERIFY(m_b->running());
}

void TestRedisWorkers::redisRestartLosesNothing()
{
    m_finished->clear();
    const QList<QByteArray> before = m_expected.keys();
    const QList<QByteArray> tokens = submit(20, 100);
    QCOMPARE(tokens.size(), 20);
    QTRY_VERIFY_WITH_TIMEOUT(m_finished->size() >= 3, kWaitMs);
    m_redis.kill();

    // The API says why it cannot take a job, and /health says so too.
    int status = 0;
    const QByteArray body =
        R"json({"source_code":"print(int(input())*2)","language_id":71,"stdin":"4","expected_output":"8"})json";
    QByteArray answer = m_api->request("POST", QStringLiteral("/submissions"), body, &status,
                                       {{"Content-Type", "application/json"}});
    QCOMPARE(status, 503);
    QVERIFY2(answer.contains("unreachable"), answer.constData());
    QTRY_COMPARE_WITH_TIMEOUT(health(&status)
                                  .value(QLatin1String("queue"))
                                  .toObject()
                                  .value(QLatin1String("state"))
                                  .toString(),
                              QStringLiteral("reconnecting"), kWaitMs);
    QCOMPARE(status, 503);

    QVERIFY(m_redis.start());
    QVERIFY(waitAllDone(tokens));
    for (const QByteArray &token : before + tokens) {
        const std::optional<JobRecord> job = m_queue->find(token);
        QVERIFY(job && job->state == JobState::Done);
        QCOMPARE(job->result.tests.first().run.stdoutData,
                 QByteArray::number(m_expected.value(token)) + '\n');
    }
    // No completion twice, of those heard.
    QHash<QByteArray, int> completions;
    for (const QList<QVariant> &s : std::as_const(*m_finished))
        QVERIFY(++completions[s.first().toByteArray()] == 1);

    // New jobs, through the API process, once it is back.
    QTRY_COMPARE_WITH_TIMEOUT(health(&status)
                                  .value(QLatin1String("queue"))
                                  .toObject()
                                  .value(QLatin1String("state"))
                                  .toString(),
                              QStringLiteral("connected"), kWaitMs);
    answer = m_api->request("POST", QStringLiteral("/submissions?wait=true"), body, &status,
                            {{"Content-Type", "application/json"}});
    QCOMPARE(status, 201);
    const QJsonObject r = QJsonDocument::fromJson(answer).object();
    QCOMPARE(r.value(QLatin1String("stdout")).toString(), QStringLiteral("8\n"));
    QCOMPARE(r.value(QLatin1String("status")).toObject().value(QLatin1String("id")).toInt(), 3);
    const QList<QByteArray> after = submit(5, 200);
    QVERIFY(waitAllDone(after));
    QVERIFY(m_b->running());
}

// --result-cache: the second identical submission is answered from the
// first's result, and /metrics counts it.
void TestRedisWorkers::resultCacheCountsOnMetrics()
{
    RedisServer redis;
    QVERIFY(redis.start());
    HeadlessServer server;
    QVERIFY(server.start({QStringLiteral("--redis"), redis.url(), QStringLiteral("--workers"),
                          QStringLiteral("1"), QStringLiteral("--result-cache"),
                          QStringLiteral("60")}));
    const QByteArray body =
        R"json({"source_code":"print(int(input())*2)","language_id":71,"stdin":"21"})json";
    int status = 0;
    QByteArray answer;
    for (int i = 0; i < 2; ++i) {
        QDeadlineTimer served(kWaitMs); // the worker's first heartbeat
        for (;;) {
            answer = server.request("POST", QStringLiteral("/submissions?wait=true"), body, &status,
                                    {{"Content-Type", "application/json"}});
            if (status != 503 || served.hasExpired())
                break;
            QTest::qWait(50);
        }
        QCOMPARE(status, 201);
        QVERIFY2(answer.contains(R"("stdout":"42\n")"), answer.constData());
    }
    const QByteArray metrics = server.request("GET", QStringLiteral("/metrics"), {}, &status);
    QVERIFY2(metrics.contains("evalx_result_cache_hits_total 1\n"), metrics.constData());
    QVERIFY(metrics.contains("evalx_result_cache_misses_total 1\n"));
}

QTEST_GUILESS_MAIN(TestRedisWorkers)
#include "tst_redisworkers.moc"
