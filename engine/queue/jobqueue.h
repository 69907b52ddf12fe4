#pragma once

#include "batchjudge.h"

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QVariantHash>
#include <optional>

namespace evalx {

enum class JobState { Queued, Running, Done };

// A job as a queue keeps it: what was asked, and once done, what came out.
struct JobRecord
{
    QByteArray token;
    JobState state = JobState::Queued;
    BatchRequest request;
    BatchResult result;
    QDateTime createdAt;
    QDateTime finishedAt;
    QVariantHash labels; // what the submitter wants back with it (an API's own ids)
    int priority = 0;    // higher runs sooner
};

struct SubmitOptions
{
    QVariantHash labels;
    int priority = 0; // higher runs sooner; equal priorities in order of arrival
};

// Counters since start, for /metrics.
struct JobStats
{
    QHash<QString, quint64> finishedByVerdict; // "AC" -> n
    // End-to-end seconds (submitted to finished), cumulative buckets as
    // Prometheus counts them: bucketCounts[i] jobs took <= bucketBounds()[i].
    QList<quint64> bucketCounts;
    quint64 count = 0;
    double sumSeconds = 0;
    quint64 refused = 0; // submissions turned away by a full queue

    static const QList<double> &bucketBounds();
    void recordFinished(Verdict verdict, double seconds);
};

// Which queue, and whether it can answer now (for /health).
struct QueueStatus
{
    QString kind = QStringLiteral("local"); // "local" or "redis"
    bool reachable = true;
    QString state = QStringLiteral("ok"); // redis: "connected" or "reconnecting"
    QString location;                     // redis: the URL without its password
    QString error;                        // why it is not reachable
    bool resultCache = false;             // redis: identical jobs are answered from earlier results
    quint64 cacheHits = 0;                // jobs answered from it
    quint64 cacheMisses = 0;              // and jobs that had to be judged
};

// Where API front ends put jobs and find them again. Two implementations:
// LocalJobQueue (in-process, the default) and RedisJobQueue (Redis Streams,
// shared by several processes). Thread-safe: controllers call it from their
// own threads; signals may be emitted from any thread.
class JobQueue : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    ~JobQueue() override = default;

    // The job's token, or nothing (with the reason) when the queue refuses it
    // (full, shutting down, unreachable).
    virtual std::optional<QByteArray> submit(BatchRequest request, QString *error,
                                             const SubmitOptions &options = {}) = 0;
    virtual std::optional<JobRecord> find(const QByteArray &token) const = 0;
    // Blocks until the job is done or timeoutMs passes; the record as it is then.
    virtual std::optional<JobRecord> waitFor(const QByteArray &token, int timeoutMs) const = 0;
    // One page of the jobs, newest first, and how many there are in all.
    virtual QList<JobRecord> page(int offset, int count, int *total) const = 0;
    // Forgets a finished job; false (and why) when it is unknown or not finished.
    virtual bool remove(const QByteArray &token, QString *error) = 0;
    virtual int waiting() const = 0;
    virtual int running() const = 0;
    virtual int workers() const = 0;  // jobs this process judges at once (0: API only)
    virtual int capacity() const = 0; // jobs that may wait at most
    virtual JobStats stats() const = 0;
    virtual QueueStatus status() const { return {}; }

    // Stops taking jobs, lets the running ones finish (handing back those that
    // do not within graceMs, where the queue can), and returns when no job of
    // this process is running. Blocking; submit() refuses afterwards.
    virtual void shutdown(int graceMs) = 0;

Q_SIGNALS:
    // From whichever thread saw it happen.
    void testFinished(const QByteArray &token, const evalx::TestOutcome &test);
    void jobFinished(const QByteArray &token);
};

} // namespace evalx

Q_DECLARE_METATYPE(evalx::TestOutcome)
