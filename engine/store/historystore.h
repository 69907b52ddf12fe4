#pragma once

#include "jobqueue.h"

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QMutex>
#include <QString>
#include <QWaitCondition>
#include <memory>
#include <optional>

class QThread;

namespace evalx {

// Which jobs a history query returns; every field set narrows it.
struct HistoryFilter
{
    // One kind of outcome, as precise as an API's statuses need: a verdict
    // (or the state of an unfinished job) and, optionally, the signal and the
    // message of the run that failed (the first failing test's).
    struct Outcome
    {
        std::optional<Verdict> verdict = {};
        std::optional<JobState> state = {};
        QList<int> exitSignals = {}; // the failing run's signal is one of these (empty: any)
        bool otherSignals = false;   // ... is none of these instead
        QString message = {};        // the job's message is exactly this (empty: any)
        bool otherMessage = false;   // ... is not this instead
    };

    QList<Verdict> verdicts; // finished with any of these (empty: any)
    QList<Outcome> outcomes; // matches any of these (empty: any)
    QString language;        // the language id
    QString origin;          // Submission::origin, exactly
    QString text;            // in the token, the origin or the message (case-insensitive)
    QDateTime createdFrom;   // created at or after (invalid: no bound)
    QDateTime createdBefore; // created before (invalid: no bound)
};

// Every job an engine saw, with its result and its tests, in an SQLite file
// (Qt SQL's QSQLITE, WAL mode) that outlives the process. Records go in
// through save(), which only queues them: a thread of the store's own writes
// them in batches, one transaction each, so a thousand results a second cost
// little. Reads wait for the writes queued before them, then run on a
// connection of their own: every method is thread-safe.
class HistoryStore final
{
public:
    // The schema this build writes; older files are migrated when opened.
    static constexpr int kSchemaVersion = 1;

    explicit HistoryStore(QString path);
    ~HistoryStore(); // writes what is queued first
    Q_DISABLE_COPY_MOVE(HistoryStore)

    // Creates or opens the file (and its directory) and migrates its schema.
    // false and *error naming the path when the file is not a database, is
    // written by a newer EvalX or cannot be created or written.
    bool open(QString *error);
    const QString &path() const { return m_path; }

    // Queues the job's record as it is now, replacing an earlier one.
    void save(const JobRecord &job);
    // Returns once every record saved before the call is in the file.
    void waitForWrites();

    std::optional<JobRecord> find(const QByteArray &token) const;
    // One page of the jobs matching filter, newest first, and in *total how
    // many match in all.
    QList<JobRecord> query(const HistoryFilter &filter, int offset, int limit,
                           int *total = nullptr) const;
    int count(const HistoryFilter &filter = {}) const;

    // Forgets the job; false when the history did not hold it.
    bool remove(const QByteArray &token);
    // Forgets jobs that finished before the date, and those created before it
    // that never finished (lost with a process that stopped); how many.
    int prune(const QDateTime &before);
    // Finishes every job still queued or running in the file as an internal
    // error with this message: for an in-process queue, whose waiting jobs
    // did not survive the restart. How many.
    int abandonUnfinished(const QString &message);

    // The last error a write or a read met (empty: none), for logs and tests.
    QString lastError() const;

private:
    class Writer;
    friend class Writer;
    void setError(const QString &error) const;

    QString m_path;
    bool m_open = false;
    QThread *m_thread = nullptr;
    Writer *m_writer = nullptr;

    mutable QMutex m_mutex;
    QWaitCondition m_written; // signalled after each batch
    QList<JobRecord> m_pending;
    QHash<QByteArray, qsizetype> m_pendingIndex; // token -> its record in m_pending
    bool m_flushQueued = false;
    quint64 m_queuedCount = 0;  // records ever queued (a newer state of a queued one replaces it)
    quint64 m_writtenCount = 0; // of them, in the file (or dropped after an error)
    mutable QString m_lastError;
};

} // namespace evalx
