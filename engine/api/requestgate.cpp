#include "requestgate.h"

#include <QDateTime>
#include <QTcpSocket>
#include <QUrlQuery>
#include <memory>

namespace evalx {

namespace {

constexpr int kPreflightMaxAgeSeconds = 600;
// What a connection refused for its size may still send, unread, before it is cut.
constexpr qint64 kMaxDiscardedBytes = qint64(1) << 30;

// Reads what has arrived into nothing (read(), unlike skip(), lets the socket
// read on when its buffer was full); how much that was.
qint64 discard(QTcpSocket *socket)
{
    char sink[16384];
    qint64 total = 0;
    for (qint64 n; (n = socket->read(sink, sizeof sink)) > 0;)
        total += n;
    return total;
}

// QtHttpServer 6.4 upgrades any request a route answered, a refusal too: a
// WebSocket upgrade of a submission's stream goes to the stream, which checks
// the token itself. Nothing else is let through by its headers.
bool isStreamUpgrade(const QHttpServerRequest &request)
{
    const QString path = request.url().path();
    return request.value(QByteArrayLiteral("Upgrade")).compare("websocket", Qt::CaseInsensitive) ==
               0 &&
           path.startsWith(QLatin1String("/api/v1/submissions/")) &&
           path.endsWith(QLatin1String("/stream"));
}

bool isPublic(const QHttpServerRequest &request)
{
    return request.url().path() == QLatin1String("/health");
}

// Judge0's admin calls: GET /submissions (every submission) and DELETE /submissions/{token}.
bool isAdmin(const QHttpServerRequest &request)
{
    const QString path = request.url().path();
    return (request.method() == QHttpServerRequest::Method::Get &&
            path == QLatin1String("/submissions")) ||
           (request.method() == QHttpServerRequest::Method::Delete &&
            path.startsWith(QLatin1String("/submissions/")));
}

// A credential as Judge0 takes it: a header, or else a query parameter.
QByteArray credential(const QHttpServerRequest &request, const QByteArray &name)
{
    const QByteArray header = request.value(name);
    if (!header.isEmpty())
        return header;
    return QUrlQuery(request.url())
        .queryItemValue(QString::fromLatin1(name), QUrl::FullyDecoded)
        .toUtf8();
}

} // namespace

RequestGate::RequestGate(GateOptions options)
    : m_options(std::move(options))
{}

std::optional<QHttpServerResponse> RequestGate::check(const QHttpServerRequest &request)
{
    const QByteArray origin = request.value(QByteArrayLiteral("Origin"));
    if (request.method() == QHttpServerRequest::Method::Options && !origin.isEmpty() &&
        originAllowed(origin)) {
        QHttpServerResponse preflight(QHttpServerResponse::StatusCode::NoContent);
        preflight.setHeader(QByteArrayLiteral("Access-Control-Allow-Methods"),
                            QByteArrayLiteral("GET, POST, PUT, DELETE, OPTIONS"));
        preflight.setHeader(QByteArrayLiteral("Access-Control-Allow-Headers"),
                            QByteArrayLiteral("Content-Type, X-Auth-Token, X-Auth-User"));
        preflight.setHeader(QByteArrayLiteral("Access-Control-Max-Age"),
                            QByteArray::number(kPreflightMaxAgeSeconds));
        return preflight;
    }
    if (isPublic(request) || isStreamUpgrade(request))
        return std::nullopt;
    if (m_options.rateLimit > 0 && !admit(request.remoteAddress())) {
        ++m_refusedRate;
        QHttpServerResponse refused = errorResponse(
            ApiError::RateLimited, QStringLiteral("rate limit exceeded: at most %1 requests a "
                                                  "second from one client")
                                       .arg(m_options.rateLimit));
        refused.setHeader(QByteArrayLiteral("Retry-After"), QByteArrayLiteral("1"));
        return refused;
    }
    if (!m_options.authToken.isEmpty() &&
        credential(request, QByteArrayLiteral("X-Auth-Token")) != m_options.authToken.toUtf8())
        return errorResponse(ApiError::Unauthorized, QStringLiteral("authentication failed"));
    if (!m_options.authUser.isEmpty() && isAdmin(request) &&
        credential(request, QByteArrayLiteral("X-Auth-User")) != m_options.authUser.toUtf8())
        return errorResponse(ApiError::Forbidden, QStringLiteral("authorization failed"));
    const qint64 size = request.body().size();
    if (m_options.maxBodyBytes > 0 && size > m_options.maxBodyBytes) {
        ++m_refusedSize;
        return errorResponse(ApiError::TooLarge,
                             QStringLiteral("request body too large: %1 bytes, the limit is %2")
                                 .arg(size)
                                 .arg(m_options.maxBodyBytes));
    }
    return std::nullopt;
}

QHttpServerResponse RequestGate::decorate(QHttpServerResponse &&response,
                                          const QHttpServerRequest &request) const
{
    const QByteArray origin = request.value(QByteArrayLiteral("Origin"));
    if (!origin.isEmpty() && originAllowed(origin)) {
        const bool any = m_options.corsOrigins.contains(QLatin1String("*"));
        response.setHeader(QByteArrayLiteral("Access-Control-Allow-Origin"),
                           any ? QByteArrayLiteral("*") : origin);
        if (!any)
            response.addHeader(QByteArrayLiteral("Vary"), QByteArrayLiteral("Origin"));
    }
    return std::move(response);
}

QHttpServerResponse RequestGate::takeRefusal()
{
    Q_ASSERT(m_refusal);
    QHttpServerResponse refusal = std::move(*m_refusal);
    m_refusal.reset();
    return refusal;
}

bool RequestGate::originAllowed(const QByteArray &origin) const
{
    for (const QString &allowed : m_options.corsOrigins) {
        if (allowed == QLatin1String("*") || allowed.toUtf8() == origin)
            return true;
    }
    return false;
}

// A token bucket per client: rateLimit tokens a second, as many at most.
bool RequestGate::admit(const QHostAddress &client)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const double capacity = std::max(1.0, m_options.rateLimit);
    if (m_buckets.size() > 10000) {
        // Clients idle long enough to have a full bucket again are forgotten.
        const qint64 refill = qint64(capacity / m_options.rateLimit * 1000) + 1;
        m_buckets.removeIf([&](const auto &it) { return now - it.value().lastMs > refill; });
    }
    auto it = m_buckets.find(client);
    if (it == m_buckets.end())
        it = m_buckets.insert(client, Bucket{capacity, now});
    Bucket &b = *it;
    b.tokens = std::min(capacity, b.tokens + double(now - b.lastMs) * m_options.rateLimit / 1000);
    b.lastMs = now;
    if (b.tokens < 1)
        return false;
    b.tokens -= 1;
    return true;
}

bool RequestGate::refuses(const QHttpServerRequest &request)
{
    m_refusal = check(request);
    return m_refusal.has_value();
}

bool GateRule::matches(const QHttpServerRequest &request, QRegularExpressionMatch *) const
{
    return m_gate->refuses(request);
}

void BodyLimitedTcpServer::incomingConnection(qintptr descriptor)
{
    auto *socket = new QTcpSocket(this);
    if (!socket->setSocketDescriptor(descriptor)) {
        delete socket;
        return;
    }
    // Connected before QHttpServer's own handler, so this sees each chunk
    // before it is read. Bytes count from the last answer written: one
    // request at a time on a keep-alive connection.
    struct Guard
    {
        qint64 received = 0;
        qint64 discarded = 0;
    };
    auto guard = std::make_shared<Guard>();
    const qint64 limit = m_maxRequestBytes;
    connect(socket, &QTcpSocket::bytesWritten, socket, [guard] { guard->received = 0; });
    connect(socket, &QTcpSocket::readyRead, socket, [socket, guard, limit] {
        guard->received += socket->bytesAvailable();
        if (guard->received <= limit)
            return;
        // QHttpServer reads inside a transaction, which keeps every byte of
        // the request buffered until it is whole: take the socket from it,
        // drop the transaction and answer here.
        QObject::disconnect(socket, &QTcpSocket::readyRead, nullptr, nullptr);
        if (socket->isTransactionStarted())
            socket->commitTransaction();
        discard(socket);
        const QByteArray body = QByteArrayLiteral(R"({"error":"request too large: more than )") +
                                QByteArray::number(limit) + QByteArrayLiteral(R"( bytes"})");
        socket->write(QByteArrayLiteral("HTTP/1.1 413 Payload Too Large\r\n"
                                        "Content-Type: application/json\r\n"
                                        "Connection: close\r\nContent-Length: ") +
                      QByteArray::number(body.size()) + "\r\n\r\n" + body);
        // Clients read the answer once they have sent their body: let them,
        // keeping none of it, up to a bound.
        QObject::connect(socket, &QTcpSocket::readyRead, socket, [socket, guard] {
            guard->discarded += discard(socket);
            if (guard->discarded > kMaxDiscardedBytes)
                socket->abort();
        });
    });
    addPendingConnection(socket);
}

} // namespace evalx
