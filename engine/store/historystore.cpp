#include "historystore.h"
#include "jobcodec.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>

#include <sys/resource.h>
#include <unistd.h>

#include <atomic>
#include <cmath>
#include <limits>

Q_LOGGING_CATEGORY(lcStore, "evalx.store")

namespace evalx {

namespace {

// Each step takes the schema from its index to the next version.
const QList<QStringList> &migrations()
{
    static const QList<QStringList> steps = {
        {
            QStringLiteral("CREATE TABLE submissions ("
                           " token TEXT PRIMARY KEY NOT NULL,"
                           " created_at INTEGER NOT NULL," // ms since the epoch, UTC
                           " finished_at INTEGER,"
                           " state TEXT NOT NULL," // queued, running, done
                           " language TEXT NOT NULL,"
                           " origin TEXT NOT NULL,"
                           " labels TEXT NOT NULL," // JSON object
                           " priority INTEGER NOT NULL,"
                           " verdict TEXT," // AC, WA, ... once done
                           " tests_passed INTEGER NOT NULL,"
                           " tests_total INTEGER NOT NULL,"
                           " max_cpu_ms INTEGER NOT NULL,"
                           " max_memory_kib INTEGER NOT NULL,"
                           " exit_signal INTEGER NOT NULL," // the failing run's (0: none)
                           " message TEXT NOT NULL,"
                           " compile_output TEXT NOT NULL,"
                           " request BLOB NOT NULL," // jobcodec JSON
                           " result BLOB NOT NULL)"),
            QStringLiteral("CREATE TABLE tests ("
                           " token TEXT NOT NULL,"
                           " seq INTEGER NOT NULL," // position in the result
                           " test_index INTEGER NOT NULL,"
                           " name TEXT NOT NULL,"
                           " verdict TEXT NOT NULL,"
                           " cpu_ms INTEGER NOT NULL,"
                           " wall_ms INTEGER NOT NULL,"
                           " memory_kib INTEGER NOT NULL,"
                           " exit_code INTEGER NOT NULL,"
                           " signal INTEGER NOT NULL,"
                           " message TEXT NOT NULL,"
                           " PRIMARY KEY (token, seq))"),
            QStringLiteral("CREATE INDEX submissions_created ON submissions(created_at)"),
            QStringLiteral("CREATE INDEX submissions_finished ON submissions(finished_at)"),
            QStringLiteral("CREATE INDEX submissions_verdict ON submissions(verdict, created_at)"),
            QStringLiteral(
                "CREATE INDEX submissions_language ON submissions(language, created_at)"),
            QStringLiteral("CREATE INDEX submissions_origin ON submissions(origin, created_at)"),
            QStringLiteral("CREATE INDEX tests_verdict ON tests(verdict)"),
        },
    };
    return steps;
}

const char *stateName(JobState s)
{
    switch (s) {
    case JobState::Queued:
        return "queued";
    case JobState::Running:
        return "running";
    case JobState::Done:
        break;
    }
    return "done";
}

std::optional<JobState> stateFromName(const QString &name)
{
    for (JobState s : {JobState::Queued, JobState::Running, JobState::Done}) {
        if (name == QLatin1String(stateName(s)))
            return s;
    }
    return std::nullopt;
}

QVariant msOrNull(const QDateTime &t)
{
    return t.isValid() ? QVariant(t.toMSecsSinceEpoch()) : QVariant(QMetaType(QMetaType::LongLong));
}

qint64 ms(double seconds)
{
    return qint64(std::llround(seconds * 1000));
}

// The first failing test: the one that decided the verdict.
const TestOutcome *failingTest(const BatchResult &result)
{
    for (const TestOutcome &t : result.tests) {
        if (isFailure(t.verdict))
            return &t;
    }
    return nullptr;
}

// Why a job failed, in a line: the batch's message, else the failing test's.
QString messageOf(const JobRecord &job)
{
    if (job.state != JobState::Done || !job.result.message.isEmpty())
        return job.result.message;
    const TestOutcome *t = failingTest(job.result);
    if (!t)
        return {};
    return t->check.message.isEmpty() ? t->run.message : t->check.message;
}

// SQLite takes a null QString for NULL: text columns get "" instead.
QString text(const QString &s)
{
    return s.isNull() ? QStringLiteral("") : s;
}

QString likePattern(const QString &text)
{
    QString escaped = text;
    escaped.replace(QLatin1Char('\\'), QLatin1String("\\\\"))
        .replace(QLatin1Char('%'), QLatin1String("\\%"))
        .replace(QLatin1Char('_'), QLatin1String("\\_"));
    return QLatin1Char('%') + escaped + QLatin1Char('%');
}

// One connection, opened and closed on the calling thread: QSqlDatabase
// connections may not cross threads.
class Connection final
{
public:
    explicit Connection(const QString &path)
        : m_name(QStringLiteral("evalx-history-%1").arg(s_next.fetch_add(1)))
    {
        m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
        m_db.setDatabaseName(path);
        m_db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=10000"));
        if (!m_db.open())
            m_error = m_db.lastError().text();
    }
    ~Connection()
    {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_name);
    }
    Q_DISABLE_COPY_MOVE(Connection)

    bool isOpen() const { return m_error.isEmpty(); }
    const QString &error() const { return m_error; }
    QSqlDatabase &db() { return m_db; }

    // Runs one statement; false and *error when it fails.
    bool exec(const QString &sql, QString *error, const QVariantList &values = {})
    {
        QSqlQuery q(m_db);
        if (!q.prepare(sql)) {
            *error = q.lastError().text();
            return false;
        }
        for (const QVariant &v : values)
            q.addBindValue(v);
        if (!q.exec()) {
            *error = q.lastError().text();
            return false;
        }
        return true;
    }

private:
    static inline std::atomic<quint64> s_next{0};
    QString m_name;
    QSqlDatabase m_db;
    QString m_error;
};

// A WHERE clause and the values bound to its placeholders, in order.
struct Where
{
    QString sql;
    QVariantList values;
};

Where whereOf(const HistoryFilter &f)
{
    QStringList terms;
    QVariantList values;
    if (!f.verdicts.isEmpty()) {
        QStringList marks;
        for (Verdict v : f.verdicts) {
            marks << QStringLiteral("?");
            values << verdictName(v);
        }
        terms << QStringLiteral("state = 'done' AND verdict IN (%1)").arg(marks.join(u','));
    }
    if (!f.outcomes.isEmpty()) {
        QStringList any;
        for (const HistoryFilter::Outcome &o : f.outcomes) {
            QStringList all;
            if (o.state) {
                all << QStringLiteral("state = ?");
                values << QLatin1String(stateName(*o.state));
            }
            if (o.verdict) {
                all << QStringLiteral("state = 'done' AND verdict = ?");
                values << verdictName(*o.verdict);
            }
            if (!o.exitSignals.isEmpty()) {
                QStringList marks;
                for (int s : o.exitSignals) {
                    marks << QStringLiteral("?");
                    values << s;
                }
                all << QStringLiteral("exit_signal %1 (%2)")
                           .arg(o.otherSignals ? QStringLiteral("NOT IN") : QStringLiteral("IN"),
                                marks.join(u','));
            }
            if (!o.message.isEmpty()) {
                all << (o.otherMessage ? QStringLiteral("message != ?")
                                       : QStringLiteral("message = ?"));
                values << o.message;
            }
            any << (all.isEmpty() ? QStringLiteral("1") : all.join(QStringLiteral(" AND ")));
        }
        terms << QStringLiteral("((%1))").arg(any.join(QStringLiteral(") OR (")));
    }
    if (!f.language.isEmpty()) {
        terms << QStringLiteral("language = ?");
        values << f.language;
    }
    if (!f.origin.isEmpty()) {
        terms << QStringLiteral("origin = ?");
        values << f.origin;
    }
    if (!f.text.isEmpty()) {
        terms << QStringLiteral("(token LIKE ? ESCAPE '\\' OR origin LIKE ? ESCAPE '\\' OR "
                                "message LIKE ? ESCAPE '\\')");
        const QString pattern = likePattern(f.text);
        values << pattern << pattern << pattern;
    }
    if (f.createdFrom.isValid()) {
        terms << QStringLiteral("created_at >= ?");
        values << f.createdFrom.toMSecsSinceEpoch();
    }
    if (f.createdBefore.isValid()) {
        terms << QStringLiteral("created_at < ?");
        values << f.createdBefore.toMSecsSinceEpoch();
    }
    if (terms.isEmpty())
        return {};
    return {QStringLiteral(" WHERE ") + terms.join(QStringLiteral(" AND ")), values};
}

const QString kRecordColumns =
    QStringLiteral("token, created_at, finished_at, state, labels, priority, request, result");

// A row of kRecordColumns as the record it was saved from; nothing and
// *error when it does not decode.
std::optional<JobRecord> recordOf(const QSqlQuery &q, QString *error)
{
    JobRecord job;
    job.token = q.value(0).toString().toLatin1();
    job.createdAt = QDateTime::fromMSecsSinceEpoch(q.value(1).toLongLong(), Qt::UTC);
    if (!q.value(2).isNull())
        job.finishedAt = QDateTime::fromMSecsSinceEpoch(q.value(2).toLongLong(), Qt::UTC);
    const std::optional<JobState> state = stateFromName(q.value(3).toString());
    if (!state) {
        *error = QStringLiteral("job %1: unknown state '%2'")
                     .arg(QString::fromLatin1(job.token), q.value(3).toString());
        return std::nullopt;
    }
    job.state = *state;
    job.labels = QJsonDocument::fromJson(q.value(4).toByteArray()).object().toVariantHash();
    job.priority = q.value(5).toInt();
    QString why;
    const std::optional<QJsonObject> request = jobcodec::fromBytes(q.value(6).toByteArray(), &why);
    std::optional<BatchRequest> decodedRequest =
        request ? jobcodec::decodeRequest(*request, &why) : std::nullopt;
    const std::optional<QJsonObject> result = jobcodec::fromBytes(q.value(7).toByteArray(), &why);
    std::optional<BatchResult> decodedResult =
        decodedRequest && result ? jobcodec::decodeResult(*result, &why) : std::nullopt;
    if (!decodedResult) {
        *error = QStringLiteral("job %1: %2").arg(QString::fromLatin1(job.token), why);
        return std::nullopt;
    }
    job.request = std::move(*decodedRequest);
    job.result = std::move(*decodedResult);
    return job;
}

} // namespace

constexpr int kWriterNice = 5;

// Owns the one connection that writes, on the store's thread.
class HistoryStore::Writer final : public QObject
{
public:
    explicit Writer(HistoryStore &store)
        : m_store(store)
    {}

    // Writes every record queued so far in one transaction.
    void flush()
    {
        QList<JobRecord> batch;
        {
            QMutexLocker lock(&m_store.m_mutex);
            batch.swap(m_store.m_pending);
            m_store.m_pendingIndex.clear();
            m_store.m_flushQueued = false;
        }
        if (!batch.isEmpty()) {
            QString error;
            if (!write(batch, &error)) {
                m_store.setError(error);
                qCWarning(lcStore, "history %s: %d records not written: %s",
                          qUtf8Printable(m_store.m_path), int(batch.size()), qUtf8Printable(error));
            }
        }
        QMutexLocker lock(&m_store.m_mutex);
        m_store.m_writtenCount += quint64(batch.size());
        m_store.m_written.wakeAll();
    }

    void close() { m_connection.reset(); }

private:
    bool write(const QList<JobRecord> &batch, QString *error)
    {
        if (!m_connection) {
            m_connection = std::make_unique<Connection>(m_store.m_path);
            QString unused;
            if (m_connection->isOpen())
                m_connection->exec(QStringLiteral("PRAGMA synchronous = NORMAL"), &unused);
        }
        if (!m_connection->isOpen()) {
            *error = m_connection->error();
            m_connection.reset();
            return false;
        }
        QSqlDatabase &db = m_connection->db();
        if (!db.transaction()) {
            *error = db.lastError().text();
            return false;
        }
        bool ok = true;
        {
            // A record never goes back from done: a job's submission may be
            // seen after its end when it ends at once.
            QSqlQuery upsert(db);
            upsert.prepare(QStringLiteral(
                "INSERT INTO submissions (token, created_at, finished_at, state, language, origin, "
                "labels, priority, verdict, tests_passed, tests_total, max_cpu_ms, max_memory_kib, "
                "exit_signal, message, compile_output, request, result) VALUES "
                "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT(token) DO UPDATE SET created_at = excluded.created_at, "
                "finished_at = excluded.finished_at, state = excluded.state, "
                "language = excluded.language, origin = excluded.origin, labels = excluded.labels, "
                "priority = excluded.priority, verdict = excluded.verdict, "
                "tests_passed = excluded.tests_passed, tests_total = excluded.tests_total, "
                "max_cpu_ms = excluded.max_cpu_ms, max_memory_kib = excluded.max_memory_kib, "
                "exit_signal = excluded.exit_signal, message = excluded.message, "
                "compile_output = excluded.compile_output, request = excluded.request, "
                "result = excluded.result "
                "WHERE submissions.state != 'done' OR excluded.state = 'done'"));
            QSqlQuery clearTests(db);
            clearTests.prepare(QStringLiteral("DELETE FROM tests WHERE token = ?"));
            QSqlQuery insertTest(db);
            insertTest.prepare(QStringLiteral(
                "INSERT INTO tests (token, seq, test_index, name, verdict, cpu_ms, wall_ms, "
                "memory_kib, exit_code, signal, message) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                "?)"));
            for (const JobRecord &job : batch) {
                const bool done = job.state == JobState::Done;
                const TestOutcome *failing = done ? failingTest(job.result) : nullptr;
                const QString token = QString::fromLatin1(job.token);
                const QVariantList values = {
                    token,
                    (job.createdAt.isValid() ? job.createdAt : QDateTime::currentDateTimeUtc())
                        .toMSecsSinceEpoch(),
                    msOrNull(job.finishedAt),
                    QLatin1String(stateName(job.state)),
                    text(job.request.submission.languageId),
                    text(job.request.submission.origin),
                    QJsonDocument(QJsonObject::fromVariantHash(job.labels))
                        .toJson(QJsonDocument::Compact),
                    job.priority,
                    done ? QVariant(verdictName(job.result.verdict))
                         : QVariant(QMetaType(QMetaType::QString)),
                    job.result.count(Verdict::AC),
                    int(job.request.tests.size()),
                    ms(job.result.maxCpuSeconds()),
                    qint64(job.result.maxMemoryKib()),
                    failing ? failing->run.signal : 0,
                    text(messageOf(job)),
                    text(job.result.compileOutput),
                    jobcodec::toBytes(jobcodec::encode(job.request)),
                    jobcodec::toBytes(jobcodec::encode(job.result)),
                };
                for (const QVariant &v : values)
                    upsert.addBindValue(v);
                if (!upsert.exec()) {
                    *error = upsert.lastError().text();
                    ok = false;
                    break;
                }
                if (upsert.numRowsAffected() == 0) // an older state, not taken
                    continue;
                clearTests.addBindValue(token);
                if (!clearTests.exec()) {
                    *error = clearTests.lastError().text();
                    ok = false;
                    break;
                }
                for (qsizetype i = 0; ok && i < job.result.tests.size(); ++i) {
                    const TestOutcome &t = job.result.tests[i];
                    const QVariantList row = {
                        token,
                        int(i),
                        t.index,
                        text(t.name),
                        verdictName(t.verdict),
                        ms(t.run.cpuSeconds),
                        ms(t.run.wallSeconds),
                        qint64(t.run.memoryKib),
                        t.run.exitCode,
                        t.run.signal,
                        text(t.check.message.isEmpty() ? t.run.message : t.check.message),
                    };
                    for (const QVariant &v : row)
                        insertTest.addBindValue(v);
                    if (!insertTest.exec()) {
                        *error = insertTest.lastError().text();
                        ok = false;
                    }
                }
                if (!ok)
                    break;
            }
        }
        if (!ok) {
            db.rollback();
            return false;
        }
        if (!db.commit()) {
            *error = db.lastError().text();
            db.rollback();
            return false;
        }
        return true;
    }

    HistoryStore &m_store;
    std::unique_ptr<Connection> m_connection;
};

HistoryStore::HistoryStore(QString path)
    : m_path(std::move(path))
{}

HistoryStore::~HistoryStore()
{
    if (!m_thread)
        return;
    waitForWrites();
    QMetaObject::invokeMethod(
        m_writer, [this] { m_writer->close(); }, Qt::BlockingQueuedConnection);
    m_thread->quit();
    m_thread->wait();
    delete m_writer;
    delete m_thread;
}

bool HistoryStore::open(QString *error)
{
    auto fail = [&](const QString &why) {
        *error = QStringLiteral("history %1: %2").arg(m_path, why);
        return false;
    };
    const QFileInfo info(m_path);
    if (!QDir().mkpath(info.absolutePath()))
        return fail(QStringLiteral("cannot create the directory %1").arg(info.absolutePath()));
    if (info.isDir())
        return fail(QStringLiteral("is a directory"));
    {
        Connection c(m_path);
        if (!c.isOpen())
            return fail(c.error());
        QString why;
        // WAL: readers never wait for the writer, nor the writer for them.
        QSqlQuery wal(c.db());
        if (!wal.exec(QStringLiteral("PRAGMA journal_mode = WAL")) || !wal.next())
            return fail(wal.lastError().text());
        if (wal.value(0).toString() != QLatin1String("wal"))
            return fail(QStringLiteral("cannot use WAL mode (journal mode %1)")
                            .arg(wal.value(0).toString()));
        wal.finish();
        if (!c.db().transaction())
            return fail(c.db().lastError().text());
        auto abort = [&](const QString &message) {
            c.db().rollback();
            return fail(message);
        };
        // Taking the write lock at once: an unwritable file fails here.
        if (!c.exec(QStringLiteral("CREATE TABLE IF NOT EXISTS schema_version "
                                   "(version INTEGER NOT NULL)"),
                    &why))
            return abort(why);
        int version = 0;
        {
            QSqlQuery q(c.db());
            if (!q.exec(QStringLiteral("SELECT version FROM schema_version")))
                return abort(q.lastError().text());
            if (q.next())
                version = q.value(0).toInt();
            else if (!c.exec(QStringLiteral("INSERT INTO schema_version (version) VALUES (0)"),
                             &why))
                return abort(why);
        }
        if (version > kSchemaVersion)
            return abort(QStringLiteral("written by a newer EvalX (schema %1; this one knows up "
                                        "to %2)")
                             .arg(version)
                             .arg(kSchemaVersion));
        for (; version < kSchemaVersion; ++version) {
            for (const QString &sql : migrations()[version]) {
                if (!c.exec(sql, &why))
                    return abort(
                        QStringLiteral("migrating to schema %1: %2").arg(version + 1).arg(why));
            }
            if (!c.exec(QStringLiteral("UPDATE schema_version SET version = ?"), &why,
                        {version + 1}))
                return abort(why);
        }
        if (!c.db().commit())
            return abort(c.db().lastError().text());
    }
    m_thread = new QThread;
    m_thread->setObjectName(QStringLiteral("history"));
    m_writer = new Writer(*this);
    m_writer->moveToThread(m_thread);
    m_thread->start();
    // Writing the history comes after answering requests: a burst of
    // submissions is written after it, in larger transactions. A nice value,
    // not SCHED_IDLE: the writer takes the store's lock, and must not sit on
    // it behind judged programs while a request waits.
    QMetaObject::invokeMethod(
        m_writer, [] { ::setpriority(PRIO_PROCESS, static_cast<id_t>(::gettid()), kWriterNice); });
    m_open = true;
    qCInfo(lcStore, "history in %s", qUtf8Printable(m_path));
    return true;
}

void HistoryStore::save(const JobRecord &job)
{
    if (!m_open)
        return;
    QMutexLocker lock(&m_mutex);
    // A job whose earlier state still waits to be written is written once,
    // as it is now: a burst of short jobs costs a row each, not two.
    const auto queued = m_pendingIndex.constFind(job.token);
    if (queued != m_pendingIndex.cend()) {
        JobRecord &older = m_pending[*queued];
        if (older.state != JobState::Done || job.state == JobState::Done)
            older = job;
        return;
    }
    m_pendingIndex.insert(job.token, m_pending.size());
    m_pending.append(job);
    ++m_queuedCount;
    if (!m_flushQueued) {
        m_flushQueued = true;
        QMetaObject::invokeMethod(m_writer, &Writer::flush, Qt::QueuedConnection);
    }
}

void HistoryStore::waitForWrites()
{
    QMutexLocker lock(&m_mutex);
    const quint64 target = m_queuedCount;
    while (m_writtenCount < target)
        m_written.wait(&m_mutex);
}

std::optional<JobRecord> HistoryStore::find(const QByteArray &token) const
{
    if (!m_open)
        return std::nullopt;
    const_cast<HistoryStore *>(this)->waitForWrites();
    Connection c(m_path);
    if (!c.isOpen()) {
        setError(c.error());
        return std::nullopt;
    }
    QSqlQuery q(c.db());
    q.prepare(QStringLiteral("SELECT %1 FROM submissions WHERE token = ?").arg(kRecordColumns));
    q.addBindValue(QString::fromLatin1(token));
    if (!q.exec()) {
        setError(q.lastError().text());
        return std::nullopt;
    }
    if (!q.next())
        return std::nullopt;
    QString error;
    std::optional<JobRecord> job = recordOf(q, &error);
    if (!job)
        setError(error);
    return job;
}

QList<JobRecord> HistoryStore::query(const HistoryFilter &filter, int offset, int limit,
                                     int *total) const
{
    if (total)
        *total = 0;
    if (!m_open)
        return {};
    const_cast<HistoryStore *>(this)->waitForWrites();
    Connection c(m_path);
    if (!c.isOpen()) {
        setError(c.error());
        return {};
    }
    const Where where = whereOf(filter);
    // One read transaction: the count and the page see the same rows.
    c.db().transaction();
    if (total) {
        QSqlQuery q(c.db());
        q.prepare(QStringLiteral("SELECT COUNT(*) FROM submissions") + where.sql);
        for (const QVariant &v : where.values)
            q.addBindValue(v);
        if (!q.exec() || !q.next()) {
            setError(q.lastError().text());
            c.db().rollback();
            return {};
        }
        *total = q.value(0).toInt();
    }
    QList<JobRecord> jobs;
    {
        QSqlQuery q(c.db());
        q.setForwardOnly(true);
        q.prepare(QStringLiteral("SELECT %1 FROM submissions%2 ORDER BY created_at DESC, rowid "
                                 "DESC LIMIT ? OFFSET ?")
                      .arg(kRecordColumns, where.sql));
        for (const QVariant &v : where.values)
            q.addBindValue(v);
        q.addBindValue(std::max(0, limit));
        q.addBindValue(std::max(0, offset));
        if (!q.exec())
            setError(q.lastError().text());
        while (q.next()) {
            QString error;
            if (std::optional<JobRecord> job = recordOf(q, &error))
                jobs.append(std::move(*job));
            else
                setError(error);
        }
    }
    c.db().rollback();
    return jobs;
}

int HistoryStore::count(const HistoryFilter &filter) const
{
    int total = 0;
    query(filter, 0, 0, &total);
    return total;
}

bool HistoryStore::remove(const QByteArray &token)
{
    if (!m_open)
        return false;
    waitForWrites();
    Connection c(m_path);
    QString error;
    if (!c.isOpen() || !c.db().transaction()) {
        setError(c.isOpen() ? c.db().lastError().text() : c.error());
        return false;
    }
    QSqlQuery q(c.db());
    q.prepare(QStringLiteral("DELETE FROM submissions WHERE token = ?"));
    q.addBindValue(QString::fromLatin1(token));
    const bool ok = q.exec() && c.exec(QStringLiteral("DELETE FROM tests WHERE token = ?"), &error,
                                       {QString::fromLatin1(token)});
    const int removed = ok ? q.numRowsAffected() : 0;
    if (!ok || !c.db().commit()) {
        setError(error.isEmpty() ? q.lastError().text() : error);
        c.db().rollback();
        return false;
    }
    return removed > 0;
}

int HistoryStore::prune(const QDateTime &before)
{
    if (!m_open)
        return 0;
    waitForWrites();
    Connection c(m_path);
    QString error;
    if (!c.isOpen() || !c.db().transaction()) {
        setError(c.isOpen() ? c.db().lastError().text() : c.error());
        return 0;
    }
    const QString old = QStringLiteral("(finished_at IS NOT NULL AND finished_at < ?) OR "
                                       "(finished_at IS NULL AND created_at < ?)");
    const qint64 limit = before.toMSecsSinceEpoch();
    QSqlQuery q(c.db());
    bool ok = c.exec(QStringLiteral("DELETE FROM tests WHERE token IN (SELECT token FROM "
                                    "submissions WHERE %1)")
                         .arg(old),
                     &error, {limit, limit});
    ok = ok && q.prepare(QStringLiteral("DELETE FROM submissions WHERE ") + old);
    q.addBindValue(limit);
    q.addBindValue(limit);
    ok = ok && q.exec();
    const int removed = ok ? q.numRowsAffected() : 0;
    if (!ok || !c.db().commit()) {
        setError(error.isEmpty() ? q.lastError().text() : error);
        c.db().rollback();
        return 0;
    }
    if (removed > 0)
        qCInfo(lcStore, "history: %d jobs older than %s pruned", removed,
               qUtf8Printable(before.toString(Qt::ISODate)));
    return removed;
}

int HistoryStore::abandonUnfinished(const QString &message)
{
    HistoryFilter unfinished;
    unfinished.outcomes = {{.state = JobState::Queued}, {.state = JobState::Running}};
    int total = 0;
    const QList<JobRecord> jobs = query(unfinished, 0, std::numeric_limits<int>::max(), &total);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (JobRecord job : jobs) {
        job.state = JobState::Done;
        job.finishedAt = now;
        job.result.verdict = Verdict::IE;
        job.result.message = message;
        save(job);
    }
    waitForWrites();
    return int(jobs.size());
}

QString HistoryStore::lastError() const
{
    QMutexLocker lock(&m_mutex);
    return m_lastError;
}

void HistoryStore::setError(const QString &error) const
{
    QMutexLocker lock(&m_mutex);
    m_lastError = error;
}

} // namespace evalx
