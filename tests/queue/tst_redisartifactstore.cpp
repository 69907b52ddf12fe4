// Compiled artifacts shared through a real redis-server: two executors (two
// caches, two stores, as two workers on two hosts) compile a source once; compile
// errors and syntax errors are shared, internal errors and oversized artifacts
// are not; a damaged value is a miss that is compiled again and overwritten; a
// Redis that is down is a miss and nothing more. The stored form's round trip.

#include "../sandbox/boxfixture.h"
#include "engine.h"
#include "executor.h"
#include "redisartifactstore.h"
#include "redisserver.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QUuid>
#include <atomic>
#include <thread>

using namespace evalx;
using namespace evalx::test;

namespace {

const LanguageCatalogue &catalogue()
{
    static const LanguageCatalogue c = LanguageCatalogue::builtIn();
    return c;
}

const Language &lang(const char *id)
{
    return *catalogue().find(QLatin1String(id));
}

// A C program that triples its input, unique so that no test sees another's artifact.
Submission tripling()
{
    return Submission::fromSource(
        lang("c"), "#include <stdio.h>\nint main(void) { int n; if (scanf(\"%d\", &n) != 1) "
                   "return 1; printf(\"%d\\n\", 3 * n); return 0; }\n/* " +
                       QUuid::createUuid().toByteArray() + " */\n");
}

CompileOutcome outcome(const QByteArray &key, RunStatus status, qsizetype fileBytes = 16)
{
    CompileOutcome o;
    o.status = status;
    o.output = QStringLiteral("warning: ünïcode\n");
    o.message = status == RunStatus::IE ? QStringLiteral("the box went away") : QString();
    o.compileRun.status = status == RunStatus::CE ? RunStatus::RE : RunStatus::OK;
    o.compileRun.exitCode = status == RunStatus::CE ? 1 : 0;
    o.compileRun.cpuSeconds = 0.25;
    o.compileRun.wallSeconds = 0.5;
    o.compileRun.memoryKib = 12345;
    o.compileRun.stdoutData = "warning: \xc3\xbcn\xc3\xaf" "code\n";
    o.artifact.key = key;
    o.artifact.mainFile = QStringLiteral("main.c");
    if (status == RunStatus::OK) {
        QByteArray binary(fileBytes, '\0');
        for (qsizetype i = 0; i < binary.size(); ++i)
            binary[i] = char(i * 7);
        o.artifact.files = {BoxFile{QStringLiteral("prog"), 0755, binary},
                            BoxFile{QStringLiteral("lib/data.bin"), 0644, QByteArray("\0\1\2", 3)}};
    }
    return o;
}

void compareOutcomes(const CompileOutcome &a, const CompileOutcome &b)
{
    QCOMPARE(a.status, b.status);
    QCOMPARE(a.output, b.output);
    QCOMPARE(a.message, b.message);
    QCOMPARE(a.compileRun.status, b.compileRun.status);
    QCOMPARE(a.compileRun.exitCode, b.compileRun.exitCode);
    QCOMPARE(a.compileRun.cpuSeconds, b.compileRun.cpuSeconds);
    QCOMPARE(a.compileRun.memoryKib, b.compileRun.memoryKib);
    QCOMPARE(a.compileRun.stdoutData, b.compileRun.stdoutData);
    QCOMPARE(a.artifact.key, b.artifact.key);
    QCOMPARE(a.artifact.mainFile, b.artifact.mainFile);
    QCOMPARE(a.artifact.files.size(), b.artifact.files.size());
    for (qsizetype i = 0; i < a.artifact.files.size(); ++i) {
        QCOMPARE(a.artifact.files[i].path, b.artifact.files[i].path);
        QCOMPARE(a.artifact.files[i].mode, b.artifact.files[i].mode);
        QCOMPARE(a.artifact.files[i].data, b.artifact.files[i].data);
    }
}

QByteArray freshKey()
{
    return QCryptographicHash::hash(QUuid::createUuid().toByteArray(), QCryptographicHash::Sha256)
        .toHex();
}

} // namespace

class TestRedisArtifactStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void codecRoundTrip();
    void codecRefusesDamage();
    void secondExecutorCompilesNothing();
    void compileErrorIsShared();
    void internalErrorIsNotShared();
    void syntaxErrorIsShared();
    void oversizedIsNotShared();
    void damagedValueIsCompiledAgainAndOverwritten();
    void oneLookupForConcurrentCallers();
    void redisDownIsAMiss();
    void engineSharesThroughRedis(); // last: it takes the pool's place

private:
    std::shared_ptr<RedisArtifactStore> store(qint64 maxBytes = 64 * 1024 * 1024) const;
    std::unique_ptr<Executor> executor() const;
    QByteArray exists(const QByteArray &key) const;

    RedisServer m_redis;
    std::unique_ptr<BoxPool> m_pool;
};

std::shared_ptr<RedisArtifactStore> TestRedisArtifactStore::store(qint64 maxBytes) const
{
    QString error;
    RedisArtifactStore::Options o;
    o.url = *RedisUrl::parse(m_redis.url(), &error);
    o.maxBytes = maxBytes;
    return std::make_shared<RedisArtifactStore>(o);
}

// A worker: its own cache, its own connection to the one Redis.
std::unique_ptr<Executor> TestRedisArtifactStore::executor() const
{
    auto e = std::make_unique<Executor>(*m_pool);
    e->cache().setStore(store());
    return e;
}

QByteArray TestRedisArtifactStore::exists(const QByteArray &key) const
{
    return m_redis
        .cli({QStringLiteral("EXISTS"), QString::fromLatin1(RedisArtifactStore::redisKey(key))})
        .trimmed();
}

void TestRedisArtifactStore::initTestCase()
{
    QVERIFY(m_redis.start());
    QString error;
    m_pool = startPool(2, &error);
    QVERIFY2(m_pool, qPrintable(error));
}

void TestRedisArtifactStore::init()
{
    if (m_redis.cli({QStringLiteral("PING")}).trimmed() != "PONG")
        QVERIFY(m_redis.start());
    m_redis.cli({QStringLiteral("FLUSHALL")});
}

void TestRedisArtifactStore::codecRoundTrip()
{
    for (RunStatus status : {RunStatus::OK, RunStatus::CE}) {
        const CompileOutcome o = outcome(freshKey(), status, 100000);
        QString error;
        const std::optional<CompileOutcome> back =
            RedisArtifactStore::decode(RedisArtifactStore::encode(o), &error);
        QVERIFY2(back, qPrintable(error));
        compareOutcomes(*back, o);
    }
}

void TestRedisArtifactStore::codecRefusesDamage()
{
    const QByteArray good = RedisArtifactStore::encode(outcome(freshKey(), RunStatus::OK));
    QString error;
    QVERIFY(!RedisArtifactStore::decode(QByteArrayLiteral("garbage"), &error));
    QVERIFY(!RedisArtifactStore::decode(QByteArray(), &error));
    QVERIFY(!RedisArtifactStore::decode(good.first(good.size() - 1), &error));
    QByteArray flipped = good;
    flipped[flipped.size() / 2] = char(flipped[flipped.size() / 2] ^ 0x20);
    QVERIFY(!RedisArtifactStore::decode(flipped, &error));
    QVERIFY2(error.contains(QLatin1String("digest")), qPrintable(error));
    // Internal errors are never stored, so never read either.
    QVERIFY(!RedisArtifactStore::decode(
        RedisArtifactStore::encode(outcome(freshKey(), RunStatus::IE)), &error));
}

void TestRedisArtifactStore::secondExecutorCompilesNothing()
{
    const auto a = executor();
    const auto b = executor();
    const Submission source = tripling();
    const QByteArray key = Executor::artifactKey(lang("c"), source);

    bool hit = true;
    const ArtifactCache::Outcome first = a->compile(lang("c"), source, &hit);
    QVERIFY2(first->status == RunStatus::OK, qPrintable(first->message + first->output));
    QVERIFY(!hit);
    QCOMPARE(a->cache().stats().misses, 1u);
    QCOMPARE(a->cache().stats().storeMisses, 1u);
    QCOMPARE(exists(key), QByteArray("1"));
    const int ttl =
        m_redis.cli({QStringLiteral("TTL"), QString::fromLatin1(RedisArtifactStore::redisKey(key))})
            .trimmed()
            .toInt();
    QVERIFY2(ttl > 86000 && ttl <= 86400, QByteArray::number(ttl).constData());

    const ArtifactCache::Outcome second = b->compile(lang("c"), source, &hit);
    QVERIFY(hit);
    const ArtifactCache::Stats s = b->cache().stats();
    QCOMPARE(s.misses, 0u); // no compile ran in b
    QCOMPARE(s.storeHits, 1u);
    QCOMPARE(s.storeMisses, 0u);
    compareOutcomes(*second, *first);

    // The shared artifact runs; b has never compiled it.
    RunJob job;
    job.stdinData = "14\n";
    job.limits = defaultLimits();
    const JobResult run = b->run(lang("c"), second->artifact, job);
    QVERIFY2(run.run.status == RunStatus::OK, qPrintable(run.run.message));
    QCOMPARE(run.run.stdoutData, QByteArray("42\n"));

    // Once in b's memory, Redis is not asked again.
    b->compile(lang("c"), source, &hit);
    QVERIFY(hit);
    QCOMPARE(b->cache().stats().hits, 1u);
    QCOMPARE(b->cache().stats().storeHits, 1u);

    // execute() says no compile ran here.
    const auto c = executor();
    const Execution e = c->execute(lang("c"), source, "5\n", defaultLimits());
    QVERIFY(!e.compiled);
    QCOMPARE(e.run.stdoutData, QByteArray("15\n"));
    QCOMPARE(c->cache().stats().misses, 0u);
}

void TestRedisArtifactStore::compileErrorIsShared()
{
    const auto a = executor();
    const auto b = executor();
    const Submission source =
        Submission::fromSource(lang("c"), "int main(void) { return nope; }\n/* " +
                                              QUuid::createUuid().toByteArray() + " */\n");
    const ArtifactCache::Outcome first = a->compile(lang("c"), source);
    QCOMPARE(first->status, RunStatus::CE);
    QVERIFY2(first->output.contains(QLatin1String("nope")), qPrintable(first->output));
    QCOMPARE(exists(Executor::artifactKey(lang("c"), source)), QByteArray("1"));

    bool hit = false;
    const ArtifactCache::Outcome second = b->compile(lang("c"), source, &hit);
    QVERIFY(hit);
    QCOMPARE(b->cache().stats().misses, 0u);
    compareOutcomes(*second, *first);
    const Execution e = b->execute(lang("c"), source, {}, defaultLimits());
    QCOMPARE(e.run.status, RunStatus::CE);
    QCOMPARE(e.compileOutput, first->output);
}

void TestRedisArtifactStore::internalErrorIsNotShared()
{
    const QByteArray key = freshKey();
    int compiles = 0;
    const auto failing = [&] {
        ++compiles;
        return outcome(key, RunStatus::IE);
    };
    ArtifactCache a;
    a.setStore(store());
    QCOMPARE(a.obtain(key, failing)->status, RunStatus::IE);
    QCOMPARE(exists(key), QByteArray("0"));
    store()->save(key, outcome(key, RunStatus::IE)); // refused by the store itself too
    QCOMPARE(exists(key), QByteArray("0"));

    ArtifactCache b;
    b.setStore(store());
    bool hit = true;
    QCOMPARE(b.obtain(key, failing, &hit)->status, RunStatus::IE);
    QVERIFY(!hit);
    QCOMPARE(compiles, 2);
    QCOMPARE(b.stats().storeMisses, 1u);
}

void TestRedisArtifactStore::syntaxErrorIsShared()
{
    // Interpreted languages' compile step is a syntax check: its verdict is shared too.
    const auto a = executor();
    const auto b = executor();
    const Submission source = Submission::fromSource(
        lang("python3"), "print(1  # " + QUuid::createUuid().toByteArray() + '\n');
    const ArtifactCache::Outcome first = a->compile(lang("python3"), source);
    QCOMPARE(first->status, RunStatus::CE);
    bool hit = false;
    const ArtifactCache::Outcome second = b->compile(lang("python3"), source, &hit);
    QVERIFY(hit);
    QCOMPARE(b->cache().stats().misses, 0u);
    compareOutcomes(*second, *first);
}

void TestRedisArtifactStore::oversizedIsNotShared()
{
    const qint64 cap = 64 * 1024;
    const QByteArray small = freshKey(), large = freshKey();
    ArtifactCache a;
    a.setStore(store(cap));
    a.obtain(small, [&] { return outcome(small, RunStatus::OK, 1024); });
    a.obtain(large, [&] { return outcome(large, RunStatus::OK, cap + 1); });
    QCOMPARE(exists(small), QByteArray("1"));
    QCOMPARE(exists(large), QByteArray("0"));

    int compiles = 0;
    ArtifactCache b;
    b.setStore(store(cap));
    b.obtain(large, [&] {
        ++compiles;
        return outcome(large, RunStatus::OK, cap + 1);
    });
    QCOMPARE(compiles, 1);
    QCOMPARE(b.stats().storeMisses, 1u);
}

void TestRedisArtifactStore::damagedValueIsCompiledAgainAndOverwritten()
{
    const QByteArray key = freshKey();
    const QString redisKey = QString::fromLatin1(RedisArtifactStore::redisKey(key));
    m_redis.cli({QStringLiteral("SET"), redisKey, QStringLiteral("EXA1 not really")});

    int compiles = 0;
    ArtifactCache a;
    a.setStore(store());
    bool hit = true;
    const ArtifactCache::Outcome o = a.obtain(
        key,
        [&] {
            ++compiles;
            return outcome(key, RunStatus::OK);
        },
        &hit);
    QVERIFY(!hit);
    QCOMPARE(compiles, 1);
    QCOMPARE(a.stats().storeMisses, 1u);
    const std::optional<CompileOutcome> stored = store()->load(key);
    QVERIFY(stored);
    compareOutcomes(*stored, *o);

    // A sound value stored under another artifact's key is no better.
    const QByteArray other = freshKey();
    m_redis.cli({QStringLiteral("RENAME"), redisKey,
                 QString::fromLatin1(RedisArtifactStore::redisKey(other))});
    QVERIFY(!store()->load(other));
}

void TestRedisArtifactStore::oneLookupForConcurrentCallers()
{
    const QByteArray key = freshKey();
    std::atomic_int compiles = 0;
    ArtifactCache cache;
    cache.setStore(store());
    const auto compile = [&] {
        ++compiles;
        QThread::msleep(300);
        return outcome(key, RunStatus::OK);
    };
    std::thread other([&] { cache.obtain(key, compile); });
    cache.obtain(key, compile);
    other.join();
    QCOMPARE(compiles.load(), 1);
    QCOMPARE(cache.stats().storeMisses, 1u);
    QCOMPARE(cache.stats().misses, 1u);
    QCOMPARE(cache.stats().hits, 1u);
}

void TestRedisArtifactStore::redisDownIsAMiss()
{
    const auto a = executor();
    m_redis.stop();

    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < 2; ++i) {
        const Submission source = tripling();
        bool hit = true;
        const ArtifactCache::Outcome o = a->compile(lang("c"), source, &hit);
        QVERIFY2(o->status == RunStatus::OK, qPrintable(o->message + o->output));
        QVERIFY(!hit);
    }
    QCOMPARE(a->cache().stats().misses, 2u);
    QCOMPARE(a->cache().stats().storeMisses, 2u);
    QVERIFY2(timer.elapsed() < 15000, QByteArray::number(timer.elapsed()).constData());

    // Back: shared again once the store's pause is over.
    QVERIFY(m_redis.start());
    QTest::qWait(1200);
    const Submission source = tripling();
    QCOMPARE(a->compile(lang("c"), source)->status, RunStatus::OK);
    QCOMPARE(exists(Executor::artifactKey(lang("c"), source)), QByteArray("1"));
}

void TestRedisArtifactStore::engineSharesThroughRedis()
{
    // The engine's pool replaces the test's: two pools in one process would
    // share their boxes' state directories.
    m_pool.reset();
    EngineOptions o;
    o.sandbox.poolSize = 2;
    o.detectLanguages = false;
    o.redis.url = m_redis.url();
    o.redis.languages = {QStringLiteral("c")};
    o.artifactTtlSeconds = 600;
    Engine engine(o);
    QString error;
    QVERIFY2(engine.start(&error), qPrintable(error));

    const Submission source = tripling();
    Executor a(engine.pool()); // another worker
    a.cache().setStore(store());
    QCOMPARE(a.compile(lang("c"), source)->status, RunStatus::OK);
    bool hit = false;
    QCOMPARE(engine.executor().compile(lang("c"), source, &hit)->status, RunStatus::OK);
    QVERIFY(hit);
    QCOMPARE(engine.executor().cache().stats().storeHits, 1u);

    const Submission another = tripling();
    engine.executor().compile(lang("c"), another);
    const int ttl =
        m_redis
            .cli({QStringLiteral("TTL"), QString::fromLatin1(RedisArtifactStore::redisKey(
                                             Executor::artifactKey(lang("c"), another)))})
            .trimmed()
            .toInt();
    QVERIFY2(ttl > 500 && ttl <= 600, QByteArray::number(ttl).constData());
}

QTEST_GUILESS_MAIN(TestRedisArtifactStore)
#include "tst_redisartifactstore.moc"
