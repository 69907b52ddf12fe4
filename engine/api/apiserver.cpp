#include "apiserver.h"
#include "healthcontroller.h"

#include <QHttpServer>
#include <QHttpServerResponse>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcApi, "evalx.api")

namespace evalx {

ApiServer::ApiServer(Engine &engine, ApiOptions options, QObject *parent)
    : QObject(parent)
    , m_engine(engine)
    , m_options(std::move(options))
    , m_server(std::make_unique<QHttpServer>())
    , m_health(std::make_unique<HealthController>(engine))
{
    m_server->route(QStringLiteral("/health"), QHttpServerRequest::Method::Get,
                    [this](const QHttpServerRequest &) { return m_health->health(); });
}

ApiServer::~ApiServer() = default;

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
