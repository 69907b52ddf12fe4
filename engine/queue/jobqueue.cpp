#include "jobqueue.h"

#include <QDeadlineTimer>
#include <QUuid>

namespace evalx {

JobQueue::JobQueue(BatchJudge &judge, Options options, QObject *parent)
    : QObject(parent)
    , m_judge(judge)
    , m_options(options)
{
    m_workers.setMaxThreadCount(std::max(1, m_options.workers));
    // Workers wait for boxes, not CPUs: their threads need not stay warm.
    m_workers.setExpiryTimeout(30000);
}

JobQueue::~JobQueue()
{
    m_workers.waitForDone();
}

std::optional<QByteArray> JobQueue::submit(BatchRequest request, QString *error,
                                           const QVariantHash &labels)
{
    QMutexLocker lock(&m_mutex);
    if (m_waiting >= m_options.capacity) {
        ++m_stats.refused;
        if (error)
            *error = QStringLiteral("queue is full");
        return std::nullopt;
    }
    JobRecord job;
    job.token = QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
    job.request = std::move(request);
    job.labels = labels;
    job.createdAt = QDateTime::currentDateTimeUtc();
    const QByteArray token = job.token;
    m_jobs.insert(token, std::move(job));
    m_order << token;
    ++m_waiting;
    lock.unlock();
    m_workers.start([this, token] { run(token); });
    return token;
}

void JobQueue::run(const QByteArray &token)
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
    BatchResult result = m_judge.judge(request);
    {
        QMutexLocker lock(&m_mutex);
        --m_running;
        auto it = m_jobs.find(token);
        if (it != m_jobs.end()) {
            it->result = std::move(result);
            it->state = JobState::Done;
            it->finishedAt = QDateTime::currentDateTimeUtc();
            m_finishedOrder << token;
            const double seconds = double(it->createdAt.msecsTo(it->finishedAt)) / 1000.0;
            ++m_stats.finishedByVerdict[verdictName(it->result.verdict)];
            ++m_stats.count;
            m_stats.sumSeconds += seconds;
            const QList<double> &bounds = bucketBounds();
            if (m_stats.bucketCounts.isEmpty())
                m_stats.bucketCounts.resize(bounds.size());
            for (qsizetype i = 0; i < bounds.size(); ++i) {
                if (seconds <= bounds[i])
                    ++m_stats.bucketCounts[i];
            }
        }
        while (m_finishedOrder.size() > m_options.keepFinished) {
            const QByteArray old = m_finishedOrder.takeFirst();
            m_jobs.remove(old);
            m_order.removeOne(old);
        }
        m_done.wakeAll();
    }
    Q_EMIT jobFinished(token);
}

std::optional<JobRecord> JobQueue::find(const QByteArray &token) const
{
    QMutexLocker lock(&m_mutex);
    const auto it = m_jobs.constFind(token);
    if (it == m_jobs.cend())
        return std::nullopt;
    return *it;
}

std::optional<JobRecord> JobQueue::waitFor(const QByteArray &token, int timeoutMs) const
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

QList<JobRecord> JobQueue::page(int offset, int count, int *total) const
{
    QMutexLocker lock(&m_mutex);
    *total = int(m_order.size());
    QList<JobRecord> out;
    for (qsizetype i = m_order.size() - 1 - offset; i >= 0 && out.size() < count; --i)
        out << m_jobs.value(m_order.at(i));
    return out;
}

bool JobQueue::remove(const QByteArray &token, QString *error)
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
    m_jobs.remove(token);
    m_order.removeOne(token);
    m_finishedOrder.removeOne(token);
    return true;
}

const QList<double> &JobQueue::bucketBounds()
{
    static const QList<double> bounds = {0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60};
    return bounds;
}

JobQueue::Stats JobQueue::stats() const
{
    QMutexLocker lock(&m_mutex);
    Stats s = m_stats;
    s.bucketCounts.resize(bucketBounds().size());
    return s;
}

int JobQueue::waiting() const
{
    QMutexLocker lock(&m_mutex);
    return m_waiting;
}

int JobQueue::running() const
{
    QMutexLocker lock(&m_mutex);
    return m_running;
}

} // namespace evalx
