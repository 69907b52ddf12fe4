// 'evalx judge' end to end: the real binary judging real problem packages written for these
// tests (tests/app/problems), the JSON contract, the human report and the exit codes.
//
// Each package is judged once with all of its submissions; the data rows then look at one
// submission each in that shared judgement.

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTest>

class TestJudgeVerb : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void jsonContract();
    void aplusb_data();
    void aplusb();
    void humanOutput();
    void floatTolerance_data();
    void floatTolerance();
    void checkerOverride();
    void testlibChecker_data();
    void testlibChecker();
    void outputValidator_data();
    void outputValidator();
    void interactive_data();
    void interactive();
    void scoring_data();
    void scoring();
    void brokenPackages_data();
    void brokenPackages();
    void badCommandLines_data();
    void badCommandLines();
    void missingFileAmongOthers();
    void stopOnFailure();

private:
    struct Outcome
    {
        int exitCode = -1;
        QByteArray out;
        QByteArray err;
        QJsonObject json; // when --json gave one
    };

    // Runs evalx in the problems folder, so that files are named as a person names them.
    static Outcome evalx(const QStringList &args);
    // The judgement of one package with its submissions, run once and kept for every row.
    const Outcome &judgement(const QString &problem, const QStringList &files);
    static QJsonObject submission(const Outcome &o, const QString &file);
    static QStringList testValues(const QJsonObject &submission, const QString &key);
    // The checks every judged submission must pass (QTest macros: see currentTestFailed()).
    static void verifySubmission(const QJsonObject &s, const QString &language,
                                 const QString &verdict, const QStringList &testVerdicts,
                                 const QStringList &testNames, const QString &message);
    static void addRow(const char *name, const QString &file, const QString &language,
                       const QString &verdict, const QString &tests, const QString &message);

    QHash<QString, Outcome> m_judgements;
};

namespace {

const QString kProblems = QStringLiteral(EVALX_TEST_DATA "/problems");

QString key(const char *name)
{
    return QString::fromLatin1(name);
}

QStringList words(const QString &text)
{
    return text.split(QLatin1Char(' '), Qt::SkipEmptyParts);
}

const QStringList kAplusbTests = {QStringLiteral("1"), QStringLiteral("2"), QStringLiteral("10")};
const QStringList kKattisTests = {QStringLiteral("sample/1"), QStringLiteral("secret/1"),
                                  QStringLiteral("secret/2")};

QStringList aplusbFiles()
{
    QStringList files;
    for (const char *name : {"ok.c", "ok.cpp", "ok.py", "Main.java", "ok.js", "ok.go", "multi-py",
                             "wa.py", "tle.c", "re.py", "ce.cpp", "pe.py", "mle.c"})
        files << QStringLiteral("aplusb-submissions/") + QLatin1String(name);
    return files;
}

} // namespace

TestJudgeVerb::Outcome TestJudgeVerb::evalx(const QStringList &args)
{
    QProcess p;
    p.setWorkingDirectory(kProblems);
    p.start(QStringLiteral(EVALX_BINARY), args);
    Outcome o;
    if (!p.waitForFinished(240000)) {
        p.kill();
        p.waitForFinished();
        return o;
    }
    o.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    o.out = p.readAllStandardOutput();
    o.err = p.readAllStandardError();
    if (args.contains(QLatin1String("--json")))
        o.json = QJsonDocument::fromJson(o.out).object();
    return o;
}

const TestJudgeVerb::Outcome &TestJudgeVerb::judgement(const QString &problem,
                                                       const QStringList &files)
{
    const QStringList args =
        QStringList{QStringLiteral("judge"), QStringLiteral("--problem"), problem} + files +
        QStringList{QStringLiteral("--json")};
    const QString id = args.join(QLatin1Char(' '));
    auto it = m_judgements.find(id);
    if (it == m_judgements.end())
        it = m_judgements.insert(id, evalx(args));
    return *it;
}

QJsonObject TestJudgeVerb::submission(const Outcome &o, const QString &file)
{
    const QJsonArray list = o.json.value(key("submissions")).toArray();
    for (const QJsonValue &v : list) {
        if (v.toObject().value(key("file")).toString() == file)
            return v.toObject();
    }
    return {};
}

QStringList TestJudgeVerb::testValues(const QJsonObject &submission, const QString &name)
{
    QStringList values;
    for (const QJsonValue &t : submission.value(key("tests")).toArray())
        values << t.toObject().value(name).toString();
    return values;
}

void TestJudgeVerb::verifySubmission(const QJsonObject &s, const QString &language,
                                     const QString &verdict, const QStringList &testVerdicts,
                                     const QStringList &testNames, const QString &message)
{
    const QByteArray text = QJsonDocument(s).toJson(QJsonDocument::Compact);
    QVERIFY2(!s.isEmpty(), "the submission is missing from the JSON");
    QCOMPARE(s.value(key("language")).toString(), language);
    QVERIFY2(s.value(key("verdict")).toString() == verdict, text.constData());
    QCOMPARE(testValues(s, key("name")), testNames);
    QCOMPARE(testValues(s, key("verdict")), testVerdicts);
    bool found = message.isEmpty();
    for (const QJsonValue &v : s.value(key("tests")).toArray()) {
        const QJsonObject t = v.toObject();
        const QString tv = t.value(key("verdict")).toString();
        QVERIFY2(t.value(key("time")).isDouble() && t.value(key("wall_time")).isDouble() &&
                     t.value(key("memory")).isDouble() && t.value(key("message")).isString(),
                 text.constData());
        if (tv != QLatin1String("CE") && tv != QLatin1String("SK")) {
            // It ran: it took some time and some memory.
            QVERIFY2(t.value(key("wall_time")).toDouble() > 0, text.constData());
            QVERIFY2(t.value(key("memory")).toInteger() > 0, text.constData());
        }
        if (tv == QLatin1String("TLE") &&
            !t.value(key("message")).toString().contains(QLatin1String("(wall)")))
            QVERIFY2(t.value(key("time")).toDouble() >= 1.0, text.constData());
        found = found || t.value(key("message")).toString().contains(message);
    }
    QVERIFY2(
        found,
        qPrintable(QStringLiteral("no test says '%1': %2").arg(message, QString::fromUtf8(text))));
    // Pass-fail problems score 1 or 0.
    if (s.value(key("max_score")).toDouble() == 1) {
        QCOMPARE(s.value(key("score")).toDouble(), verdict == QLatin1String("AC") ? 1.0 : 0.0);
    }
}

void TestJudgeVerb::addRow(const char *name, const QString &file, const QString &language,
                           const QString &verdict, const QString &tests, const QString &message)
{
    QTest::newRow(name) << file << language << verdict << words(tests) << message;
}

#define SUBMISSION_COLUMNS()                                                                       \
    QTest::addColumn<QString>("file");                                                             \
    QTest::addColumn<QString>("language");                                                         \
    QTest::addColumn<QString>("verdict");                                                          \
    QTest::addColumn<QStringList>("tests");                                                        \
    QTest::addColumn<QString>("message")

#define FETCH_SUBMISSION()                                                                         \
    QFETCH(QString, file);                                                                         \
    QFETCH(QString, language);                                                                     \
    QFETCH(QString, verdict);                                                                      \
    QFETCH(QStringList, tests);                                                                    \
    QFETCH(QString, message)

// ---- aplusb: a plain folder, every language and every verdict -------------------------------

void TestJudgeVerb::jsonContract()
{
    const Outcome &o = judgement(QStringLiteral("aplusb"), aplusbFiles());
    // Every file was judged, whatever the verdicts: 0.
    QVERIFY2(o.exitCode == 0, o.err.constData());
    // Exactly one JSON object on stdout, on one line.
    QCOMPARE(o.out.count('\n'), 1);
    QVERIFY2(!o.json.isEmpty(), o.out.constData());
    QCOMPARE(QStringList(o.json.keys()),
             QStringList({QStringLiteral("memory_limit"), QStringLiteral("problem"),
                          QStringLiteral("submissions"), QStringLiteral("time_limit")}));
    // The name from problem.yaml, the time limit from .timelimit, the memory from problem.yaml.
    QCOMPARE(o.json.value(key("problem")).toString(), QStringLiteral("A plus B"));
    QCOMPARE(o.json.value(key("time_limit")).toDouble(), 1.0);
    QCOMPARE(o.json.value(key("memory_limit")).toInteger(), 128 * 1024);
    const QJsonArray list = o.json.value(key("submissions")).toArray();
    QCOMPARE(list.size(), aplusbFiles().size());
    const QStringList submissionKeys = {
        QStringLiteral("compile_output"), QStringLiteral("file"),    QStringLiteral("language"),
        QStringLiteral("max_score"),      QStringLiteral("message"), QStringLiteral("score"),
        QStringLiteral("tests"),          QStringLiteral("verdict")};
    const QStringList testKeys = {QStringLiteral("memory"),  QStringLiteral("message"),
                                  QStringLiteral("name"),    QStringLiteral("time"),
                                  QStringLiteral("verdict"), QStringLiteral("wall_time")};
    for (int i = 0; i < list.size(); ++i) {
        const QJsonObject s = list[i].toObject();
        // In the command line's order.
        QCOMPARE(s.value(key("file")).toString(), aplusbFiles()[i]);
        QCOMPARE(QStringList(s.keys()), submissionKeys);
        for (const QJsonValue &t : s.value(key("tests")).toArray())
            QCOMPARE(QStringList(t.toObject().keys()), testKeys); // no checker gave a score
    }
}

void TestJudgeVerb::aplusb_data()
{
    SUBMISSION_COLUMNS();
    const QString dir = QStringLiteral("aplusb-submissions/");
    const QString c = QStringLiteral("c");
    const QString py = QStringLiteral("python3");
    const QString allAc = QStringLiteral("AC AC AC");
    addRow("C", dir + QStringLiteral("ok.c"), c, QStringLiteral("AC"), allAc, {});
    addRow("C++", dir + QStringLiteral("ok.cpp"), QStringLiteral("cpp"), QStringLiteral("AC"),
           allAc, {});
    addRow("Python 3", dir + QStringLiteral("ok.py"), py, QStringLiteral("AC"), allAc, {});
    addRow("Java", dir + QStringLiteral("Main.java"), QStringLiteral("java"), QStringLiteral("AC"),
           allAc, {});
    addRow("JavaScript", dir + QStringLiteral("ok.js"), QStringLiteral("javascript"),
           QStringLiteral("AC"), allAc, {});
    addRow("Go", dir + QStringLiteral("ok.go"), QStringLiteral("go"), QStringLiteral("AC"), allAc,
           {});
    // A directory of Python files, named relative to the working directory.
    addRow("directory", dir + QStringLiteral("multi-py"), py, QStringLiteral("AC"), allAc, {});
    addRow("WA", dir + QStringLiteral("wa.py"), py, QStringLiteral("WA"),
           QStringLiteral("AC WA WA"), QStringLiteral("line 1: expected '42', found '80'"));
    addRow("TLE", dir + QStringLiteral("tle.c"), c, QStringLiteral("TLE"),
           QStringLiteral("TLE TLE TLE"), QStringLiteral("Time limit exceeded"));
    addRow("RE", dir + QStringLiteral("re.py"), py, QStringLiteral("RE"),
           QStringLiteral("RE RE RE"), QStringLiteral("code 1"));
    addRow("CE", dir + QStringLiteral("ce.cpp"), QStringLiteral("cpp"), QStringLiteral("CE"),
           QStringLiteral("CE CE CE"), {});
    // Judge0's line comparison: the right number after leading spaces is a layout error.
    addRow("PE", dir + QStringLiteral("pe.py"), py, QStringLiteral("PE"),
           QStringLiteral("PE PE PE"),
           QStringLiteral("presentation error: line 1: expected '3', found '   3'"));
    addRow("MLE", dir + QStringLiteral("mle.c"), c, QStringLiteral("MLE"),
           QStringLiteral("MLE MLE MLE"), QStringLiteral("Memory limit exceeded"));
}

void TestJudgeVerb::aplusb()
{
    FETCH_SUBMISSION();
    const Outcome &o = judgement(QStringLiteral("aplusb"), aplusbFiles());
    const QJsonObject s = submission(o, file); // jsonContract checks the exit code
    verifySubmission(s, language, verdict, tests, kAplusbTests, message);
    if (QTest::currentTestFailed())
        return;
    QCOMPARE(s.value(key("max_score")).toDouble(), 1.0);
    const QString compileOutput = s.value(key("compile_output")).toString();
    if (verdict == QLatin1String("CE")) {
        // The compiler's words, naming the file and what is wrong.
        QVERIFY2(compileOutput.contains(QLatin1String("undeclared_variable")),
                 qPrintable(compileOutput));
        QVERIFY(!s.value(key("message")).toString().isEmpty());
    } else {
        QVERIFY2(s.value(key("message")).toString().isEmpty(),
                 qPrintable(s.value(key("message")).toString()));
    }
    if (verdict == QLatin1String("AC")) {
        for (const QString &m : testValues(s, key("message")))
            QVERIFY2(m.isEmpty(), qPrintable(m));
    }
    if (verdict == QLatin1String("MLE")) {
        // The peak is at the limit, not the half GiB the program asked for.
        for (const QJsonValue &t : s.value(key("tests")).toArray()) {
            const qint64 memory = t.toObject().value(key("memory")).toInteger();
            QVERIFY2(memory >= 100 * 1024 && memory < 256 * 1024,
                     qPrintable(QString::number(memory)));
        }
    }
}

void TestJudgeVerb::humanOutput()
{
    const Outcome o = evalx({QStringLiteral("judge"), QStringLiteral("--problem"),
                             QStringLiteral("aplusb"), QStringLiteral("aplusb-submissions/ok.c"),
                             QStringLiteral("aplusb-submissions/pe.py"),
                             QStringLiteral("aplusb-submissions/ce.cpp")});
    QVERIFY2(o.exitCode == 0, o.err.constData());
    const QStringList lines = QString::fromUtf8(o.out).split(QLatin1Char('\n'));
    QCOMPARE(lines.value(0),
             QStringLiteral("A plus B: 3 tests, time limit 1 s (.timelimit), memory 128 MiB"));

    // A verdict line per file, then a line per test: name, verdict, CPU time, memory[, why].
    auto testLines = [&](const QString &verdictLine) {
        const qsizetype at = lines.indexOf(verdictLine);
        return at < 0 ? QStringList() : lines.mid(at + 1, 3);
    };
    const QRegularExpression acLine(QStringLiteral(R"(^  (\S+) +AC +\d+\.\d{3} s +\d+ KiB$)"));
    QStringList names;
    const QStringList ok =
        testLines(QStringLiteral("aplusb-submissions/ok.c [c]: AC, score 1/1 (3/3 tests passed)"));
    QVERIFY2(ok.size() == 3, o.out.constData());
    for (const QString &line : ok) {
        const QRegularExpressionMatch m = acLine.match(line);
        QVERIFY2(m.hasMatch(), qPrintable(line));
        names << m.captured(1);
    }
    QCOMPARE(names, kAplusbTests); // natural order: 1, 2, 10

    const QStringList pe = testLines(
        QStringLiteral("aplusb-submissions/pe.py [python3]: PE, score 0/1 (0/3 tests passed)"));
    QVERIFY2(pe.size() == 3, o.out.constData());
    QVERIFY2(QRegularExpression(QStringLiteral(R"(^  1 +PE +\d+\.\d{3} s +\d+ KiB  )"
                                               R"(presentation error: line 1: expected '3', )"
                                               R"(found '   3'$)"))
                 .match(pe[0])
                 .hasMatch(),
             qPrintable(pe[0]));

    // A compile error shows the compiler's words instead of tests.
    const qsizetype ce = lines.indexOf(
        QStringLiteral("aplusb-submissions/ce.cpp [cpp]: CE, score 0/1 (0/3 tests passed)"));
    QVERIFY2(ce > 0, o.out.constData());
    const QString rest = lines.mid(ce + 1).join(QLatin1Char('\n'));
    QVERIFY2(rest.contains(QLatin1String("error: ")) &&
                 rest.contains(QLatin1String("undeclared_variable")),
             qPrintable(rest));
    QVERIFY2(!QRegularExpression(QStringLiteral(R"(^  1 +CE)"), QRegularExpression::MultilineOption)
                  .match(rest)
                  .hasMatch(),
             qPrintable(rest));
}

// ---- floats: a Kattis legacy package with a float tolerance ---------------------------------

void TestJudgeVerb::floatTolerance_data()
{
    SUBMISSION_COLUMNS();
    addRow("within tolerance", QStringLiteral("floats/submissions/accepted/nine_digits.py"),
           QStringLiteral("python3"), QStringLiteral("AC"), QStringLiteral("AC AC AC"), {});
    addRow("outside tolerance", QStringLiteral("floats/submissions/wrong_answer/three_digits.py"),
           QStringLiteral("python3"), QStringLiteral("WA"), QStringLiteral("WA WA WA"),
           QStringLiteral("expected '0.333333333333', found '0.333' (difference 0.000333333 "
                          "exceeds tolerance 1e-06)"));
}

void TestJudgeVerb::floatTolerance()
{
    FETCH_SUBMISSION();
    const Outcome &o =
        judgement(QStringLiteral("floats"),
                  {QStringLiteral("floats/submissions/accepted/nine_digits.py"),
                   QStringLiteral("floats/submissions/wrong_answer/three_digits.py")});
    QVERIFY2(o.exitCode == 0, o.err.constData());
    QCOMPARE(o.json.value(key("problem")).toString(), QStringLiteral("Division"));
    // Legacy: the accepted submission's time x 5, rounded, at least 1 s.
    QCOMPARE(o.json.value(key("time_limit")).toDouble(), 1.0);
    verifySubmission(submission(o, file), language, verdict, tests, kKattisTests, message);
}

void TestJudgeVerb::checkerOverride()
{
    // --checker exact replaces the package's tolerance for the submissions judged; the time
    // limit still comes from the package's accepted submission, judged the package's way.
    const QString file = QStringLiteral("floats/submissions/accepted/nine_digits.py");
    const Outcome o =
        evalx({QStringLiteral("judge"), QStringLiteral("--problem"), QStringLiteral("floats"), file,
               QStringLiteral("--checker"), QStringLiteral("exact"), QStringLiteral("--json")});
    QVERIFY2(o.exitCode == 0, o.err.constData());
    QCOMPARE(o.json.value(key("time_limit")).toDouble(), 1.0);
    verifySubmission(submission(o, file), QStringLiteral("python3"), QStringLiteral("WA"),
                     words(QStringLiteral("WA WA WA")), kKattisTests,
                     QStringLiteral("line 1: expected '0.333333333333', found '0.333333333'"));
}

// ---- testlib: a plain folder with a testlib checker -------------------------------------------

void TestJudgeVerb::testlibChecker_data()
{
    SUBMISSION_COLUMNS();
    const QString dir = QStringLiteral("testlib-submissions/");
    addRow("accepted", dir + QStringLiteral("smallest.cpp"), QStringLiteral("cpp"),
           QStringLiteral("AC"), QStringLiteral("AC AC AC"), QStringLiteral("ok 7 divides 49"));
    addRow("wrong", dir + QStringLiteral("two.py"), QStringLiteral("python3"), QStringLiteral("WA"),
           QStringLiteral("AC WA WA"),
           QStringLiteral("wrong answer 2 is not a divisor of 49 greater than 1"));
    // testlib's points (exit 7): a positive score is accepted, with the score.
    addRow("points", dir + QStringLiteral("itself.py"), QStringLiteral("python3"),
           QStringLiteral("AC"), QStringLiteral("AC AC AC"),
           QStringLiteral("points 0.5 12 is the trivial divisor"));
    // Left over output is testlib's presentation error (exit 2).
    addRow("extra output", dir + QStringLiteral("extra.py"), QStringLiteral("python3"),
           QStringLiteral("PE"), QStringLiteral("PE PE PE"),
           QStringLiteral("wrong output format Extra information in the output file"));
}

void TestJudgeVerb::testlibChecker()
{
    FETCH_SUBMISSION();
    const QString dir = QStringLiteral("testlib-submissions/");
    const Outcome &o =
        judgement(QStringLiteral("testlib"),
                  {dir + QStringLiteral("smallest.cpp"), dir + QStringLiteral("two.py"),
                   dir + QStringLiteral("itself.py"), dir + QStringLiteral("extra.py")});
    QVERIFY2(o.exitCode == 0, o.err.constData());
    const QJsonObject s = submission(o, file);
    verifySubmission(s, language, verdict, tests,
                     {QStringLiteral("1"), QStringLiteral("2"), QStringLiteral("3")}, message);
    if (QTest::currentTestFailed())
        return;
    // A test carries "score" only where the checker gave one.
    QList<QJsonValue> scores;
    for (const QJsonValue &t : s.value(key("tests")).toArray())
        scores << t.toObject().value(key("score"));
    if (file.endsWith(QLatin1String("itself.py"))) {
        QCOMPARE(scores, QList<QJsonValue>({0.5, 0.5, QJsonValue::Undefined}));
    } else {
        QCOMPARE(scores, QList<QJsonValue>(3, QJsonValue::Undefined));
    }
}

// ---- validator: a 2023-07 package with an output validator ----------------------------------

void TestJudgeVerb::outputValidator_data()
{
    SUBMISSION_COLUMNS();
    addRow("accepted", QStringLiteral("validator/submissions/accepted/one_and_rest.py"),
           QStringLiteral("python3"), QStringLiteral("AC"), QStringLiteral("AC AC AC"), {});
    // The validator's judgemessage.txt is the test's message.
    addRow("wrong", QStringLiteral("validator/submissions/wrong_answer/halves.c"),
           QStringLiteral("c"), QStringLiteral("WA"), QStringLiteral("WA WA WA"),
           QStringLiteral("500 + 501 is not 1000"));
}

void TestJudgeVerb::outputValidator()
{
    FETCH_SUBMISSION();
    const Outcome &o = judgement(QStringLiteral("validator"),
                                 {QStringLiteral("validator/submissions/accepted/one_and_rest.py"),
                                  QStringLiteral("validator/submissions/wrong_answer/halves.c")});
    QVERIFY2(o.exitCode == 0, o.err.constData());
    QCOMPARE(o.json.value(key("problem")).toString(), QStringLiteral("Two Summands"));
    QCOMPARE(o.json.value(key("time_limit")).toDouble(), 1.0); // limits.time_limit
    const QJsonObject s = submission(o, file);
    verifySubmission(s, language, verdict, tests, kKattisTests, message);
    if (QTest::currentTestFailed())
        return;
    if (verdict == QLatin1String("WA")) {
        QCOMPARE(testValues(s, key("message")),
                 QStringList({QStringLiteral("1 + 2 is not 2"), QStringLiteral("5 + 6 is not 10"),
                              QStringLiteral("500 + 501 is not 1000")}));
    }
}

// ---- guess: an interactive legacy package ---------------------------------------------------

void TestJudgeVerb::interactive_data()
{
    SUBMISSION_COLUMNS();
    const QString dir = QStringLiteral("guess/submissions/");
    addRow("bisect C++", dir + QStringLiteral("accepted/bisect.cpp"), QStringLiteral("cpp"),
           QStringLiteral("AC"), QStringLiteral("AC AC AC"),
           QStringLiteral("found 1000 in 10 guesses"));
    addRow("bisect Python", dir + QStringLiteral("accepted/bisect.py"), QStringLiteral("python3"),
           QStringLiteral("AC"), QStringLiteral("AC AC AC"),
           QStringLiteral("found 1 in 9 guesses"));
    addRow("gives up", dir + QStringLiteral("wrong_answer/linear.py"), QStringLiteral("python3"),
           QStringLiteral("WA"), QStringLiteral("AC AC WA"),
           QStringLiteral("no luck in 10 guesses; the number was 1000"));
    // Ends with an error the moment the interactor has given up: the interactor ended
    // first, so its verdict stands (problemtools' rule), however fast the solution fails.
    addRow("gives up, then fails", dir + QStringLiteral("wrong_answer/counts_up.c"),
           QStringLiteral("c"), QStringLiteral("WA"), QStringLiteral("AC AC WA"),
           QStringLiteral("no luck in 10 guesses; the number was 1000"));
    // Crashes mid-game: the solution ended first.
    addRow("crashes", dir + QStringLiteral("run_time_error/crashes.c"), QStringLiteral("c"),
           QStringLiteral("RE"), QStringLiteral("RE RE RE"), QStringLiteral("SIGABRT"));
    // It waits for a reply that cannot come: the wall clock ends it.
    addRow("stalls", dir + QStringLiteral("time_limit_exceeded/stall.py"),
           QStringLiteral("python3"), QStringLiteral("TLE"), QStringLiteral("TLE TLE TLE"),
           QStringLiteral("Time limit exceeded (wall)"));
}

void TestJudgeVerb::interactive()
{
    FETCH_SUBMISSION();
    const QString dir = QStringLiteral("guess/submissions/");
    const Outcome &o =
        judgement(QStringLiteral("guess"), {dir + QStringLiteral("accepted/bisect.cpp"),
                                            dir + QStringLiteral("accepted/bisect.py"),
                                            dir + QStringLiteral("wrong_answer/linear.py"),
                                            dir + QStringLiteral("wrong_answer/counts_up.c"),
                                            dir + QStringLiteral("run_time_error/crashes.c"),
                                            dir + QStringLiteral("time_limit_exceeded/stall.py")});
    QVERIFY2(o.exitCode == 0, o.err.constData());
    // Derived from the two accepted submissions: legacy, x 5, at least 1 s.
    QCOMPARE(o.json.value(key("time_limit")).toDouble(), 1.0);
    const QJsonObject s = submission(o, file);
    verifySubmission(s, language, verdict, tests, kKattisTests, message);
    if (QTest::currentTestFailed())
        return;
    if (verdict == QLatin1String("TLE")) {
        // Killed at the wall limit (2 x 1 s + 1 s), having used next to no CPU.
        for (const QJsonValue &t : s.value(key("tests")).toArray()) {
            QVERIFY(t.toObject().value(key("wall_time")).toDouble() >= 2.9);
            QVERIFY(t.toObject().value(key("time")).toDouble() < 1.0);
        }
    }
}

// ---- scoring: a legacy scoring package with two groups ---------------------------------------

void TestJudgeVerb::scoring_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("verdict");
    QTest::addColumn<QStringList>("tests");
    QTest::addColumn<double>("score");
    const QString dir = QStringLiteral("scoring-submissions/");
    QTest::newRow("full") << dir + QStringLiteral("full.py") << QStringLiteral("AC")
                          << words(QStringLiteral("AC AC AC AC AC")) << 100.0;
    // group1 (30) only: 32-bit products overflow in group2.
    QTest::newRow("group1 only") << dir + QStringLiteral("int32.c") << QStringLiteral("WA")
                                 << words(QStringLiteral("AC AC AC WA WA")) << 30.0;
    QTest::newRow("zero") << dir + QStringLiteral("zero.py") << QStringLiteral("WA")
                          << words(QStringLiteral("WA WA WA WA WA")) << 0.0;
}

void TestJudgeVerb::scoring()
{
    QFETCH(QString, file);
    QFETCH(QString, verdict);
    QFETCH(QStringList, tests);
    QFETCH(double, score);
    const QString dir = QStringLiteral("scoring-submissions/");
    const Outcome &o = judgement(QStringLiteral("scoring"),
                                 {dir + QStringLiteral("full.py"), dir + QStringLiteral("int32.c"),
                                  dir + QStringLiteral("zero.py")});
    QVERIFY2(o.exitCode == 0, o.err.constData());
    const QJsonObject s = submission(o, file);
    QVERIFY2(!s.isEmpty(), o.out.constData());
    QCOMPARE(s.value(key("verdict")).toString(), verdict);
    QCOMPARE(testValues(s, key("name")),
             QStringList({QStringLiteral("sample/1"), QStringLiteral("secret/group1/1"),
                          QStringLiteral("secret/group1/2"), QStringLiteral("secret/group2/1"),
                          QStringLiteral("secret/group2/2")}));
    QCOMPARE(testValues(s, key("verdict")), tests);
    QCOMPARE(s.value(key("score")).toDouble(), score);
    QCOMPARE(s.value(key("max_score")).toDouble(), 100.0); // range: 0 100
}

// ---- broken packages and command lines ---------------------------------------------------------

void TestJudgeVerb::brokenPackages_data()
{
    QTest::addColumn<QString>("problem");
    QTest::addColumn<QStringList>("message");
    QTest::newRow("missing answer")
        << QStringLiteral("broken-ans")
        << QStringList{QStringLiteral("/broken-ans/data/secret/2.in: "), QStringLiteral("2.ans")};
    QTest::newRow("YAML syntax") << QStringLiteral("broken-yaml")
                                 << QStringList{QStringLiteral("/broken-yaml/problem.yaml: line 4"),
                                                QStringLiteral("invalid YAML")};
    QTest::newRow("validator does not compile")
        << QStringLiteral("broken-validator")
        << QStringList{QStringLiteral("/broken-validator/output_validators/check/check.cpp: "),
                       QStringLiteral("does not build"), QStringLiteral("this_is_not_declared")};
}

void TestJudgeVerb::brokenPackages()
{
    QFETCH(QString, problem);
    QFETCH(QStringList, message);
    const Outcome o = evalx({QStringLiteral("judge"), QStringLiteral("--problem"), problem,
                             QStringLiteral("aplusb-submissions/ok.py"), QStringLiteral("--json")});
    QCOMPARE(o.exitCode, 2);
    QVERIFY2(o.out.isEmpty(), o.out.constData());
    const QString err = QString::fromUtf8(o.err);
    QVERIFY2(err.contains(QLatin1String("broken problem package")), qPrintable(err));
    for (const QString &part : std::as_const(message))
        QVERIFY2(err.contains(part), qPrintable(err));
}

void TestJudgeVerb::badCommandLines_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QStringList>("message");
    const QString judge = QStringLiteral("judge");
    const QString problem = QStringLiteral("--problem");
    const QString aplusb = QStringLiteral("aplusb");
    const QString ok = QStringLiteral("aplusb-submissions/ok.c");
    QTest::newRow("unknown language") << QStringList{judge,
                                                     problem,
                                                     aplusb,
                                                     ok,
                                                     QStringLiteral("--language"),
                                                     QStringLiteral("cobol")}
                                      << QStringList{QStringLiteral("unknown language 'cobol'"),
                                                     QStringLiteral("known: c, cpp, "),
                                                     QStringLiteral("python3"),
                                                     QStringLiteral("java"),
                                                     QStringLiteral("javascript"),
                                                     QStringLiteral("go")};
    QTest::newRow("no submission") << QStringList{judge, problem, aplusb}
                                   << QStringList{QStringLiteral("no submission given")};
    QTest::newRow("no problem") << QStringList{judge, ok}
                                << QStringList{QStringLiteral("--problem DIR is required")};
    QTest::newRow("no such problem") << QStringList{judge, problem, QStringLiteral("nowhere"), ok}
                                     << QStringList{QStringLiteral("/nowhere: no such folder")};
    QTest::newRow("bad checker") << QStringList{judge,
                                                problem,
                                                aplusb,
                                                ok,
                                                QStringLiteral("--checker"),
                                                QStringLiteral("fuzzy")}
                                 << QStringList{QStringLiteral("--checker"),
                                                QStringLiteral("unknown comparison 'fuzzy'")};
    QTest::newRow("bad jobs")
        << QStringList{judge, problem, aplusb, ok, QStringLiteral("--jobs"), QStringLiteral("0")}
        << QStringList{QStringLiteral("--jobs")};
}

void TestJudgeVerb::badCommandLines()
{
    QFETCH(QStringList, args);
    QFETCH(QStringList, message);
    const Outcome o = evalx(args + QStringList{QStringLiteral("--json")});
    QCOMPARE(o.exitCode, 2);
    QVERIFY2(o.out.isEmpty(), o.out.constData());
    const QString err = QString::fromUtf8(o.err);
    for (const QString &part : std::as_const(message))
        QVERIFY2(err.contains(part), qPrintable(err));
}

void TestJudgeVerb::missingFileAmongOthers()
{
    const QString missing = QStringLiteral("aplusb-submissions/missing.c");
    const QStringList files = {QStringLiteral("aplusb-submissions/ok.py"), missing,
                               QStringLiteral("aplusb-submissions/ok.c")};
    const QStringList args = QStringList{QStringLiteral("judge"), QStringLiteral("--problem"),
                                         QStringLiteral("aplusb")} +
                             files;
    const Outcome o = evalx(args + QStringList{QStringLiteral("--json")});
    // A file could not be judged: 1, and the others were judged all the same.
    QCOMPARE(o.exitCode, 1);
    const QJsonArray list = o.json.value(key("submissions")).toArray();
    QCOMPARE(list.size(), 3);
    const QJsonObject lost = list[1].toObject();
    QCOMPARE(lost.value(key("file")).toString(), missing);
    QCOMPARE(lost.value(key("verdict")).toString(), QStringLiteral("IE"));
    QVERIFY2(lost.value(key("message")).toString().contains(missing + QStringLiteral(": ")),
             qPrintable(lost.value(key("message")).toString()));
    QVERIFY(lost.value(key("tests")).toArray().isEmpty());
    QVERIFY(lost.value(key("score")).isNull());
    QVERIFY(lost.contains(key("max_score")) && lost.value(key("max_score")).isNull());
    verifySubmission(list[0].toObject(), QStringLiteral("python3"), QStringLiteral("AC"),
                     words(QStringLiteral("AC AC AC")), kAplusbTests, {});
    verifySubmission(list[2].toObject(), QStringLiteral("c"), QStringLiteral("AC"),
                     words(QStringLiteral("AC AC AC")), kAplusbTests, {});
    if (QTest::currentTestFailed())
        return;

    const Outcome human = evalx(args);
    QCOMPARE(human.exitCode, 1);
    const QString out = QString::fromUtf8(human.out);
    QVERIFY2(out.contains(missing + QStringLiteral(": IE (") + missing +
                          QStringLiteral(": no such file or directory)\n")),
             qPrintable(out));
    QVERIFY2(out.contains(QLatin1String("aplusb-submissions/ok.c [c]: AC")), qPrintable(out));
}

void TestJudgeVerb::stopOnFailure()
{
    // One box: the tests run one after the other, so the one after the failure never starts.
    const Outcome o =
        evalx({QStringLiteral("judge"), QStringLiteral("--problem"), QStringLiteral("aplusb"),
               QStringLiteral("aplusb-submissions/wa.py"),
               QStringLiteral("aplusb-submissions/ok.c"), QStringLiteral("--stop-on-failure"),
               QStringLiteral("--jobs"), QStringLiteral("1"), QStringLiteral("--json")});
    QVERIFY2(o.exitCode == 0, o.err.constData());
    const QJsonObject wa = submission(o, QStringLiteral("aplusb-submissions/wa.py"));
    verifySubmission(wa, QStringLiteral("python3"), QStringLiteral("WA"),
                     words(QStringLiteral("AC WA SK")), kAplusbTests,
                     QStringLiteral("expected '42', found '80'"));
    if (QTest::currentTestFailed())
        return;
    const QJsonObject skipped = wa.value(key("tests")).toArray()[2].toObject();
    QCOMPARE(skipped.value(key("time")).toDouble(), 0.0);
    QCOMPARE(skipped.value(key("memory")).toInteger(), 0);
    // Each file starts afresh.
    verifySubmission(submission(o, QStringLiteral("aplusb-submissions/ok.c")), QStringLiteral("c"),
                     QStringLiteral("AC"), words(QStringLiteral("AC AC AC")), kAplusbTests, {});
}

QTEST_GUILESS_MAIN(TestJudgeVerb)
#include "tst_judgeverb.moc"
