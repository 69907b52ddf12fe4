// A real 'evalx --headless' on a free loopback port, spoken to over HTTP.

#include "headlessserver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <csignal>

using namespace evalx::test;

class TestHealth : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void healthIsJson();
    void unknownPathIs404();
    void sigtermStopsCleanly();
    void portInUseIsReported();

private:
    QByteArray get(const QString &path, int *status);
    HeadlessServer m_server;
};

void TestHealth::initTestCase()
{
    QVERIFY2(m_server.start({QStringLiteral("--workers"), QStringLiteral("2")}),
             m_server.firstLine().constData());
    QVERIFY2(m_server.firstLine().contains("listening on http://127.0.0.1:"),
             m_server.firstLine().constData());
}

void TestHealth::cleanupTestCase()
{
    m_server.stop();
}

QByteArray TestHealth::get(const QString &path, int *status)
{
    return m_server.request("GET", path, {}, status);
}

void TestHealth::healthIsJson()
{
    int status = 0;
    const QByteArray body = get(QStringLiteral("/health"), &status);
    QCOMPARE(status, 200);
    const QJsonObject o = QJsonDocument::fromJson(body).object();
    QCOMPARE(o.value(QLatin1String("status")).toString(), QStringLiteral("ok"));
    QCOMPARE(o.value(QLatin1String("version")).toString(), QStringLiteral(EVALX_VERSION));
    const QJsonObject pool = o.value(QLatin1String("pool")).toObject();
    QCOMPARE(pool.value(QLatin1String("size")).toInt(), 2);
    QCOMPARE(pool.value(QLatin1String("idle")).toInt(), 2);
    const QJsonObject sandbox = o.value(QLatin1String("sandbox")).toObject();
    QVERIFY(!sandbox.value(QLatin1String("mode")).toString().isEmpty());
    QVERIFY(sandbox.value(QLatin1String("warnings")).isArray());
    QVERIFY(sandbox.value(QLatin1String("seccomp")).toBool());
    // Every language is listed, with the version its toolchain reported at start-up.
    const QJsonArray languages = o.value(QLatin1String("languages")).toArray();
    QVERIFY(languages.size() >= 10);
    bool sawJava = false;
    for (const QJsonValue &v : languages) {
        const QJsonObject l = v.toObject();
        QVERIFY2(l.value(QLatin1String("available")).toBool(),
                 qPrintable(l.value(QLatin1String("missing")).toString()));
        if (l.value(QLatin1String("id")).toString() == QLatin1String("java")) {
            sawJava = true;
            QVERIFY2(l.value(QLatin1String("version")).toString().contains(QLatin1String("17")),
                     qPrintable(l.value(QLatin1String("version")).toString()));
        }
    }
    QVERIFY(sawJava);
}

void TestHealth::unknownPathIs404()
{
    int status = 0;
    get(QStringLiteral("/no/such/thing"), &status);
    QCOMPARE(status, 404);
}

void TestHealth::sigtermStopsCleanly()
{
    QProcess &server = m_server.process();
    const qint64 pid = server.processId();
    ::kill(pid_t(pid), SIGTERM);
    QVERIFY(server.waitForFinished(10000));
    QCOMPARE(server.exitStatus(), QProcess::NormalExit);
    QCOMPARE(server.exitCode(), 0);
    // Its boxes went with it.
    QProcess pgrep;
    pgrep.start(QStringLiteral("pgrep"),
                {QStringLiteral("-f"), QStringLiteral("evalx-%1").arg(pid)});
    pgrep.waitForFinished();
    QCOMPARE(pgrep.readAllStandardOutput(), QByteArray());
}

void TestHealth::portInUseIsReported()
{
    QTcpServer taken;
    QVERIFY(taken.listen(QHostAddress::LocalHost, 0));
    QProcess p;
    p.start(QStringLiteral(EVALX_BINARY), {QStringLiteral("--headless"), QStringLiteral("--port"),
                                           QString::number(taken.serverPort()),
                                           QStringLiteral("--workers"), QStringLiteral("1")});
    QVERIFY(p.waitForFinished(30000));
    QCOMPARE(p.exitCode(), 3);
    QVERIFY2(p.readAllStandardError().contains("cannot listen"), "no message naming the problem");
}

QTEST_GUILESS_MAIN(TestHealth)
#include "tst_health.moc"
