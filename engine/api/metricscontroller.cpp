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
    // A family of one sample.
    void single(const char *name, const char *type, const char *help, double value)
    {
        family(name, type, help);
        sample(name, value);
    }
    // A counter family with one sample per key, sorted so the output is stable.
    void byLabel(const char *name, const char *help, const char *labelName,
                 const QHash<QString, quint64> &counts)
    {
        family(name, "counter", help);
        QMap<QString, quint64> sorted;
        for (auto it = counts.cbegin(); it != counts.cend(); ++it)
            sorted.insert(it.key(), it.value());
        for (auto it = sorted.cbegin(); it != sorted.cend(); ++it)
            sample(name, double(it.value()), label(labelName, it.key()));
    }
    void histogram(const char *name, const char *help, const Histogram &h)
    {
        family(name, "histogram", help);
        const QByteArray base(name);
        for (qsizetype i = 0; i < h.bounds.size(); ++i)
            sample(base + "_bucket", double(h.counts.value(i)),
                   label("le", QString::number(h.bounds[i])));
        sample(base + "_bucket", double(h.count), label("le", QStringLiteral("+Inf")));
        sample(base + "_sum", h.sum);
        sample(base + "_count", double(h.count));
    }
    const QByteArray &text() const { return m_text; }

    static QByteArray label(const char *name, const QString &value)
    {
        return QByteArray(name) + "=\"" + value.toUtf8() + '"';
    }

private:
    QByteArray m_text;
};

} // namespace

MetricsController::MetricsController(Engine &engine)
    : m_engine(engine)
{}

QHttpServerResponse MetricsController::metrics() const
{
    Exposition e;
    const JobQueue *jobs = m_engine.jobs();
    const JobStats stats = jobs ? jobs->stats() : JobStats{};

    e.single("evalx_queue_waiting", "gauge", "Jobs waiting for a worker.",
             jobs ? jobs->waiting() : 0);
    e.single("evalx_queue_running", "gauge", "Jobs being judged.", jobs ? jobs->running() : 0);
    e.single("evalx_queue_refused_total", "counter", "Submissions refused by a full queue.",
             double(stats.refused));

    e.byLabel("evalx_jobs_total", "Finished jobs by verdict.", "verdict", stats.finishedByVerdict);
    e.byLabel("evalx_runs_total", "Test runs by verdict.", "verdict", stats.runsByVerdict);
    e.histogram("evalx_job_duration_seconds", "From submission to result, queueing included.",
                stats.jobSeconds);
    e.histogram("evalx_run_duration_seconds", "Wall time of each test run in its box.",
                stats.runSeconds);

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
        e.sample("evalx_boxes", byState.value(boxStateName(s)),
                 Exposition::label("state", boxStateName(s)));
    e.single("evalx_box_runs_total", "counter", "Programs run in boxes, compilers included.",
             double(runs));
    e.single("evalx_box_failures_total", "counter", "Runs that failed in the judge, and restarts.",
             double(failures));

    const ArtifactCache::Stats cache = m_engine.executor().cache().stats();
    e.single("evalx_compile_cache_hits_total", "counter", "Compiles saved by the artifact cache.",
             double(cache.hits));
    e.single("evalx_compile_cache_misses_total", "counter", "Compiles that ran.",
             double(cache.misses));
    e.single("evalx_compile_store_hits_total", "counter",
             "Compiles saved by artifacts other workers shared through Redis.",
             double(cache.storeHits));
    e.single("evalx_compile_store_misses_total", "counter",
             "Artifacts looked up in Redis in vain (or Redis could not be read).",
             double(cache.storeMisses));
    e.single("evalx_compile_cache_bytes", "gauge", "Bytes held by the artifact cache.",
             double(cache.bytes));

    const QueueStatus queue = jobs ? jobs->status() : QueueStatus{};
    if (queue.resultCache) {
        e.single("evalx_result_cache_hits_total", "counter",
                 "Jobs answered from an identical job's result (--result-cache).",
                 double(queue.cacheHits));
        e.single("evalx_result_cache_misses_total", "counter",
                 "Jobs the result cache did not have.", double(queue.cacheMisses));
    }

    return QHttpServerResponse(QByteArrayLiteral("text/plain; version=0.0.4"), e.text());
}

} // namespace evalx
