// Turning test outcomes into a submission's verdict and score: pass-fail problems, the legacy
// default grader (sum/avg/min/max, worst_error/first_error/always_accept, on_reject,
// accept/reject scores, range, ignore_sample, accept_if_any_accepted) and 2023-07 scoring
// (max_score shares, pass-fail/sum/min aggregation, require_pass, validator scores), on
// hand-made problems and on the fixture packages in problems/.

#include "batchjudge.h"
#include "problem.h"
#include "scoring.h"

#include <QTest>

using namespace evalx;

class TestScoring : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void passFail();
    void passFailSkippedIsNotAFailure();
    void outcomeCountMismatch();
    void legacyDefaultGrader();
    void legacyVerdictModes_data();
    void legacyVerdictModes();
    void legacyScoreModes_data();
    void legacyScoreModes();
    void legacyAcceptRejectAndValidatorScores();
    void legacyRangeClamps();
    void legacyIgnoreSample();
    void legacyBreakStopsCounting();
    void legacyJudgeErrorWins();
    void legacySkippedEarnsNothing();
    void legacyPassFailUsesTheGrader();
    void legacyScoringFixture();
    void legacyPassFailFixture();
    void modernFixture();
    void modernValidatorScores();
    void modernScoreErrors_data();
    void modernScoreErrors();
    void modernMinAndRequirePass();
    void modernUnbounded();
    void fromBatchResult();
};

static Problem fixture(const QString &name)
{
    QString error;
    const auto p = loadProblem(QStringLiteral(EVALX_TEST_DATA "/problems/") + name, &error);
    if (!p)
        qWarning("%s", qPrintable(error));
    return p.value_or(Problem());
}

// Hand-made problems: a root with groups added depth first, each with some tests.
class Builder
{
public:
    explicit Builder(const QString &format, ProblemType type = ProblemType::Scoring)
    {
        m_p.format = format;
        m_p.type = type;
        m_p.groups << TestGroup();
    }

    // Adds a group under parent with count tests; returns its index.
    int group(const QString &path, int parent, int count, const Grading &grading = {})
    {
        TestGroup g;
        g.path = path;
        g.parent = parent;
        g.grading = grading;
        const int index = int(m_p.groups.size());
        m_p.groups << g;
        m_p.groups[parent].subgroups << index;
        for (int i = 1; i <= count; ++i) {
            TestCase t;
            t.name = path + QStringLiteral("/%1").arg(i);
            t.group = path;
            t.sample = path == QLatin1String("sample");
            m_p.groups[index].tests << int(m_p.tests.size());
            m_p.tests << t;
        }
        return index;
    }

    Grading &grading(int group) { return m_p.groups[group].grading; }
    Problem problem() const { return m_p; }

private:
    Problem m_p;
};

static QList<TestVerdict> outcomes(const QList<Verdict> &verdicts)
{
    QList<TestVerdict> list;
    for (Verdict v : verdicts)
        list.append({v, std::nullopt, std::nullopt});
    return list;
}

static Grading legacyFlags(const QStringList &flags, bool onRejectBreak = true)
{
    Grading g;
    g.onRejectBreak = onRejectBreak;
    for (const QString &f : flags) {
        if (f == QLatin1String("avg"))
            g.aggregation = ScoreAggregation::Avg;
        else if (f == QLatin1String("min"))
            g.aggregation = ScoreAggregation::Min;
        else if (f == QLatin1String("max"))
            g.aggregation = ScoreAggregation::Max;
        else if (f == QLatin1String("first_error"))
            g.verdicts = VerdictAggregation::FirstError;
        else if (f == QLatin1String("always_accept"))
            g.verdicts = VerdictAggregation::AlwaysAccept;
        else if (f == QLatin1String("accept_if_any_accepted"))
            g.acceptIfAnyAccepted = true;
        else if (f == QLatin1String("ignore_sample"))
            g.ignoreSample = true;
    }
    return g;
}

using V = Verdict;

void TestScoring::passFail()
{
    Builder b(QStringLiteral("folder"), ProblemType::PassFail);
    b.group(QStringLiteral("all"), 0, 3);
    const Problem p = b.problem();

    SubmissionScore s = scoreSubmission(p, outcomes({V::AC, V::AC, V::AC}));
    QCOMPARE(s.verdict, V::AC);
    QCOMPARE(s.gradedVerdict, V::AC);
    QCOMPARE(s.firstFailure, -1);
    QCOMPARE(s.score, std::optional<double>(1));
    QCOMPARE(s.maxScore, std::optional<double>(1));
    QVERIFY(s.error.isEmpty());

    s = scoreSubmission(p, outcomes({V::AC, V::WA, V::TLE}));
    QCOMPARE(s.verdict, V::WA);
    QCOMPARE(s.gradedVerdict, V::WA);
    QCOMPARE(s.firstFailure, 1);
    QCOMPARE(s.score, std::optional<double>(0));
    QCOMPARE(s.groups.size(), 2);
    QCOMPARE(s.groups[1].path, QStringLiteral("all"));
    QCOMPARE(s.groups[1].verdict, V::WA);
    QVERIFY(!s.groups[1].score); // pass-fail groups are not scored
    QCOMPARE(s.groups[1].accepted, 1);
    QCOMPARE(s.groups[1].judged, 3);
    QCOMPARE(s.groups[1].total, 3);
    QCOMPARE(s.groups[0].total, 3); // the root counts everything below it
}

void TestScoring::passFailSkippedIsNotAFailure()
{
    Builder b(QStringLiteral("folder"), ProblemType::PassFail);
    b.group(QStringLiteral("all"), 0, 3);
    const SubmissionScore s = scoreSubmission(b.problem(), outcomes({V::AC, V::Skipped, V::AC}));
    QCOMPARE(s.verdict, V::AC);
    QCOMPARE(s.score, std::optional<double>(1));
    QCOMPARE(s.groups[1].judged, 2);
    QCOMPARE(s.groups[1].accepted, 2);

    const SubmissionScore stopped =
        scoreSubmission(b.problem(), outcomes({V::RE, V::Skipped, V::Skipped}));
    QCOMPARE(stopped.verdict, V::RE);
    QCOMPARE(stopped.firstFailure, 0);
    QCOMPARE(stopped.groups[1].judged, 1);
}

void TestScoring::outcomeCountMismatch()
{
    Builder b(QStringLiteral("folder"), ProblemType::PassFail);
    b.group(QStringLiteral("all"), 0, 2);
    const SubmissionScore s = scoreSubmission(b.problem(), outcomes({V::AC}));
    QCOMPARE(s.verdict, V::IE);
    QCOMPARE(s.gradedVerdict, V::IE);
    QVERIFY(!s.score);
    QCOMPARE(s.error, QStringLiteral("1 test outcomes for 2 tests"));
}

// Root -> sample (1 test), secret (n tests); the legacy defaults everywhere but where given.
static Builder legacyProblem(int secretTests, const Grading &secret = {}, const Grading &root = {})
{
    Builder b(QStringLiteral("legacy"));
    b.grading(0) = root;
    b.group(QStringLiteral("sample"), 0, 1, root);
    b.group(QStringLiteral("secret"), 0, secretTests, secret);
    return b;
}

void TestScoring::legacyDefaultGrader()
{
    // sum, worst_error, on_reject: break, accept_score 1, reject_score 0.
    const Problem p = legacyProblem(3).problem();
    SubmissionScore s = scoreSubmission(p, outcomes({V::AC, V::AC, V::AC, V::AC}));
    QCOMPARE(s.verdict, V::AC);
    QCOMPARE(s.score, std::optional<double>(4));
    QVERIFY(!s.maxScore); // range is unbounded
    QCOMPARE(s.groups[2].score, std::optional<double>(3));

    // secret stops at its first failure: AC 1 + WA 0, the last AC is never counted.
    s = scoreSubmission(p, outcomes({V::AC, V::AC, V::WA, V::AC}));
    QCOMPARE(s.verdict, V::WA);
    QCOMPARE(s.firstFailure, 2);
    QCOMPARE(s.gradedVerdict, V::WA);
    QCOMPARE(s.groups[2].verdict, V::WA);
    QCOMPARE(s.groups[2].score, std::optional<double>(1));
    QCOMPARE(s.score, std::optional<double>(2)); // sample 1 + secret 1

    // A failing sample stops the root: secret is not counted at all.
    s = scoreSubmission(p, outcomes({V::WA, V::AC, V::AC, V::AC}));
    QCOMPARE(s.gradedVerdict, V::WA);
    QCOMPARE(s.score, std::optional<double>(0));
    QCOMPARE(s.groups[2].score, std::optional<double>(3)); // still reported on its own
}

void TestScoring::legacyVerdictModes_data()
{
    QTest::addColumn<QStringList>("flags");
    QTest::addColumn<Verdict>("graded");
    // Secret runs WA, RE, AC with on_reject: continue.
    QTest::newRow("worst_error") << QStringList() << V::RE;
    QTest::newRow("first_error") << QStringList{QStringLiteral("first_error")} << V::WA;
    QTest::newRow("always_accept") << QStringList{QStringLiteral("always_accept")} << V::AC;
    QTest::newRow("accept_if_any_accepted")
        << QStringList{QStringLiteral("accept_if_any_accepted")} << V::AC;
}

void TestScoring::legacyVerdictModes()
{
    QFETCH(QStringList, flags);
    QFETCH(Verdict, graded);
    const Problem p = legacyProblem(3, legacyFlags(flags, false)).problem();
    const SubmissionScore s = scoreSubmission(p, outcomes({V::AC, V::WA, V::RE, V::AC}));
    QCOMPARE(s.verdict, V::WA); // EvalX's own verdict: the first failing test
    QCOMPARE(s.groups[2].verdict, graded);
    QCOMPARE(s.gradedVerdict, graded);
    QCOMPARE(s.groups[2].score, std::optional<double>(1));
}

void TestScoring::legacyScoreModes_data()
{
    QTest::addColumn<QString>("flag");
    QTest::addColumn<double>("score");
    // Validator scores 2, 6, 4 on three accepted tests.
    QTest::newRow("sum") << "sum" << 12.0;
    QTest::newRow("avg") << "avg" << 4.0;
    QTest::newRow("min") << "min" << 2.0;
    QTest::newRow("max") << "max" << 6.0;
}

void TestScoring::legacyScoreModes()
{
    QFETCH(QString, flag);
    QFETCH(double, score);
    Builder b(QStringLiteral("legacy"));
    b.group(QStringLiteral("secret"), 0, 3, legacyFlags({flag}));
    QList<TestVerdict> o = outcomes({V::AC, V::AC, V::AC});
    o[0].score = 2;
    o[1].score = 6;
    o[2].score = 4;
    const SubmissionScore s = scoreSubmission(b.problem(), o);
    QCOMPARE(s.groups[1].score, std::optional<double>(score));
    QCOMPARE(s.score, std::optional<double>(score));
}

void TestScoring::legacyAcceptRejectAndValidatorScores()
{
    Grading g = legacyFlags({}, false);
    g.acceptScore = 10;
    g.rejectScore = -1;
    Builder b(QStringLiteral("legacy"));
    b.group(QStringLiteral("secret"), 0, 4, g);
    QList<TestVerdict> o = outcomes({V::AC, V::AC, V::WA, V::Skipped});
    o[0].score = 7;  // the validator's own score wins over accept_score
    o[2].score = 99; // but a rejected test always takes reject_score
    const SubmissionScore s = scoreSubmission(b.problem(), o);
    QCOMPARE(s.score, std::optional<double>(7 + 10 - 1 - 1));
    QCOMPARE(s.gradedVerdict, V::WA);
}

void TestScoring::legacyRangeClamps()
{
    Grading g = legacyFlags({});
    g.acceptScore = 3;
    g.rangeMin = 0;
    g.rangeMax = 5;
    Builder b(QStringLiteral("legacy"));
    b.group(QStringLiteral("secret"), 0, 3, g);
    SubmissionScore s = scoreSubmission(b.problem(), outcomes({V::AC, V::AC, V::AC}));
    QCOMPARE(s.groups[1].score, std::optional<double>(5));
    QCOMPARE(s.groups[1].maxScore, std::optional<double>(5));
    QVERIFY(s.groups[1].clamped);
    QCOMPARE(s.score, std::optional<double>(5));

    s = scoreSubmission(b.problem(), outcomes({V::AC, V::AC, V::Skipped}));
    QCOMPARE(s.groups[1].score, std::optional<double>(5)); // 6 clamped
    s = scoreSubmission(b.problem(), outcomes({V::AC, V::Skipped, V::Skipped}));
    QCOMPARE(s.groups[1].score, std::optional<double>(3));
    QVERIFY(!s.groups[1].clamped);
}

void TestScoring::legacyIgnoreSample()
{
    // Root: ignore_sample, on_reject: continue. The sample fails; only secret counts.
    const Grading root = legacyFlags({QStringLiteral("ignore_sample")}, false);
    Builder b = legacyProblem(2, {}, root);
    b.grading(1) = Grading(); // sample's own settings don't matter here
    SubmissionScore s = scoreSubmission(b.problem(), outcomes({V::WA, V::AC, V::AC}));
    QCOMPARE(s.verdict, V::WA); // the first failing test is still the sample
    QCOMPARE(s.firstFailure, 0);
    QCOMPARE(s.gradedVerdict, V::AC);
    QCOMPARE(s.score, std::optional<double>(2));

    // Without the flag the root is WA and counts the sample's reject score too.
    Builder plain = legacyProblem(2, {}, legacyFlags({}, false));
    s = scoreSubmission(plain.problem(), outcomes({V::WA, V::AC, V::AC}));
    QCOMPARE(s.gradedVerdict, V::WA);
    QCOMPARE(s.score, std::optional<double>(2));
    s = scoreSubmission(plain.problem(), outcomes({V::AC, V::AC, V::AC}));
    QCOMPARE(s.score, std::optional<double>(3));
}

void TestScoring::legacyBreakStopsCounting()
{
    // max aggregation shows what break leaves out: only the WA is counted.
    Builder b(QStringLiteral("legacy"));
    b.group(QStringLiteral("secret"), 0, 2, legacyFlags({QStringLiteral("max")}));
    SubmissionScore s = scoreSubmission(b.problem(), outcomes({V::WA, V::AC}));
    QCOMPARE(s.groups[1].score, std::optional<double>(0));
    QCOMPARE(s.groups[1].verdict, V::WA);

    Builder c(QStringLiteral("legacy"));
    c.group(QStringLiteral("secret"), 0, 2, legacyFlags({QStringLiteral("max")}, false));
    s = scoreSubmission(c.problem(), outcomes({V::WA, V::AC}));
    QCOMPARE(s.groups[1].score, std::optional<double>(1));
}

void TestScoring::legacyJudgeErrorWins()
{
    Builder b(QStringLiteral("legacy"));
    b.group(QStringLiteral("secret"), 0, 3,
            legacyFlags({QStringLiteral("always_accept"), QStringLiteral("accept_if_any_accepted")},
                        false));
    const SubmissionScore s = scoreSubmission(b.problem(), outcomes({V::AC, V::IE, V::WA}));
    QCOMPARE(s.groups[1].verdict, V::IE);
    QCOMPARE(s.gradedVerdict, V::IE);
    QCOMPARE(s.verdict, V::IE);
}

void TestScoring::legacySkippedEarnsNothing()
{
    // Skipped is no failure (the verdict stays AC) but scores reject_score.
    Grading g = legacyFlags({QStringLiteral("min")}, false);
    g.acceptScore = 50;
    Builder b(QStringLiteral("legacy"));
    b.group(QStringLiteral("secret"), 0, 2, g);
    const SubmissionScore s = scoreSubmission(b.problem(), outcomes({V::AC, V::Skipped}));
    QCOMPARE(s.verdict, V::AC);
    QCOMPARE(s.gradedVerdict, V::AC);
    QCOMPARE(s.score, std::optional<double>(0));
}

void TestScoring::legacyPassFailUsesTheGrader()
{
    Builder b(QStringLiteral("legacy"), ProblemType::PassFail);
    b.group(QStringLiteral("secret"), 0, 3, legacyFlags({}, false));
    const SubmissionScore s = scoreSubmission(b.problem(), outcomes({V::WA, V::TLE, V::AC}));
    QCOMPARE(s.verdict, V::WA);
    QCOMPARE(s.gradedVerdict, V::TLE); // worst_error: TLE ranks above WA
    QCOMPARE(s.score, std::optional<double>(0));
    QVERIFY(!s.groups[1].score);
}

void TestScoring::legacyScoringFixture()
{
    // data: ignore_sample sum, continue; secret: sum; group1: min, accept 40, break;
    // group2: min first_error, accept 60, range 0 60, continue.
    const Problem p = fixture(QStringLiteral("legacy-scoring"));
    QCOMPARE(p.tests.size(), 5);
    SubmissionScore s = scoreSubmission(p, outcomes({V::AC, V::AC, V::AC, V::AC, V::AC}));
    QCOMPARE(s.verdict, V::AC);
    QCOMPARE(s.score, std::optional<double>(100));
    QCOMPARE(s.groups[3].score, std::optional<double>(40));
    QCOMPARE(s.groups[4].score, std::optional<double>(60));
    QCOMPARE(s.groups[4].maxScore, std::optional<double>(60));
    QVERIFY(!s.maxScore);

    s = scoreSubmission(p, outcomes({V::WA, V::AC, V::AC, V::AC, V::WA}));
    QCOMPARE(s.verdict, V::WA);
    QCOMPARE(s.firstFailure, 0);
    QCOMPARE(s.groups[1].verdict, V::WA);                  // the sample
    QCOMPARE(s.groups[4].verdict, V::WA);                  // min(60, 0)
    QCOMPARE(s.groups[4].score, std::optional<double>(0)); // min(60, 0)
    QCOMPARE(s.groups[2].score, std::optional<double>(40));
    QCOMPARE(s.gradedVerdict, V::WA);
    QCOMPARE(s.score, std::optional<double>(40)); // the sample is ignored

    // group1 breaks at its first failure: its second test is not judged.
    s = scoreSubmission(p, outcomes({V::AC, V::TLE, V::Skipped, V::AC, V::AC}));
    QCOMPARE(s.verdict, V::TLE);
    QCOMPARE(s.groups[3].verdict, V::TLE);
    QCOMPARE(s.groups[3].score, std::optional<double>(0));
    QCOMPARE(s.groups[3].judged, 1);
    QCOMPARE(s.groups[3].total, 2);
    QCOMPARE(s.score, std::optional<double>(60));
}

void TestScoring::legacyPassFailFixture()
{
    const Problem p = fixture(QStringLiteral("legacy-passfail"));
    SubmissionScore s = scoreSubmission(p, outcomes({V::AC, V::AC, V::AC}));
    QCOMPARE(s.verdict, V::AC);
    QCOMPARE(s.score, std::optional<double>(1));
    s = scoreSubmission(p, outcomes({V::AC, V::RE, V::Skipped}));
    QCOMPARE(s.verdict, V::RE);
    QCOMPARE(s.gradedVerdict, V::RE);
    QCOMPARE(s.firstFailure, 1);
    QCOMPARE(s.score, std::optional<double>(0));
    QCOMPARE(s.groups[2].verdict, V::RE);
    QCOMPARE(s.groups[1].verdict, V::AC);
}

void TestScoring::modernFixture()
{
    // secret (sum, 100) = g1 (pass-fail, 30) + g2 (sum, 70: 35 per test); samples don't count.
    const Problem p = fixture(QStringLiteral("modern"));
    SubmissionScore s = scoreSubmission(p, outcomes({V::WA, V::AC, V::AC, V::AC, V::WA}));
    QCOMPARE(s.verdict, V::WA);
    QCOMPARE(s.firstFailure, 0);
    QCOMPARE(s.gradedVerdict, V::WA);
    QCOMPARE(s.score, std::optional<double>(65));
    QCOMPARE(s.maxScore, std::optional<double>(100));
    QVERIFY(s.error.isEmpty());
    QVERIFY(!s.groups[0].score); // the root
    QVERIFY(!s.groups[1].score); // sample
    QCOMPARE(s.groups[1].verdict, V::WA);
    QCOMPARE(s.groups[2].score, std::optional<double>(65));
    QCOMPARE(s.groups[3].score, std::optional<double>(30));
    QCOMPARE(s.groups[3].maxScore, std::optional<double>(30));
    QCOMPARE(s.groups[4].score, std::optional<double>(35));
    QCOMPARE(s.groups[4].maxScore, std::optional<double>(70));
    QCOMPARE(s.groups[4].verdict, V::WA);

    s = scoreSubmission(p, outcomes({V::AC, V::AC, V::TLE, V::AC, V::AC}));
    QCOMPARE(s.groups[3].score, std::optional<double>(0)); // pass-fail: all or nothing
    QCOMPARE(s.score, std::optional<double>(70));

    s = scoreSubmission(p, outcomes({V::AC, V::AC, V::AC, V::AC, V::AC}));
    QCOMPARE(s.verdict, V::AC);
    QCOMPARE(s.score, std::optional<double>(100));

    s = scoreSubmission(p, outcomes({V::AC, V::AC, V::Skipped, V::AC, V::Skipped}));
    QCOMPARE(s.verdict, V::AC);                   // nothing failed...
    QCOMPARE(s.score, std::optional<double>(35)); // ...but skipped tests earn nothing
}

void TestScoring::modernValidatorScores()
{
    const Problem p = fixture(QStringLiteral("modern"));
    QList<TestVerdict> o = outcomes({V::AC, V::AC, V::AC, V::AC, V::AC});
    o[3].score = 20;
    o[4].scoreMultiplier = 0.5;
    const SubmissionScore s = scoreSubmission(p, o);
    QVERIFY2(s.error.isEmpty(), qPrintable(s.error));
    QCOMPARE(s.groups[4].score, std::optional<double>(37.5));
    QCOMPARE(s.score, std::optional<double>(67.5));
}

void TestScoring::modernScoreErrors_data()
{
    QTest::addColumn<int>("test");
    QTest::addColumn<double>("score");
    QTest::addColumn<double>("multiplier"); // < -1: none
    QTest::addColumn<QString>("error");
    QTest::newRow("above the test's share")
        << 3 << 36.0 << -9.0 << "secret/g2/1: score 36 is above the test's maximum 35";
    QTest::newRow("negative") << 3 << -1.0 << -9.0 << "secret/g2/1: negative score -1";
    QTest::newRow("multiplier above 1")
        << 4 << -9.0 << 1.5 << "secret/g2/2: score multiplier 1.5 is not between 0 and 1";
}

void TestScoring::modernScoreErrors()
{
    QFETCH(int, test);
    QFETCH(double, score);
    QFETCH(double, multiplier);
    QFETCH(QString, error);
    const Problem p = fixture(QStringLiteral("modern"));
    QList<TestVerdict> o = outcomes({V::AC, V::AC, V::AC, V::AC, V::AC});
    if (score > -2)
        o[test].score = score;
    if (multiplier > -2)
        o[test].scoreMultiplier = multiplier;
    const SubmissionScore s = scoreSubmission(p, o);
    QCOMPARE(s.error, error);
    QCOMPARE(s.verdict, V::IE);
    QCOMPARE(s.gradedVerdict, V::IE);
    QVERIFY(!s.score);
}

void TestScoring::modernMinAndRequirePass()
{
    // secret (sum, 60, requires sample): a (min, 20), b (sum, 40, requires a).
    Builder b(QStringLiteral("2023-07"));
    b.group(QStringLiteral("sample"), 0, 1);
    Grading secret;
    secret.maxScore = 60;
    secret.requirePass = {QStringLiteral("sample")};
    const int s = b.group(QStringLiteral("secret"), 0, 0, secret);
    Grading a;
    a.aggregation = ScoreAggregation::Min;
    a.maxScore = 20;
    a.testMaxScore = 20;
    b.group(QStringLiteral("secret/a"), s, 2, a);
    Grading g;
    g.maxScore = 40;
    g.testMaxScore = 20;
    g.requirePass = {QStringLiteral("secret/a")};
    b.group(QStringLiteral("secret/b"), s, 2, g);
    const Problem p = b.problem();

    QList<TestVerdict> o = outcomes({V::AC, V::AC, V::AC, V::AC, V::AC});
    o[1].score = 15; // min(15, 20)
    SubmissionScore r = scoreSubmission(p, o);
    QVERIFY2(r.error.isEmpty(), qPrintable(r.error));
    QCOMPARE(r.groups[3].score, std::optional<double>(15));
    QCOMPARE(r.score, std::optional<double>(55));

    // a fails: b is not scored, though its own tests passed.
    r = scoreSubmission(p, outcomes({V::AC, V::WA, V::AC, V::AC, V::AC}));
    QCOMPARE(r.groups[3].score, std::optional<double>(0));
    QCOMPARE(r.groups[4].score, std::optional<double>(0));
    QCOMPARE(r.groups[4].verdict, V::AC);
    QCOMPARE(r.score, std::optional<double>(0));

    // The sample fails: secret scores nothing at all.
    r = scoreSubmission(p, outcomes({V::WA, V::AC, V::AC, V::AC, V::AC}));
    QCOMPARE(r.groups[3].score, std::optional<double>(20));
    QCOMPARE(r.groups[4].score, std::optional<double>(40));
    QCOMPARE(r.score, std::optional<double>(0));
}

void TestScoring::modernUnbounded()
{
    Builder b(QStringLiteral("2023-07"));
    Grading secret; // sum, unbounded, tests unbounded
    b.group(QStringLiteral("secret"), 0, 2, secret);
    const Problem p = b.problem();
    QList<TestVerdict> o = outcomes({V::AC, V::AC});
    o[0].score = 1000;
    o[1].score = 0.5;
    SubmissionScore r = scoreSubmission(p, o);
    QCOMPARE(r.score, std::optional<double>(1000.5));
    QVERIFY(!r.maxScore);

    o[1].score.reset();
    r = scoreSubmission(p, o);
    QCOMPARE(r.verdict, V::IE);
    QCOMPARE(r.error, QStringLiteral("secret/2: accepted without a score in a group with "
                                     "unbounded max_score"));
}

void TestScoring::fromBatchResult()
{
    const Problem p = fixture(QStringLiteral("modern"));
    BatchResult batch;
    batch.verdict = V::WA;
    const QList<Verdict> verdicts = {V::AC, V::AC, V::AC, V::WA, V::AC};
    for (int i = 0; i < verdicts.size(); ++i) {
        TestOutcome t;
        t.index = i;
        t.name = p.tests[i].name;
        t.verdict = verdicts[i];
        batch.tests << t;
    }
    batch.tests[4].score = 10; // score.txt of the last test
    SubmissionScore s = scoreSubmission(p, batch);
    QCOMPARE(s.verdict, V::WA);
    QCOMPARE(s.firstFailure, 3);
    QCOMPARE(s.score, std::optional<double>(40)); // g1 30 + g2 (0 + 10)

    // A compile error fails every test: nothing scores.
    for (TestOutcome &t : batch.tests)
        t.verdict = V::CE;
    s = scoreSubmission(p, batch);
    QCOMPARE(s.verdict, V::CE);
    QCOMPARE(s.score, std::optional<double>(0));

    // A batch that never ran its tests says why.
    BatchResult broken;
    broken.message = QStringLiteral("the checker does not build: oops");
    s = scoreSubmission(p, broken);
    QCOMPARE(s.verdict, V::IE);
    QCOMPARE(s.error, broken.message);
    QVERIFY(!s.score);
}

QTEST_GUILESS_MAIN(TestScoring)
#include "tst_scoring.moc"
