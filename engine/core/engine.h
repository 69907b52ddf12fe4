#pragma once

#include "batchjudge.h"
#include "boxpool.h"
#include "executor.h"
#include "historystore.h"
#include "language.h"
#include "localjobqueue.h"
#include "redisjobqueue.h"

#include <QMutex>
#include <QObject>
#include <QSet>
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
    // The SQLite file every job is kept in (HistoryStore); empty: no history.
    // A file that cannot be opened leaves the engine running without one.
    QString historyPath;
    // Finished jobs older than this many days leave the history, at start and
    // then daily; 0: kept forever.
    int historyDays = 90;
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
    // Every job this process submitted or judged, across restarts; nullptr
    // without one (no historyPath, or the file could not be opened).
    HistoryStore *history() { return m_history.get(); }
    // A job from the queue, else from the history (jobs the queue has
    // forgotten, or that finished before a restart).
    std::optional<JobRecord> findJob(const QByteArray &token) const;
    // Forgets a finished job in the queue and the history; false and *error
    // when neither knows it, or the queue refuses (it is not finished).
    bool removeJob(const QByteArray &token, QString *error);

private:
    void startHistory();
    void pruneHistory();
    // What the history keeps of a job the queue reports.
    void recordAccepted(const JobRecord &job);
    void recordFinished(const QByteArray &token);

    EngineOptions m_options;
    LanguageCatalogue m_allLanguages;
    LanguageCatalogue m_languages;
    BoxPool *m_pool;
    std::unique_ptr<Executor> m_executor;
    std::unique_ptr<BatchJudge> m_batchJudge;
    std::unique_ptr<HistoryStore> m_history;
    std::unique_ptr<JobQueue> m_jobs;
    QMutex m_recordMutex;
    // With Redis: the jobs this process submitted or judged, until they end.
    QSet<QByteArray> m_ownJobs;
    QSet<QByteArray> m_removed; // deleted: not to be recorded again
    bool m_started = false;
};

} // namespace evalx
