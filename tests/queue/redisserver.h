#pragma once

// Shared by the queue tests: a real redis-server on a free loopback port, its
// append-only file in a temporary directory (so a restart keeps what was
// acknowledged), and redis-cli for looking inside.

#include <QDeadlineTimer>
#include <QProcess>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

namespace evalx::test {

class RedisServer final
{
public:
    RedisServer() = default;
    ~RedisServer() { stop(); }
    Q_DISABLE_COPY_MOVE(RedisServer)

    // Starts on a free port the first time, on the same port and files after.
    // Every write is on disk before Redis answers (appendfsync always) unless
    // fsync says otherwise ("everysec": Redis's own default for its log).
    bool start(const QString &fsync = QStringLiteral("always"))
    {
        if (m_port == 0) {
            QTcpServer probe;
            probe.listen(QHostAddress::LocalHost, 0);
            m_port = probe.serverPort();
        }
        m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_process.setStandardOutputFile(m_dir.filePath(QStringLiteral("redis.log")),
                                        QIODevice::Append);
        m_process.start(QStringLiteral("redis-server"),
                        {QStringLiteral("--port"), QString::number(m_port),
                         QStringLiteral("--bind"), QStringLiteral("127.0.0.1"),
                         QStringLiteral("--save"), QString(), QStringLiteral("--appendonly"),
                         QStringLiteral("yes"), QStringLiteral("--appendfsync"), fsync,
                         QStringLiteral("--dir"), m_dir.path()});
        if (!m_process.waitForStarted())
            return false;
        QDeadlineTimer deadline(20000);
        while (!deadline.hasExpired() && m_process.state() == QProcess::Running) {
            if (cli({QStringLiteral("PING")}).trimmed() == "PONG")
                return true;
            QTest::qWait(50);
        }
        return false;
    }

    // Like a crash: no chance to write anything more.
    void kill()
    {
        if (m_process.state() == QProcess::NotRunning)
            return;
        m_process.kill();
        m_process.waitForFinished();
    }

    void stop()
    {
        if (m_process.state() == QProcess::NotRunning)
            return;
        m_process.terminate();
        if (!m_process.waitForFinished(10000))
            kill();
    }

    quint16 port() const { return m_port; }
    QString url() const { return QStringLiteral("redis://127.0.0.1:%1/0").arg(m_port); }

    // One redis-cli command; its output (raw, one value a line).
    QByteArray cli(const QStringList &arguments) const
    {
        QProcess p;
        p.start(QStringLiteral("redis-cli"),
                QStringList{QStringLiteral("-p"), QString::number(m_port)} + arguments);
        p.waitForFinished(10000);
        return p.readAllStandardOutput();
    }

private:
    QTemporaryDir m_dir;
    QProcess m_process;
    quint16 m_port = 0;
};

} // namespace evalx::test
