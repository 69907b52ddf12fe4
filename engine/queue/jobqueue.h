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
    // Once done, the batch's result. While running, result.tests holds the
    // tests finished so far (in the order they finished, each stored before
    // testFinished is emitted for it), so that a reader of the record and a
    // listener to the signal never miss a test between them.
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

// Cumulative buckets as Prometheus counts them: counts[i] observations were
// <= bounds[i].
struct Histogram
{
    explicit Histogram(QList<double> upperBounds)
        : bounds(std::move(upperBounds))
        , counts(bounds.size())
    {}
    void observe(double value);

    QList<double> bounds;
    QList<quint64> counts;
    quint64 count = 0;
    double sum = 0;
};

// Counters since start, for /metrics.
struct JobStats
{
    QHash<QString, quint64> finishedByVerdict; // "AC" -> n
    QHash<QString, quint64> runsByVerdict;     // one per test run
    Histogram jobSeconds{{0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60}}; // end to end
    Histogram runSeconds{{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5,
                          10}}; // each test's wall time in its box
    quint64 refused = 0;        // submissions turned away by a full queue

    // A finished job: its verdict, its tests, and seconds from submission to result.
    void recordFinished(const BatchResult &result, double seconds);
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
    // A job's labels alone (empty for an unknown job): what a front end asks
    // of every job that finishes, cheaper than find() where records travel.
    virtual QVariantHash labels(const QByteArray &token) const
    {
        const std::optional<JobRecord> job = find(token);
        return job ? job->labels : QVariantHash();
    }
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
    // Whether calls wait on another process (Redis): the server's thread then
    // makes them from a thread of its own.
    virtual bool callsWaitOnNetwork() const { return false; }

    // Stops taking jobs, lets the running ones finish (handing back those that
    // do not within graceMs, where the queue can), and returns when no job of
    // this process is running. Blocking; submit() refuses afterwards.
    virtual void shutdown(int graceMs) = 0;

Q_SIGNALS:
    // From whichever thread saw it happen, after the record shows it
    // (testFinished: the test is in result.tests; jobFinished: state is Done).
    // jobSubmitted and jobStarted are this process's own: a job submitted or
    // judged by another process on the same Redis is seen when it finishes.
    void jobSubmitted(const QByteArray &token);
    // Just before jobSubmitted, on the submitting thread: the record as it was
    // accepted, for whoever keeps a copy (the history) without reading it back
    // (from Redis, a round trip in the submission's way). Connect directly.
    void jobAccepted(const evalx::JobRecord &job);
    void jobStarted(const QByteArray &token);
    void testFinished(const QByteArray &token, const evalx::TestOutcome &test);
    void jobFinished(const QByteArray &token);
};

} // namespace evalx

Q_DECLARE_METATYPE(evalx::TestOutcome)
