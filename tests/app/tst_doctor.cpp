// 'evalx doctor' on this machine: the real binary, a real box, a real Redis
// and real ports.

#include "../queue/redisserver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTcpServer>
#include <QTemporaryFile>
#include <QTest>

class TestDoctor : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void thisHostCanJudge();
    void jsonForMachines();
    void unreachableRedisFails();
    void realRedisAnswers();
    void redisFromTheConfigFile();
    void busyPortFails();
    void freePortPasses();
    void badCommandLines();

private:
    struct Outcome
    {
        int exitCode = -1;
        QByteArray out;
        QByteArray err;
        // The line of one check ("OK    cgroups: ...").
        QByteArray line(const QByteArray &check) const
        {
            for (const QByteArray &l : out.split('\n')) {
                if (l.mid(6).startsWith(QByteArray(check + ':')))
                    return l;
            }
            return {};
        }
    };
    static Outcome doctor(const QStringList &args)
    {
        QProcess p;
        p.start(QStringLiteral(EVALX_BINARY), QStringList{QStringLiteral("doctor")} + args);
        Outcome o;
        if (!p.waitForFinished(120000))
            return o;
        o.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
        o.out = p.readAllStandardOutput();
        o.err = p.readAllStandardError();
        return o;
    }
};

void TestDoctor::thisHostCanJudge()
{
    const Outcome o = doctor({});
    QVERIFY2(o.exitCode == 0, QByteArray(o.out + o.err).constData());
    // The sandbox as this machine offers it (root, cgroups, seccomp), tried for real.
    for (const char *check : {"namespaces", "cgroups", "seccomp", "box helper", "box"}) {
        const QByteArray line = o.line(check);
        QVERIFY2(line.startsWith("OK    "),
                 QByteArray(check + QByteArray(": ") + o.out).constData());
    }
    QVERIFY2(o.line("box").contains("ran 'true' in"), QByteArray(o.out).constData());
    QVERIFY2(o.line("box helper").contains("evalx-box"), QByteArray(o.out).constData());
    // Every language has a line; gcc is installed here, a missing one names its package.
    QVERIFY2(o.line("language c").startsWith("OK    ") && o.line("language c").contains("C17"),
             QByteArray(o.out).constData());
    for (const QByteArray &l : o.out.split('\n')) {
        if (l.startsWith("WARN  language "))
            QVERIFY2(l.contains("To fix: install "), QByteArray(l).constData());
    }
    QVERIFY(o.out.contains("Nothing stops EvalX from judging here."));
    // Only what was asked for: no Redis, no port.
    QVERIFY(o.line("redis").isEmpty());
    QVERIFY(o.line("port").isEmpty());
}

void TestDoctor::jsonForMachines()
{
    const Outcome o = doctor({QStringLiteral("--json")});
    QCOMPARE(o.exitCode, 0);
    QJsonParseError error;
    const QJsonObject root = QJsonDocument::fromJson(o.out, &error).object();
    QVERIFY2(error.error == QJsonParseError::NoError, QByteArray(o.out).constData());
    QCOMPARE(root.value(QStringLiteral("ok")).toBool(), true);
    QHash<QString, QString> status;
    for (const QJsonValue &v : root.value(QStringLiteral("checks")).toArray()) {
        const QJsonObject c = v.toObject();
        QVERIFY(c.contains(QStringLiteral("detail")) && c.contains(QStringLiteral("fix")));
        status.insert(c.value(QStringLiteral("check")).toString(),
                      c.value(QStringLiteral("status")).toString());
    }
    QCOMPARE(status.value(QStringLiteral("box")), QStringLiteral("ok"));
    QCOMPARE(status.value(QStringLiteral("cgroups")), QStringLiteral("ok"));
    QCOMPARE(status.value(QStringLiteral("language python3")), QStringLiteral("ok"));
}

void TestDoctor::unreachableRedisFails()
{
    const Outcome o = doctor({QStringLiteral("--redis"), QStringLiteral("redis://127.0.0.1:1")});
    QVERIFY2(o.exitCode == 1, QByteArray(o.out + o.err).constData());
    const QByteArray line = o.line("redis");
    QVERIFY2(line.startsWith("FAIL  redis: ") && line.contains("redis://127.0.0.1:1"),
             QByteArray(o.out).constData());
    QVERIFY2(line.contains("To fix: start Redis there"), QByteArray(line).constData());
    QVERIFY(o.out.contains("Something above stops EvalX from judging here."));
    // The rest is still checked and still fine.
    QVERIFY(o.line("box").startsWith("OK    "));
}

void TestDoctor::realRedisAnswers()
{
    evalx::test::RedisServer redis;
    QVERIFY(redis.start());
    const Outcome o = doctor({QStringLiteral("--redis"), redis.url()});
    QVERIFY2(o.exitCode == 0, QByteArray(o.out + o.err).constData());
    const QByteArray line = o.line("redis");
    QVERIFY2(line.startsWith("OK    redis: ") && line.contains("answers PING (Redis 7."),
             QByteArray(line).constData());
}

void TestDoctor::redisFromTheConfigFile()
{
    // The server's own config file: its other settings are accepted, not checked.
    QTemporaryFile config;
    QVERIFY(config.open());
    config.write("workers = 2\nredis = redis://127.0.0.1:1/3\nqueue-capacity = 5\n");
    config.close();
    const Outcome o = doctor({QStringLiteral("--config"), config.fileName()});
    QVERIFY2(o.exitCode == 1, QByteArray(o.out + o.err).constData());
    QVERIFY2(o.line("redis").contains("redis://127.0.0.1:1/3"), QByteArray(o.out).constData());

    // The packaged file: every setting commented out, so nothing more is checked.
    const Outcome packaged = doctor(
        {QStringLiteral("--config"), QStringLiteral(EVALX_SOURCE_DIR "/packaging/evalx.conf")});
    QVERIFY2(packaged.exitCode == 0, QByteArray(packaged.out + packaged.err).constData());
    QVERIFY(packaged.line("redis").isEmpty());

    QTemporaryFile bad;
    QVERIFY(bad.open());
    bad.write("colour = blue\n");
    bad.close();
    const Outcome b = doctor({QStringLiteral("--config"), bad.fileName()});
    QCOMPARE(b.exitCode, 2);
    QVERIFY2(b.err.contains("unknown setting 'colour'"), QByteArray(b.err).constData());
}

void TestDoctor::busyPortFails()
{
    QTcpServer taken;
    QVERIFY(taken.listen(QHostAddress::LocalHost, 0));
    const QString port = QString::number(taken.serverPort());
    const Outcome o = doctor({QStringLiteral("--port"), port});
    QVERIFY2(o.exitCode == 1, QByteArray(o.out + o.err).constData());
    const QByteArray line = o.line("port");
    QVERIFY2(
        line.startsWith(QByteArray("FAIL  port: cannot listen on 127.0.0.1:" + port.toLatin1())),
        QByteArray(line).constData());
    QVERIFY2(line.contains("another program listens there"), QByteArray(line).constData());
}

void TestDoctor::freePortPasses()
{
    quint16 port = 0;
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        port = probe.serverPort();
    }
    const Outcome o = doctor({QStringLiteral("--port"), QString::number(port),
                              QStringLiteral("--bind"), QStringLiteral("127.0.0.1")});
    QVERIFY2(o.exitCode == 0, QByteArray(o.out + o.err).constData());
    QVERIFY2(o.line("port").startsWith(
                 QByteArray("OK    port: can listen on 127.0.0.1:" + QByteArray::number(port))),
             QByteArray(o.out).constData());
}

void TestDoctor::badCommandLines()
{
    Outcome o = doctor({QStringLiteral("--port"), QStringLiteral("http")});
    QCOMPARE(o.exitCode, 2);
    QVERIFY2(o.err.contains("--port takes a whole number"), QByteArray(o.err).constData());
    o = doctor({QStringLiteral("--bind"), QStringLiteral("localhost.example")});
    QCOMPARE(o.exitCode, 2);
    QVERIFY2(o.err.contains("--bind takes an IP address"), QByteArray(o.err).constData());
    o = doctor({QStringLiteral("--frobnicate")});
    QCOMPARE(o.exitCode, 2);
}

QTEST_GUILESS_MAIN(TestDoctor)
#include "tst_doctor.moc"
