// RedisClient against a real redis-server: commands from several threads do
// not wait behind each other, a broken connection is replaced, and errors
// name what went wrong.

#include "redisclient.h"
#include "redisserver.h"

#include <QFuture>
#include <QTest>
#include <QThread>
#include <QtConcurrent>

using namespace evalx;
using evalx::test::RedisServer;

class TestRedisClient : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase() { m_redis.stop(); }
    void commandsAndErrors();
    void aSlowCommandDoesNotHoldTheOthers();
    void aKilledConnectionIsReplaced();
    void unreachableSaysWhere();

private:
    RedisServer m_redis;
    std::optional<RedisUrl> m_url;
};

void TestRedisClient::initTestCase()
{
    QVERIFY(m_redis.start());
    QString error;
    m_url = RedisUrl::parse(m_redis.url(), &error);
    QVERIFY2(m_url, qPrintable(error));
}

void TestRedisClient::commandsAndErrors()
{
    RedisClient client(*m_url);
    QString error;
    QVERIFY(client.command({"SET", "k", QByteArray("a\0b", 3)}, &error));
    const auto v = client.command({"GET", "k"}, &error);
    QVERIFY2(v, qPrintable(error));
    QCOMPARE(v->str, QByteArray("a\0b", 3)); // binary safe
    QVERIFY(!client.command({"NOSUCHCOMMAND"}, &error));
    QVERIFY2(error.startsWith(QLatin1String("Redis: ")) && error.contains(QLatin1String("unknown")),
             qPrintable(error));
    const auto replies =
        client.pipeline({{"INCR", "n"}, {"INCR", "k"}, {"INCR", "n"}}, &error);
    QVERIFY2(replies, qPrintable(error));
    QCOMPARE(replies->size(), 3);
    QCOMPARE(replies->at(0).integer, 1);
    QVERIFY(replies->at(1).isError()); // "k" is not a number: an error in place
    QCOMPARE(replies->at(2).text(), QByteArray("2"));
}

// The reason for a pool: a submission must not queue behind a worker's
// long command. A BLPOP that blocks for seconds holds one connection; a
// PING from another thread still answers while it waits.
void TestRedisClient::aSlowCommandDoesNotHoldTheOthers()
{
    RedisClient client(*m_url, 4);
    QFuture<bool> blocked = QtConcurrent::run([&client] {
        QString e;
        return bool(client.command({"BLPOP", "never-filled", "3"}, &e));
    });
    QString error;
    // Wait until Redis sees the BLPOP blocking.
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            const auto info = client.command({"INFO", "clients"}, &error);
            return info && info->str.contains("blocked_clients:1");
        }(),
        2000);
    const auto pong = client.command({"PING"}, &error);
    QVERIFY2(pong, qPrintable(error));
    QCOMPARE(pong->str, QByteArray("PONG"));
    QVERIFY(!blocked.isFinished()); // the PING did not wait for it
    blocked.waitForFinished();
}

void TestRedisClient::aKilledConnectionIsReplaced()
{
    RedisClient client(*m_url, 1);
    QString error;
    QVERIFY(client.command({"CLIENT", "SETNAME", "victim"}, &error));
    // Another connection kills ours; the next command opens a new one.
    RedisClient killer(*m_url, 1);
    const auto killed = killer.command({"CLIENT", "KILL", "SKIPME", "yes", "TYPE", "normal"},
                                       &error);
    QVERIFY2(killed && killed->integer >= 1, qPrintable(error));
    const auto pong = client.command({"PING"}, &error);
    QVERIFY2(pong, qPrintable(error));
    QCOMPARE(pong->str, QByteArray("PONG"));
}

void TestRedisClient::unreachableSaysWhere()
{
    QString error;
    const auto url = RedisUrl::parse(QStringLiteral("redis://127.0.0.1:1/0"), &error);
    QVERIFY(url);
    RedisClient client(*url);
    QVERIFY(!client.command({"PING"}, &error));
    QVERIFY2(error.startsWith(QLatin1String("Redis at redis://127.0.0.1:1/0 is unreachable")),
             qPrintable(error));
}

QTEST_GUILESS_MAIN(TestRedisClient)
#include "tst_redisclient.moc"
