#pragma once

// Shared by the API tests: an HTTP server on a free loopback port that records
// every request it gets (Judge0 callbacks, native webhooks) and answers each
// with the next status of a script (200 once the script runs out).

#include <QDeadlineTimer>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponse>
#include <QTest>

namespace evalx::test {

class WebhookReceiver final
{
public:
    struct Received
    {
        QByteArray method;
        QString path;
        QByteArray body;
        QByteArray contentType;
    };

    explicit WebhookReceiver(QList<int> statuses = {})
        : m_statuses(std::move(statuses))
    {
        m_server.route(QStringLiteral("/<arg>"), [this](const QString &path,
                                                        const QHttpServerRequest &request) {
            static const char *names[] = {"GET", "PUT", "DELETE", "POST", "HEAD", "OPTIONS", "PATCH"};
            QByteArray method;
            int bit = 0;
            for (int m = int(request.method()); m > 1; m >>= 1)
                ++bit;
            if (bit < int(std::size(names)))
                method = names[bit];
            m_received << Received{method, QLatin1Char('/') + path, request.body(),
                                   request.value(QByteArrayLiteral("Content-Type"))};
            const int status = m_statuses.isEmpty() ? 200 : m_statuses.takeFirst();
            return QHttpServerResponse(QByteArrayLiteral("ok"),
                                       QHttpServerResponse::StatusCode(status));
        });
        m_port = m_server.listen(QHostAddress::LocalHost, 0);
    }

    quint16 port() const { return m_port; }
    QString url(const QString &path) const
    {
        return QStringLiteral("http://127.0.0.1:%1%2").arg(m_port).arg(path);
    }
    const QList<Received> &received() const { return m_received; }

    // Spins the event loop until n requests have come or timeoutMs passes.
    bool waitFor(qsizetype n, int timeoutMs = 30000)
    {
        QDeadlineTimer deadline(timeoutMs);
        while (m_received.size() < n && !deadline.hasExpired())
            QTest::qWait(10);
        return m_received.size() >= n;
    }

private:
    QHttpServer m_server;
    QList<int> m_statuses;
    QList<Received> m_received;
    quint16 m_port = 0;
};

} // namespace evalx::test
