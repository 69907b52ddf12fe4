#include "apiserver.h"
#include "healthcontroller.h"
#include "judge0controller.h"
#include "metricscontroller.h"
#include "pistoncontroller.h"

#include <QHttpServer>
#include <QHttpServerResponse>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QUrlQuery>
#include <QtConcurrent/QtConcurrentRun>

Q_LOGGING_CATEGORY(lcApi, "evalx.api")

namespace evalx {

ApiServer::ApiServer(Engine &engine, ApiOptions options, QObject *parent)
    : QObject(parent)
    , m_engine(engine)
    , m_options(std::move(options))
    , m_server(std::make_unique<QHttpServer>())
    , m_health(std::make_unique<HealthController>(engine))
    , m_judge0(std::make_unique<Judge0Controller>(engine))
    , m_metrics(std::make_unique<MetricsController>(engine))
    , m_piston(std::make_unique<PistonController>(engine))
{
    using Method = QHttpServerRequest::Method;
    m_server->route(QStringLiteral("/health"), Method::Get,
                    [this](const QHttpServerRequest &) { return m_health->health(); });
    m_server->route(QStringLiteral("/metrics"), Method::Get, [this](const QHttpServerRequest &r) {
        return allowed(r) ? m_metrics->metrics() : denied();
    });
    // Judge0 CE.
    m_server->route(QStringLiteral("/submissions"), Method::Post,
                    [this](const QHttpServerRequest &r) {
                        if (!allowed(r))
                            return QtConcurrent::run(&ApiServer::denied);
                        return m_judge0->create(r);
                    });
    m_server->route(
        QStringLiteral("/submissions"), Method::Get,
        [this](const QHttpServerRequest &r) { return allowed(r) ? m_judge0->index(r) : denied(); });
    // Before /submissions/<arg>: the first route that matches answers.
    m_server->route(QStringLiteral("/submissions/batch"), Method::Post,
                    [this](const QHttpServerRequest &r) {
                        return allowed(r) ? m_judge0->createBatch(r) : denied();
                    });
    m_server->route(QStringLiteral("/submissions/batch"), Method::Get,
                    [this](const QHttpServerRequest &r) {
                        return allowed(r) ? m_judge0->showBatch(r) : denied();
                    });
    m_server->route(QStringLiteral("/submissions/<arg>"), Method::Get,
                    [this](const QString &token, const QHttpServerRequest &r) {
                        return allowed(r) ? m_judge0->show(token, r) : denied();
                    });
    m_server->route(QStringLiteral("/submissions/<arg>"), Method::Delete,
                    [this](const QString &token, const QHttpServerRequest &r) {
                        return allowed(r) ? m_judge0->destroy(token, r) : denied();
                    });
    m_server->route(QStringLiteral("/languages"), Method::Get, [this](const QHttpServerRequest &r) {
        return allowed(r) ? m_judge0->languages() : denied();
    });
    m_server->route(QStringLiteral("/languages/<arg>"), Method::Get,
                    [this](int id, const QHttpServerRequest &r) {
                        return allowed(r) ? m_judge0->language(id) : denied();
                    });
    m_server->route(QStringLiteral("/statuses"), Method::Get, [this](const QHttpServerRequest &r) {
        return allowed(r) ? m_judge0->statuses() : denied();
    });
    m_server->route(QStringLiteral("/about"), Method::Get, [this](const QHttpServerRequest &r) {
        return allowed(r) ? m_judge0->about() : denied();
    });
    m_server->route(QStringLiteral("/version"), Method::Get, [this](const QHttpServerRequest &r) {
        return allowed(r) ? m_judge0->version() : denied();
    });
    m_server->route(QStringLiteral("/workers"), Method::Get, [this](const QHttpServerRequest &r) {
        return allowed(r) ? m_judge0->workers() : denied();
    });
    // Piston v2.
    m_server->route(QStringLiteral("/api/v2/runtimes"), Method::Get,
                    [this](const QHttpServerRequest &r) {
                        return allowed(r) ? m_piston->runtimes() : denied();
                    });
    m_server->route(QStringLiteral("/api/v2/execute"), Method::Post,
                    [this](const QHttpServerRequest &r) {
                        if (!allowed(r))
                            return QtConcurrent::run(&ApiServer::denied);
                        return m_piston->execute(r);
                    });
}

ApiServer::~ApiServer() = default;

// Judge0's X-Auth-Token, as a header or a query parameter, on every resource
// but /health (which load balancers ask without credentials).
bool ApiServer::allowed(const QHttpServerRequest &request) const
{
    if (m_options.authToken.isEmpty())
        return true;
    const QByteArray given =
        request.value(QByteArrayLiteral("X-Auth-Token")).isEmpty()
            ? QUrlQuery(request.url()).queryItemValue(QStringLiteral("X-Auth-Token")).toUtf8()
            : request.value(QByteArrayLiteral("X-Auth-Token"));
    return given == m_options.authToken.toUtf8();
}

QHttpServerResponse ApiServer::denied()
{
    return QHttpServerResponse(
        QJsonObject{{QStringLiteral("error"), QStringLiteral("authentication failed")}},
        QHttpServerResponse::StatusCode::Unauthorized);
}

bool ApiServer::listen(QString *error)
{
    m_port = m_server->listen(m_options.address, m_options.port);
    if (m_port == 0) {
        if (error)
            *error = QStringLiteral("cannot listen on %1:%2 (in use, or not allowed)")
                         .arg(m_options.address.toString())
                         .arg(m_options.port);
        return false;
    }
    qCInfo(lcApi, "listening on %s:%u", qUtf8Printable(m_options.address.toString()), m_port);
    return true;
}

} // namespace evalx
