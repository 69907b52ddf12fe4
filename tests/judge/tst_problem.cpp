// Loading problem packages: plain folders and Kattis/ICPC packages (legacy and 2023-07), from
// the small fixture packages in problems/ and from packages written into temporary folders
// by the tests. Every field a loader fills is checked, and every error must name its file.

#include "problem.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace evalx;

class TestProblem : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void naturalOrder_data();
    void naturalOrder();
    void plainFolder();
    void plainFolderWithChecker();
    void plainFolderWarnings();
    void legacyPassFail();
    void legacyScoring();
    void legacyProblemGradingOverridesGroups();
    void emptyProblemYaml();
    void modern();
    void modern2025Keys();
    void modernTimeLimitDerived();
    void interactive();
    void unknownKeysAreWarnings();
    void brokenFixtures_data();
    void brokenFixtures();
    void brokenPackages_data();
    void brokenPackages();
    void missingFolder();
};

static QString fixture(const QString &name)
{
    return QStringLiteral(EVALX_TEST_DATA "/problems/") + name;
}

static Problem load(const QString &dir)
{
    QString error;
    const std::optional<Problem> p = loadProblem(dir, &error);
    if (!p)
        qWarning("%s", qPrintable(error));
    return p.value_or(Problem());
}

// Writes FILES (alternating relative path and content) under root.
static bool writeFiles(const QString &root, const QStringList &files)
{
    for (int i = 0; i + 1 < files.size(); i += 2) {
        const QString path = root + QLatin1Char('/') + files[i];
        QDir().mkpath(QFileInfo(path).absolutePath());
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly))
            return false;
        f.write(files[i + 1].toUtf8());
    }
    return true;
}

static QStringList testNames(const Problem &p)
{
    QStringList names;
    for (const TestCase &t : p.tests)
        names << t.name;
    return names;
}

void TestProblem::naturalOrder_data()
{
    QTest::addColumn<QString>("a");
    QTest::addColumn<QString>("b");
    QTest::newRow("numbers") << "2"
                             << "10";
    QTest::newRow("prefix") << "a2"
                            << "a10";
    QTest::newRow("inner") << "t2b"
                           << "t10a";
    QTest::newRow("text") << "a"
                          << "b";
    QTest::newRow("shorter") << "a"
                             << "a1";
    QTest::newRow("zeros equal value") << "01"
                                       << "1";
    QTest::newRow("huge") << "99999999999999999999"
                          << "100000000000000000000";
}

void TestProblem::naturalOrder()
{
    QFETCH(QString, a);
    QFETCH(QString, b);
    QVERIFY(naturalCompare(a, b) < 0);
    QVERIFY(naturalCompare(b, a) > 0);
    QCOMPARE(naturalCompare(a, a), 0);
}

void TestProblem::plainFolder()
{
    const QString dir = fixture(QStringLiteral("plain"));
    const Problem p = load(dir);
    QCOMPARE(p.directory, QFileInfo(dir).absoluteFilePath());
    QCOMPARE(p.name, QStringLiteral("plain"));
    QCOMPARE(p.format, QStringLiteral("folder"));
    QCOMPARE(p.formatVersion, QString());
    QCOMPARE(p.type, ProblemType::PassFail);
    QVERIFY(!p.interactive);
    QCOMPARE(p.limits.timeSeconds, std::optional<double>(2.5));
    QCOMPARE(p.timeLimitSource, QStringLiteral(".timelimit"));
    QVERIFY(!p.limits.memoryMib);
    QVERIFY(!p.limits.outputMib);
    QCOMPARE(p.validator.kind, ValidatorKind::Default);
    QVERIFY(p.validator.directory.isEmpty());
    QVERIFY(p.validator.sources.isEmpty());
    QVERIFY(p.submissions.isEmpty());
    QCOMPARE(p.warnings, QStringList());

    QCOMPARE(testNames(p),
             (QStringList{QStringLiteral("1"), QStringLiteral("2"), QStringLiteral("10")}));
    QCOMPARE(p.tests[0].inputPath, dir + QStringLiteral("/1.in"));
    QCOMPARE(p.tests[0].answerPath, dir + QStringLiteral("/1.out"));
    QCOMPARE(p.tests[1].answerPath, dir + QStringLiteral("/2.ans"));
    QCOMPARE(p.tests[2].inputPath, dir + QStringLiteral("/10.in"));
    QCOMPARE(p.tests[2].answerPath, dir + QStringLiteral("/10.out"));
    for (const TestCase &t : p.tests) {
        QCOMPARE(t.group, QString());
        QVERIFY(!t.sample);
        QVERIFY(t.validatorFlags.isEmpty());
        QVERIFY(t.args.isEmpty());
    }
    QCOMPARE(p.groups.size(), 1);
    QCOMPARE(p.groups[0].path, QString());
    QCOMPARE(p.groups[0].parent, -1);
    QCOMPARE(p.groups[0].tests, (QList<int>{0, 1, 2}));
    QVERIFY(p.groups[0].subgroups.isEmpty());
    QCOMPARE(p.group(QString()), &p.groups[0]);
    QVERIFY(!p.group(QStringLiteral("secret")));
    QCOMPARE(deriveTimeLimit(p, 0.1), 2.5); // fixed by .timelimit
}

void TestProblem::plainFolderWithChecker()
{
    const QString dir = fixture(QStringLiteral("plain-checker"));
    const Problem p = load(dir);
    QCOMPARE(p.format, QStringLiteral("folder"));
    QCOMPARE(p.name, QStringLiteral("Echo")); // from problem.json
    QCOMPARE(p.limits.timeSeconds, std::optional<double>(1.0));
    QCOMPARE(p.timeLimitSource, QStringLiteral("problem.json"));
    QCOMPARE(p.limits.memoryMib, std::optional<quint64>(128));
    QCOMPARE(testNames(p),
             (QStringList{QStringLiteral("a1"), QStringLiteral("a2"), QStringLiteral("a10")}));
    QCOMPARE(p.tests[1].inputPath, dir + QStringLiteral("/tests/a2.in"));
    QCOMPARE(p.tests[1].answerPath, dir + QStringLiteral("/tests/a2.ans"));
    QCOMPARE(p.validator.kind, ValidatorKind::Testlib);
    QCOMPARE(p.validator.directory, dir);
    QCOMPARE(p.validator.sources, QStringList{dir + QStringLiteral("/checker.cpp")});
    QCOMPARE(p.validator.files, (QStringList{dir + QStringLiteral("/checker.cpp"),
                                             dir + QStringLiteral("/testlib.h")}));
    QCOMPARE(p.validator.language, QStringLiteral("cpp"));
    QVERIFY(p.validator.flags.isEmpty());
    QCOMPARE(p.warnings, QStringList());
}

void TestProblem::plainFolderWarnings()
{
    QTemporaryDir tmp;
    QVERIFY(writeFiles(tmp.path(),
                       {QStringLiteral("x.in"), QStringLiteral("1\n"), QStringLiteral("x.out"),
                        QStringLiteral("1\n"), QStringLiteral("x.ans"), QStringLiteral("1\n"),
                        QStringLiteral("orphan.ans"), QStringLiteral("1\n"),
                        QStringLiteral("checker.py"), QStringLiteral("exit(0)\n")}));
    const Problem p = load(tmp.path());
    QCOMPARE(p.tests.size(), 1);
    QCOMPARE(p.tests[0].answerPath, tmp.path() + QStringLiteral("/x.ans")); // .ans wins
    QCOMPARE(p.validator.kind, ValidatorKind::Testlib);
    QCOMPARE(p.validator.language, QStringLiteral("python3"));
    QCOMPARE(p.validator.files, QStringList{tmp.path() + QStringLiteral("/checker.py")});
    QCOMPARE(p.warnings.size(), 2);
    QVERIFY2(p.warnings[0].startsWith(tmp.path() + QStringLiteral("/x.out: ignored")),
             qPrintable(p.warnings[0]));
    QVERIFY2(p.warnings[1].startsWith(tmp.path() + QStringLiteral("/orphan.ans: ignored")),
             qPrintable(p.warnings[1]));
}

void TestProblem::legacyPassFail()
{
    const QString dir = fixture(QStringLiteral("legacy-passfail"));
    const Problem p = load(dir);
    QCOMPARE(p.format, QStringLiteral("legacy"));
    QCOMPARE(p.formatVersion, QString());
    QCOMPARE(p.name, QStringLiteral("Hello Legacy"));
    QCOMPARE(p.type, ProblemType::PassFail);
    QVERIFY(!p.interactive);
    QVERIFY(!p.limits.timeSeconds);
    QCOMPARE(p.timeLimitSource, QString());
    QCOMPARE(p.limits.acToTimeLimit, 3.0);  // time_multiplier
    QCOMPARE(p.limits.timeLimitToTle, 2.0); // legacy default time_safety_margin
    QCOMPARE(p.limits.memoryMib, std::optional<quint64>(512));
    QVERIFY(!p.limits.outputMib);
    QCOMPARE(p.validator.kind, ValidatorKind::Default);
    QCOMPARE(p.validator.flags,
             (QStringList{QStringLiteral("float_tolerance"), QStringLiteral("1e-6")}));
    QCOMPARE(p.warnings, QStringList());

    QCOMPARE(testNames(p), (QStringList{QStringLiteral("sample/1"), QStringLiteral("secret/01"),
                                        QStringLiteral("secret/02")}));
    QCOMPARE(p.tests[0].inputPath, dir + QStringLiteral("/data/sample/1.in"));
    QCOMPARE(p.tests[0].answerPath, dir + QStringLiteral("/data/sample/1.ans"));
    QCOMPARE(p.tests[0].group, QStringLiteral("sample"));
    QVERIFY(p.tests[0].sample);
    QCOMPARE(p.tests[2].group, QStringLiteral("secret"));
    QVERIFY(!p.tests[2].sample);
    for (const TestCase &t : p.tests)
        QCOMPARE(t.validatorFlags, p.validator.flags);

    QCOMPARE(p.groups.size(), 3);
    QCOMPARE(p.groups[0].path, QString());
    QCOMPARE(p.groups[0].subgroups, (QList<int>{1, 2}));
    QVERIFY(p.groups[0].tests.isEmpty());
    QCOMPARE(p.groups[1].path, QStringLiteral("sample"));
    QCOMPARE(p.groups[1].parent, 0);
    QCOMPARE(p.groups[1].tests, QList<int>{0});
    QCOMPARE(p.groups[2].path, QStringLiteral("secret"));
    QCOMPARE(p.groups[2].tests, (QList<int>{1, 2}));
    for (const TestGroup &g : p.groups) {
        QVERIFY(!g.hasConfig);
        QCOMPARE(g.grading.aggregation, ScoreAggregation::Sum);
        QCOMPARE(g.grading.verdicts, VerdictAggregation::WorstError);
        QVERIFY(g.grading.onRejectBreak);
        QCOMPARE(g.grading.acceptScore, 1.0);
        QCOMPARE(g.grading.rejectScore, 0.0);
    }

    QCOMPARE(p.submissions.size(), 2);
    QCOMPARE(p.submissions.value(QStringLiteral("accepted")),
             (QStringList{dir + QStringLiteral("/submissions/accepted/hello.cpp"),
                          dir + QStringLiteral("/submissions/accepted/hello.py")}));
    QCOMPARE(p.submissions.value(QStringLiteral("wrong_answer")),
             QStringList{dir + QStringLiteral("/submissions/wrong_answer/wa.py")});

    // Legacy: slowest AC x time_multiplier, rounded to whole seconds, at least 1 s.
    QCOMPARE(deriveTimeLimit(p, 0.1), 1.0);
    QCOMPARE(deriveTimeLimit(p, 0.9), 3.0); // 2.7
    QCOMPARE(deriveTimeLimit(p, 0.8), 2.0); // 2.4
}

void TestProblem::legacyScoring()
{
    const QString dir = fixture(QStringLiteral("legacy-scoring"));
    const Problem p = load(dir);
    QCOMPARE(p.format, QStringLiteral("legacy"));
    QCOMPARE(p.name, QStringLiteral("Subtasks"));
    QCOMPARE(p.type, ProblemType::Scoring);
    QCOMPARE(p.limits.timeSeconds, std::optional<double>(1.5));
    QCOMPARE(p.timeLimitSource, QStringLiteral(".timelimit"));
    QCOMPARE(p.limits.acToTimeLimit, 5.0);
    QCOMPARE(p.warnings, QStringList());
    QCOMPARE(testNames(p),
             (QStringList{QStringLiteral("sample/1"), QStringLiteral("secret/group1/1"),
                          QStringLiteral("secret/group1/2"), QStringLiteral("secret/group2/1"),
                          QStringLiteral("secret/group2/2")}));

    QStringList paths;
    for (const TestGroup &g : p.groups)
        paths << g.path;
    QCOMPARE(paths,
             (QStringList{QString(), QStringLiteral("sample"), QStringLiteral("secret"),
                          QStringLiteral("secret/group1"), QStringLiteral("secret/group2")}));

    const Grading &root = p.groups[0].grading;
    QVERIFY(p.groups[0].hasConfig);
    QVERIFY(!root.onRejectBreak);
    QVERIFY(root.ignoreSample);
    QCOMPARE(root.graderFlags,
             (QStringList{QStringLiteral("ignore_sample"), QStringLiteral("sum")}));

    const Grading &sample = p.group(QStringLiteral("sample"))->grading; // inherits the root's
    QVERIFY(!p.group(QStringLiteral("sample"))->hasConfig);
    QVERIFY(!sample.onRejectBreak);
    QCOMPARE(sample.graderFlags, root.graderFlags);

    const Grading &secret = p.group(QStringLiteral("secret"))->grading;
    QVERIFY(!secret.onRejectBreak); // inherited
    QVERIFY(!secret.ignoreSample);  // its own grader_flags replace the root's
    QCOMPARE(secret.aggregation, ScoreAggregation::Sum);

    const TestGroup *g1 = p.group(QStringLiteral("secret/group1"));
    QCOMPARE(g1->parent, 2);
    QCOMPARE(g1->tests, (QList<int>{1, 2}));
    QVERIFY(g1->grading.onRejectBreak);
    QCOMPARE(g1->grading.aggregation, ScoreAggregation::Min);
    QCOMPARE(g1->grading.verdicts, VerdictAggregation::WorstError);
    QCOMPARE(g1->grading.acceptScore, 40.0);
    QCOMPARE(g1->grading.rejectScore, 0.0);
    QVERIFY(std::isinf(g1->grading.rangeMax));

    const TestGroup *g2 = p.group(QStringLiteral("secret/group2"));
    QCOMPARE(g2->tests, (QList<int>{3, 4}));
    QVERIFY(!g2->grading.onRejectBreak);
    QCOMPARE(g2->grading.aggregation, ScoreAggregation::Min);
    QCOMPARE(g2->grading.verdicts, VerdictAggregation::FirstError);
    QCOMPARE(g2->grading.acceptScore, 60.0);
    QCOMPARE(g2->grading.rangeMin, 0.0);
    QCOMPARE(g2->grading.rangeMax, 60.0);
    QCOMPARE(g2->grading.validatorArgs, QStringList{QStringLiteral("case_sensitive")});
    QCOMPARE(p.tests[3].validatorFlags, QStringList{QStringLiteral("case_sensitive")});
    QVERIFY(p.tests[1].validatorFlags.isEmpty());
    QCOMPARE(p.group(QStringLiteral("secret"))->subgroups, (QList<int>{3, 4}));
}

void TestProblem::legacyProblemGradingOverridesGroups()
{
    QTemporaryDir tmp;
    QVERIFY(writeFiles(tmp.path(),
                       {QStringLiteral("problem.yaml"),
                        QStringLiteral("type: scoring\ngrading:\n  objective: max\n  accept_score: "
                                       "5\n  on_reject: grade\n  range: 0 10\n"),
                        QStringLiteral("data/secret/testdata.yaml"),
                        QStringLiteral("accept_score: 2\non_reject: break\n"),
                        QStringLiteral("data/secret/1.in"), QStringLiteral("1\n"),
                        QStringLiteral("data/secret/1.ans"), QStringLiteral("1\n")}));
    const Problem p = load(tmp.path());
    for (const TestGroup &g : p.groups) {
        QCOMPARE(g.grading.acceptScore, 5.0);
        QVERIFY(!g.grading.onRejectBreak);
        QCOMPARE(g.grading.rangeMax, 10.0);
    }
    QCOMPARE(p.name, QFileInfo(tmp.path()).fileName()); // no name: the folder's
}

void TestProblem::emptyProblemYaml()
{
    // An empty problem.yaml is a legacy pass-fail package with every default.
    QTemporaryDir tmp;
    QVERIFY(writeFiles(tmp.path(), {QStringLiteral("problem.yaml"), QString(),
                                    QStringLiteral("data/secret/1.in"), QStringLiteral("1\n"),
                                    QStringLiteral("data/secret/1.ans"), QStringLiteral("1\n"),
                                    QStringLiteral(".timelimit"), QStringLiteral("3\n")}));
    const Problem p = load(tmp.path());
    QCOMPARE(p.format, QStringLiteral("legacy"));
    QCOMPARE(p.type, ProblemType::PassFail);
    QCOMPARE(p.validator.kind, ValidatorKind::Default);
    QCOMPARE(p.limits.acToTimeLimit, 5.0);
    QCOMPARE(p.limits.timeSeconds, std::optional<double>(3));
    QCOMPARE(p.timeLimitSource, QStringLiteral(".timelimit"));
    QCOMPARE(testNames(p), QStringList{QStringLiteral("secret/1")});
    QCOMPARE(p.groups.size(), 2); // the root and secret; no sample folder, no sample group
    QCOMPARE(p.warnings, QStringList());
}

void TestProblem::modern()
{
    const QString dir = fixture(QStringLiteral("modern"));
    const Problem p = load(dir);
    QCOMPARE(p.format, QStringLiteral("2023-07"));
    QCOMPARE(p.formatVersion, QStringLiteral("2023-07-draft"));
    QCOMPARE(p.name, QStringLiteral("Hello Modern")); // English, though German comes first
    QCOMPARE(p.type, ProblemType::Scoring);
    QVERIFY(!p.interactive);
    QCOMPARE(p.limits.timeSeconds, std::optional<double>(2.0));
    QCOMPARE(p.timeLimitSource, QStringLiteral("problem.yaml"));
    QCOMPARE(p.limits.acToTimeLimit, 3.0);
    QCOMPARE(p.limits.timeLimitToTle, 2.0);
    QCOMPARE(p.limits.memoryMib, std::optional<quint64>(256));
    QCOMPARE(p.limits.outputMib, std::optional<quint64>(16));
    QCOMPARE(deriveTimeLimit(p, 5.0), 2.0);
    QCOMPARE(p.warnings, QStringList());

    QCOMPARE(p.validator.kind, ValidatorKind::Custom);
    QCOMPARE(p.validator.directory, dir + QStringLiteral("/output_validator"));
    QCOMPARE(p.validator.sources,
             QStringList{dir + QStringLiteral("/output_validator/validator.cpp")});
    QCOMPARE(p.validator.files, p.validator.sources);
    QCOMPARE(p.validator.language, QStringLiteral("cpp"));
    QVERIFY(p.validator.buildScript.isEmpty());
    QVERIFY(p.validator.flags.isEmpty());

    QCOMPARE(testNames(p),
             (QStringList{QStringLiteral("sample/1"), QStringLiteral("secret/g1/1"),
                          QStringLiteral("secret/g1/2"), QStringLiteral("secret/g2/1"),
                          QStringLiteral("secret/g2/2")}));
    QVERIFY(p.tests[0].validatorFlags.isEmpty());
    QCOMPARE(p.tests[1].validatorFlags, QStringList{QStringLiteral("case_sensitive")});
    QCOMPARE(p.tests[3].validatorFlags,
             (QStringList{QStringLiteral("float_tolerance"), QStringLiteral("1e-3")}));
    QCOMPARE(p.tests[4].validatorFlags, QStringList{QStringLiteral("space_change_sensitive")});
    QCOMPARE(p.tests[4].args, QStringList{QStringLiteral("--fast")});
    QVERIFY(p.tests[3].args.isEmpty());

    const TestGroup *secret = p.group(QStringLiteral("secret"));
    QVERIFY(secret->hasConfig);
    QCOMPARE(secret->grading.aggregation, ScoreAggregation::Sum);
    QCOMPARE(secret->grading.maxScore, std::optional<double>(100));
    const TestGroup *g1 = p.group(QStringLiteral("secret/g1"));
    QCOMPARE(g1->grading.aggregation, ScoreAggregation::PassFail); // the default below secret
    QCOMPARE(g1->grading.maxScore, std::optional<double>(30));
    const TestGroup *g2 = p.group(QStringLiteral("secret/g2"));
    QCOMPARE(g2->grading.aggregation, ScoreAggregation::Sum);
    QCOMPARE(g2->grading.maxScore, std::optional<double>(70)); // what g1 leaves of 100
    QCOMPARE(g2->grading.testMaxScore, std::optional<double>(35));
    const TestGroup *sample = p.group(QStringLiteral("sample"));
    QVERIFY(!sample->grading.maxScore);

    QCOMPARE(p.submissions.value(QStringLiteral("accepted")),
             QStringList{dir + QStringLiteral("/submissions/accepted/sol.py")});
    QCOMPARE(p.submissions.value(QStringLiteral("time_limit_exceeded")),
             QStringList{dir + QStringLiteral("/submissions/time_limit_exceeded/slow.py")});
}

void TestProblem::modern2025Keys()
{
    QTemporaryDir tmp;
    QVERIFY(writeFiles(
        tmp.path(),
        {QStringLiteral("problem.yaml"),
         QStringLiteral("problem_format_version: 2025-09\nname: New\nuuid: x\ntype: scoring\n"),
         QStringLiteral("data/sample/1.in"),
         QStringLiteral("1\n"),
         QStringLiteral("data/sample/1.ans"),
         QStringLiteral("1\n"),
         QStringLiteral("data/secret/test_group.yaml"),
         QStringLiteral("max_score: 60\nrequire_pass: sample\n"),
         QStringLiteral("data/secret/a/test_group.yaml"),
         QStringLiteral("max_score: 20\nscore_aggregation: min\n"),
         QStringLiteral("data/secret/a/1.in"),
         QStringLiteral("1\n"),
         QStringLiteral("data/secret/a/1.ans"),
         QStringLiteral("1\n"),
         QStringLiteral("data/secret/b/test_group.yaml"),
         QStringLiteral("require_pass: [secret/a]\nscore_aggregation: sum\n"),
         QStringLiteral("data/secret/b/1.in"),
         QStringLiteral("1\n"),
         QStringLiteral("data/secret/b/1.ans"),
         QStringLiteral("1\n"),
         QStringLiteral("data/secret/b/2.in"),
         QStringLiteral("1\n"),
         QStringLiteral("data/secret/b/2.ans"),
         QStringLiteral("1\n"),
         QStringLiteral("data/secret/b/2.files/extra.txt"),
         QStringLiteral("not a group\n")}));
    const Problem p = load(tmp.path());
    QCOMPARE(p.format, QStringLiteral("2023-07"));
    QCOMPARE(p.formatVersion, QStringLiteral("2025-09"));
    QCOMPARE(p.limits.acToTimeLimit, 2.0);
    QCOMPARE(p.limits.timeLimitToTle, 1.5);
    QCOMPARE(p.validator.kind, ValidatorKind::Default);
    QCOMPARE(p.groups.size(), 5); // the .files folder is a test's data, not a group
    const Grading &secret = p.group(QStringLiteral("secret"))->grading;
    QCOMPARE(secret.maxScore, std::optional<double>(60));
    QCOMPARE(secret.requirePass, QStringList{QStringLiteral("sample")});
    const Grading &a = p.group(QStringLiteral("secret/a"))->grading;
    QCOMPARE(a.aggregation, ScoreAggregation::Min);
    QCOMPARE(a.maxScore, std::optional<double>(20));
    QCOMPARE(a.testMaxScore, std::optional<double>(20)); // min: each test is worth all of it
    const Grading &b = p.group(QStringLiteral("secret/b"))->grading;
    QCOMPARE(b.maxScore, std::optional<double>(40));
    QCOMPARE(b.testMaxScore, std::optional<double>(20));
    QCOMPARE(b.requirePass, QStringList{QStringLiteral("secret/a")});
}

void TestProblem::modernTimeLimitDerived()
{
    QTemporaryDir tmp;
    QVERIFY(writeFiles(tmp.path(),
                       {QStringLiteral("problem.yaml"),
                        QStringLiteral("problem_format_version: 2023-07-draft\nname: T\nuuid: "
                                       "x\nlimits:\n  time_resolution: 0.5\n"),
                        QStringLiteral("data/secret/1.in"), QStringLiteral("1\n"),
                        QStringLiteral("data/secret/1.ans"), QStringLiteral("1\n")}));
    const Problem p = load(tmp.path());
    QVERIFY(!p.limits.timeSeconds);
    QCOMPARE(p.limits.timeResolution, 0.5);
    QVERIFY(!p.group(QStringLiteral("secret"))->grading.maxScore); // pass-fail: nothing scored
    QCOMPARE(deriveTimeLimit(p, 0.6), 1.5);                        // 1.2 up to the next half second
    QCOMPARE(deriveTimeLimit(p, 0.5), 1.0);
    QCOMPARE(deriveTimeLimit(p, 0.0), 0.5);
}

void TestProblem::interactive()
{
    const QString dir = fixture(QStringLiteral("interactive"));
    const Problem p = load(dir);
    QCOMPARE(p.format, QStringLiteral("legacy"));
    QCOMPARE(p.name, QStringLiteral("Guess"));
    QVERIFY(p.interactive);
    QCOMPARE(p.type, ProblemType::PassFail);
    QCOMPARE(p.validator.kind, ValidatorKind::Custom);
    const QString validator = dir + QStringLiteral("/output_validators/interactor");
    QCOMPARE(p.validator.directory, validator);
    QCOMPARE(p.validator.sources, QStringList{validator + QStringLiteral("/interactor.cpp")});
    QCOMPARE(p.validator.files, (QStringList{validator + QStringLiteral("/interactor.cpp"),
                                             validator + QStringLiteral("/interactor.h")}));
    QCOMPARE(p.validator.language, QStringLiteral("cpp"));
    QCOMPARE(testNames(p), (QStringList{QStringLiteral("sample/1"), QStringLiteral("secret/1")}));
    QCOMPARE(p.warnings, QStringList());
}

void TestProblem::unknownKeysAreWarnings()
{
    QTemporaryDir tmp;
    QVERIFY(writeFiles(tmp.path(),
                       {QStringLiteral("problem.yaml"),
                        QStringLiteral("name: W\ncolour: blue\nvalidation: custom\n"),
                        QStringLiteral("output_validators/check.py"), QStringLiteral("pass\n"),
                        QStringLiteral("data/secret/testdata.yaml"),
                        QStringLiteral("grader_flags: sum sparkly\nfrobnicate: 1\n"),
                        QStringLiteral("data/secret/1.in"), QStringLiteral("1\n"),
                        QStringLiteral("data/secret/1.ans"), QStringLiteral("1\n"),
                        QStringLiteral("data/secret/2.ans"), QStringLiteral("1\n"),
                        QStringLiteral("data/extra/1.in"), QStringLiteral("1\n")}));
    const Problem p = load(tmp.path());
    QCOMPARE(p.validator.kind, ValidatorKind::Custom);
    QCOMPARE(p.validator.directory, tmp.path() + QStringLiteral("/output_validators"));
    QCOMPARE(p.validator.language, QStringLiteral("python3"));
    const QString all = p.warnings.join(QLatin1Char('\n'));
    QCOMPARE(p.warnings.size(), 5);
    QVERIFY2(all.contains(tmp.path() + QStringLiteral("/problem.yaml: line 2, column 1: unknown "
                                                      "key 'colour'")),
             qPrintable(all));
    QVERIFY2(all.contains(QStringLiteral("testdata.yaml: line 1, column 15: unknown grader flag "
                                         "'sparkly'")),
             qPrintable(all));
    QVERIFY2(all.contains(QStringLiteral("unknown key 'frobnicate'")), qPrintable(all));
    QVERIFY2(all.contains(tmp.path() + QStringLiteral("/data/secret/2.ans: ignored")),
             qPrintable(all));
    QVERIFY2(all.contains(tmp.path() + QStringLiteral("/data/extra: ignored")), qPrintable(all));
}

void TestProblem::brokenFixtures_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("file");     // must be named, with the package's path
    QTest::addColumn<QString>("mentions"); // and this must be said
    QTest::newRow("missing .ans") << "broken-missing-ans"
                                  << "data/secret/1.in"
                                  << "no answer file 1.ans";
    QTest::newRow("yaml syntax") << "broken-yaml"
                                 << "problem.yaml"
                                 << "invalid YAML: end of sequence flow not found";
    QTest::newRow("unknown type") << "broken-type"
                                  << "problem.yaml"
                                  << "'type' has unknown value 'bogus'";
    QTest::newRow("multi-pass") << "broken-multipass"
                                << "problem.yaml"
                                << "does not judge multi-pass problems";
}

void TestProblem::brokenFixtures()
{
    QFETCH(QString, name);
    QFETCH(QString, file);
    QFETCH(QString, mentions);
    QString error;
    QVERIFY(!loadProblem(fixture(name), &error));
    QVERIFY2(error.contains(fixture(name) + QLatin1Char('/') + file), qPrintable(error));
    QVERIFY2(error.contains(mentions), qPrintable(error));
    if (name == QLatin1String("broken-yaml"))
        QVERIFY2(error.contains(QStringLiteral("line 4, column 9")), qPrintable(error));
}

void TestProblem::brokenPackages_data()
{
    QTest::addColumn<QStringList>("files");
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("mentions");
    const QString secret1 = QStringLiteral("data/secret/1.in");
    const QString secret1ans = QStringLiteral("data/secret/1.ans");
    const QString one = QStringLiteral("1\n");

    QTest::newRow("plain input without answer")
        << QStringList{QStringLiteral("1.in"),  one, QStringLiteral("2.in"), one,
                       QStringLiteral("1.out"), one}
        << "2.in"
        << "no answer: expected 2.out or 2.ans";
    QTest::newRow("empty folder") << QStringList() << ""
                                  << "no tests";
    QTest::newRow("two checkers") << QStringList{QStringLiteral("1.in"),        one,
                                                 QStringLiteral("1.out"),       one,
                                                 QStringLiteral("checker.cpp"), one,
                                                 QStringLiteral("checker.py"),  one}
                                  << "checker.cpp"
                                  << "more than one checker";
    QTest::newRow("bad .timelimit")
        << QStringList{QStringLiteral("1.in"),       one,
                       QStringLiteral("1.out"),      one,
                       QStringLiteral(".timelimit"), QStringLiteral("fast\n")}
        << ".timelimit"
        << "expected a time limit in seconds, found 'fast'";
    QTest::newRow("legacy multi-pass")
        << QStringList{QStringLiteral("problem.yaml"),
                       QStringLiteral("validation: custom multi-pass\n"),
                       secret1,
                       one,
                       secret1ans,
                       one}
        << "problem.yaml"
        << "is custom multi-pass";
    QTest::newRow("custom without validator") << QStringList{QStringLiteral("problem.yaml"),
                                                             QStringLiteral("validation: custom\n"),
                                                             secret1,
                                                             one,
                                                             secret1ans,
                                                             one}
                                              << "problem.yaml"
                                              << "no output_validators/ folder";
    QTest::newRow("interactive without validator")
        << QStringList{QStringLiteral("problem.yaml"),
                       QStringLiteral("problem_format_version: 2023-07-draft\ntype: interactive\n"),
                       secret1,
                       one,
                       secret1ans,
                       one}
        << "problem.yaml"
        << "interactive but there is no output_validator/ folder";
    QTest::newRow("two validators") << QStringList{QStringLiteral("problem.yaml"),
                                                   QStringLiteral("validation: custom\n"),
                                                   QStringLiteral("output_validators/a.cpp"),
                                                   one,
                                                   QStringLiteral("output_validators/b.cpp"),
                                                   one,
                                                   secret1,
                                                   one,
                                                   secret1ans,
                                                   one}
                                    << "output_validators"
                                    << "holds a.cpp, b.cpp";
    QTest::newRow("validator of unknown language")
        << QStringList{QStringLiteral("problem.yaml"),
                       QStringLiteral("validation: custom\n"),
                       QStringLiteral("output_validators/check.rb"),
                       one,
                       secret1,
                       one,
                       secret1ans,
                       one}
        << "output_validators/check.rb"
        << "cannot tell the validator's language";
    QTest::newRow("testdata.yaml syntax")
        << QStringList{QStringLiteral("problem.yaml"),
                       QStringLiteral("name: x\n"),
                       QStringLiteral("data/secret/testdata.yaml"),
                       QStringLiteral("grader_flags: sum\n  - oops: [\n"),
                       secret1,
                       one,
                       secret1ans,
                       one}
        << "data/secret/testdata.yaml"
        << "invalid YAML";
    QTest::newRow("custom grader") << QStringList{QStringLiteral("problem.yaml"),
                                                  QStringLiteral("type: scoring\n"),
                                                  QStringLiteral("data/testdata.yaml"),
                                                  QStringLiteral("grading: custom\n"),
                                                  secret1,
                                                  one,
                                                  secret1ans,
                                                  one}
                                   << "data/testdata.yaml"
                                   << "has only the default grader";
    QTest::newRow("bad on_reject") << QStringList{QStringLiteral("problem.yaml"),
                                                  QStringLiteral("type: scoring\n"),
                                                  QStringLiteral("data/secret/testdata.yaml"),
                                                  QStringLiteral("on_reject: maybe\n"),
                                                  secret1,
                                                  one,
                                                  secret1ans,
                                                  one}
                                   << "data/secret/testdata.yaml: line 1, column 12"
                                   << "'on_reject' must be break or continue";
    QTest::newRow("bad range") << QStringList{QStringLiteral("problem.yaml"),
                                              QStringLiteral("type: scoring\n"),
                                              QStringLiteral("data/secret/testdata.yaml"),
                                              QStringLiteral("range: 5 1\n"),
                                              secret1,
                                              one,
                                              secret1ans,
                                              one}
                               << "data/secret/testdata.yaml"
                               << "'range' must be two numbers";
    QTest::newRow("negative time limit")
        << QStringList{QStringLiteral("problem.yaml"),
                       QStringLiteral("limits:\n  time_limit: -1\n"),
                       secret1,
                       one,
                       secret1ans,
                       one}
        << "problem.yaml: line 2, column 15"
        << "'limits.time_limit' must be a number greater than 0";
    QTest::newRow("limits not a map") << QStringList{QStringLiteral("problem.yaml"),
                                                     QStringLiteral("limits: 5\n"),
                                                     secret1,
                                                     one,
                                                     secret1ans,
                                                     one}
                                      << "problem.yaml"
                                      << "'limits' must be a map";
    QTest::newRow("top level a list") << QStringList{QStringLiteral("problem.yaml"),
                                                     QStringLiteral("- a\n- b\n"),
                                                     secret1,
                                                     one,
                                                     secret1ans,
                                                     one}
                                      << "problem.yaml: line 1, column 1"
                                      << "expected a map of keys at the top level";
    QTest::newRow("unknown version")
        << QStringList{QStringLiteral("problem.yaml"),
                       QStringLiteral("problem_format_version: 1999-01\n"),
                       secret1,
                       one,
                       secret1ans,
                       one}
        << "problem.yaml"
        << "is '1999-01'";
    QTest::newRow("pass-fail and scoring")
        << QStringList{QStringLiteral("problem.yaml"),
                       QStringLiteral("problem_format_version: 2025-09\ntype: [pass-fail, "
                                      "scoring]\n"),
                       secret1,
                       one,
                       secret1ans,
                       one}
        << "problem.yaml"
        << "cannot be both pass-fail and scoring";
    QTest::newRow("submit-answer")
        << QStringList{QStringLiteral("problem.yaml"),
                       QStringLiteral("problem_format_version: 2025-09\ntype: submit-answer\n"),
                       secret1,
                       one,
                       secret1ans,
                       one}
        << "problem.yaml"
        << "does not judge submit-answer problems";
    QTest::newRow("no secret") << QStringList{QStringLiteral("problem.yaml"),
                                              QStringLiteral("name: x\n"),
                                              QStringLiteral("data/sample/1.in"),
                                              one,
                                              QStringLiteral("data/sample/1.ans"),
                                              one}
                               << "data/secret"
                               << "missing";
    QTest::newRow("no data") << QStringList{QStringLiteral("problem.yaml"),
                                            QStringLiteral("name: x\n")}
                             << "data"
                             << "missing";
    QTest::newRow("empty secret") << QStringList{QStringLiteral("problem.yaml"),
                                                 QStringLiteral("name: x\n"),
                                                 QStringLiteral("data/secret/readme.txt"), one}
                                  << "data"
                                  << "no tests";
    QTest::newRow("test directly in data") << QStringList{QStringLiteral("problem.yaml"),
                                                          QStringLiteral("name: x\n"),
                                                          QStringLiteral("data/1.in"),
                                                          one,
                                                          secret1,
                                                          one,
                                                          secret1ans,
                                                          one}
                                           << "data/1.in"
                                           << "tests belong in data/sample or data/secret";
    QTest::newRow("bad aggregation")
        << QStringList{QStringLiteral("problem.yaml"),
                       QStringLiteral("problem_format_version: 2023-07-draft\ntype: scoring\n"),
                       QStringLiteral("data/secret/test_group.yaml"),
                       QStringLiteral("scoring:\n  aggregation: avg\n"),
                       secret1,
                       one,
                       secret1ans,
                       one}
        << "data/secret/test_group.yaml: line 2, column 16"
        << "'scoring.aggregation' must be pass-fail, sum or min";
    QTest::newRow("groups above secret's max")
        << QStringList{QStringLiteral("problem.yaml"),
                       QStringLiteral("problem_format_version: 2025-09\ntype: scoring\n"),
                       QStringLiteral("data/secret/a/test_group.yaml"),
                       QStringLiteral("max_score: 80\n"),
                       QStringLiteral("data/secret/a/1.in"),
                       one,
                       QStringLiteral("data/secret/a/1.ans"),
                       one,
                       QStringLiteral("data/secret/b/test_group.yaml"),
                       QStringLiteral("max_score: 30\n"),
                       QStringLiteral("data/secret/b/1.in"),
                       one,
                       QStringLiteral("data/secret/b/1.ans"),
                       one}
        << "data/secret: its groups' max_score add up to 110, more than its own 100"
        << "";
    QTest::newRow("unknown require_pass")
        << QStringList{QStringLiteral("problem.yaml"),
                       QStringLiteral("problem_format_version: 2025-09\ntype: scoring\n"),
                       QStringLiteral("data/secret/test_group.yaml"),
                       QStringLiteral("require_pass: samples\n"),
                       secret1,
                       one,
                       secret1ans,
                       one}
        << "data/secret/test_group.yaml"
        << "require_pass names 'samples'";
    QTest::newRow("bad test yaml")
        << QStringList{QStringLiteral("problem.yaml"),
                       QStringLiteral("problem_format_version: 2025-09\n"),
                       secret1,
                       one,
                       secret1ans,
                       one,
                       QStringLiteral("data/secret/1.yaml"),
                       QStringLiteral("args: {a: [}\n")}
        << "data/secret/1.yaml"
        << "invalid YAML";
}

void TestProblem::brokenPackages()
{
    QFETCH(QStringList, files);
    QFETCH(QString, file);
    QFETCH(QString, mentions);
    QTemporaryDir tmp;
    QVERIFY(writeFiles(tmp.path(), files));
    QString error;
    QVERIFY(!loadProblem(tmp.path(), &error));
    const QString named = file.isEmpty() ? tmp.path() : tmp.path() + QLatin1Char('/') + file;
    QVERIFY2(error.startsWith(named), qPrintable(error));
    QVERIFY2(error.contains(mentions), qPrintable(error));
}

void TestProblem::missingFolder()
{
    QTemporaryDir tmp;
    const QString gone = tmp.path() + QStringLiteral("/nothing-here");
    QString error;
    QVERIFY(!loadProblem(gone, &error));
    QCOMPARE(error, gone + QStringLiteral(": no such folder"));
    QVERIFY(writeFiles(tmp.path(), {QStringLiteral("file.txt"), QStringLiteral("x")}));
    QVERIFY(!loadProblem(tmp.path() + QStringLiteral("/file.txt"), &error));
    QCOMPARE(error, tmp.path() + QStringLiteral("/file.txt: not a folder"));
}

QTEST_GUILESS_MAIN(TestProblem)
#include "tst_problem.moc"
