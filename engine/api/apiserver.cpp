#include "apiserver.h"
#include "healthcontroller.h"
#include "judge0controller.h"
#include "metricscontroller.h"
#include "nativecontroller.h"
#include "pistoncontroller.h"
#include "reportcontroller.h"
#include "requestgate.h"
#include "submissionstreams.h"

#include <QHttpServer>
#include <QHttpServerResponse>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QUrlQuery>
#include <QWebSocket>

Q_LOGGING_CATEGORY(lcApi, "evalx.api")

namespace evalx {

ApiServer::ApiServer(Engine &engine, ApiOptions options, QObject *parent)
    : QObject(parent)
    , m_engine(engine)
    , m_options(std::move(options))
    , m_server(std::make_unique<QHttpServer>())
    , m_gate(std::make_unique<RequestGate>(m_options.gate))
    , m_health(std::make_unique<HealthController>(engine))
    , m_judge0(std::make_unique<Judge0Controller>(engine))
    , m_metrics(std::make_unique<MetricsController>(engine))
    , m_piston(std::make_unique<PistonController>(engine))
    , m_native(std::make_unique<NativeController>(engine))
    , m_reports(std::make_unique<ReportController>(engine))
    , m_streams(std::make_unique<SubmissionStreams>(engine, m_options.gate.authToken))
{
    using Method = QHttpServerRequest::Method;
    // First: the requests the gate refuses never reach a controller.
    m_server->route<GateRule>(m_gate.get(), QStringLiteral("/"),
                              [this] { return m_gate->takeRefusal(); });
    m_server->afterRequest([this](QHttpServerResponse &&response, const QHttpServerRequest &r) {
        return m_gate->decorate(std::move(response), r);
    });
    m_server->route(QStringLiteral("/health"), Method::Get, [this] { return m_health->health(); });
    m_server->route(QStringLiteral("/metrics"), Method::Get,
                    [this] { return m_metrics->metrics(); });
    // Judge0 CE.
    m_server->route(QStringLiteral("/submissions"), Method::Post,
                    [this](const QHttpServerRequest &r) { return m_judge0->create(r); });
    m_server->route(QStringLiteral("/submissions"), Method::Get,
                    [this](const QHttpServerRequest &r) { return m_judge0->index(r); });
    // Before /submissions/<arg>: the first route that matches answers.
    m_server->route(QStringLiteral("/submissions/batch"), Method::Post,
                    [this](const QHttpServerRequest &r) { return m_judge0->createBatch(r); });
    m_server->route(QStringLiteral("/submissions/batch"), Method::Get,
                    [this](const QHttpServerRequest &r) { return m_judge0->showBatch(r); });
    m_server->route(QStringLiteral("/submissions/<arg>"), Method::Get,
                    [this](const QString &token, const QHttpServerRequest &r) {
                        return m_judge0->show(token, r);
                    });
    m_server->route(QStringLiteral("/submissions/<arg>"), Method::Delete,
                    [this](const QString &token, const QHttpServerRequest &r) {
                        return m_judge0->destroy(token, r);
                    });
    m_server->route(QStringLiteral("/languages"), Method::Get,
                    [this] { return m_judge0->languages(); });
    m_server->route(QStringLiteral("/languages/all"), Method::Get,
                    [this] { return m_judge0->allLanguages(); });
    m_server->route(QStringLiteral("/languages/<arg>"), Method::Get,
                    [this](int id) { return m_judge0->language(id); });
    m_server->route(QStringLiteral("/statuses"), Method::Get,
                    [this] { return m_judge0->statuses(); });
    m_server->route(QStringLiteral("/about"), Method::Get, [this] { return m_judge0->about(); });
    m_server->route(QStringLiteral("/version"), Method::Get,
                    [this] { return m_judge0->version(); });
    m_server->route(QStringLiteral("/workers"), Method::Get,
                    [this] { return m_judge0->workers(); });
    m_server->route(QStringLiteral("/config_info"), Method::Get,
                    [this] { return m_judge0->configInfo(); });
    m_server->route(QStringLiteral("/system_info"), Method::Get,
                    [this] { return m_judge0->systemInfo(); });
    m_server->route(QStringLiteral("/statistics"), Method::Get,
                    [this] { return m_judge0->statistics(); });
    // Piston v2.
    m_server->route(QStringLiteral("/api/v2/runtimes"), Method::Get,
                    [this] { return m_piston->runtimes(); });
    m_server->route(QStringLiteral("/api/v2/execute"), Method::Post,
                    [this](const QHttpServerRequest &r) { return m_piston->execute(r); });
    // EvalX-native, /api/v1 (NativeController::kApiVersion).
    m_server->route(QStringLiteral("/api/v1/submissions"), Method::Post,
                    [this](const QHttpServerRequest &r) { return m_native->create(r); });
    m_server->route(QStringLiteral("/api/v1/submissions/<arg>"), Method::Get,
                    [this](const QString &token) { return m_native->show(token); });
    m_server->route(QStringLiteral("/api/v1/languages"), Method::Get,
                    [this] { return m_native->languages(); });
    m_server->route(QStringLiteral("/api/v1/execute"), Method::Post,
                    [this](const QHttpServerRequest &r) { return m_native->execute(r); });
    m_server->route(QStringLiteral("/api/v1/execute-batch"), Method::Post,
                    [this](const QHttpServerRequest &r) { return m_native->executeBatch(r); });
    m_server->route(QStringLiteral("/api/v1/execute-parallel"), Method::Post,
                    [this](const QHttpServerRequest &r) { return m_native->executeParallel(r); });
    m_server->route(QStringLiteral("/api/v1/reports"), Method::Get,
                    [this](const QHttpServerRequest &r) { return m_reports->report(r); });
    m_server->route(QStringLiteral("/api/v1/submissions/<arg>/stream"), Method::Get,
                    [](const QString &, const QHttpServerRequest &r, QHttpServerResponder &&out) {
                        SubmissionStreams::takeUpgrade(r, std::move(out));
                    });
    connect(m_server.get(), &QHttpServer::newWebSocketConnection, this, [this] {
        while (m_server->hasPendingWebSocketConnections())
            m_streams->accept(m_server->nextPendingWebSocketConnection());
    });
}

ApiServer::~ApiServer() = default;

void ApiServer::drain()
{
    m_judge0->drain();
    m_piston->drain();
    m_native->drain();
}

bool ApiServer::listen(QString *error)
{
    // Headers and the JSON around a body at the limit fit in the extra MiB.
    auto *tcp = new BodyLimitedTcpServer(m_options.gate.maxBodyBytes + (1 << 20), m_server.get());
    if (tcp->listen(m_options.address, m_options.port)) {
        m_server->bind(tcp);
        m_port = tcp->serverPort();
    } else {
        delete tcp;
        m_port = 0;
    }
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
