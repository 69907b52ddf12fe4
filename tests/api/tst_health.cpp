// A real 'evalx --headless' on a free loopback port, spoken to over HTTP.

#include <QDeadlineTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QTcpServer>
#include <QTest>
#include <csignal>

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
    QProcess m_server;
    quint16 m_port = 0;
    QNetworkAccessManager m_net;
};

static quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

void TestHealth::initTestCase()
{
    m_port = freePort();
    m_server.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_server.start(QStringLiteral(EVALX_BINARY),
                   {QStringLiteral("--headless"), QStringLiteral("--port"), QString::number(m_port),
                    QStringLiteral("--workers"), QStringLiteral("2")});
    QVERIFY(m_server.waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT(m_server.canReadLine() || m_server.state() != QProcess::Running,
                             30000);
    const QByteArray line = m_server.readLine();
    QVERIFY2(line.contains("listening on http://127.0.0.1:"), line.constData());
}

void TestHealth::cleanupTestCase()
{
    if (m_server.state() == QProcess::Running) {
        m_server.kill();
        m_server.waitForFinished();
    }
}

QByteArray TestHealth::get(const QString &path, int *status)
{
    QNetworkReply *reply = m_net.get(
        QNetworkRequest(QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_port).arg(path))));
    QDeadlineTimer deadline(10000);
    while (!reply->isFinished() && !deadline.hasExpired())
        QTest::qWait(10);
    *status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray body = reply->readAll();
    reply->deleteLater();
    return body;
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
    const qint64 pid = m_server.processId();
    ::kill(pid_t(pid), SIGTERM);
    QVERIFY(m_server.waitForFinished(10000));
    QCOMPARE(m_server.exitStatus(), QProcess::NormalExit);
    QCOMPARE(m_server.exitCode(), 0);
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
