#include "localjobqueue.h"

#include <QDeadlineTimer>
#include <QLoggingCategory>
#include <QUuid>

Q_LOGGING_CATEGORY(lcQueue, "evalx.queue")

namespace evalx {

namespace {

// What a finished job holds in memory, near enough to bound the store by.
qint64 keptBytes(const JobRecord &job)
{
    qint64 bytes = 0;
    for (const SourceFile &f : job.request.submission.files)
        bytes += f.data.size();
    for (const TestData &t : job.request.tests)
        bytes += t.input.size() + t.answer.size();
    for (const TestOutcome &t : job.result.tests)
        bytes += t.run.stdoutData.size() + t.run.stderrData.size() + t.check.message.size();
    return bytes + job.result.compileOutput.size();
}

} // namespace

LocalJobQueue::LocalJobQueue(BatchJudge &judge, Options options, QObject *parent)
    : JobQueue(parent)
    , m_judge(judge)
    , m_options(options)
{
    m_workers.setMaxThreadCount(std::max(1, m_options.workers));
    // Workers wait for boxes, not CPUs: their threads need not stay warm.
    m_workers.setExpiryTimeout(30000);
}

LocalJobQueue::~LocalJobQueue()
{
    shutdown(0);
}

std::optional<QByteArray> LocalJobQueue::submit(BatchRequest request, QString *error,
                                                const SubmitOptions &options)
{
    QMutexLocker lock(&m_mutex);
    if (m_closed) {
        if (error)
            *error = QStringLiteral("the server is shutting down");
        return std::nullopt;
    }
    if (m_waiting >= m_options.capacity) {
        ++m_stats.refused;
        if (error)
            *error = QStringLiteral("queue is full");
        return std::nullopt;
    }
    JobRecord job;
    job.token = QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
    job.request = std::move(request);
    job.labels = options.labels;
    job.priority = options.priority;
    job.createdAt = QDateTime::currentDateTimeUtc();
    const QByteArray token = job.token;
    const JobRecord accepted = job; // implicitly shared: no deep copy
    m_jobs.insert(token, std::move(job));
    m_order << token;
    ++m_waiting;
    lock.unlock();
    m_workers.start([this, token] { run(token); }, options.priority);
    Q_EMIT jobAccepted(accepted);
    Q_EMIT jobSubmitted(token);
    return token;
}

void LocalJobQueue::run(const QByteArray &token)
{
    BatchRequest request;
    {
        QMutexLocker lock(&m_mutex);
        auto it = m_jobs.find(token);
        if (it == m_jobs.end())
            return;
        it->state = JobState::Running;
        request = it->request;
        --m_waiting;
        ++m_running;
    }
    Q_EMIT jobStarted(token);
    const auto progress = [this, &token](const TestOutcome &t) {
        {
            QMutexLocker lock(&m_mutex);
            auto it = m_jobs.find(token);
            if (it != m_jobs.end())
                it->result.tests << t;
        }
        Q_EMIT testFinished(token, t);
    };
    BatchResult result = m_judge.judge(request, progress, &m_cancel);
    {
        QMutexLocker lock(&m_mutex);
        --m_running;
        auto it = m_jobs.find(token);
        if (it != m_jobs.end()) {
            it->result = std::move(result);
            it->state = JobState::Done;
            it->finishedAt = QDateTime::currentDateTimeUtc();
            // Files for the runs (Judge0's additional_files) are not shown again.
            it->request.workFiles.clear();
            m_finishedOrder << token;
            m_finishedBytes += keptBytes(*it);
            m_stats.recordFinished(it->result,
                                   double(it->createdAt.msecsTo(it->finishedAt)) / 1000.0);
        }
        while (m_finishedOrder.size() > m_options.keepFinished ||
               (m_finishedBytes > m_options.keepFinishedBytes && m_finishedOrder.size() > 1)) {
            const QByteArray old = m_finishedOrder.takeFirst();
            m_finishedBytes -= keptBytes(m_jobs.value(old));
            m_jobs.remove(old);
            m_order.removeOne(old);
        }
        m_done.wakeAll();
    }
    Q_EMIT jobFinished(token);
}

std::optional<JobRecord> LocalJobQueue::find(const QByteArray &token) const
{
    QMutexLocker lock(&m_mutex);
    const auto it = m_jobs.constFind(token);
    if (it == m_jobs.cend())
        return std::nullopt;
    return *it;
}

std::optional<JobRecord> LocalJobQueue::waitFor(const QByteArray &token, int timeoutMs) const
{
    QDeadlineTimer deadline(timeoutMs);
    QMutexLocker lock(&m_mutex);
    for (;;) {
        const auto it = m_jobs.constFind(token);
        if (it == m_jobs.cend())
            return std::nullopt;
        if (it->state == JobState::Done || !m_done.wait(&m_mutex, deadline))
            return m_jobs.value(token);
    }
}

QList<JobRecord> LocalJobQueue::page(int offset, int count, int *total) const
{
    QMutexLocker lock(&m_mutex);
    *total = int(m_order.size());
    QList<JobRecord> out;
    for (qsizetype i = m_order.size() - 1 - offset; i >= 0 && out.size() < count; --i)
        out << m_jobs.value(m_order.at(i));
    return out;
}

bool LocalJobQueue::remove(const QByteArray &token, QString *error)
{
    QMutexLocker lock(&m_mutex);
    const auto it = m_jobs.constFind(token);
    if (it == m_jobs.cend()) {
        *error = QStringLiteral("submission %1 not found").arg(QString::fromLatin1(token));
        return false;
    }
    if (it->state != JobState::Done) {
        *error = QStringLiteral("submission %1 cannot be deleted while it is in queue or "
                                "processing")
                     .arg(QString::fromLatin1(token));
        return false;
    }
    m_finishedBytes -= keptBytes(*it);
    m_jobs.remove(token);
    m_order.removeOne(token);
    m_finishedOrder.removeOne(token);
    return true;
}

JobStats LocalJobQueue::stats() const
{
    QMutexLocker lock(&m_mutex);
    return m_stats;
}

void LocalJobQueue::shutdown(int graceMs)
{
    int dropped = 0;
    {
        QMutexLocker lock(&m_mutex);
        m_closed = true;
    }
    // Jobs still waiting in the pool never start: forget them.
    m_workers.clear();
    {
        QMutexLocker lock(&m_mutex);
        for (auto it = m_jobs.begin(); it != m_jobs.end();) {
            if (it->state == JobState::Queued) {
                m_order.removeOne(it.key());
                it = m_jobs.erase(it);
                ++dropped;
            } else {
                ++it;
            }
        }
        m_waiting = 0;
        m_done.wakeAll();
    }
    if (dropped > 0)
        qCWarning(lcQueue, "%d queued jobs dropped at shutdown", dropped);
    if (!m_workers.waitForDone(graceMs)) {
        m_cancel = true;
        m_workers.waitForDone();
    }
}

int LocalJobQueue::waiting() const
{
    QMutexLocker lock(&m_mutex);
    return m_waiting;
}

int LocalJobQueue::running() const
{
    QMutexLocker lock(&m_mutex);
    return m_running;
}

} // namespace evalx
