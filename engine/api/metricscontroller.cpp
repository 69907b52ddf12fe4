#include "metricscontroller.h"
#include "engine.h"

#include <QMap>

namespace evalx {

namespace {

// One metric family: its help, its type, then its samples.
class Exposition
{
public:
    void family(const char *name, const char *type, const char *help)
    {
        m_text +=
            "# HELP " + QByteArray(name) + ' ' + help + "\n# TYPE " + name + ' ' + type + '\n';
    }
    void sample(const QByteArray &name, double value, const QByteArray &labels = {})
    {
        m_text += name;
        if (!labels.isEmpty())
            m_text += '{' + labels + '}';
        m_text += ' ' + QByteArray::number(value, 'g', 12) + '\n';
    }
    const QByteArray &text() const { return m_text; }

private:
    QByteArray m_text;
};

QByteArray label(const char *name, const QString &value)
{
    return QByteArray(name) + "=\"" + value.toUtf8() + '"';
}

} // namespace

MetricsController::MetricsController(Engine &engine)
    : m_engine(engine)
{}

QHttpServerResponse MetricsController::metrics() const
{
    Exposition e;
    const JobQueue *jobs = m_engine.jobs();
    const JobStats stats = jobs ? jobs->stats() : JobStats{};

    e.family("evalx_queue_waiting", "gauge", "Jobs waiting for a worker.");
    e.sample("evalx_queue_waiting", jobs ? jobs->waiting() : 0);
    e.family("evalx_queue_running", "gauge", "Jobs being judged.");
    e.sample("evalx_queue_running", jobs ? jobs->running() : 0);
    e.family("evalx_queue_refused_total", "counter", "Submissions refused by a full queue.");
    e.sample("evalx_queue_refused_total", double(stats.refused));

    e.family("evalx_jobs_total", "counter", "Finished jobs by verdict.");
    QMap<QString, quint64> byVerdict; // sorted, so the output is stable
    for (auto it = stats.finishedByVerdict.cbegin(); it != stats.finishedByVerdict.cend(); ++it)
        byVerdict.insert(it.key(), it.value());
    for (auto it = byVerdict.cbegin(); it != byVerdict.cend(); ++it)
        e.sample("evalx_jobs_total", double(it.value()), label("verdict", it.key()));

    e.family("evalx_job_duration_seconds", "histogram",
             "From submission to result, queueing included.");
    const QList<double> &bounds = JobStats::bucketBounds();
    for (qsizetype i = 0; i < bounds.size(); ++i)
        e.sample("evalx_job_duration_seconds_bucket", double(stats.bucketCounts.value(i)),
                 label("le", QString::number(bounds[i])));
    e.sample("evalx_job_duration_seconds_bucket", double(stats.count),
             label("le", QStringLiteral("+Inf")));
    e.sample("evalx_job_duration_seconds_sum", stats.sumSeconds);
    e.sample("evalx_job_duration_seconds_count", double(stats.count));

    e.family("evalx_boxes", "gauge", "Boxes of the pool by state.");
    QMap<QString, int> byState;
    quint64 runs = 0, failures = 0;
    for (const BoxInfo &b : m_engine.pool().snapshot()) {
        ++byState[boxStateName(b.state)];
        runs += b.runs;
        failures += b.failures;
    }
    for (const BoxState s : {BoxState::Starting, BoxState::Idle, BoxState::Compiling,
                             BoxState::Running, BoxState::Cleaning, BoxState::Broken})
        e.sample("evalx_boxes", byState.value(boxStateName(s)), label("state", boxStateName(s)));
    e.family("evalx_box_runs_total", "counter", "Programs run in boxes, compilers included.");
    e.sample("evalx_box_runs_total", double(runs));
    e.family("evalx_box_failures_total", "counter", "Runs that failed in the judge, and restarts.");
    e.sample("evalx_box_failures_total", double(failures));

    const ArtifactCache::Stats cache = m_engine.executor().cache().stats();
    e.family("evalx_compile_cache_hits_total", "counter", "Compiles saved by the artifact cache.");
    e.sample("evalx_compile_cache_hits_total", double(cache.hits));
    e.family("evalx_compile_cache_misses_total", "counter", "Compiles that ran.");
    e.sample("evalx_compile_cache_misses_total", double(cache.misses));
    e.family("evalx_compile_cache_bytes", "gauge", "Bytes held by the artifact cache.");
    e.sample("evalx_compile_cache_bytes", double(cache.bytes));

    return QHttpServerResponse(QByteArrayLiteral("text/plain; version=0.0.4"), e.text());
}

} // namespace evalx
