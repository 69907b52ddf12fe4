#pragma once

#include "jobqueue.h"

#include <QHash>
#include <QMutex>
#include <QThreadPool>
#include <QWaitCondition>
#include <atomic>

namespace evalx {

// The in-process queue: jobs wait by priority, then in order of arrival, and
// run on as many workers as configured, each worker judging one batch at a
// time. Finished jobs stay until the bound pushes the oldest out.
class LocalJobQueue final : public JobQueue
{
    Q_OBJECT
public:
    struct Options
    {
        int workers = 0;                              // 0: one per box in the pool
        int capacity = 100;                           // jobs waiting at most; more are refused
        int keepFinished = 10000;                     // finished jobs kept for retrieval
        qint64 keepFinishedBytes = qint64(256) << 20; // and their sources, tests and outputs
    };

    LocalJobQueue(BatchJudge &judge, Options options, QObject *parent = nullptr);
    ~LocalJobQueue() override;

    std::optional<QByteArray> submit(BatchRequest request, QString *error,
                                     const SubmitOptions &options = {}) override;
    std::optional<JobRecord> find(const QByteArray &token) const override;
    std::optional<JobRecord> waitFor(const QByteArray &token, int timeoutMs) const override;
    QList<JobRecord> page(int offset, int count, int *total) const override;
    bool remove(const QByteArray &token, QString *error) override;
    int waiting() const override;
    int running() const override;
    int workers() const override { return m_workers.maxThreadCount(); }
    int capacity() const override { return m_options.capacity; }
    JobStats stats() const override;
    // Jobs not yet started are dropped (nothing outside this process knows
    // them); the running ones are cancelled after graceMs and end as IE.
    void shutdown(int graceMs) override;

private:
    void run(const QByteArray &token);

    BatchJudge &m_judge;
    Options m_options;
    QThreadPool m_workers;
    mutable QMutex m_mutex;
    mutable QWaitCondition m_done;
    QHash<QByteArray, JobRecord> m_jobs;
    QList<QByteArray> m_finishedOrder;
    qint64 m_finishedBytes = 0;
    QList<QByteArray> m_order; // every job kept, oldest first
    JobStats m_stats;
    int m_waiting = 0;
    int m_running = 0;
    bool m_closed = false;
    std::atomic_bool m_cancel = false;
};

} // namespace evalx
