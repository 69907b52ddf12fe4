#include "engine.h"
#include "redisartifactstore.h"

#include <QLoggingCategory>
#include <QTimer>

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

// The queue's workers use the pool and report to the history: they go first.
Engine::~Engine()
{
    m_jobs.reset();
    m_history.reset();
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
    if (m_started)
        startHistory();
    return m_started;
}

void Engine::startHistory()
{
    if (m_options.historyPath.isEmpty())
        return;
    auto history = std::make_unique<HistoryStore>(m_options.historyPath);
    QString error;
    if (!history->open(&error)) {
        qCWarning(lcEngine, "%s; running without a history", qUtf8Printable(error));
        return;
    }
    m_history = std::move(history);
    if (m_options.historyDays > 0) {
        pruneHistory();
        auto *daily = new QTimer(this);
        connect(daily, &QTimer::timeout, this, &Engine::pruneHistory);
        daily->start(std::chrono::hours(24));
    }
    const bool redis = !m_options.redis.url.isEmpty();
    // The in-process queue's waiting jobs went with the process that held them.
    if (!redis) {
        if (const int lost = m_history->abandonUnfinished(
                QStringLiteral("the server stopped before judging it")))
            qCWarning(lcEngine, "history: %d jobs left unfinished by the last run", lost);
    }
    // Each signal comes on the thread that saw the event; recording only
    // queues the record for the history's own thread.
    connect(m_jobs.get(), &JobQueue::jobAccepted, this, &Engine::recordAccepted,
            Qt::DirectConnection);
    connect(m_jobs.get(), &JobQueue::jobFinished, this, &Engine::recordFinished,
            Qt::DirectConnection);
    if (redis) {
        connect(
            m_jobs.get(), &JobQueue::jobStarted, this,
            [this](const QByteArray &token) {
                QMutexLocker lock(&m_recordMutex);
                m_ownJobs.insert(token);
            },
            Qt::DirectConnection);
    }
}

void Engine::pruneHistory()
{
    m_history->prune(QDateTime::currentDateTimeUtc().addDays(-m_options.historyDays));
}

// The record comes with the signal: the history keeps it as it was accepted.
void Engine::recordAccepted(const JobRecord &job)
{
    // Held until the record is queued, so that removeJob() comes wholly
    // before or after.
    QMutexLocker lock(&m_recordMutex);
    if (m_removed.contains(job.token))
        return;
    if (!m_options.redis.url.isEmpty())
        m_ownJobs.insert(job.token);
    m_history->save(job);
}

void Engine::recordFinished(const QByteArray &token)
{
    QMutexLocker lock(&m_recordMutex);
    if (m_removed.contains(token))
        return;
    // With Redis every process hears of every job that ends: each keeps the
    // ones it took or judged.
    if (!m_options.redis.url.isEmpty() && !m_ownJobs.remove(token))
        return;
    if (std::optional<JobRecord> job = m_jobs->find(token))
        m_history->save(*job);
}

std::optional<JobRecord> Engine::findJob(const QByteArray &token) const
{
    if (m_jobs) {
        if (std::optional<JobRecord> job = m_jobs->find(token))
            return job;
    }
    return m_history ? m_history->find(token) : std::nullopt;
}

bool Engine::removeJob(const QByteArray &token, QString *error)
{
    const bool queued = m_jobs && m_jobs->find(token).has_value();
    if (queued && !m_jobs->remove(token, error))
        return false;
    bool kept = false;
    if (m_history) {
        // A job deleted as it ends is not brought back when its end is recorded.
        QMutexLocker lock(&m_recordMutex);
        if (m_removed.size() >= 10000)
            m_removed.clear();
        m_removed.insert(token);
        kept = m_history->remove(token);
    }
    if (!queued && !kept) {
        *error = QStringLiteral("submission %1 not found").arg(QString::fromLatin1(token));
        return false;
    }
    return true;
}

} // namespace evalx
