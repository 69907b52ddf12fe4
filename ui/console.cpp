#include "console.h"
#include "apiserver.h"
#include "consolesource.h"
#include "engine.h"
#include "remotesource.h"

#include <QUrl>

namespace evalx::ui {

Console::Console(ConsoleSettings settings, QObject *parent)
    : QObject(parent)
    , m_settings(std::move(settings))
{}

Console::~Console()
{
    stop();
}

bool Console::start(QString *error)
{
    stop();
    m_problem.clear();
    if (!m_settings.remoteUrl.isEmpty()) {
        // Watching another judge: no engine here, and no API of the window's own.
        const QUrl url(m_settings.remoteUrl, QUrl::StrictMode);
        if (!url.isValid() || (url.scheme() != QLatin1String("http") &&
                               url.scheme() != QLatin1String("https"))) {
            m_problem = tr("The server to watch must be an http:// or https:// URL, not '%1'")
                            .arg(m_settings.remoteUrl);
        } else {
            m_source = std::make_unique<RemoteSource>(url, m_settings.remoteToken);
        }
        if (!m_source) // still a source, so the window can say what is wrong
            m_source = std::make_unique<LocalSource>(nullptr);
        Q_EMIT sourceChanged();
        if (!m_problem.isEmpty() && error)
            *error = m_problem;
        return m_problem.isEmpty();
    }
    QStringList problems;
    m_engine = std::make_unique<Engine>(m_settings.engineOptions());
    QString why;
    if (!m_engine->start(&why))
        problems << tr("The sandbox could not start: %1").arg(why);
    auto local = std::make_unique<LocalSource>(m_engine.get());
    if (m_settings.apiEnabled && m_engine->isStarted()) {
        m_api = std::make_unique<ApiServer>(*m_engine, m_settings.apiOptions());
        if (m_api->listen(&why)) {
            local->setApiAddress(apiAddress());
        } else {
            problems << tr("The API could not listen on %1:%2: %3")
                            .arg(m_settings.apiAddress)
                            .arg(m_settings.apiPort)
                            .arg(why);
            m_api.reset();
        }
    }
    m_source = std::move(local);
    m_problem = problems.join(QLatin1Char('\n'));
    Q_EMIT sourceChanged();
    if (!m_problem.isEmpty() && error)
        *error = m_problem;
    return m_problem.isEmpty();
}

bool Console::apply(const ConsoleSettings &settings, QString *error)
{
    const bool restart = m_settings.needsRestart(settings);
    m_settings = settings;
    return restart ? start(error) : true;
}

QString Console::apiAddress() const
{
    if (!m_api)
        return {};
    return QStringLiteral("http://%1:%2").arg(m_settings.apiAddress).arg(m_api->port());
}

void Console::stop()
{
    // The pages hold the source: they are told before it goes.
    if (m_source)
        Q_EMIT sourceAboutToChange();
    m_source.reset();
    if (m_engine && m_engine->jobs())
        m_engine->jobs()->shutdown(5000);
    m_api.reset();
    m_engine.reset();
}

} // namespace evalx::ui
