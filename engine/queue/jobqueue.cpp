#include "jobqueue.h"

namespace evalx {

void Histogram::observe(double value)
{
    for (qsizetype i = 0; i < bounds.size(); ++i) {
        if (value <= bounds[i])
            ++counts[i];
    }
    ++count;
    sum += value;
}

void JobStats::recordFinished(const BatchResult &result, double seconds)
{
    ++finishedByVerdict[verdictName(result.verdict)];
    jobSeconds.observe(seconds);
    for (const TestOutcome &t : result.tests) {
        if (t.verdict == Verdict::Skipped || t.verdict == Verdict::CE)
            continue; // never ran
        ++runsByVerdict[verdictName(t.verdict)];
        runSeconds.observe(t.run.wallSeconds);
    }
}

} // namespace evalx
