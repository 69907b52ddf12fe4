// A submission judged against a batch of tests in real boxes: compiled once,
// fanned out, each output checked by a built-in comparison, a testlib checker,
// an ICPC output validator or, for interactive problems, an interactor.

#include "../sandbox/boxfixture.h"
#include "batchjudge.h"

#include <QMutex>

using namespace evalx;
using namespace evalx::test;

class TestBatchJudge : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void verdictPerTest();
    void compilesOnceAndReportsAsTestsFinish();
    void stopsAtTheFirstFailure();
    void cancelSkipsWhatHasNotStarted();
    void compileErrorMarksEveryTest();
    void builtInComparisons();
    void testlibChecker();
    void kattisValidator();
    void brokenCheckerIsTheJudgesFault();
    void missingTestFileNamesIt();
    void interactive_data();
    void interactive();

private:
    static QByteArray read(const QString &name);
    static TestData test(const QString &name, const QByteArray &input, const QByteArray &answer);
    BatchRequest request(const QList<QByteArray> &inputs) const;

    LanguageCatalogue m_languages = LanguageCatalogue::builtIn();
    std::unique_ptr<BoxPool> m_pool;
    std::unique_ptr<Executor> m_executor;
    std::unique_ptr<BatchJudge> m_judge;
};

QByteArray TestBatchJudge::read(const QString &name)
{
    QFile f(QStringLiteral(EVALX_TEST_DATA "/batch/") + name);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

TestData TestBatchJudge::test(const QString &name, const QByteArray &input,
                              const QByteArray &answer)
{
    TestData t;
    t.name = name;
    t.input = input;
    t.answer = answer;
    return t;
}

// The doubling program against the given inputs, with right answers.
BatchRequest TestBatchJudge::request(const QList<QByteArray> &inputs) const
{
    BatchRequest r;
    r.submission = Submission::fromSource(*m_languages.find(QStringLiteral("c")),
                                          read(QStringLiteral("double.c")));
    for (const QByteArray &in : inputs)
        r.tests << test(QString::fromLatin1(in), in + '\n',
                        QByteArray::number(2 * in.toLong()) + '\n');
    r.limits = defaultLimits();
    r.limits.cpuMs = 1000;
    r.limits.wallMs = 3000;
    r.limits.memoryKib = 64 * 1024;
    return r;
}

void TestBatchJudge::initTestCase()
{
    QString error;
    m_pool = startPool(2, &error);
    QVERIFY2(m_pool, qPrintable(error));
    m_executor = std::make_unique<Executor>(*m_pool);
    m_judge = std::make_unique<BatchJudge>(*m_executor, m_languages);
}

void TestBatchJudge::verdictPerTest()
{
    const BatchResult r = m_judge->judge(request({"1", "13", "99", "77", "55", "7", "2"}));
    QCOMPARE(r.tests.size(), 7);
    const QList<Verdict> expected = {Verdict::AC,  Verdict::WA, Verdict::RE, Verdict::TLE,
                                     Verdict::MLE, Verdict::PE, Verdict::AC};
    for (int i = 0; i < expected.size(); ++i) {
        QVERIFY2(r.tests[i].verdict == expected[i],
                 qPrintable(r.tests[i].name + QLatin1String(": ") +
                            verdictName(r.tests[i].verdict) + QLatin1Char(' ') +
                            r.tests[i].run.message + r.tests[i].check.message));
        QCOMPARE(r.tests[i].index, i);
    }
    QCOMPARE(r.verdict, Verdict::WA); // the first failing test's
    QVERIFY2(r.tests[1].check.message.contains(QLatin1String("expected '26', found '0'")),
             qPrintable(r.tests[1].check.message));
    QCOMPARE(r.count(Verdict::AC), 2);
    QVERIFY(r.maxCpuSeconds() >= 1.0); // the TLE test
}

void TestBatchJudge::compilesOnceAndReportsAsTestsFinish()
{
    BatchRequest req = request({"1", "2", "3", "4", "5", "6", "8", "9"});
    req.submission.files[0].data += "/* a fresh artifact */\n";
    const auto before = m_executor->cache().stats();
    QMutex mutex;
    QList<int> seen;
    const BatchResult first = m_judge->judge(req, [&](const TestOutcome &t) {
        QMutexLocker lock(&mutex);
        seen << t.index;
    });
    QCOMPARE(first.verdict, Verdict::AC);
    QVERIFY(!first.compileCached);
    std::sort(seen.begin(), seen.end());
    QCOMPARE(seen, (QList<int>{0, 1, 2, 3, 4, 5, 6, 7}));
    QCOMPARE(m_executor->cache().stats().misses - before.misses, 1u);
    // The same source again: nothing compiles.
    const BatchResult second = m_judge->judge(req);
    QVERIFY(second.compileCached);
    QCOMPARE(second.verdict, Verdict::AC);
    QCOMPARE(m_executor->cache().stats().misses - before.misses, 1u);
}

void TestBatchJudge::stopsAtTheFirstFailure()
{
    BatchRequest req = request({"1", "13", "2", "3", "4"});
    req.stopOnFirstFailure = true;
    req.parallel = 1; // in order, one at a time: everything after test 2 is skipped
    const BatchResult r = m_judge->judge(req);
    QCOMPARE(r.verdict, Verdict::WA);
    QCOMPARE(r.tests[0].verdict, Verdict::AC);
    QCOMPARE(r.tests[1].verdict, Verdict::WA);
    for (int i = 2; i < 5; ++i)
        QCOMPARE(r.tests[i].verdict, Verdict::Skipped);
    // Run all (the default): every test has its own verdict.
    req.stopOnFirstFailure = false;
    QCOMPARE(m_judge->judge(req).count(Verdict::Skipped), 0);
}

void TestBatchJudge::cancelSkipsWhatHasNotStarted()
{
    BatchRequest req = request({"1", "2", "3", "4", "5"});
    req.parallel = 1;
    std::atomic_bool cancel{false};
    const BatchResult r = m_judge->judge(
        req, [&](const TestOutcome &) { cancel = true; }, &cancel);
    QCOMPARE(r.tests[0].verdict, Verdict::AC);
    QCOMPARE(r.count(Verdict::Skipped), 4);
    QCOMPARE(r.message, QStringLiteral("cancelled"));
}

void TestBatchJudge::compileErrorMarksEveryTest()
{
    BatchRequest req = request({"1", "2"});
    req.submission.files[0].data = "int main(void) { return nope; }";
    const BatchResult r = m_judge->judge(req);
    QCOMPARE(r.verdict, Verdict::CE);
    QVERIFY(r.compileOutput.contains(QLatin1String("nope")));
    QCOMPARE(r.count(Verdict::CE), 2);
}

void TestBatchJudge::builtInComparisons()
{
    // Output "  14" for 7: PE by Judge0's lines, AC by tokens.
    BatchRequest req = request({"7"});
    QCOMPARE(m_judge->judge(req).verdict, Verdict::PE);
    req.checker.compare.mode = Comparison::Tokens;
    QCOMPARE(m_judge->judge(req).verdict, Verdict::AC);
    // Floats: 2.0000001 is 2 within 1e-6 only with a tolerance.
    BatchRequest floats;
    const Language *py = m_languages.find(QStringLiteral("python3"));
    floats.submission = Submission::fromSource(*py, "print(2.0000001)\n");
    floats.tests << test(QStringLiteral("f"), {}, "2\n");
    floats.limits = defaultLimits();
    floats.checker.compare.mode = Comparison::Tokens;
    QCOMPARE(m_judge->judge(floats).verdict, Verdict::WA);
    floats.checker.compare.absoluteTolerance = 1e-6;
    QCOMPARE(m_judge->judge(floats).verdict, Verdict::AC);
}

void TestBatchJudge::testlibChecker()
{
    const Language *c = m_languages.find(QStringLiteral("c"));
    BatchRequest req = request({"1", "13"});
    req.tests << test(QStringLiteral("close"), "5\n", "11\n"); // 10 is within 1 of 11, even
    req.tests << test(QStringLiteral("odd"), "5\n", "9\n");    // 10 vs 9: within 1, but 10 is even
    req.tests << test(QStringLiteral("half"), "4\n", "9\n");   // 8 vs 9: even, close: AC
    req.tests << test(QStringLiteral("points"), "5\n", "10\n");
    req.checker.kind = CheckerConfig::Kind::Testlib;
    Submission checker = Submission::fromSource(*c, read(QStringLiteral("testlib_checker.c")));
    req.checker.program = checker;
    const BatchResult r = m_judge->judge(req);
    QVERIFY2(r.verdict != Verdict::IE, qPrintable(r.message));
    QCOMPARE(r.tests[0].verdict, Verdict::AC);
    QCOMPARE(r.tests[0].check.message, QStringLiteral("ok 2"));
    QCOMPARE(r.tests[1].verdict, Verdict::WA);
    QVERIFY2(r.tests[1].check.message.contains(QLatin1String("expected 26, found 0")),
             qPrintable(r.tests[1].check.message));
    QCOMPARE(r.tests[2].verdict, Verdict::AC);
    QCOMPARE(r.tests[3].verdict, Verdict::AC);
    QCOMPARE(r.tests[4].verdict, Verdict::AC);
    // An odd output within 1: partial points, from the checker's own message.
    BatchRequest odd = req;
    odd.submission = Submission::fromSource(*c, "int main(void) { return !puts(\"9\"); }");
    odd.tests = {test(QStringLiteral("odd"), "x\n", "10\n")};
    const BatchResult p = m_judge->judge(odd);
    QCOMPARE(p.tests[0].score, std::optional<double>(0.5));
}

void TestBatchJudge::kattisValidator()
{
    const Language *py = m_languages.find(QStringLiteral("python3"));
    BatchRequest req = request({"1", "13"});
    req.checker.kind = CheckerConfig::Kind::Kattis;
    req.checker.program = Submission::fromSource(*py, read(QStringLiteral("kattis_validator.py")));
    const BatchResult r = m_judge->judge(req);
    QVERIFY2(r.verdict != Verdict::IE, qPrintable(r.message + r.tests.value(0).check.message));
    QCOMPARE(r.tests[0].verdict, Verdict::AC);
    QCOMPARE(r.tests[0].score, std::optional<double>(2.5));
    QCOMPARE(r.tests[1].verdict, Verdict::WA);
    QCOMPARE(r.tests[1].check.message, QStringLiteral("expected 26, got 0"));
    QCOMPARE(r.tests[1].check.teamMessage, QStringLiteral("not quite"));
}

void TestBatchJudge::brokenCheckerIsTheJudgesFault()
{
    const Language *c = m_languages.find(QStringLiteral("c"));
    BatchRequest req = request({"1"});
    req.checker.kind = CheckerConfig::Kind::Testlib;
    req.checker.program = Submission::fromSource(*c, "int main(void) { syntax error }");
    const BatchResult r = m_judge->judge(req);
    QCOMPARE(r.verdict, Verdict::IE);
    QVERIFY2(r.message.startsWith(QLatin1String("the checker does not build")),
             qPrintable(r.message));
    QVERIFY(r.tests.isEmpty());
    // A checker that crashes: IE for the test, never AC or WA.
    req.checker.program =
        Submission::fromSource(*c, "#include <stdlib.h>\nint main(void) { abort(); }");
    const BatchResult crashed = m_judge->judge(req);
    QCOMPARE(crashed.tests[0].verdict, Verdict::IE);
    QVERIFY2(crashed.tests[0].check.message.contains(QLatin1String("checker failed")),
             qPrintable(crashed.tests[0].check.message));
}

void TestBatchJudge::missingTestFileNamesIt()
{
    BatchRequest req = request({"1"});
    req.tests[0].inputPath = QStringLiteral("/nonexistent/evalx/1.in");
    const BatchResult r = m_judge->judge(req);
    QCOMPARE(r.tests[0].verdict, Verdict::IE);
    QVERIFY2(r.tests[0].check.message.contains(QLatin1String("/nonexistent/evalx/1.in")),
             qPrintable(r.tests[0].check.message));
}

void TestBatchJudge::interactive_data()
{
    QTest::addColumn<int>("mode");
    QTest::addColumn<Verdict>("expected");
    QTest::newRow("binary search") << 0 << Verdict::AC;
    QTest::newRow("same guess: interactor gives up first") << 1 << Verdict::WA;
    QTest::newRow("stalls: wall time") << 2 << Verdict::TLE;
    QTest::newRow("crashes: its own fault") << 3 << Verdict::RE;
}

void TestBatchJudge::interactive()
{
    QFETCH(int, mode);
    QFETCH(Verdict, expected);
    const Language *c = m_languages.find(QStringLiteral("c"));
    const Language *py = m_languages.find(QStringLiteral("python3"));
    BatchRequest req;
    req.submission = Submission::fromSource(*c, "#define MODE " + QByteArray::number(mode) + "\n" +
                                                    read(QStringLiteral("guesser.c")));
    req.tests << test(QStringLiteral("617"), "617\n", {})
              << test(QStringLiteral("1000"), "1000\n", {});
    req.limits = defaultLimits();
    req.limits.cpuMs = 1000;
    req.limits.wallMs = 2000;
    req.interactive = true;
    req.checker.kind = CheckerConfig::Kind::Kattis;
    req.checker.program = Submission::fromSource(*py, read(QStringLiteral("interactor.py")));
    const BatchResult r = m_judge->judge(req);
    for (const TestOutcome &t : r.tests)
        QVERIFY2(t.verdict == expected,
                 qPrintable(t.name + QLatin1String(": ") + verdictName(t.verdict) +
                            QLatin1Char(' ') + t.run.message + QLatin1Char(' ') + t.check.message +
                            r.message));
    if (mode == 0)
        QVERIFY2(r.tests[0].check.message.startsWith(QLatin1String("found in")),
                 qPrintable(r.tests[0].check.message));
}

QTEST_GUILESS_MAIN(TestBatchJudge)
#include "tst_batchjudge.moc"
