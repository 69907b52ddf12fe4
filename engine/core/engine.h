#pragma once

#include "batchjudge.h"
#include "boxpool.h"
#include "executor.h"
#include "language.h"
#include "localjobqueue.h"
#include "redisjobqueue.h"

#include <QObject>
#include <memory>

namespace evalx {

struct EngineOptions
{
    SandboxOptions sandbox;
    // Probe every language's toolchain for its version at start-up (a second
    // or two; the one-shot verbs skip it).
    bool detectLanguages = true;
    LocalJobQueue::Options queue;
    // When redis.url is set, jobs go through Redis (RedisJobQueue) instead of
    // the in-process queue; capacity comes from queue.capacity, the workers
    // from the pool, and the languages served default to every one available.
    RedisJobQueue::Options redis;
    // With Redis: compiled artifacts (and compile errors) are shared there for
    // this many seconds, so that a source is compiled once for all workers (0:
    // not shared); larger ones than artifactMaxBytes are not.
    int artifactTtlSeconds = 86400;
    qint64 artifactMaxBytes = 64 * 1024 * 1024;
    // Languages this engine does not offer: not listed, not judged, by every
    // front end (the console's settings turn them off).
    QStringList disabledLanguages;
    // No box pool at all: this process only takes and answers jobs that other
    // processes judge (Redis only).
    bool apiOnly = false;
};

// The one object every front end drives: the console, the REST API, the
// command line and the tests. It owns the box pool and the language catalogue.
class Engine final : public QObject
{
    Q_OBJECT
public:
    explicit Engine(EngineOptions options, QObject *parent = nullptr);
    ~Engine() override;

    bool start(QString *error);
    bool isStarted() const { return m_started; }

    BoxPool &pool() { return *m_pool; }
    const BoxPool &pool() const { return *m_pool; }
    const LanguageCatalogue &languages() const { return m_languages; }
    // Every language, the disabled ones too (for settings), detected with the rest.
    const LanguageCatalogue &allLanguages() const { return m_allLanguages; }
    const EngineOptions &options() const { return m_options; }
    Executor &executor() { return *m_executor; }
    BatchJudge &batchJudge() { return *m_batchJudge; }
    // The queue API clients submit to; there once start() has succeeded.
    JobQueue *jobs() { return m_jobs.get(); }

private:
    EngineOptions m_options;
    LanguageCatalogue m_allLanguages;
    LanguageCatalogue m_languages;
    BoxPool *m_pool;
    std::unique_ptr<Executor> m_executor;
    std::unique_ptr<BatchJudge> m_batchJudge;
    std::unique_ptr<JobQueue> m_jobs;
    bool m_started = false;
};

} // namespace evalx
