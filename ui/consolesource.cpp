#include "consolesource.h"
#include "engine.h"

#include <QCoreApplication>
#include <QTimer>

namespace evalx::ui {

namespace {
constexpr int kFlushMs = 100; // a job changes the tables at most ten times a second
constexpr int kKeptRecent = 10000;
} // namespace

SubmissionSource sourceOf(const JobRecord &job)
{
    const QString console = job.labels.value(QLatin1String(kOriginLabel)).toString();
    if (console == QLatin1String("window"))
        return SubmissionSource::Window;
    if (console == QLatin1String("local"))
        return SubmissionSource::LocalJudge;
    const QString origin = job.request.submission.origin;
    if (origin == QLatin1String("judge0"))
        return SubmissionSource::Judge0;
    if (origin == QLatin1String("piston"))
        return SubmissionSource::Piston;
    if (origin == QLatin1String("api/v1"))
        return SubmissionSource::Native;
    return SubmissionSource::Other;
}

QString sourceName(SubmissionSource source)
{
    switch (source) {
    case SubmissionSource::Window:
        return QCoreApplication::translate("evalx::ui", "Window");
    case SubmissionSource::LocalJudge:
        return QCoreApplication::translate("evalx::ui", "Local judge");
    case SubmissionSource::Judge0:
        return QCoreApplication::translate("evalx::ui", "Judge0 API");
    case SubmissionSource::Piston:
        return QCoreApplication::translate("evalx::ui", "Piston API");
    case SubmissionSource::Native:
        return QCoreApplication::translate("evalx::ui", "EvalX API");
    case SubmissionSource::Other:
        break;
    }
    return QCoreApplication::translate("evalx::ui", "Other");
}

ConsoleSource::ConsoleSource(QObject *parent)
    : QObject(parent)
    , m_flush(new QTimer(this))
{
    m_flush->setInterval(kFlushMs);
    m_flush->setSingleShot(true);
    connect(m_flush, &QTimer::timeout, this, &ConsoleSource::flush);
}

ConsoleSource::~ConsoleSource() = default;

void ConsoleSource::markChanged(const QByteArray &token)
{
    m_changed.insert(token);
    if (!m_flush->isActive())
        m_flush->start();
}

void ConsoleSource::flush()
{
    const QSet<QByteArray> changed = std::exchange(m_changed, {});
    for (const QByteArray &token : changed) {
        if (const std::optional<JobRecord> job = find(token))
            Q_EMIT jobChanged(*job);
    }
}

LocalSource::LocalSource(Engine *engine, QObject *parent)
    : ConsoleSource(parent)
    , m_engine(engine)
{
    JobQueue *queue = m_engine ? m_engine->jobs() : nullptr;
    if (!queue)
        return;
    // The queue signals from its workers' threads; the tokens cross to this
    // thread and are gathered until the next flush.
    const auto mark = [this](const QByteArray &token) { markChanged(token); };
    connect(queue, &JobQueue::jobSubmitted, this, mark, Qt::QueuedConnection);
    connect(queue, &JobQueue::jobStarted, this, mark, Qt::QueuedConnection);
    connect(queue, &JobQueue::jobFinished, this, mark, Qt::QueuedConnection);
    connect(
        queue, &JobQueue::testFinished, this,
        [this](const QByteArray &token, const TestOutcome &) { markChanged(token); },
        Qt::QueuedConnection);
}

LocalSource::~LocalSource() = default;

QString LocalSource::describe() const
{
    return tr("this computer");
}

const LanguageCatalogue &LocalSource::languages() const
{
    static const LanguageCatalogue none;
    return m_engine ? m_engine->languages() : none;
}

Telemetry LocalSource::telemetry() const
{
    Telemetry t;
    t.at = QDateTime::currentDateTimeUtc();
    t.api = m_api;
    if (!m_engine || !m_engine->isStarted()) {
        t.reachable = false;
        t.error = tr("the sandbox is not running");
        t.sandbox = t.error;
        return t;
    }
    const SandboxSummary s = m_engine->pool().summary();
    t.sandbox = tr("%1, cgroup %2").arg(s.mode, s.cgroup);
    t.boxes = m_engine->pool().snapshot();
    if (JobQueue *queue = m_engine->jobs()) {
        t.waiting = queue->waiting();
        t.running = queue->running();
        t.workers = queue->workers();
        t.capacity = queue->capacity();
        t.stats = queue->stats();
        t.queue = queue->status();
        t.reachable = t.queue.reachable;
        t.error = t.queue.error;
    }
    return t;
}

std::optional<QByteArray> LocalSource::submit(const BatchRequest &request,
                                              const SubmitOptions &options, QString *error)
{
    JobQueue *queue = m_engine ? m_engine->jobs() : nullptr;
    if (!queue) {
        if (error)
            *error = tr("the sandbox is not running");
        return std::nullopt;
    }
    return queue->submit(request, error, options);
}

QList<JobRecord> LocalSource::recent(int limit) const
{
    JobQueue *queue = m_engine ? m_engine->jobs() : nullptr;
    if (!queue)
        return {};
    int total = 0;
    limit = std::min(limit, kKeptRecent);
    QList<JobRecord> jobs = queue->page(0, limit, &total);
    // Then the jobs of earlier runs, kept in the history.
    if (HistoryStore *history = m_engine->history(); history && jobs.size() < limit) {
        QSet<QByteArray> seen;
        for (const JobRecord &job : jobs)
            seen.insert(job.token);
        for (JobRecord &job : history->query({}, 0, limit))
            if (jobs.size() < limit && !seen.contains(job.token))
                jobs << std::move(job);
    }
    return jobs;
}

std::optional<JobRecord> LocalSource::find(const QByteArray &token) const
{
    return m_engine ? m_engine->findJob(token) : std::nullopt;
}

} // namespace evalx::ui
