#pragma once

#include "batchjudge.h"

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QMutex>
#include <QObject>
#include <QThreadPool>
#include <QVariantHash>
#include <QWaitCondition>
#include <optional>

namespace evalx {

enum class JobState { Queued, Running, Done };

// A job as the queue keeps it: what was asked, and once done, what came out.
struct JobRecord
{
    QByteArray token;
    JobState state = JobState::Queued;
    BatchRequest request;
    BatchResult result;
    QDateTime createdAt;
    QDateTime finishedAt;
    QVariantHash labels; // what the submitter wants back with it (an API's own ids)
};

// The in-process queue: jobs wait in order of arrival and run on as many
// workers as configured, each worker judging one batch at a time. Finished
// jobs stay until the store's bound pushes the oldest out. Thread-safe.
class JobQueue final : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        int workers = 0;          // 0: one per box in the pool
        int capacity = 100;       // jobs waiting at most; more are refused
        int keepFinished = 10000; // finished jobs kept for retrieval
    };

    JobQueue(BatchJudge &judge, Options options, QObject *parent = nullptr);
    ~JobQueue() override;

    // The job's token, or nothing (with the reason) when the queue is full.
    std::optional<QByteArray> submit(BatchRequest request, QString *error,
                                     const QVariantHash &labels = {});
    std::optional<JobRecord> find(const QByteArray &token) const;
    // Blocks until the job is done or timeoutMs passes; the record as it is then.
    std::optional<JobRecord> waitFor(const QByteArray &token, int timeoutMs) const;
    // One page of the jobs, newest first, and how many there are in all.
    QList<JobRecord> page(int offset, int count, int *total) const;
    // Forgets a finished job; false (and why) when it is unknown or not finished.
    bool remove(const QByteArray &token, QString *error);
    int waiting() const;
    int running() const;
    int workers() const { return m_workers.maxThreadCount(); }

    // Counters since start, for /metrics.
    struct Stats
    {
        QHash<QString, quint64> finishedByVerdict; // "AC" -> n
        // End-to-end seconds (submitted to finished), cumulative buckets as
        // Prometheus counts them: bucketCounts[i] jobs took <= bucketBounds()[i].
        QList<quint64> bucketCounts;
        quint64 count = 0;
        double sumSeconds = 0;
        quint64 refused = 0; // submissions turned away by a full queue
    };
    static const QList<double> &bucketBounds();
    Stats stats() const;
    int capacity() const { return m_options.capacity; }

Q_SIGNALS:
    void jobFinished(const QByteArray &token);

private:
    void run(const QByteArray &token);

    BatchJudge &m_judge;
    Options m_options;
    QThreadPool m_workers;
    mutable QMutex m_mutex;
    mutable QWaitCondition m_done;
    QHash<QByteArray, JobRecord> m_jobs;
    QList<QByteArray> m_finishedOrder;
    QList<QByteArray> m_order; // every job kept, oldest first
    Stats m_stats;
    int m_waiting = 0;
    int m_running = 0;
};

} // namespace evalx
