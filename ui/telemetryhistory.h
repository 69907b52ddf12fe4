#pragma once

#include "consolesource.h"
#include "verdict.h"

#include <QList>
#include <array>
#include <deque>
#include <optional>

namespace evalx::ui {

inline constexpr int kVerdictCount = int(Verdict::Skipped) + 1;

// One sample as the history keeps it. The counters are not the judge's own
// but their sum since the history began, carried across restarts of the
// judge, so that any two points can be subtracted.
struct TelemetryPoint
{
    qint64 msecs = 0; // when, since the epoch (UTC)
    bool reachable = false;
    int waiting = 0;
    int running = 0;
    quint64 runs = 0;                              // test runs
    std::array<quint64, kVerdictCount> finished{}; // finished jobs, by Verdict
    Histogram jobSeconds{QList<double>()};
    Histogram runSeconds{QList<double>()};
};

// What happened between two points.
struct TelemetryInterval
{
    qint64 startMsecs = 0;
    qint64 endMsecs = 0;
    bool reachable = false; // the judge answered at least once in it
    int waiting = 0;        // the most seen in it
    int running = 0;
    quint64 runs = 0;
    double runsPerSecond = 0;
    std::array<quint64, kVerdictCount> finished{};
    // Seconds, as histogram_quantile would estimate them; nothing when
    // nothing was observed in the interval.
    std::optional<double> jobP50;
    std::optional<double> jobP95;
    std::optional<double> runP50;
    std::optional<double> runP95;

    quint64 finishedTotal() const;
};

// The console's memory of the judge's telemetry: fed one sample about once a
// second, it keeps the last maxAgeSeconds of them and derives rates and
// latency quantiles over any stretch. No widgets: the dashboard draws it.
class TelemetryHistory final
{
public:
    static constexpr int kDefaultMaxAgeSeconds = 3600;

    explicit TelemetryHistory(int maxAgeSeconds = kDefaultMaxAgeSeconds);

    void add(const Telemetry &sample);
    void clear();

    qsizetype size() const { return qsizetype(m_points.size()); }
    bool isEmpty() const { return m_points.empty(); }
    const TelemetryPoint &point(qsizetype i) const { return m_points[std::size_t(i)]; }
    const TelemetryPoint &last() const { return m_points.back(); }
    int maxAgeSeconds() const { return m_maxAgeMsecs / 1000; }
    // How many times the judge's counters went back (it restarted).
    int resets() const { return m_resets; }

    // Between two points (from < to), by index.
    TelemetryInterval interval(qsizetype from, qsizetype to) const;
    // The last windowSeconds up to the newest point, in at most maxIntervals
    // intervals: one per sample while they fit, else samples grouped into
    // equal stretches of time aligned on the clock (so that the groups do not
    // shift as samples arrive).
    QList<TelemetryInterval> intervals(int windowSeconds, int maxIntervals) const;

    // histogram_quantile as Prometheus computes it: the bucket holding the
    // q-th observation, interpolated linearly inside it; the largest finite
    // bound when it falls in +Inf. Nothing when the histogram is empty.
    static std::optional<double> quantile(double q, const Histogram &histogram);
    // later - earlier, bucket by bucket; nothing when the bounds differ or a
    // count went back.
    static std::optional<Histogram> difference(const Histogram &later, const Histogram &earlier);

private:
    void trim();
    void accumulate(TelemetryPoint &point, const JobStats &stats);

    qint64 m_maxAgeMsecs;
    std::deque<TelemetryPoint> m_points; // oldest first, trimmed at the front: a ring
    std::optional<JobStats> m_lastStats; // the judge's own counters, last time it answered
    int m_resets = 0;
};

} // namespace evalx::ui
