#pragma once

#include "jobqueue.h"
#include "redisclient.h"

#include <QMutex>
#include <QThread>
#include <QThreadPool>
#include <QWaitCondition>
#include <atomic>
#include <memory>

namespace evalx {

// The shared queue: jobs on Redis Streams with one consumer group, any number
// of processes on any number of hosts submitting, judging and answering.
//
// Keys (all under "evalx:"):
//   jobs:{lang}:{priority}  a stream per language and priority; entries hold a token;
//                           consumer group "evalx", one consumer per process (host:pid)
//   streams                 zset of those streams, scored by priority
//   job:{token}             hash: state queued/running/done, request and result (JSON,
//                           jobcodec), labels, times, worker, deliveries; expires
//                           resultTtl after it is done
//   recent                  zset of tokens by creation time, for page()
//   serving:{lang}          zset of consumers serving a language, scored by when their
//                           heartbeat lapses; worker:{consumer} the same as one key with a TTL
//   dead                    the dead-letter stream
//   cache:{sha256}          with a result cache: a result by what was asked;
//                           cache:hits and cache:misses count
//   artifact:{key}          compiled artifacts, shared by RedisArtifactStore (not the queue)
//   channels {db}:done, {db}:test, {db}:wake: completions, per-test results, new jobs
//
// Every change of state is one Lua script, so a job is stored, acknowledged and
// published at once, and completes once even when two workers ran it.
//
// Threads. The asynchronous parts (the subscription, the workers' reads, claims'
// keep-alive and the heartbeat) run on a thread of the queue's own, with two
// hiredis async contexts driven by its event loop through hiredis' Qt adapter;
// nothing needs the application's event loop, so shutdown() can run anywhere.
// The blocking calls of the interface (submit, find, waitFor, page, ...) and
// the workers' result stores come from controller and pool threads: they share
// one synchronous context guarded by a mutex (each call is one short command
// or script, so the lock is held briefly), which reconnects on its next use
// after an error.
//
// Claims are kept alive, not outwaited: every reclaimIdle/3 a worker re-claims
// (XCLAIM JUSTID) the entries it is running, so only the claims of a dead or
// stuck process grow idle, and any worker's next read takes them over
// (XAUTOCLAIM). An entry delivered more than maxDeliveries times goes to the
// dead-letter stream and its job ends as IE.
class RedisJobQueue final : public JobQueue
{
    Q_OBJECT
public:
    struct Options
    {
        QString url;           // redis://...
        int workers = 0;       // jobs this process judges at once; 0: API only
        int capacity = 100;    // jobs waiting at most, over all processes
        QStringList languages; // what this process's workers judge
        int resultTtlSeconds = 86400;
        int reclaimIdleMs = 30000; // a claim idle this long is taken over
        int maxDeliveries = 3;
        int pollMs = 1000;      // reads without a wake-up, reclaims included
        int heartbeatMs = 1000; // a worker that misses 5 is taken as gone
        QString consumer;       // empty: host:pid
        // Seconds a result is kept for an identical job (same language, sources,
        // tests, limits, checker) to be answered without judging; 0: off.
        int resultCacheTtlSeconds = 0;
    };

    // judge may be null when options.workers is 0.
    RedisJobQueue(BatchJudge *judge, Options options, QObject *parent = nullptr);
    ~RedisJobQueue() override;

    // Connects (a clear error when Redis cannot be reached or the URL is
    // wrong) and starts the queue's thread. Call once, before anything else.
    bool start(QString *error);

    std::optional<QByteArray> submit(BatchRequest request, QString *error,
                                     const SubmitOptions &options = {}) override;
    std::optional<JobRecord> find(const QByteArray &token) const override;
    QVariantHash labels(const QByteArray &token) const override;
    std::optional<JobRecord> waitFor(const QByteArray &token, int timeoutMs) const override;
    QList<JobRecord> page(int offset, int count, int *total) const override;
    bool remove(const QByteArray &token, QString *error) override;
    int waiting() const override; // over all processes
    int running() const override; // in this process
    int workers() const override { return m_options.workers; }
    int capacity() const override { return m_options.capacity; }
    JobStats stats() const override; // of this process
    QueueStatus status() const override;
    bool callsWaitOnNetwork() const override { return true; }
    // Stops reading, lets running jobs finish for graceMs, then cancels the rest
    // and hands them back (unacknowledged, idle at once) for another worker.
    void shutdown(int graceMs) override;

    const QString &consumerName() const { return m_options.consumer; }
    static QByteArray streamKey(const QString &language, int priority);
    static QByteArray deadLetterKey();
    // The result cache's key: what the job asks, wherever it came from.
    static QByteArray cacheKey(BatchRequest request);

protected:
    // The first listener to testFinished (a stream, the console) subscribes
    // this process to every job's per-test messages; until then it is not
    // woken for them.
    void connectNotify(const QMetaMethod &signal) override;

private:
    class Io;
    struct Claimed
    {
        QByteArray stream;
        QByteArray id;
        QByteArray token;
        QByteArray request;
        qint64 createdMs = 0;
    };

    // On the queue's thread.
    void startClaimed(const QList<Claimed> &jobs);
    // On a worker thread.
    void run(const Claimed &job);
    std::optional<JobRecord> lookup(const QByteArray &token, bool *unreachable) const;
    void publishTest(const QByteArray &token, const TestOutcome &test);
    // Leaves the entry unacknowledged but idle at once, for another worker.
    void handBack(const Claimed &job);
    QByteArray channel(const char *name) const;
    // A completion as published: the token, then a line with the job's
    // labels, kept for labels() (every front end asks for them as the job ends).
    QByteArray noteDone(const QByteArray &payload); // also wakes waitFor(); the token

    BatchJudge *m_judge;
    Options m_options;
    RedisUrl m_url;
    std::unique_ptr<RedisClient> m_sync;
    QThread m_thread;
    Io *m_io = nullptr; // lives on m_thread
    QThreadPool m_workers;

    mutable QMutex m_mutex;
    mutable QWaitCondition m_doneChanged;
    quint64 m_doneSeq = 0;
    QHash<QByteArray, QVariantHash> m_doneLabels; // of the last kDoneLabelsKept completions
    QList<QByteArray> m_doneOrder;
    QList<Claimed> m_running;
    JobStats m_stats;
    std::atomic_int m_active = 0;
    std::atomic_bool m_closed = false;
    std::atomic_bool m_handBack = false;
    std::atomic_bool m_cancel = false;
    std::atomic_bool m_asyncUp = false;
    std::atomic_bool m_testsWanted = false; // someone listens to testFinished
    std::atomic_bool m_shutDown = false;

    friend class Io;
};

} // namespace evalx
