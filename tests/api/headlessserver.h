#pragma once

// Shared by the API tests: a real 'evalx --headless' on a free loopback port,
// and HTTP exchanges with it.

#include <QDeadlineTimer>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

namespace evalx::test {

inline quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

class HeadlessServer final
{
public:
    using Headers = QList<std::pair<QByteArray, QByteArray>>;

    HeadlessServer() = default;
    ~HeadlessServer() { stop(); }
    Q_DISABLE_COPY_MOVE(HeadlessServer)

    // Starts the server and waits until it says it listens.
    bool start(const QStringList &extra = {})
    {
        m_port = freePort();
        // The default history (the user's data directory) goes to a directory
        // of this server's: not the user's, nor another test's.
        QProcessEnvironment env = m_process.processEnvironment();
        if (env.isEmpty())
            env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("XDG_DATA_HOME"), m_dataHome.path());
        m_process.setProcessEnvironment(env);
        m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_process.start(QStringLiteral(EVALX_BINARY),
                        QStringList{QStringLiteral("--headless"), QStringLiteral("--port"),
                                    QString::number(m_port)} +
                            extra);
        if (!m_process.waitForStarted())
            return false;
        QDeadlineTimer deadline(60000);
        while (!m_process.canReadLine() && m_process.state() == QProcess::Running &&
               !deadline.hasExpired())
            QTest::qWait(20);
        m_firstLine = m_process.readLine();
        return m_firstLine.contains("listening on");
    }

    void stop()
    {
        if (m_process.state() != QProcess::Running)
            return;
        m_process.terminate();
        if (!m_process.waitForFinished(15000)) {
            m_process.kill();
            m_process.waitForFinished();
        }
    }

    quint16 port() const { return m_port; }
    QProcess &process() { return m_process; }
    const QByteArray &firstLine() const { return m_firstLine; }

    // One exchange, waiting up to a minute; the status in *status (0: none).
    QByteArray request(const QByteArray &verb, const QString &path, const QByteArray &body,
                       int *status, const Headers &headers = {})
    {
        QNetworkRequest r(QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_port).arg(path)));
        for (const auto &[name, value] : headers)
            r.setRawHeader(name, value);
        QNetworkReply *reply = m_net.sendCustomRequest(r, verb, body);
        QDeadlineTimer deadline(60000);
        while (!reply->isFinished() && !deadline.hasExpired())
            QTest::qWait(10);
        *status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray answer = reply->readAll();
        reply->deleteLater();
        return answer;
    }

private:
    QTemporaryDir m_dataHome;
    QProcess m_process;
    quint16 m_port = 0;
    QByteArray m_firstLine;
    QNetworkAccessManager m_net;
};

} // namespace evalx::test
