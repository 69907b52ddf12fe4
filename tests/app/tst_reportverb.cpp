// `evalx judge --report FILE` and `evalx report INPUT -o FILE` end to end: the
// real binary judging a small fixture problem (tests/app/problems/aplusb) and
// writing HTML, CSV and PDF (without a display), a judge --json output turned
// into CSV, a JSON report round trip, and what a bad extension or a bad input
// answers (exit 2, named).

#include "../report/reportcheck.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace evalx::test;

namespace {

const QString kProblems = QStringLiteral(EVALX_TEST_DATA "/problems");

struct Outcome
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

// Runs evalx in the problems folder, without a display of any kind.
Outcome runEvalx(const QStringList &args, const QByteArray &stdinData = {})
{
    QProcess p;
    p.setWorkingDirectory(kProblems);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const char *name : {"QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"})
        env.remove(QString::fromLatin1(name));
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(EVALX_BINARY), args);
    if (!stdinData.isEmpty())
        p.write(stdinData);
    p.closeWriteChannel();
    Outcome o;
    if (!p.waitForFinished(300000))
        return o;
    o.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    o.out = p.readAllStandardOutput();
    o.err = p.readAllStandardError();
    return o;
}

const QStringList kFiles{QStringLiteral("aplusb-submissions/ok.py"),
                         QStringLiteral("aplusb-submissions/wa.py"),
                         QStringLiteral("aplusb-submissions/ce.cpp")};

QStringList judgeArgs(const QStringList &extra)
{
    return QStringList{QStringLiteral("judge"), QStringLiteral("--problem"),
                       QStringLiteral("aplusb"), QStringLiteral("--jobs"), QStringLiteral("2")} +
           kFiles + extra;
}

} // namespace

class TestReportVerb : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void judgeWritesHtml();
    void judgeWritesCsv();
    void judgeWritesPdfWithoutDisplay();
    void reportFromJudgeJson();
    void jsonRoundTrip();
    void badExtension_data();
    void badExtension();
    void badInput_data();
    void badInput();

private:
    QString path(const QString &name) const { return m_dir.filePath(name); }
    QTemporaryDir m_dir;
    QJsonObject m_judge; // evalx judge --json, once
};

void TestReportVerb::initTestCase()
{
    QVERIFY(m_dir.isValid());
    const Outcome o = runEvalx(judgeArgs({QStringLiteral("--json")}));
    QVERIFY2(o.exitCode == 0, o.err.constData());
    m_judge = QJsonDocument::fromJson(o.out).object();
    QCOMPARE(m_judge.value(QLatin1String("submissions")).toArray().size(), 3);
    QFile f(path(QStringLiteral("judge.json")));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(o.out);
}

void TestReportVerb::judgeWritesHtml()
{
    const QString out = path(QStringLiteral("out.html"));
    const Outcome o = runEvalx(judgeArgs({QStringLiteral("--report"), out}));
    QVERIFY2(o.exitCode == 0, o.err.constData());
    QVERIFY(o.out.contains("wa.py [python3]: WA")); // the human output is still printed
    const QString html = readText(out);
    QVERIFY(html.contains(QLatin1String("<h1>EvalX report: A plus B</h1>")));
    QCOMPARE(matrixRow(html, QStringLiteral("aplusb-submissions/ok.py")),
             (QStringList{QStringLiteral("AC"), QStringLiteral("AC"), QStringLiteral("AC"),
                          QStringLiteral("AC")}));
    QCOMPARE(matrixRow(html, QStringLiteral("aplusb-submissions/wa.py")).value(0),
             QStringLiteral("WA"));
    QCOMPARE(matrixRow(html, QStringLiteral("aplusb-submissions/ce.cpp")).value(0),
             QStringLiteral("CE"));
    // The compiler's words, escaped, in the details.
    QVERIFY(html.contains(QLatin1String("<pre class=\"compile\">")));
    QVERIFY(html.contains(QLatin1String("<svg")));
    QVERIFY(!html.contains(QLatin1String("<script")));
}

void TestReportVerb::judgeWritesCsv()
{
    const QString out = path(QStringLiteral("out.csv"));
    const Outcome o =
        runEvalx(judgeArgs({QStringLiteral("--report"), out, QStringLiteral("--json")}));
    QVERIFY2(o.exitCode == 0, o.err.constData());
    // --json prints what it always printed.
    const QJsonObject json = QJsonDocument::fromJson(o.out).object();
    QCOMPARE(json.keys(), m_judge.keys());
    const std::optional<QList<QStringList>> rows = parseCsv(readText(out));
    QVERIFY(rows);
    int expected = 1;
    for (const QJsonValue &s : json.value(QLatin1String("submissions")).toArray())
        expected +=
            std::max<int>(1, int(s.toObject().value(QLatin1String("tests")).toArray().size()));
    QCOMPARE(rows->size(), expected);
    const QStringList header = rows->first();
    const int file = int(header.indexOf(QLatin1String("submission")));
    const int testVerdict = int(header.indexOf(QLatin1String("test_verdict")));
    QStringList okVerdicts;
    for (const QStringList &row : *rows) {
        if (row.value(file) == QLatin1String("aplusb-submissions/ok.py"))
            okVerdicts << row.value(testVerdict);
    }
    QCOMPARE(okVerdicts,
             (QStringList{QStringLiteral("AC"), QStringLiteral("AC"), QStringLiteral("AC")}));
}

void TestReportVerb::judgeWritesPdfWithoutDisplay()
{
    const QString out = path(QStringLiteral("out.pdf"));
    const Outcome o = runEvalx(judgeArgs({QStringLiteral("--report"), out}));
    QVERIFY2(o.exitCode == 0, o.err.constData());
    QFile f(out);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QVERIFY(f.read(5) == "%PDF-");
    QString error;
    const std::optional<QString> text = pdfText(out, &error);
    QVERIFY2(text, qPrintable(error));
    for (const char *s :
         {"aplusb-submissions/ok.py", "aplusb-submissions/ce.cpp", "A plus B", "Page 1 of"})
        QVERIFY2(text->contains(QLatin1String(s)), s);
}

void TestReportVerb::reportFromJudgeJson()
{
    const QString out = path(QStringLiteral("x.csv"));
    const Outcome o = runEvalx(
        {QStringLiteral("report"), path(QStringLiteral("judge.json")), QStringLiteral("-o"), out});
    QVERIFY2(o.exitCode == 0, o.err.constData());
    const std::optional<QList<QStringList>> rows = parseCsv(readText(out));
    QVERIFY(rows);
    const QStringList header = rows->first();
    const int file = int(header.indexOf(QLatin1String("submission")));
    const int test = int(header.indexOf(QLatin1String("test")));
    const int testVerdict = int(header.indexOf(QLatin1String("test_verdict")));
    // Each test of the judge's JSON is one row, with its verdict.
    int row = 1;
    for (const QJsonValue &sv : m_judge.value(QLatin1String("submissions")).toArray()) {
        const QJsonObject s = sv.toObject();
        for (const QJsonValue &tv : s.value(QLatin1String("tests")).toArray()) {
            const QJsonObject t = tv.toObject();
            QCOMPARE(rows->at(row).at(file), s.value(QLatin1String("file")).toString());
            QCOMPARE(rows->at(row).at(test), t.value(QLatin1String("name")).toString());
            QCOMPARE(rows->at(row).at(testVerdict), t.value(QLatin1String("verdict")).toString());
            ++row;
        }
        if (s.value(QLatin1String("tests")).toArray().isEmpty())
            ++row;
    }
    QCOMPARE(rows->size(), row);

    // Standard input works too.
    QFile in(path(QStringLiteral("judge.json")));
    QVERIFY(in.open(QIODevice::ReadOnly));
    const Outcome piped = runEvalx({QStringLiteral("report"), QStringLiteral("-"),
                                    QStringLiteral("-o"), path(QStringLiteral("piped.html"))},
                                   in.readAll());
    QVERIFY2(piped.exitCode == 0, piped.err.constData());
    QVERIFY(readText(path(QStringLiteral("piped.html")))
                .contains(QLatin1String("aplusb-submissions/wa.py")));
}

void TestReportVerb::jsonRoundTrip()
{
    const QString first = path(QStringLiteral("r1.json"));
    const QString second = path(QStringLiteral("r2.json"));
    Outcome o = runEvalx({QStringLiteral("report"), path(QStringLiteral("judge.json")),
                          QStringLiteral("-o"), first, QStringLiteral("--title"),
                          QStringLiteral("Week 3")});
    QVERIFY2(o.exitCode == 0, o.err.constData());
    o = runEvalx({QStringLiteral("report"), first, QStringLiteral("-o"), second});
    QVERIFY2(o.exitCode == 0, o.err.constData());
    const QJsonObject a = QJsonDocument::fromJson(readText(first).toUtf8()).object();
    const QJsonObject b = QJsonDocument::fromJson(readText(second).toUtf8()).object();
    QCOMPARE(a.value(QLatin1String("title")).toString(), QStringLiteral("Week 3"));
    QCOMPARE(a.value(QLatin1String("problem")).toString(), QStringLiteral("A plus B"));
    QCOMPARE(a.value(QLatin1String("submissions")).toArray().size(), 3);
    QCOMPARE(a, b);
}

void TestReportVerb::badExtension_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::newRow("report") << QStringList{QStringLiteral("report"), QStringLiteral("JUDGE"),
                                           QStringLiteral("-o"), QStringLiteral("x.xlsx")};
    QTest::newRow("judge") << judgeArgs({QStringLiteral("--report"), QStringLiteral("x.xlsx")});
}

void TestReportVerb::badExtension()
{
    QFETCH(QStringList, args);
    args.replaceInStrings(QStringLiteral("JUDGE"), path(QStringLiteral("judge.json")));
    const Outcome o = runEvalx(args);
    QCOMPARE(o.exitCode, 2);
    QVERIFY2(o.err.contains("'.xlsx'"), o.err.constData());
    QVERIFY2(o.err.contains(".csv, .json, .html or .pdf"), o.err.constData());
    QVERIFY(o.out.isEmpty()); // refused before judging anything
    QVERIFY(!QFile::exists(path(QStringLiteral("x.xlsx"))));
}

void TestReportVerb::badInput_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QByteArray>("message");
    QTest::newRow("not json") << QByteArray("{\"submissions\": [") << QByteArray("is not JSON");
    QTest::newRow("array") << QByteArray("[1, 2]") << QByteArray("expected a JSON object");
    QTest::newRow("other json") << QByteArray("{\"hello\": 1}") << QByteArray("no \"submissions\"");
    QTest::newRow("bad verdict") << QByteArray(
                                        R"({"submissions":[{"file":"a.py","verdict":"OK"}]})")
                                 << QByteArray("submissions[0].verdict: unknown verdict 'OK'");
}

void TestReportVerb::badInput()
{
    QFETCH(QByteArray, content);
    QFETCH(QByteArray, message);
    const QString input = path(QStringLiteral("bad.json"));
    QFile f(input);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(content);
    f.close();
    const Outcome o = runEvalx(
        {QStringLiteral("report"), input, QStringLiteral("-o"), path(QStringLiteral("bad.csv"))});
    QCOMPARE(o.exitCode, 2);
    QVERIFY2(o.err.contains(message), o.err.constData());
    QVERIFY2(o.err.contains(input.toUtf8()), o.err.constData());
    QVERIFY(!QFile::exists(path(QStringLiteral("bad.csv"))));
    // A missing input, and no output option.
    QCOMPARE(runEvalx({QStringLiteral("report"), path(QStringLiteral("none.json")),
                       QStringLiteral("-o"), path(QStringLiteral("bad.csv"))})
                 .exitCode,
             2);
    const Outcome noOutput = runEvalx({QStringLiteral("report"), input});
    QCOMPARE(noOutput.exitCode, 2);
    QVERIFY(noOutput.err.contains("-o FILE is required"));
}

QTEST_GUILESS_MAIN(TestReportVerb)
#include "tst_reportverb.moc"
