// What every request of a real 'evalx --headless' passes before a controller:
// the body-size limit, per-client rate limiting, CORS; the config file; and
// SIGTERM draining the queue while the API still answers.

#include "headlessserver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpSocket>
#include <QTemporaryDir>

#include <csignal>

using evalx::test::HeadlessServer;

namespace {

QJsonObject object(const QByteArray &body)
{
    return QJsonDocument::fromJson(body).object();
}

QByteArray judge0(const QString &source, int languageId = 71)
{
    return QJsonDocument(QJsonObject{{QStringLiteral("source_code"), source},
                                     {QStringLiteral("language_id"), languageId}})
        .toJson(QJsonDocument::Compact);
}

const HeadlessServer::Headers kJson = {{"Content-Type", "application/json"}};

} // namespace

class TestServer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void oversizedBodyIs413()
    {
        HeadlessServer server;
        QVERIFY(server.start({QStringLiteral("--max-body-size"), QStringLiteral("1")}));
        int status = 0;
        // Just over the limit: read, then refused by the gate.
        const QByteArray over = judge0(QString(1536 * 1024, QLatin1Char('#')));
        QByteArray answer =
            server.request("POST", QStringLiteral("/submissions"), over, &status, kJson);
        QCOMPARE(status, 413);
        QString error = object(answer).value(QStringLiteral("error")).toString();
        QVERIFY2(error.contains(QLatin1String("the limit is 1048576")), qPrintable(error));

        // Far over: answered while it arrives, and never held in memory.
        // (A raw socket: QNetworkAccessManager gives up on an answer that
        // comes before its upload ends.)
        QTcpSocket raw;
        raw.connectToHost(QHostAddress::LocalHost, server.port());
        QVERIFY(raw.waitForConnected(10000));
        const qint64 hugeSize = 200 * 1024 * 1024;
        raw.write("POST /submissions HTTP/1.1\r\nHost: localhost\r\n"
                  "Content-Type: application/json\r\nContent-Length: " +
                  QByteArray::number(hugeSize) + "\r\n\r\n");
        const QByteArray chunk(1024 * 1024, '#');
        for (qint64 sent = 0; sent < hugeSize && raw.state() == QAbstractSocket::ConnectedState;
             sent += chunk.size()) {
            raw.write(chunk);
            while (raw.bytesToWrite() > 4 * chunk.size() && raw.waitForBytesWritten(10000)) {
            }
        }
        QDeadlineTimer answered(30000);
        while (!raw.canReadLine() && !answered.hasExpired())
            raw.waitForReadyRead(100);
        QCOMPARE(raw.readLine().trimmed(), QByteArray("HTTP/1.1 413 Payload Too Large"));
        QVERIFY(raw.readAll().contains("request too large"));
        raw.abort();
        QFile statusFile(QStringLiteral("/proc/%1/status").arg(server.process().processId()));
        QVERIFY(statusFile.open(QIODevice::ReadOnly));
        const QByteArray procStatus = statusFile.readAll();
        const qsizetype at = procStatus.indexOf("VmHWM:");
        const qint64 peakKib = procStatus.mid(at + 6, procStatus.indexOf('\n', at) - at - 6)
                                   .trimmed()
                                   .split(' ')
                                   .first()
                                   .toLongLong();
        QVERIFY2(peakKib > 0 && peakKib < 100 * 1024, qPrintable(QString::number(peakKib)));

        // A body under the limit still goes through, on the same server.
        const QByteArray small =
            object(server.request("POST", QStringLiteral("/submissions"),
                                  judge0(QStringLiteral("print(1)")), &status, kJson))
                .value(QStringLiteral("token"))
                .toString()
                .toLatin1();
        QCOMPARE(status, 201);
        QVERIFY(!small.isEmpty());
    }

    void clientsOverTheRateAre429()
    {
        HeadlessServer server;
        QVERIFY(server.start({QStringLiteral("--rate-limit"), QStringLiteral("2")}));
        int ok = 0, refused = 0, status = 0;
        QByteArray lastRefusal;
        for (int i = 0; i < 40; ++i) {
            const QByteArray answer =
                server.request("GET", QStringLiteral("/statuses"), {}, &status);
            if (status == 200)
                ++ok;
            else if (status == 429) {
                ++refused;
                lastRefusal = answer;
            }
        }
        // The bucket holds two and refills at two a second: forty requests in a row cannot all fit.
        QVERIFY2(ok >= 2, qPrintable(QString::number(ok)));
        QVERIFY2(refused > 0, qPrintable(QString::number(refused)));
        QCOMPARE(ok + refused, 40);
        QVERIFY(object(lastRefusal)
                    .value(QStringLiteral("error"))
                    .toString()
                    .contains(QLatin1String("rate limit")));
        // Health checks are never limited.
        for (int i = 0; i < 20; ++i) {
            server.request("GET", QStringLiteral("/health"), {}, &status);
            QCOMPARE(status, 200);
        }
        // The bucket refills.
        QTest::qWait(1100);
        server.request("GET", QStringLiteral("/statuses"), {}, &status);
        QCOMPARE(status, 200);
    }

    void corsForAllowedOriginsOnly()
    {
        HeadlessServer server;
        QVERIFY(
            server.start({QStringLiteral("--cors-origin"), QStringLiteral("https://ide.example")}));
        QNetworkAccessManager net;
        auto exchange = [&](const QByteArray &verb, const QByteArray &origin) {
            QNetworkRequest r(
                QUrl(QStringLiteral("http://127.0.0.1:%1/statuses").arg(server.port())));
            r.setRawHeader("Origin", origin);
            r.setRawHeader("Access-Control-Request-Method", "POST");
            QNetworkReply *reply = net.sendCustomRequest(r, verb);
            QDeadlineTimer deadline(30000);
            while (!reply->isFinished() && !deadline.hasExpired())
                QTest::qWait(10);
            reply->deleteLater();
            return reply;
        };
        QNetworkReply *preflight = exchange("OPTIONS", "https://ide.example");
        QCOMPARE(preflight->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 204);
        QCOMPARE(preflight->rawHeader("Access-Control-Allow-Origin"),
                 QByteArray("https://ide.example"));
        QVERIFY(preflight->rawHeader("Access-Control-Allow-Headers").contains("X-Auth-Token"));
        QNetworkReply *get = exchange("GET", "https://ide.example");
        QCOMPARE(get->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        QCOMPARE(get->rawHeader("Access-Control-Allow-Origin"), QByteArray("https://ide.example"));
        QNetworkReply *other = exchange("GET", "https://evil.example");
        QCOMPARE(other->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        QVERIFY(!other->hasRawHeader("Access-Control-Allow-Origin"));
        QNetworkReply *otherPreflight = exchange("OPTIONS", "https://evil.example");
        QVERIFY(!otherPreflight->hasRawHeader("Access-Control-Allow-Origin"));
    }

    void configFileSetsOptions()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("evalx.conf"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("# EvalX test settings\nauth-token = s3cret\nrate-limit = 1000\n");
        file.close();
        HeadlessServer server;
        QVERIFY(server.start({QStringLiteral("--config"), path}));
        int status = 0;
        server.request("GET", QStringLiteral("/statuses"), {}, &status);
        QCOMPARE(status, 401);
        server.request("GET", QStringLiteral("/statuses"), {}, &status,
                       {{"X-Auth-Token", "s3cret"}});
        QCOMPARE(status, 200);
        // Asking for a WebSocket does not get past the gate anywhere but a stream.
        QTcpSocket raw;
        raw.connectToHost(QHostAddress::LocalHost, server.port());
        QVERIFY(raw.waitForConnected(10000));
        raw.write("GET /submissions HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\n"
                  "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                  "Sec-WebSocket-Version: 13\r\n\r\n");
        QDeadlineTimer answered(10000);
        while (!raw.canReadLine() && !answered.hasExpired())
            raw.waitForReadyRead(100);
        QCOMPARE(raw.readLine().trimmed(), QByteArray("HTTP/1.1 401 Unauthorized"));
        server.stop();

        // The command line wins over the file.
        HeadlessServer overridden;
        QVERIFY(overridden.start({QStringLiteral("--config"), path, QStringLiteral("--auth-token"),
                                  QStringLiteral("other")}));
        overridden.request("GET", QStringLiteral("/statuses"), {}, &status,
                           {{"X-Auth-Token", "other"}});
        QCOMPARE(status, 200);
    }

    void badConfigFileIsNamed()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("evalx.conf"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("prot = 3000\n");
        file.close();
        QProcess p;
        p.start(QStringLiteral(EVALX_BINARY),
                {QStringLiteral("--headless"), QStringLiteral("--config"), path});
        QVERIFY(p.waitForFinished(30000));
        QCOMPARE(p.exitCode(), 2);
        const QByteArray err = p.readAllStandardError();
        QVERIFY2(err.contains("unknown setting 'prot'"), err.constData());

        p.start(QStringLiteral(EVALX_BINARY),
                {QStringLiteral("--headless"), QStringLiteral("--config"),
                 dir.filePath(QStringLiteral("missing.conf"))});
        QVERIFY(p.waitForFinished(30000));
        QCOMPARE(p.exitCode(), 2);
        QVERIFY(p.readAllStandardError().contains("missing.conf"));
    }

    // SIGTERM: no new jobs; the running one finishes and a client waiting for
    // it gets its answer; then the process exits by itself.
    void sigtermDrainsRunningJobs()
    {
        HeadlessServer server;
        QVERIFY(server.start({QStringLiteral("--workers"), QStringLiteral("1")}));
        QNetworkAccessManager net;
        QNetworkRequest r(
            QUrl(QStringLiteral("http://127.0.0.1:%1/submissions?wait=true&fields=stdout,status")
                     .arg(server.port())));
        r.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        QNetworkReply *waiting =
            net.post(r, judge0(QStringLiteral("import time\ntime.sleep(2)\nprint('finished')\n")));
        // Running before the signal.
        int status = 0;
        QDeadlineTimer running(30000);
        while (!running.hasExpired()) {
            const QByteArray metrics =
                server.request("GET", QStringLiteral("/metrics"), {}, &status);
            if (metrics.contains("evalx_queue_running 1"))
                break;
            QTest::qWait(20);
        }
        QVERIFY(!running.hasExpired());
        ::kill(pid_t(server.process().processId()), SIGTERM);
        QTest::qWait(200);
        QCOMPARE(server.process().state(), QProcess::Running);
        server.request("POST", QStringLiteral("/submissions"), judge0(QStringLiteral("print(2)")),
                       &status, kJson);
        QCOMPARE(status, 503);
        // The running job ends as it would have, and its client is answered.
        QDeadlineTimer deadline(30000);
        while (!waiting->isFinished() && !deadline.hasExpired())
            QTest::qWait(10);
        QCOMPARE(waiting->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 201);
        const QJsonObject finished = object(waiting->readAll());
        QCOMPARE(finished.value(QStringLiteral("stdout")).toString(), QStringLiteral("finished\n"));
        QCOMPARE(
            finished.value(QStringLiteral("status")).toObject().value(QStringLiteral("id")).toInt(),
            3);
        QVERIFY(server.process().waitForFinished(30000));
        QCOMPARE(server.process().exitStatus(), QProcess::NormalExit);
        QCOMPARE(server.process().exitCode(), 0);
    }
};

QTEST_GUILESS_MAIN(TestServer)
#include "tst_server.moc"
