#include "telemetryhistory.h"

#include <algorithm>
#include <cmath>

namespace evalx::ui {

namespace {

// Samples arrive once a second; a few more (pollNow) are allowed, not an
// unbounded number.
constexpr int kMaxSamplesPerSecond = 4;

quint64 total(const QHash<QString, quint64> &counters)
{
    quint64 sum = 0;
    for (quint64 n : counters)
        sum += n;
    return sum;
}

bool histogramWentBack(const Histogram &now, const Histogram &before)
{
    if (now.bounds != before.bounds || now.count < before.count)
        return true;
    for (qsizetype i = 0; i < now.counts.size(); ++i) {
        if (now.counts[i] < before.counts[i])
            return true;
    }
    return false;
}

// Whether the judge started counting again (it restarted, or another judge
// answers now): then everything it counted is new.
bool wentBack(const JobStats &now, const JobStats &before)
{
    for (auto it = before.finishedByVerdict.constBegin(); it != before.finishedByVerdict.constEnd();
         ++it) {
        if (now.finishedByVerdict.value(it.key()) < it.value())
            return true;
    }
    return total(now.runsByVerdict) < total(before.runsByVerdict) ||
           histogramWentBack(now.jobSeconds, before.jobSeconds) ||
           histogramWentBack(now.runSeconds, before.runSeconds);
}

void addTo(Histogram &sum, const Histogram &delta)
{
    if (sum.bounds != delta.bounds) {
        sum = delta; // another judge with other buckets: its own quantiles from here
        return;
    }
    for (qsizetype i = 0; i < sum.counts.size(); ++i)
        sum.counts[i] += delta.counts[i];
    sum.count += delta.count;
    sum.sum += delta.sum;
}

} // namespace

quint64 TelemetryInterval::finishedTotal() const
{
    quint64 sum = 0;
    for (quint64 n : finished)
        sum += n;
    return sum;
}

TelemetryHistory::TelemetryHistory(int maxAgeSeconds)
    : m_maxAgeMsecs(qint64(std::max(1, maxAgeSeconds)) * 1000)
{}

void TelemetryHistory::clear()
{
    m_points.clear();
    m_lastStats.reset();
    m_resets = 0;
}

void TelemetryHistory::add(const Telemetry &sample)
{
    TelemetryPoint point;
    point.msecs =
        sample.at.isValid() ? sample.at.toMSecsSinceEpoch() : QDateTime::currentMSecsSinceEpoch();
    point.reachable = sample.reachable;
    if (!m_points.empty()) {
        const TelemetryPoint &previous = m_points.back();
        point.runs = previous.runs;
        point.finished = previous.finished;
        point.jobSeconds = previous.jobSeconds;
        point.runSeconds = previous.runSeconds;
    } else {
        point.jobSeconds = Histogram(sample.stats.jobSeconds.bounds);
        point.runSeconds = Histogram(sample.stats.runSeconds.bounds);
    }
    if (sample.reachable) {
        point.waiting = sample.waiting;
        point.running = sample.running;
        accumulate(point, sample.stats);
        m_lastStats = sample.stats;
    }

    // A sample no later than the newest (two polls in one millisecond, or the
    // clock set back) updates the newest instead: time only moves forward here.
    if (!m_points.empty() && point.msecs <= m_points.back().msecs) {
        point.msecs = m_points.back().msecs;
        m_points.back() = std::move(point);
    } else {
        m_points.push_back(std::move(point));
    }
    trim();
}

// Adds what the judge counted since its last answer to the point's counters.
void TelemetryHistory::accumulate(TelemetryPoint &point, const JobStats &stats)
{
    if (!m_lastStats)
        return; // the history counts from its first sample on
    const bool reset = wentBack(stats, *m_lastStats);
    if (reset)
        ++m_resets;
    static const JobStats zero;
    const JobStats &before = reset ? zero : *m_lastStats;

    point.runs += total(stats.runsByVerdict) - total(before.runsByVerdict);
    for (auto it = stats.finishedByVerdict.constBegin(); it != stats.finishedByVerdict.constEnd();
         ++it) {
        if (const std::optional<Verdict> v = verdictFromName(it.key()))
            point.finished[std::size_t(*v)] +=
                it.value() - before.finishedByVerdict.value(it.key());
    }
    // After a reset the buckets are compared with empty ones of the judge's own bounds.
    const Histogram jobsBefore = reset ? Histogram(stats.jobSeconds.bounds) : before.jobSeconds;
    const Histogram runsBefore = reset ? Histogram(stats.runSeconds.bounds) : before.runSeconds;
    if (const auto d = difference(stats.jobSeconds, jobsBefore))
        addTo(point.jobSeconds, *d);
    if (const auto d = difference(stats.runSeconds, runsBefore))
        addTo(point.runSeconds, *d);
}

void TelemetryHistory::trim()
{
    const qint64 oldest = m_points.back().msecs - m_maxAgeMsecs;
    while (m_points.size() > 1 && m_points.front().msecs < oldest)
        m_points.pop_front();
    const std::size_t most = std::size_t(m_maxAgeMsecs / 1000 * kMaxSamplesPerSecond + 1);
    while (m_points.size() > most)
        m_points.pop_front();
}

TelemetryInterval TelemetryHistory::interval(qsizetype from, qsizetype to) const
{
    const TelemetryPoint &a = point(from);
    const TelemetryPoint &b = point(to);
    TelemetryInterval iv;
    iv.startMsecs = a.msecs;
    iv.endMsecs = b.msecs;
    for (qsizetype i = from + 1; i <= to; ++i) {
        const TelemetryPoint &p = point(i);
        iv.reachable = iv.reachable || p.reachable;
        iv.waiting = std::max(iv.waiting, p.waiting);
        iv.running = std::max(iv.running, p.running);
    }
    iv.runs = b.runs - a.runs;
    const double seconds = double(b.msecs - a.msecs) / 1000.0;
    iv.runsPerSecond = seconds > 0 ? double(iv.runs) / seconds : 0.0;
    for (std::size_t v = 0; v < iv.finished.size(); ++v)
        iv.finished[v] = b.finished[v] - a.finished[v];
    if (const auto jobs = difference(b.jobSeconds, a.jobSeconds)) {
        iv.jobP50 = quantile(0.5, *jobs);
        iv.jobP95 = quantile(0.95, *jobs);
    }
    if (const auto runs = difference(b.runSeconds, a.runSeconds)) {
        iv.runP50 = quantile(0.5, *runs);
        iv.runP95 = quantile(0.95, *runs);
    }
    return iv;
}

QList<TelemetryInterval> TelemetryHistory::intervals(int windowSeconds, int maxIntervals) const
{
    QList<TelemetryInterval> out;
    if (m_points.size() < 2 || windowSeconds <= 0 || maxIntervals <= 0)
        return out;
    const qint64 windowMsecs = qint64(windowSeconds) * 1000;
    const qint64 start = m_points.back().msecs - windowMsecs;
    // Points in (start, end] fall in at most windowMsecs / bucket + 1 buckets.
    const qint64 bucket =
        maxIntervals > 1
            ? std::max<qint64>(1, (windowMsecs + maxIntervals - 2) / (maxIntervals - 1))
            : windowMsecs + 1;
    const auto firstInside =
        std::partition_point(m_points.begin(), m_points.end(),
                             [start](const TelemetryPoint &p) { return p.msecs <= start; });
    qsizetype baseline = std::max<qsizetype>(0, qsizetype(firstInside - m_points.begin()) - 1);
    const qsizetype last = size() - 1;
    out.reserve(std::min<qsizetype>(maxIntervals, last - baseline));
    for (qsizetype i = baseline + 1; i <= last; ++i) {
        if (i < last && point(i).msecs / bucket == point(i + 1).msecs / bucket)
            continue;
        out.append(interval(baseline, i));
        baseline = i;
    }
    return out;
}

std::optional<double> TelemetryHistory::quantile(double q, const Histogram &histogram)
{
    if (histogram.count == 0 || histogram.bounds.isEmpty() || std::isnan(q))
        return std::nullopt;
    q = std::clamp(q, 0.0, 1.0);
    double rank = q * double(histogram.count);
    const QList<double> &bounds = histogram.bounds;
    const QList<quint64> &counts = histogram.counts;
    qsizetype b = 0;
    while (b < bounds.size() && double(counts[b]) < rank)
        ++b;
    if (b == bounds.size())
        return bounds.last(); // in +Inf: the largest bound is all one can say
    if (b == 0 && bounds[0] <= 0)
        return bounds[0];
    double lower = 0;
    double inBucket = double(counts[b]);
    if (b > 0) {
        lower = bounds[b - 1];
        inBucket -= double(counts[b - 1]);
        rank -= double(counts[b - 1]);
    }
    if (inBucket <= 0)
        return lower;
    return lower + (bounds[b] - lower) * (rank / inBucket);
}

std::optional<Histogram> TelemetryHistory::difference(const Histogram &later,
                                                      const Histogram &earlier)
{
    if (later.bounds != earlier.bounds || later.counts.size() != earlier.counts.size() ||
        histogramWentBack(later, earlier))
        return std::nullopt;
    Histogram d(later.bounds);
    for (qsizetype i = 0; i < d.counts.size(); ++i)
        d.counts[i] = later.counts[i] - earlier.counts[i];
    d.count = later.count - earlier.count;
    d.sum = later.sum - earlier.sum;
    return d;
}

} // namespace evalx::ui
