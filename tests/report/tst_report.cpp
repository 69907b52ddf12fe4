// Reports, written and read back: a report with tricky content (commas, quotes,
// newlines, <script> in compiler output, non-ASCII names) in CSV (parsed by RFC
// 4180), JSON (parsed back into an equal Report), HTML (the matrix, escaping, no
// external references) and PDF (its text through pdftotext, its pages through
// pdfinfo); Report::fromJobs over job records, and the errors.

#include "report.h"
#include "reportcheck.h"
#include "reportwriter.h"
#include "verdictcolors.h"

#include <QGuiApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace evalx;
using namespace evalx::test;

namespace {

const QString kScript = QStringLiteral("<script>alert('x')</script>");

ReportTest test(const QString &name, Verdict v, const QString &message = {},
                std::optional<int> exitCode = 0)
{
    ReportTest t;
    t.name = name;
    t.verdict = v;
    if (v != Verdict::Skipped && v != Verdict::CE) {
        t.cpuSeconds = 0.125;
        t.wallSeconds = 0.25;
        t.memoryKib = 7964;
        t.exitCode = exitCode;
    }
    t.message = message;
    return t;
}

Report tricky()
{
    Report r;
    r.title = QStringLiteral("Week 3, \"A plus B\" & friends");
    r.createdAt = QDateTime(QDate(2026, 11, 23), QTime(14, 44, 4, 171), Qt::UTC);
    r.problem = QStringLiteral("A plus B");
    r.timeLimitSeconds = 2;
    r.memoryLimitKib = 131072;
    r.testNames = {QStringLiteral("1"), QStringLiteral("group,2"), QStringLiteral("3 \"q\"")};

    ReportEntry zoe;
    zoe.name = QStringLiteral("Zoë Ørsted, \"the\" first");
    zoe.language = QStringLiteral("python3");
    zoe.origin = QStringLiteral("/home/t/zoë.py");
    zoe.verdict = Verdict::WA;
    zoe.score = 1;
    zoe.maxScore = 3;
    zoe.message = QStringLiteral("test group,2 (WA): line 1: expected '30', found '0'");
    zoe.tests = {test(QStringLiteral("1"), Verdict::AC),
                 test(QStringLiteral("group,2"), Verdict::WA,
                      QStringLiteral("line 1: expected '30',\nfound \"0\"")),
                 test(QStringLiteral("3 \"q\""), Verdict::RE, QStringLiteral("Killed by signal 11"),
                      std::nullopt)};
    zoe.tests[2].score = 0.5;

    ReportEntry dmitri;
    dmitri.name = QStringLiteral("Дмитрий");
    dmitri.language = QStringLiteral("cpp");
    dmitri.origin = QStringLiteral("/home/t/dmitri.cpp");
    dmitri.verdict = Verdict::CE;
    dmitri.score = 0;
    dmitri.maxScore = 3;
    dmitri.message = QStringLiteral("compilation failed");
    dmitri.compileOutput = QStringLiteral("main.cpp:1: error: ") + kScript +
                           QStringLiteral(" & <b>bold</b>\n  1 | int main() { return x; }\n");
    for (const QString &n : r.testNames)
        dmitri.tests << test(n, Verdict::CE);

    ReportEntry ann;
    ann.name = QStringLiteral("ann");
    ann.language = QStringLiteral("c");
    ann.origin = QStringLiteral("api/v1");
    ann.verdict = Verdict::AC;
    ann.score = 3;
    ann.maxScore = 3;
    for (const QString &n : r.testNames)
        ann.tests << test(n, Verdict::AC);

    ReportEntry pending;
    pending.name = QStringLiteral("late");
    pending.language = QStringLiteral("go");
    pending.status = QStringLiteral("queued");

    r.entries = {zoe, dmitri, ann, pending};
    return r;
}

// Many submissions and tests: several pages, a matrix split in print.
Report longReport()
{
    Report r;
    r.title = QStringLiteral("Long report");
    r.createdAt = QDateTime::currentDateTimeUtc();
    for (int t = 1; t <= 30; ++t)
        r.testNames << QStringLiteral("t%1").arg(t);
    const QList<Verdict> cycle{Verdict::AC, Verdict::WA, Verdict::TLE, Verdict::AC, Verdict::MLE};
    for (int s = 0; s < 60; ++s) {
        ReportEntry e;
        e.name = s == 59 ? QStringLiteral("Ólafur the last") : QStringLiteral("student%1").arg(s);
        e.language = QStringLiteral("python3");
        e.verdict = cycle.at(s % cycle.size());
        for (int t = 0; t < r.testNames.size(); ++t)
            e.tests << test(r.testNames.at(t), t < 3 ? Verdict::AC : cycle.at((s + t) % 5),
                            QStringLiteral("message %1").arg(t));
        r.entries << e;
    }
    return r;
}

} // namespace

class TestReport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init() { QVERIFY(m_dir.isValid()); }
    void csvRowsAndFields();
    void jsonRoundTrip();
    void jsonFromJudgeOutput();
    void jsonErrorsNameTheField_data();
    void jsonErrorsNameTheField();
    void htmlIsSelfContainedAndEscaped();
    void pdfText();
    void pdfLongReportPaginates();
    void formatsByExtension_data();
    void formatsByExtension();
    void fromJobs();

private:
    QString path(const QString &name) const { return m_dir.filePath(name); }
    QTemporaryDir m_dir;
};

void TestReport::csvRowsAndFields()
{
    const Report r = tricky();
    QString error;
    QVERIFY2(writeReport(r, path(QStringLiteral("r.csv")), &error), qPrintable(error));
    const QString text = readText(path(QStringLiteral("r.csv")));
    QVERIFY(text.contains(QLatin1String("\r\n")));
    const std::optional<QList<QStringList>> rows = parseCsv(text);
    QVERIFY(rows);
    // A header, a row per submission x test, and one for the submission without tests.
    QCOMPARE(rows->size(), 1 + 3 + 3 + 3 + 1);
    const QStringList header = rows->first();
    QCOMPARE(header.first(), QStringLiteral("submission"));
    for (const QStringList &row : *rows)
        QCOMPARE(row.size(), header.size());
    const auto column = [&header](const char *name) {
        return int(header.indexOf(QLatin1String(name)));
    };
    int at = 1;
    for (const ReportEntry &e : r.entries) {
        const int n = std::max(1, int(e.tests.size()));
        for (int i = 0; i < n; ++i, ++at) {
            const QStringList &row = rows->at(at);
            QCOMPARE(row.at(column("submission")), e.name);
            QCOMPARE(row.at(column("language")), e.language);
            QCOMPARE(row.at(column("origin")), e.origin);
            QCOMPARE(row.at(column("status")), e.status);
            QCOMPARE(row.at(column("submission_message")), e.message);
            if (e.tests.isEmpty()) {
                QCOMPARE(row.at(column("verdict")), QString());
                QCOMPARE(row.at(column("test")), QString());
                continue;
            }
            const ReportTest &t = e.tests.at(i);
            QCOMPARE(row.at(column("verdict")), verdictName(e.verdict));
            QCOMPARE(row.at(column("test")), t.name);
            QCOMPARE(row.at(column("test_verdict")), verdictName(t.verdict));
            QCOMPARE(row.at(column("test_message")), t.message);
            QCOMPARE(row.at(column("memory_kib")),
                     t.memoryKib ? QString::number(*t.memoryKib) : QString());
            QCOMPARE(row.at(column("exit_code")),
                     t.exitCode ? QString::number(*t.exitCode) : QString());
            if (t.cpuSeconds)
                QCOMPARE(row.at(column("time")).toDouble(), *t.cpuSeconds);
        }
    }
    QCOMPARE(rows->at(1).at(column("score")), QStringLiteral("1"));
    QCOMPARE(rows->at(1).at(column("max_score")), QStringLiteral("3"));
    QCOMPARE(rows->at(3).at(column("test_score")), QStringLiteral("0.5"));
}

void TestReport::jsonRoundTrip()
{
    const Report r = tricky();
    QString error;
    QVERIFY2(writeReport(r, path(QStringLiteral("r.json")), &error), qPrintable(error));
    QFile f(path(QStringLiteral("r.json")));
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QJsonDocument doc = QJsonDocument::fromJson(f.readAll());
    QVERIFY(doc.isObject());
    const QJsonObject o = doc.object();
    QCOMPARE(o.value(QLatin1String("submissions")).toArray().size(), 4);
    QCOMPARE(o.value(QLatin1String("created_at")).toString(),
             QStringLiteral("2026-11-23T14:44:04.171Z"));
    const QJsonObject first = o.value(QLatin1String("submissions")).toArray().first().toObject();
    QCOMPARE(first.value(QLatin1String("passed")).toInt(), 1);
    QVERIFY(first.value(QLatin1String("tests"))
                .toArray()
                .at(2)
                .toObject()
                .value(QLatin1String("exit_code"))
                .isNull());
    const std::optional<Report> back = Report::fromJson(o, &error);
    QVERIFY2(back, qPrintable(error));
    QCOMPARE(back->entries.size(), r.entries.size());
    for (qsizetype i = 0; i < r.entries.size(); ++i)
        QVERIFY2(back->entries.at(i) == r.entries.at(i), qPrintable(r.entries.at(i).name));
    QVERIFY(*back == r);
}

void TestReport::jsonFromJudgeOutput()
{
    // What `evalx judge --json` prints (README): no title, "file" for the name.
    const QByteArray judge = R"({"problem":"ab","time_limit":2,"memory_limit":1048576,
        "submissions":[{"file":"wa.py","language":"python3","verdict":"WA","score":0,
        "max_score":1,"compile_output":"","message":"",
        "tests":[{"name":"1","verdict":"AC","time":0.047,"wall_time":0.05,"memory":7964,"message":""},
                 {"name":"2","verdict":"WA","time":0.064,"wall_time":0.07,"memory":7540,
                  "message":"line 1: expected '30', found '0'"}]},
        {"file":"gone.py","language":"","verdict":"IE","score":null,"max_score":null,
         "compile_output":"","message":"gone.py: no such file","tests":[]}]})";
    QString error;
    const std::optional<Report> r =
        Report::fromJson(QJsonDocument::fromJson(judge).object(), &error);
    QVERIFY2(r, qPrintable(error));
    QCOMPARE(r->problem, QStringLiteral("ab"));
    QCOMPARE(r->title, QStringLiteral("EvalX report: ab"));
    QCOMPARE(r->testNames, (QStringList{QStringLiteral("1"), QStringLiteral("2")}));
    QCOMPARE(r->memoryLimitKib.value_or(0), qint64(1048576));
    QCOMPARE(r->entries.size(), 2);
    QCOMPARE(r->entries.at(0).name, QStringLiteral("wa.py"));
    QCOMPARE(r->entries.at(0).verdict, Verdict::WA);
    QCOMPARE(r->entries.at(0).tests.at(1).memoryKib.value_or(0), qint64(7540));
    QVERIFY(!r->entries.at(0).tests.at(1).exitCode);
    QCOMPARE(r->entries.at(1).verdict, Verdict::IE);
    QCOMPARE(r->entries.at(1).message, QStringLiteral("gone.py: no such file"));
}

void TestReport::jsonErrorsNameTheField_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("error");
    QTest::newRow("no submissions")
        << QByteArray(R"({"problem":"x"})") << QStringLiteral("no \"submissions\"");
    QTest::newRow("not an array") << QByteArray(R"({"submissions":{}})")
                                  << QStringLiteral("submissions: not an array");
    QTest::newRow("bad verdict")
        << QByteArray(
               R"({"submissions":[{"name":"a","verdict":"AC"},{"name":"b","verdict":"XX"}]})")
        << QStringLiteral("submissions[1].verdict: unknown verdict 'XX'");
    QTest::newRow("bad test")
        << QByteArray(
               R"({"submissions":[{"name":"a","verdict":"AC","tests":[{"name":"1","verdict":"AC","memory":"lots"}]}]})")
        << QStringLiteral("submissions[0].tests[0].memory: not a number");
    QTest::newRow("bad time") << QByteArray(R"({"created_at":"yesterday","submissions":[]})")
                              << QStringLiteral("created_at: not an ISO 8601 time");
}

void TestReport::jsonErrorsNameTheField()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, error);
    QString why;
    QVERIFY(!Report::fromJson(QJsonDocument::fromJson(json).object(), &why));
    QVERIFY2(why.contains(error), qPrintable(why));
}

void TestReport::htmlIsSelfContainedAndEscaped()
{
    const Report r = tricky();
    QString error;
    QVERIFY2(writeReport(r, path(QStringLiteral("r.html")), &error), qPrintable(error));
    const QString html = readText(path(QStringLiteral("r.html")));
    QVERIFY(html.startsWith(QLatin1String("<!DOCTYPE html>")));
    // Escaped compiler output, never live markup.
    QVERIFY(html.contains(QLatin1String("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;")) ||
            html.contains(QLatin1String("&lt;script&gt;alert('x')&lt;/script&gt;")));
    QVERIFY(html.contains(QLatin1String("&amp; &lt;b&gt;bold&lt;/b&gt;")));
    QVERIFY(!html.contains(QLatin1String("<script"), Qt::CaseInsensitive));
    QVERIFY(!html.contains(QLatin1String("<b>bold")));
    // Self-contained: nothing fetched from anywhere.
    for (const char *ref : {"src=", "http://", "https://", "<link", "url(", "@import", "<iframe"})
        QVERIFY2(!html.contains(QLatin1String(ref), Qt::CaseInsensitive), ref);
    QVERIFY(html.contains(QLatin1String("<style>")));
    // Summary, chart, title.
    QVERIFY(html.contains(QLatin1String("Week 3, &quot;A plus B&quot; &amp; friends")));
    QVERIFY(html.contains(QLatin1String("1 of 3 (33.3%)"))); // accepted of those judged
    QVERIFY(html.contains(QLatin1String("<svg")));
    QVERIFY(html.contains(QStringLiteral("fill=\"%1\"").arg(verdictColorName(Verdict::AC))));
    QCOMPARE(verdictColorName(Verdict::AC), QStringLiteral("#2ea043"));
    // The matrix: each submission's verdict, then its tests, in the columns' order.
    QCOMPARE(matrixRow(html, QStringLiteral("Zoë Ørsted, &quot;the&quot; first")),
             (QStringList{QStringLiteral("WA"), QStringLiteral("AC"), QStringLiteral("WA"),
                          QStringLiteral("RE")}));
    QCOMPARE(matrixRow(html, QStringLiteral("Дмитрий")),
             (QStringList{QStringLiteral("CE"), QStringLiteral("CE"), QStringLiteral("CE"),
                          QStringLiteral("CE")}));
    QCOMPARE(matrixRow(html, QStringLiteral("late")),
             (QStringList{QStringLiteral("queued"), QStringLiteral("–"), QStringLiteral("–"),
                          QStringLiteral("–")}));
    QVERIFY(html.contains(QLatin1String("<th>group,2</th>")));
    QVERIFY(html.contains(QLatin1String("<th>3 &quot;q&quot;</th>")));
    QVERIFY(html.contains(QStringLiteral("background-color:%1;color:#ffffff\" title=\"line 1: "
                                         "expected &#x27;30&#x27;")
                              .arg(verdictColorName(Verdict::WA))) ||
            html.contains(QStringLiteral("background-color:%1;color:#ffffff\" title=\"line 1: "
                                         "expected '30'")
                              .arg(verdictColorName(Verdict::WA))));
    // Details with compiler output and per-test messages.
    QVERIFY(html.contains(QLatin1String("<pre class=\"compile\">main.cpp:1: error:")));
    QVERIFY(html.contains(QLatin1String("Killed by signal 11")));
}

void TestReport::pdfText()
{
    const Report r = tricky();
    QString error;
    QVERIFY2(writeReport(r, path(QStringLiteral("r.pdf")), &error), qPrintable(error));
    QFile f(path(QStringLiteral("r.pdf")));
    QVERIFY(f.open(QIODevice::ReadOnly));
    QVERIFY(f.read(5) == "%PDF-");
    const std::optional<QString> text = evalx::test::pdfText(f.fileName(), &error);
    QVERIFY2(text, qPrintable(error));
    for (const QString &s :
         {QStringLiteral("Zoë Ørsted"), QStringLiteral("Дмитрий"), QStringLiteral("Summary"),
          QStringLiteral("Submissions by verdict"), QStringLiteral("<script>alert('x')</script>"),
          QStringLiteral("Page 1 of")})
        QVERIFY2(text->contains(s), qPrintable(s + QLatin1String(" not in: ") + *text));
}

void TestReport::pdfLongReportPaginates()
{
    const Report r = longReport();
    QString error;
    const QString file = path(QStringLiteral("long.pdf"));
    QVERIFY2(writeReport(r, file, &error), qPrintable(error));
    const int pages = pdfPages(file, &error);
    QVERIFY2(pages > 1, qPrintable(error));
    const std::optional<QString> text = evalx::test::pdfText(file, &error);
    QVERIFY2(text, qPrintable(error));
    QVERIFY(text->contains(QStringLiteral("Page %1 of %1").arg(pages)));
    QVERIFY(text->contains(QStringLiteral("Ólafur the last")));
    // 30 tests: the matrix in three tables of at most 10 columns.
    QVERIFY(text->contains(QLatin1String("Tests 1 to 10 of 30")));
    QVERIFY(text->contains(QLatin1String("Tests 21 to 30 of 30")));
}

void TestReport::formatsByExtension_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("error"); // empty: written
    QTest::newRow("csv") << QStringLiteral("a.csv") << QString();
    QTest::newRow("upper case") << QStringLiteral("a.JSON") << QString();
    QTest::newRow("xlsx") << QStringLiteral("a.xlsx")
                          << QStringLiteral("unknown report format '.xlsx'");
    QTest::newRow("none") << QStringLiteral("report") << QStringLiteral("has no extension");
}

void TestReport::formatsByExtension()
{
    QFETCH(QString, name);
    QFETCH(QString, error);
    QString why;
    const bool written = writeReport(tricky(), path(name), &why);
    QCOMPARE(written, error.isEmpty());
    if (!written) {
        QVERIFY2(why.contains(error), qPrintable(why));
        QVERIFY2(why.contains(QLatin1String(".csv, .json, .html or .pdf")), qPrintable(why));
        QVERIFY(!QFile::exists(path(name)));
    }
    QVERIFY(!writeReport(tricky(), path(QStringLiteral("missing/dir/a.csv")), &why));
    QVERIFY2(why.contains(QLatin1String("missing/dir/a.csv")), qPrintable(why));
}

void TestReport::fromJobs()
{
    JobRecord done;
    done.token = "tok-done";
    done.state = JobState::Done;
    done.request.submission.languageId = QStringLiteral("python3");
    done.request.submission.origin = QStringLiteral("api/v1");
    for (const char *n : {"first", "second"}) {
        TestData t;
        t.name = QString::fromLatin1(n);
        done.request.tests << t;
    }
    TestOutcome a;
    a.index = 0;
    a.name = QStringLiteral("first");
    a.verdict = Verdict::AC;
    a.run.status = RunStatus::OK;
    a.run.cpuSeconds = 0.5;
    a.run.memoryKib = 1000;
    TestOutcome b = a;
    b.index = 1;
    b.name = QStringLiteral("second");
    b.verdict = Verdict::WA;
    b.check.verdict = Verdict::WA;
    b.check.message = QStringLiteral("expected 3");
    done.result.verdict = Verdict::WA;
    done.result.tests = {b, a}; // in the order they finished
    JobRecord running = done;
    running.token = "tok-running";
    running.state = JobState::Running;
    running.labels.insert(QStringLiteral("local_student"), QStringLiteral("Zoë"));
    running.labels.insert(QStringLiteral("console_origin"), QStringLiteral("local"));
    running.result.tests = {a};

    const Report r = Report::fromJobs({done, running});
    QCOMPARE(r.title, QStringLiteral("EvalX report: 2 submissions"));
    QCOMPARE(r.testNames, (QStringList{QStringLiteral("first"), QStringLiteral("second")}));
    QCOMPARE(r.entries.size(), 2);
    const ReportEntry &e = r.entries.at(0);
    QCOMPARE(e.name, QStringLiteral("tok-done"));
    QCOMPARE(e.origin, QStringLiteral("api/v1"));
    QCOMPARE(e.language, QStringLiteral("python3"));
    QCOMPARE(e.verdict, Verdict::WA);
    QCOMPARE(e.tests.size(), 2);
    QCOMPARE(e.tests.at(0).name, QStringLiteral("first")); // sorted by index
    QCOMPARE(e.tests.at(1).message, QStringLiteral("expected 3"));
    QCOMPARE(e.message, QStringLiteral("test second (WA): expected 3"));
    QCOMPARE(e.score.value_or(-1), 1.0);
    QCOMPARE(e.maxScore.value_or(-1), 2.0);
    const ReportEntry &z = r.entries.at(1);
    QCOMPARE(z.name, QStringLiteral("Zoë"));
    QCOMPARE(z.origin, QStringLiteral("local"));
    QCOMPARE(z.status, QStringLiteral("running"));
    QVERIFY(!z.score);
    const QStringList cells = matrixRow(reportHtml(r), QStringLiteral("Zoë"));
    QCOMPARE(cells,
             (QStringList{QStringLiteral("running"), QStringLiteral("AC"), QStringLiteral("–")}));
}

QTEST_MAIN(TestReport)
#include "tst_report.moc"
