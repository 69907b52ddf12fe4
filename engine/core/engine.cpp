#include "engine.h"
#include "redisartifactstore.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcEngine, "evalx.engine")

namespace evalx {

Engine::Engine(EngineOptions options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_allLanguages(LanguageCatalogue::builtIn())
    , m_languages(m_allLanguages.without(m_options.disabledLanguages))
    , m_pool(new BoxPool(m_options.sandbox, this))
    , m_executor(std::make_unique<Executor>(*m_pool))
    , m_batchJudge(std::make_unique<BatchJudge>(*m_executor, m_languages))
{}

// The queue's workers use the pool: they go first.
Engine::~Engine()
{
    m_jobs.reset();
}

bool Engine::start(QString *error)
{
    if (m_options.apiOnly && m_options.redis.url.isEmpty()) {
        *error = QStringLiteral("a process without workers needs a Redis queue");
        return false;
    }
    m_started = m_options.apiOnly || m_pool->start(error);
    if (m_started && m_options.detectLanguages) {
        m_allLanguages.detect();
        m_languages = m_allLanguages.without(m_options.disabledLanguages);
        QStringList ready, missing;
        for (const Language &l : m_languages.languages()) {
            const LanguageStatus s = m_languages.status(l.id);
            if (s.available)
                ready << QStringLiteral("%1 %2").arg(l.id, s.version);
            else
                missing
                    << QStringLiteral("%1 (no %2: install %3)").arg(l.id, s.missingTool, l.package);
        }
        qCInfo(lcEngine, "languages: %s", qUtf8Printable(ready.join(QStringLiteral(", "))));
        if (!missing.isEmpty())
            qCWarning(lcEngine, "unavailable languages: %s",
                      qUtf8Printable(missing.join(QStringLiteral(", "))));
    }
    if (m_started && !m_options.redis.url.isEmpty()) {
        RedisJobQueue::Options redis = m_options.redis;
        redis.capacity = m_options.queue.capacity;
        redis.workers = m_options.apiOnly             ? 0
                        : m_options.queue.workers > 0 ? m_options.queue.workers
                                                      : m_pool->size();
        if (redis.languages.isEmpty()) {
            for (const Language &l : m_languages.languages()) {
                if (!m_languages.isDetected() || m_languages.status(l.id).available)
                    redis.languages << l.id;
            }
        }
        auto queue = std::make_unique<RedisJobQueue>(
            m_options.apiOnly ? nullptr : m_batchJudge.get(), redis);
        if (!queue->start(error)) {
            m_started = false;
            return false;
        }
        m_jobs = std::move(queue);
        if (!m_options.apiOnly && m_options.artifactTtlSeconds > 0) {
            QString unused;
            RedisArtifactStore::Options store;
            store.url = *RedisUrl::parse(redis.url, &unused); // the queue has read it
            store.ttlSeconds = m_options.artifactTtlSeconds;
            store.maxBytes = m_options.artifactMaxBytes;
            m_executor->cache().setStore(std::make_shared<RedisArtifactStore>(store));
        }
    } else if (m_started) {
        LocalJobQueue::Options queue = m_options.queue;
        if (queue.workers <= 0)
            queue.workers = m_pool->size();
        m_jobs = std::make_unique<LocalJobQueue>(*m_batchJudge, queue);
    }
    return m_started;
}

} // namespace evalx
