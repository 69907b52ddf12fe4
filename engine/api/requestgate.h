#pragma once

#include "apierror.h"

#include <QHash>
#include <QHostAddress>
#include <QHttpServerRequest>
#include <QHttpServerResponse>
#include <QHttpServerRouterRule>
#include <QMutex>
#include <QStringList>
#include <QTcpServer>
#include <optional>

namespace evalx {

struct GateOptions
{
    QString authToken;                      // X-Auth-Token on all but /health; empty: none
    qint64 maxBodyBytes = 16 * 1024 * 1024; // larger bodies answer 413
    double rateLimit = 0;                   // requests per second per client address; 0: none
    QStringList corsOrigins;                // origins browsers may call from ("*": any)
    // Judge0's X-Auth-User, asked on top of the token by the calls Judge0
    // keeps for an administrator (listing and deleting submissions); empty: none.
    QString authUser;
};

// What every request passes before any controller sees it: authentication,
// the body-size limit, per-client rate limiting and CORS preflights. The
// server asks check() through GateRule, its first route, so a refused request
// never reaches a controller and controllers need not repeat these checks.
class RequestGate final
{
public:
    explicit RequestGate(GateOptions options);

    // Whether the request is answered here instead of by its route; the
    // answer is kept for takeRefusal(). Counts the request against its
    // client's rate.
    bool refuses(const QHttpServerRequest &request);
    // CORS headers for an allowed Origin, on every answer.
    QHttpServerResponse decorate(QHttpServerResponse &&response,
                                 const QHttpServerRequest &request) const;

    // Hands the answer check() chose to the gate's route handler (the router
    // calls matches() then the handler, in turn, on the server's thread).
    QHttpServerResponse takeRefusal();

    quint64 refusedRate() const { return m_refusedRate; }
    quint64 refusedSize() const { return m_refusedSize; }
    const GateOptions &options() const { return m_options; }

private:
    std::optional<QHttpServerResponse> check(const QHttpServerRequest &request);
    bool originAllowed(const QByteArray &origin) const;
    bool admit(const QHostAddress &client);

    struct Bucket
    {
        double tokens = 0;
        qint64 lastMs = 0;
    };

    GateOptions m_options;
    QHash<QHostAddress, Bucket> m_buckets;
    std::optional<QHttpServerResponse> m_refusal;
    quint64 m_refusedRate = 0;
    quint64 m_refusedSize = 0;
};

// The router rule that matches exactly the requests the gate refuses, so that
// registered first it answers them and lets every other request through to
// the real routes.
class GateRule final : public QHttpServerRouterRule
{
public:
    GateRule(RequestGate *gate, const QString &pathPattern, RouterHandler handler)
        : QHttpServerRouterRule(pathPattern, std::move(handler))
        , m_gate(gate)
    {}

protected:
    bool matches(const QHttpServerRequest &request, QRegularExpressionMatch *) const override;

private:
    RequestGate *m_gate;
};

// The listening socket, guarding memory: QHttpServer reads a whole request
// before the gate can see it, so a connection that sends more than the body
// limit (and room for headers) before it gets an answer is told 413 and cut
// off here, without the rest being read.
class BodyLimitedTcpServer final : public QTcpServer
{
    Q_OBJECT
public:
    BodyLimitedTcpServer(qint64 maxRequestBytes, QObject *parent = nullptr)
        : QTcpServer(parent)
        , m_maxRequestBytes(maxRequestBytes)
    {}

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    qint64 m_maxRequestBytes;
};

} // namespace evalx
