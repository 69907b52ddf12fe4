#include "scoring.h"

#include "batchjudge.h"

#include <QHash>
#include <algorithm>
#include <cmath>
#include <numeric>

namespace evalx {

namespace {

// Validators print scores in decimal; a sum of shares may land a hair above its maximum.
bool exceeds(double score, double max)
{
    return score > max + 1e-9 * std::max(1.0, std::fabs(max));
}

// The default grader's worst_error order, most severe first (problemtools' default_grader:
// JE, RTE, MLE, TLE, OLE, WA, PE, AC; a compile error ranks with the judge's own).
int severity(Verdict v)
{
    switch (v) {
    case Verdict::IE:
        return 0;
    case Verdict::CE:
        return 1;
    case Verdict::RE:
        return 2;
    case Verdict::MLE:
        return 3;
    case Verdict::TLE:
        return 4;
    case Verdict::OLE:
        return 5;
    case Verdict::WA:
        return 6;
    case Verdict::PE:
        return 7;
    case Verdict::AC:
        return 8;
    case Verdict::Skipped:
        break;
    }
    return 9;
}

// One graded item of a legacy group: a test or a subgroup.
struct Graded
{
    Verdict verdict = Verdict::AC;
    double score = 0;
};

class Scorer
{
public:
    Scorer(const Problem &problem, const QList<TestVerdict> &outcomes)
        : m_p(problem)
        , m_outcomes(outcomes)
    {}

    SubmissionScore run()
    {
        m_r.groups.resize(m_p.groups.size());
        for (int g = 0; g < m_p.groups.size(); ++g) {
            m_r.groups[g].path = m_p.groups[g].path;
            m_index.insert(m_p.groups[g].path, g);
        }
        if (m_outcomes.size() != m_p.tests.size())
            return error(QStringLiteral("%1 test outcomes for %2 tests")
                             .arg(m_outcomes.size())
                             .arg(m_p.tests.size()));
        if (m_p.groups.isEmpty())
            return error(QStringLiteral("the problem has no test groups"));

        tally();
        const bool legacy = m_p.format == QLatin1String("legacy");
        const bool scoring = m_p.type == ProblemType::Scoring;
        if (legacy) {
            m_legacy.resize(m_p.groups.size());
            m_done.fill(false, m_p.groups.size());
            for (int g = 0; g < m_p.groups.size(); ++g) {
                const Graded result = legacyGroup(g);
                m_r.groups[g].verdict = result.verdict;
                if (scoring) {
                    m_r.groups[g].score = result.score;
                    const double max = m_p.groups[g].grading.rangeMax;
                    if (!std::isinf(max))
                        m_r.groups[g].maxScore = max;
                }
            }
            m_r.gradedVerdict = m_r.groups[0].verdict;
        } else {
            m_r.gradedVerdict = m_r.verdict;
        }

        if (!scoring) {
            m_r.score = m_r.gradedVerdict == Verdict::AC ? 1.0 : 0.0;
            m_r.maxScore = 1.0;
        } else if (legacy) {
            m_r.score = m_r.groups[0].score;
            m_r.maxScore = m_r.groups[0].maxScore;
        } else {
            const int secret = m_index.value(QStringLiteral("secret"), -1);
            if (secret < 0)
                return error(QStringLiteral("the problem has no secret group to score"));
            const double score = modernGroup(secret);
            if (!m_r.error.isEmpty())
                return error(m_r.error);
            m_r.score = score;
            m_r.maxScore = m_p.groups[secret].grading.maxScore;
        }
        return m_r;
    }

private:
    SubmissionScore error(const QString &message)
    {
        m_r.error = message;
        m_r.verdict = m_r.gradedVerdict = Verdict::IE;
        m_r.score.reset();
        return m_r;
    }

    // Counts, the first failure overall and each group's first failure, in judging order.
    void tally()
    {
        for (int t = 0; t < m_p.tests.size(); ++t) {
            const Verdict v = m_outcomes[t].verdict;
            if (isFailure(v) && m_r.firstFailure < 0) {
                m_r.firstFailure = t;
                m_r.verdict = v;
            }
            for (int g = m_index.value(m_p.tests[t].group, 0); g >= 0; g = m_p.groups[g].parent) {
                GroupResult &res = m_r.groups[g];
                ++res.total;
                res.judged += v != Verdict::Skipped;
                res.accepted += v == Verdict::AC;
                if (isFailure(v) && res.verdict == Verdict::AC)
                    res.verdict = v;
            }
        }
    }

    bool passed(const QString &path) const
    {
        const int g = m_index.value(path, -1);
        if (g >= 0)
            return m_r.groups[g].accepted == m_r.groups[g].total;
        for (int t = 0; t < m_p.tests.size(); ++t) {
            if (m_p.tests[t].name == path)
                return m_outcomes[t].verdict == Verdict::AC;
        }
        return false;
    }

    // ---- legacy: the default grader, group by group --------------------------------------

    Graded legacyTest(int t, const Grading &grading) const
    {
        const TestVerdict &o = m_outcomes[t];
        if (o.verdict == Verdict::AC)
            return {Verdict::AC, o.score.value_or(grading.acceptScore)};
        return {o.verdict, grading.rejectScore};
    }

    Graded legacyGroup(int g)
    {
        if (m_done[g])
            return m_legacy[g];
        const TestGroup &group = m_p.groups[g];
        const Grading &grading = group.grading;

        // Tests and subgroups interleave in judging order: a subgroup sits where its first
        // test is. Empty subgroups take no part, as in problemtools.
        struct Item
        {
            int firstTest;
            int test;     // or -1
            int subgroup; // or -1
        };
        QList<Item> items;
        for (int t : group.tests)
            items.append({t, t, -1});
        for (int s : group.subgroups) {
            const int first = firstTest(s);
            if (first < 0)
                continue;
            if (g == 0 && grading.ignoreSample && m_p.groups[s].path == QLatin1String("sample"))
                continue;
            items.append({first, -1, s});
        }
        std::sort(items.begin(), items.end(),
                  [](const Item &a, const Item &b) { return a.firstTest < b.firstTest; });

        QList<Graded> collected;
        for (const Item &item : items) {
            const Graded r =
                item.test >= 0 ? legacyTest(item.test, grading) : legacyGroup(item.subgroup);
            collected << r;
            if (isFailure(r.verdict) && grading.onRejectBreak)
                break;
        }

        Graded result;
        if (!collected.isEmpty()) {
            result.verdict = aggregateVerdict(collected, grading);
            result.score = aggregateScore(collected, grading.aggregation);
        }
        if (result.score < grading.rangeMin || result.score > grading.rangeMax) {
            result.score = std::clamp(result.score, grading.rangeMin, grading.rangeMax);
            m_r.groups[g].clamped = true;
        }
        m_done[g] = true;
        m_legacy[g] = result;
        return result;
    }

    static Verdict aggregateVerdict(const QList<Graded> &items, const Grading &grading)
    {
        bool anyAccepted = false;
        Verdict worst = Verdict::AC;
        Verdict first = Verdict::AC;
        for (const Graded &item : items) {
            if (item.verdict == Verdict::IE)
                return Verdict::IE; // a judge error in a part is the group's, whatever the mode
            anyAccepted = anyAccepted || item.verdict == Verdict::AC;
            if (isFailure(item.verdict)) {
                if (first == Verdict::AC)
                    first = item.verdict;
                if (severity(item.verdict) < severity(worst))
                    worst = item.verdict;
            }
        }
        if (grading.acceptIfAnyAccepted && anyAccepted)
            return Verdict::AC;
        switch (grading.verdicts) {
        case VerdictAggregation::WorstError:
            return worst;
        case VerdictAggregation::FirstError:
            return first;
        case VerdictAggregation::AlwaysAccept:
            break;
        }
        return Verdict::AC;
    }

    static double aggregateScore(const QList<Graded> &items, ScoreAggregation aggregation)
    {
        double sum = 0;
        double min = items.first().score;
        double max = items.first().score;
        for (const Graded &item : items) {
            sum += item.score;
            min = std::min(min, item.score);
            max = std::max(max, item.score);
        }
        switch (aggregation) {
        case ScoreAggregation::Avg:
            return sum / double(items.size());
        case ScoreAggregation::Min:
            return min;
        case ScoreAggregation::Max:
            return max;
        case ScoreAggregation::Sum:
        case ScoreAggregation::PassFail:
            break;
        }
        return sum;
    }

    int firstTest(int g) const
    {
        int first = -1;
        const TestGroup &group = m_p.groups[g];
        for (int t : group.tests)
            first = first < 0 ? t : std::min(first, t);
        for (int s : group.subgroups) {
            const int f = firstTest(s);
            if (f >= 0)
                first = first < 0 ? f : std::min(first, f);
        }
        return first;
    }

    // ---- 2023-07: secret and its groups --------------------------------------------------

    void fault(const QString &message)
    {
        if (m_r.error.isEmpty())
            m_r.error = message;
    }

    double modernTest(int t, const Grading &grading)
    {
        const TestVerdict &o = m_outcomes[t];
        if (o.verdict != Verdict::AC)
            return 0;
        const QString &name = m_p.tests[t].name;
        const std::optional<double> max = grading.testMaxScore;
        if (o.scoreMultiplier) {
            if (!max)
                fault(name + QStringLiteral(": a score multiplier for a test without a maximum "
                                            "score"));
            else if (*o.scoreMultiplier < 0 || *o.scoreMultiplier > 1)
                fault(name + QStringLiteral(": score multiplier %1 is not between 0 and 1")
                                 .arg(*o.scoreMultiplier));
            else
                return *o.scoreMultiplier * *max;
            return 0;
        }
        if (o.score) {
            if (*o.score < 0)
                fault(name + QStringLiteral(": negative score %1").arg(*o.score));
            else if (max && exceeds(*o.score, *max))
                fault(name + QStringLiteral(": score %1 is above the test's maximum %2")
                                 .arg(*o.score)
                                 .arg(*max));
            else
                return *o.score;
            return 0;
        }
        if (!max) {
            fault(name + QStringLiteral(": accepted without a score in a group with unbounded "
                                        "max_score"));
            return 0;
        }
        return *max;
    }

    double modernGroup(int g)
    {
        const TestGroup &group = m_p.groups[g];
        const Grading &grading = group.grading;
        GroupResult &res = m_r.groups[g];
        res.maxScore = grading.maxScore;

        // Every part is scored, even when this group's rules end up ignoring them, so that
        // reports show each subgroup's own score.
        QList<double> parts;
        for (int t : group.tests)
            parts << modernTest(t, grading);
        for (int s : group.subgroups)
            parts << modernGroup(s);

        double score = 0;
        bool required = true;
        for (const QString &req : grading.requirePass)
            required = required && passed(req);
        if (!required) {
            score = 0;
        } else if (grading.aggregation == ScoreAggregation::PassFail) {
            if (!grading.maxScore)
                fault(group.path + QStringLiteral(": pass-fail aggregation needs a bounded "
                                                  "max_score"));
            else if (res.accepted == res.total)
                score = *grading.maxScore;
        } else if (!parts.isEmpty()) {
            score = grading.aggregation == ScoreAggregation::Min
                        ? *std::min_element(parts.cbegin(), parts.cend())
                        : std::accumulate(parts.cbegin(), parts.cend(), 0.0);
        }
        if (grading.maxScore && exceeds(score, *grading.maxScore))
            fault(group.path + QStringLiteral(": score %1 is above its max_score %2")
                                   .arg(score)
                                   .arg(*grading.maxScore));
        res.score = score;
        return score;
    }

    const Problem &m_p;
    const QList<TestVerdict> &m_outcomes;
    SubmissionScore m_r;
    QHash<QString, int> m_index; // group path -> index
    QList<Graded> m_legacy;      // legacy results per group, once computed
    QList<bool> m_done;
};

} // namespace

SubmissionScore scoreSubmission(const Problem &problem, const QList<TestVerdict> &outcomes)
{
    return Scorer(problem, outcomes).run();
}

SubmissionScore scoreSubmission(const Problem &problem, const BatchResult &batch)
{
    QList<TestVerdict> verdicts;
    for (const TestOutcome &t : batch.tests)
        verdicts.append({t.verdict, t.score, std::nullopt});
    SubmissionScore result = scoreSubmission(problem, verdicts);
    if (verdicts.size() != problem.tests.size() && !batch.message.isEmpty())
        result.error = batch.message;
    return result;
}

} // namespace evalx
