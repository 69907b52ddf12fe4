#include "jobqueue.h"

namespace evalx {

const QList<double> &JobStats::bucketBounds()
{
    static const QList<double> bounds = {0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60};
    return bounds;
}

void JobStats::recordFinished(Verdict verdict, double seconds)
{
    ++finishedByVerdict[verdictName(verdict)];
    ++count;
    sumSeconds += seconds;
    const QList<double> &bounds = bucketBounds();
    bucketCounts.resize(bounds.size());
    for (qsizetype i = 0; i < bounds.size(); ++i) {
        if (seconds <= bounds[i])
            ++bucketCounts[i];
    }
}

} // namespace evalx
