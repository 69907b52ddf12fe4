// The Judge0 CE compatible API of a real 'evalx --headless' on a free loopback
// port, spoken to over HTTP the way Judge0 clients do.

#include "headlessserver.h"
#include "webhookreceiver.h"
#include "zipmaker.h"

#include <QScopeGuard>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace evalx::test;

class TestJudge0 : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void statusesAreJudge0s();
    void languagesUseJudge0Ids();
    void waitReturnsTheResult_data();
    void waitReturnsTheResult();
    void tokenThenPoll();
    void base64RoundTrip();
    void fieldsSelectTheOutput();
    void invalidFieldsAre422();
    void malformedBodiesAre400AndTheServerGoesOn();
    void unknownTokenIs404();
    void batchesGoInAndComeOut();
    void listedNewestFirstAndDeleted();
    void versionAndWorkers();
    void fullQueueIs503();
    void authTokenIsRequired();
    void cpuExtraTimeLetsTheRunGoOnButTheLimitDecides();
    void runsAreMadeInTurnUntilOneFails();
    void compilerOptionsAndArguments();
    void networkCannotBeEnabled();
    void wrongTypesAre422();
    void additionalFilesBesideTheSource();
    void multiFileProgram();
    void hostileArchivesAre422();
    void callbackIsPutWhenDone();
    void callbackIsRetried();
    void authUserGuardsTheAdminCalls();
    void configInfoIsTheValidationsTable();
    void systemInfoStatisticsAndAllLanguages();
    void fileSizeLimitIsApplied();
    void processLimitIsApplied();
    void stackLimitIsApplied();
    void stderrIsRedirectedWhenAsked();
    void metricsCountWhatHappened();

private:
    // POSTs with wait=true (and extra query items); the result, 201 checked.
    QJsonObject judge(const QJsonObject &submission, const QString &query = {});
    static int statusOf(const QJsonObject &result);
    // A 422's body, checked to name the field.
    QJsonObject refused(const QJsonObject &submission, const QString &field,
                        const QString &query = {});
    QByteArray request(const QByteArray &verb, const QString &path, const QByteArray &body,
                       int *status);
    QJsonObject post(const QString &query, const QJsonObject &submission, int *status);
    HeadlessServer m_main;
    HeadlessServer *m_server = &m_main; // the one request() talks to
    HeadlessServer::Headers m_headers;
};

void TestJudge0::initTestCase()
{
    QVERIFY2(m_main.start({QStringLiteral("--workers"), QStringLiteral("2")}),
             m_main.firstLine().constData());
}

void TestJudge0::cleanupTestCase()
{
    m_main.stop();
}

QByteArray TestJudge0::request(const QByteArray &verb, const QString &path, const QByteArray &body,
                               int *status)
{
    return m_server->request(verb, path, body, status, m_headers);
}

QJsonObject TestJudge0::post(const QString &query, const QJsonObject &submission, int *status)
{
    return QJsonDocument::fromJson(request("POST", QStringLiteral("/submissions") + query,
                                           QJsonDocument(submission).toJson(), status))
        .object();
}

void TestJudge0::statusesAreJudge0s()
{
    int status = 0;
    const QJsonArray list =
        QJsonDocument::fromJson(request("GET", QStringLiteral("/statuses"), {}, &status)).array();
    QCOMPARE(status, 200);
    QCOMPARE(list.size(), 14);
    QCOMPARE(list[0].toObject().value(QLatin1String("description")).toString(),
             QStringLiteral("In Queue"));
    QCOMPARE(list[10].toObject().value(QLatin1String("description")).toString(),
             QStringLiteral("Runtime Error (NZEC)"));
}

void TestJudge0::languagesUseJudge0Ids()
{
    int status = 0;
    const QJsonArray list =
        QJsonDocument::fromJson(request("GET", QStringLiteral("/languages"), {}, &status)).array();
    QCOMPARE(status, 200);
    QSet<int> ids;
    for (const QJsonValue &v : list)
        ids.insert(v.toObject().value(QLatin1String("id")).toInt());
    // The ids clients hard-code.
    for (int id : {50, 54, 71, 62, 63, 60, 73, 46})
        QVERIFY2(ids.contains(id), qPrintable(QString::number(id)));
    const QJsonObject one =
        QJsonDocument::fromJson(request("GET", QStringLiteral("/languages/71"), {}, &status))
            .object();
    QCOMPARE(status, 200);
    QCOMPARE(one.value(QLatin1String("source_file")).toString(), QStringLiteral("main.py"));
    request("GET", QStringLiteral("/languages/4242"), {}, &status);
    QCOMPARE(status, 404);
}

void TestJudge0::waitReturnsTheResult_data()
{
    QTest::addColumn<int>("language");
    QTest::addColumn<QString>("source");
    QTest::addColumn<QString>("expected"); // empty: none sent
    QTest::addColumn<int>("statusId");
    const QString sum =
        QStringLiteral("#include <stdio.h>\nint main(void) { int a, b; scanf(\"%d %d\", &a, &b); "
                       "printf(\"%d\\n\", a + b); return 0; }");
    QTest::newRow("accepted") << 50 << sum << "42" << 3;
    QTest::newRow("accepted, no expected output") << 50 << sum << QString() << 3;
    QTest::newRow("wrong answer") << 50 << sum << "41" << 4;
    QTest::newRow("time limit") << 71 << "while True: pass" << QString() << 5;
    QTest::newRow("compilation error") << 54 << "int main() { return x; }" << QString() << 6;
    QTest::newRow("SIGSEGV") << 50 << "int main(void) { return *(volatile int *)0; }" << QString()
                             << 7;
    QTest::newRow("NZEC") << 71 << "import sys\nsys.exit(3)" << QString() << 11;
}

void TestJudge0::waitReturnsTheResult()
{
    QFETCH(int, language);
    QFETCH(QString, source);
    QFETCH(QString, expected);
    QFETCH(int, statusId);
    QJsonObject s{{QStringLiteral("source_code"), source},
                  {QStringLiteral("language_id"), language},
                  {QStringLiteral("stdin"), QStringLiteral("2 40")},
                  {QStringLiteral("cpu_time_limit"), 1}};
    if (!expected.isEmpty())
        s.insert(QStringLiteral("expected_output"), expected);
    int status = 0;
    const QJsonObject r = post(QStringLiteral("?wait=true"), s, &status);
    QCOMPARE(status, 201);
    QCOMPARE(r.value(QLatin1String("status")).toObject().value(QLatin1String("id")).toInt(),
             statusId);
    // The default fields, and no others.
    QStringList keys = r.keys();
    keys.sort();
    QCOMPARE(keys, (QStringList{QStringLiteral("compile_output"), QStringLiteral("memory"),
                                QStringLiteral("message"), QStringLiteral("status"),
                                QStringLiteral("stderr"), QStringLiteral("stdout"),
                                QStringLiteral("time"), QStringLiteral("token")}));
    if (statusId == 3) {
        QCOMPARE(r.value(QLatin1String("stdout")).toString(), QStringLiteral("42\n"));
        QVERIFY(r.value(QLatin1String("time")).isString()); // "0.002", as Judge0 gives it
        QVERIFY(r.value(QLatin1String("memory")).toInt() > 0);
    }
    if (statusId == 6)
        QVERIFY(r.value(QLatin1String("compile_output")).toString().contains(QLatin1String("x")));
}

void TestJudge0::tokenThenPoll()
{
    int status = 0;
    const QJsonObject created = post({},
                                     {{QStringLiteral("source_code"), QStringLiteral("print(6*7)")},
                                      {QStringLiteral("language_id"), 71}},
                                     &status);
    QCOMPARE(status, 201);
    const QString token = created.value(QLatin1String("token")).toString();
    QCOMPARE(created.keys(), QStringList{QStringLiteral("token")});
    QJsonObject r;
    QDeadlineTimer deadline(30000);
    do {
        QTest::qWait(50);
        r = QJsonDocument::fromJson(
                request("GET", QStringLiteral("/submissions/") + token, {}, &status))
                .object();
        QCOMPARE(status, 200);
    } while (r.value(QLatin1String("status")).toObject().value(QLatin1String("id")).toInt() < 3 &&
             !deadline.hasExpired());
    QCOMPARE(r.value(QLatin1String("status")).toObject().value(QLatin1String("id")).toInt(), 3);
    QCOMPARE(r.value(QLatin1String("stdout")).toString(), QStringLiteral("42\n"));
}

void TestJudge0::base64RoundTrip()
{
    int status = 0;
    const QJsonObject r = post(
        QStringLiteral("?base64_encoded=true&wait=true"),
        {{QStringLiteral("source_code"),
          QString::fromLatin1(QByteArray("import sys\nprint(sys.stdin.read()[::-1])").toBase64())},
         {QStringLiteral("language_id"), 71},
         {QStringLiteral("stdin"), QString::fromLatin1(QByteArray("abc").toBase64())}},
        &status);
    QCOMPARE(status, 201);
    QCOMPARE(QByteArray::fromBase64(r.value(QLatin1String("stdout")).toString().toLatin1()),
             QByteArray("cba\n"));
    // Text that is not base64 where base64 was promised names the field.
    const QJsonObject bad = post(QStringLiteral("?base64_encoded=true"),
                                 {{QStringLiteral("source_code"), QStringLiteral("!!not base64!!")},
                                  {QStringLiteral("language_id"), 71}},
                                 &status);
    QCOMPARE(status, 422);
    QVERIFY(bad.contains(QLatin1String("source_code")));
}

void TestJudge0::fieldsSelectTheOutput()
{
    int status = 0;
    const QJsonObject all = post(QStringLiteral("?wait=true&fields=*"),
                                 {{QStringLiteral("source_code"), QStringLiteral("print(1)")},
                                  {QStringLiteral("language_id"), 71}},
                                 &status);
    QCOMPARE(status, 201);
    for (const char *key : {"exit_code", "exit_signal", "wall_time", "created_at", "finished_at",
                            "language_id", "evalx_verdict"})
        QVERIFY2(all.contains(QLatin1String(key)), key);
    QCOMPARE(all.value(QLatin1String("language_id")).toInt(), 71);
    const QString token = all.value(QLatin1String("token")).toString();
    const QJsonObject two =
        QJsonDocument::fromJson(
            request("GET", QStringLiteral("/submissions/%1?fields=stdout,status").arg(token), {},
                    &status))
            .object();
    QCOMPARE(status, 200);
    QCOMPARE(two.size(), 2);
    request("GET", QStringLiteral("/submissions/%1?fields=stdout,nonsense").arg(token), {},
            &status);
    QCOMPARE(status, 400);
}

void TestJudge0::invalidFieldsAre422()
{
    int status = 0;
    const QJsonObject r = post({},
                               {{QStringLiteral("language_id"), 4242},
                                {QStringLiteral("cpu_time_limit"), 100},
                                {QStringLiteral("memory_limit"), QStringLiteral("lots")}},
                               &status);
    QCOMPARE(status, 422);
    QVERIFY(r.value(QLatin1String("source_code")).isArray());
    QVERIFY(r.value(QLatin1String("language_id"))
                .toArray()
                .first()
                .toString()
                .contains(QLatin1String("4242")));
    QVERIFY(r.value(QLatin1String("cpu_time_limit"))
                .toArray()
                .first()
                .toString()
                .contains(QLatin1String("15")));
    QVERIFY(r.value(QLatin1String("memory_limit")).isArray());
}

void TestJudge0::malformedBodiesAre400AndTheServerGoesOn()
{
    int status = 0;
    for (const QByteArray &body : {QByteArray("nope"), QByteArray("[1,2]"), QByteArray("{\"a\":"),
                                   QByteArray(5 * 1024 * 1024, '{')}) {
        request("POST", QStringLiteral("/submissions"), body, &status);
        QCOMPARE(status, 400);
    }
    request("GET", QStringLiteral("/health"), {}, &status);
    QCOMPARE(status, 200);
}

void TestJudge0::unknownTokenIs404()
{
    int status = 0;
    const QJsonObject r =
        QJsonDocument::fromJson(
            request("GET", QStringLiteral("/submissions/no-such-token"), {}, &status))
            .object();
    QCOMPARE(status, 404);
    QVERIFY(r.value(QLatin1String("error")).toString().contains(QLatin1String("no-such-token")));
}

void TestJudge0::batchesGoInAndComeOut()
{
    int status = 0;
    const QJsonObject ok{{QStringLiteral("source_code"), QStringLiteral("print(input())")},
                         {QStringLiteral("language_id"), 71},
                         {QStringLiteral("stdin"), QStringLiteral("hello")}};
    const QJsonObject bad{{QStringLiteral("language_id"), 71}};
    const QJsonArray created =
        QJsonDocument::fromJson(request("POST", QStringLiteral("/submissions/batch"),
                                        QJsonDocument(QJsonObject{{QStringLiteral("submissions"),
                                                                   QJsonArray{ok, bad, ok}}})
                                            .toJson(),
                                        &status))
            .array();
    QCOMPARE(status, 201);
    QCOMPARE(created.size(), 3);
    QVERIFY(created[0].toObject().contains(QLatin1String("token")));
    QVERIFY(created[1].toObject().contains(QLatin1String("source_code"))); // its own errors
    const QString tokens = created[0].toObject().value(QLatin1String("token")).toString() +
                           QStringLiteral(",unknown,") +
                           created[2].toObject().value(QLatin1String("token")).toString();
    QJsonArray results;
    QDeadlineTimer deadline(30000);
    bool done = false;
    while (!done && !deadline.hasExpired()) {
        QTest::qWait(100);
        results =
            QJsonDocument::fromJson(
                request("GET", QStringLiteral("/submissions/batch?tokens=") + tokens, {}, &status))
                .object()
                .value(QLatin1String("submissions"))
                .toArray();
        QCOMPARE(status, 200);
        done = results.size() == 3 &&
               results[0]
                       .toObject()
                       .value(QLatin1String("status"))
                       .toObject()
                       .value(QLatin1String("id"))
                       .toInt() == 3 &&
               results[2]
                       .toObject()
                       .value(QLatin1String("status"))
                       .toObject()
                       .value(QLatin1String("id"))
                       .toInt() == 3;
    }
    QVERIFY(done);
    QVERIFY(results[1].isNull()); // the unknown token
    QCOMPARE(results[0].toObject().value(QLatin1String("stdout")).toString(),
             QStringLiteral("hello\n"));
    // Nothing valid: 422; too many: 422.
    request("POST", QStringLiteral("/submissions/batch"),
            QJsonDocument(QJsonObject{{QStringLiteral("submissions"), QJsonArray{bad}}}).toJson(),
            &status);
    QCOMPARE(status, 422);
    QJsonArray many;
    for (int i = 0; i < 21; ++i)
        many.append(ok);
    request("POST", QStringLiteral("/submissions/batch"),
            QJsonDocument(QJsonObject{{QStringLiteral("submissions"), many}}).toJson(), &status);
    QCOMPARE(status, 422);
}

void TestJudge0::listedNewestFirstAndDeleted()
{
    int status = 0;
    QStringList tokens;
    for (int i = 0; i < 3; ++i) {
        const QJsonObject r =
            post(QStringLiteral("?wait=true"),
                 {{QStringLiteral("source_code"), QStringLiteral("print(%1)").arg(i)},
                  {QStringLiteral("language_id"), 71}},
                 &status);
        QCOMPARE(status, 201);
        tokens << r.value(QLatin1String("token")).toString();
    }
    const QJsonObject page =
        QJsonDocument::fromJson(
            request("GET", QStringLiteral("/submissions?per_page=2&fields=token,stdout"), {},
                    &status))
            .object();
    QCOMPARE(status, 200);
    const QJsonArray list = page.value(QLatin1String("submissions")).toArray();
    QCOMPARE(list.size(), 2);
    QCOMPARE(list[0].toObject().value(QLatin1String("token")).toString(), tokens[2]);
    QCOMPARE(list[1].toObject().value(QLatin1String("token")).toString(), tokens[1]);
    const QJsonObject meta = page.value(QLatin1String("meta")).toObject();
    QCOMPARE(meta.value(QLatin1String("current_page")).toInt(), 1);
    QCOMPARE(meta.value(QLatin1String("next_page")).toInt(), 2);
    QVERIFY(meta.value(QLatin1String("prev_page")).isNull());
    QVERIFY(meta.value(QLatin1String("total_count")).toInt() >= 3);
    request("GET", QStringLiteral("/submissions?page=0"), {}, &status);
    QCOMPARE(status, 400);

    const QJsonObject deleted =
        QJsonDocument::fromJson(
            request("DELETE", QStringLiteral("/submissions/") + tokens[2], {}, &status))
            .object();
    QCOMPARE(status, 200);
    QCOMPARE(deleted.value(QLatin1String("stdout")).toString(), QStringLiteral("2\n"));
    request("GET", QStringLiteral("/submissions/") + tokens[2], {}, &status);
    QCOMPARE(status, 404);
    request("DELETE", QStringLiteral("/submissions/") + tokens[2], {}, &status);
    QCOMPARE(status, 404);
    // Not while it waits or runs.
    const QJsonObject slow =
        post({},
             {{QStringLiteral("source_code"), QStringLiteral("import time\ntime.sleep(1)")},
              {QStringLiteral("language_id"), 71}},
             &status);
    const QByteArray refused = request(
        "DELETE", QStringLiteral("/submissions/") + slow.value(QLatin1String("token")).toString(),
        {}, &status);
    QCOMPARE(status, 400);
    QVERIFY2(refused.contains("in queue or processing"), refused.constData());
}

void TestJudge0::versionAndWorkers()
{
    int status = 0;
    QCOMPARE(request("GET", QStringLiteral("/version"), {}, &status), QByteArray(EVALX_VERSION));
    QCOMPARE(status, 200);
    const QJsonArray workers =
        QJsonDocument::fromJson(request("GET", QStringLiteral("/workers"), {}, &status)).array();
    QCOMPARE(status, 200);
    QCOMPARE(workers.first().toObject().value(QLatin1String("available")).toInt(), 2);
}

void TestJudge0::fullQueueIs503()
{
    HeadlessServer small;
    QVERIFY(small.start({QStringLiteral("--workers"), QStringLiteral("1"),
                         QStringLiteral("--queue-capacity"), QStringLiteral("1")}));
    m_server = &small;
    const auto restore = qScopeGuard([this] { m_server = &m_main; });
    const QJsonObject slow{
        {QStringLiteral("source_code"), QStringLiteral("import time\ntime.sleep(2)")},
        {QStringLiteral("language_id"), 71},
        {QStringLiteral("wall_time_limit"), 5}};
    QList<int> statuses;
    for (int i = 0; i < 4; ++i) {
        int status = 0;
        post({}, slow, &status);
        statuses << status;
    }
    int status = 0;
    const QJsonObject r = post({}, slow, &status);
    // One runs, one waits (if the worker took the first before the second
    // came), the rest are refused, and say why.
    QVERIFY2(statuses.count(201) >= 1 && statuses.count(201) <= 2,
             qPrintable(QString::number(statuses.count(201))));
    QCOMPARE(statuses.count(201) + statuses.count(503), 4);
    QCOMPARE(status, 503);
    QCOMPARE(r.value(QLatin1String("error")).toString(), QStringLiteral("queue is full"));
}

void TestJudge0::authTokenIsRequired()
{
    HeadlessServer guarded;
    QVERIFY(guarded.start({QStringLiteral("--auth-token"), QStringLiteral("s3cret")}));
    m_server = &guarded;
    const auto restore = qScopeGuard([this] {
        m_server = &m_main;
        m_headers.clear();
    });
    int noToken = 0, wrong = 0, header = 0, query = 0, health = 0, piston = 0;
    request("GET", QStringLiteral("/languages"), {}, &noToken);
    request("POST", QStringLiteral("/api/v2/execute"), "{}", &piston);
    request("GET", QStringLiteral("/languages?X-Auth-Token=s3cret"), {}, &query);
    request("GET", QStringLiteral("/health"), {}, &health);
    m_headers = {{QByteArrayLiteral("X-Auth-Token"), QByteArrayLiteral("wrong")}};
    request("POST", QStringLiteral("/submissions"), "{}", &wrong);
    m_headers = {{QByteArrayLiteral("X-Auth-Token"), QByteArrayLiteral("s3cret")}};
    request("GET", QStringLiteral("/statuses"), {}, &header);
    QCOMPARE(noToken, 401);
    QCOMPARE(piston, 401);
    QCOMPARE(wrong, 401);
    QCOMPARE(query, 200);
    QCOMPARE(header, 200);
    QCOMPARE(health, 200);
}

QJsonObject TestJudge0::judge(const QJsonObject &submission, const QString &query)
{
    int status = 0;
    const QJsonObject r = post(QStringLiteral("?wait=true&fields=*") + query, submission, &status);
    if (status != 201)
        qWarning("POST answered %d: %s", status, QJsonDocument(r).toJson().constData());
    [&] { QCOMPARE(status, 201); }();
    return r;
}

int TestJudge0::statusOf(const QJsonObject &result)
{
    return result.value(QLatin1String("status")).toObject().value(QLatin1String("id")).toInt();
}

QJsonObject TestJudge0::refused(const QJsonObject &submission, const QString &field,
                                const QString &query)
{
    int status = 0;
    const QJsonObject r = post(query, submission, &status);
    [&] {
        QVERIFY2(status == 422 && r.value(field).isArray() &&
                     !r.value(field).toArray().first().toString().isEmpty(),
                 qPrintable(QStringLiteral("%1 %2: %3")
                                .arg(status)
                                .arg(field, QString::fromUtf8(QJsonDocument(r).toJson()))));
    }();
    return r;
}

namespace {

QJsonObject c(const QString &source, const QJsonObject &extra = {})
{
    QJsonObject s{{QStringLiteral("source_code"), source}, {QStringLiteral("language_id"), 50}};
    for (auto it = extra.begin(); it != extra.end(); ++it)
        s.insert(it.key(), it.value());
    return s;
}

QJsonObject python(const QString &source, const QJsonObject &extra = {})
{
    QJsonObject s = c(source, extra);
    s.insert(QStringLiteral("language_id"), 71);
    return s;
}

QString text(const QJsonObject &r, const char *field)
{
    return r.value(QLatin1String(field)).toString();
}

} // namespace

// Judge0 kills at cpu_time_limit + cpu_extra_time, and reports a time limit
// whenever the CPU time went over cpu_time_limit: a program that needs 1.5 s
// against a 1 s limit finishes (its output is there) with extra time, and is
// killed before it prints without.
void TestJudge0::cpuExtraTimeLetsTheRunGoOnButTheLimitDecides()
{
    const QString burn = QStringLiteral(
        "#include <stdio.h>\n#include <time.h>\n"
        "int main(void) { while (clock() < 3 * CLOCKS_PER_SEC / 2) {} puts(\"done\"); return 0; }");
    const QJsonObject extra = judge(
        c(burn, {{QStringLiteral("cpu_time_limit"), 1}, {QStringLiteral("cpu_extra_time"), 2.5}}));
    QCOMPARE(statusOf(extra), 5);
    QCOMPARE(text(extra, "stdout"), QStringLiteral("done\n"));
    QVERIFY(text(extra, "time").toDouble() > 1.0);
    const QJsonObject none = judge(
        c(burn, {{QStringLiteral("cpu_time_limit"), 1}, {QStringLiteral("cpu_extra_time"), 0}}));
    QCOMPARE(statusOf(none), 5);
    QVERIFY(none.value(QLatin1String("stdout")).isNull());
    // Within the limit itself, the extra time changes nothing.
    const QJsonObject quick = judge(
        c(QStringLiteral("int main(void) { return 0; }"), {{QStringLiteral("cpu_extra_time"), 5}}));
    QCOMPARE(statusOf(quick), 3);
    refused(c(burn, {{QStringLiteral("cpu_extra_time"), 5.5}}), QStringLiteral("cpu_extra_time"));
    refused(c(burn, {{QStringLiteral("cpu_extra_time"), -1}}), QStringLiteral("cpu_extra_time"));
}

// number_of_runs: in turn, stopping at the first run that is not accepted;
// the compile is done once for all of them.
void TestJudge0::runsAreMadeInTurnUntilOneFails()
{
    int status = 0;
    auto boxRuns = [&] {
        const QByteArray metrics = request("GET", QStringLiteral("/metrics"), {}, &status);
        for (const QByteArray &line : metrics.split('\n')) {
            if (line.startsWith("evalx_box_runs_total "))
                return line.mid(line.indexOf(' ') + 1).toDouble();
        }
        return -1.0;
    };
    const QString sum =
        QStringLiteral("#include <stdio.h>\nint main(void) { int a, b; scanf(\"%d %d\", &a, &b); "
                       "printf(\"%d\\n\", a + b); return 0; } /* runs */");
    // Nothing else runs meanwhile, so every box run counted is this job's.
    QDeadlineTimer idle(60000);
    while (!idle.hasExpired()) {
        const QJsonObject queue =
            QJsonDocument::fromJson(request("GET", QStringLiteral("/workers"), {}, &status))
                .array()
                .first()
                .toObject();
        if (queue.value(QLatin1String("working")).toInt() == 0 &&
            queue.value(QLatin1String("size")).toInt() == 0)
            break;
        QTest::qWait(50);
    }
    const double before = boxRuns();
    const QJsonObject three =
        judge(c(sum, {{QStringLiteral("stdin"), QStringLiteral("20 22")},
                      {QStringLiteral("expected_output"), QStringLiteral("42")},
                      {QStringLiteral("number_of_runs"), 3}}));
    QCOMPARE(statusOf(three), 3);
    QCOMPARE(three.value(QLatin1String("evalx_runs")).toInt(), 3);
    QCOMPARE(text(three, "stdout"), QStringLiteral("42\n"));
    QVERIFY(three.value(QLatin1String("memory")).toInt() > 0);
    QCOMPARE(boxRuns() - before, 4.0); // one compile, three runs

    const QJsonObject wrong =
        judge(c(sum, {{QStringLiteral("stdin"), QStringLiteral("20 22")},
                      {QStringLiteral("expected_output"), QStringLiteral("41")},
                      {QStringLiteral("number_of_runs"), 5}}));
    QCOMPARE(statusOf(wrong), 4);
    QCOMPARE(wrong.value(QLatin1String("evalx_runs")).toInt(), 1);
    refused(c(sum, {{QStringLiteral("number_of_runs"), 21}}), QStringLiteral("number_of_runs"));
    refused(c(sum, {{QStringLiteral("number_of_runs"), 2.5}}), QStringLiteral("number_of_runs"));
    refused(c(sum, {{QStringLiteral("number_of_runs"), 0}}), QStringLiteral("number_of_runs"));
}

void TestJudge0::compilerOptionsAndArguments()
{
    const QString value = QStringLiteral(
        "#include <stdio.h>\nint main(void) { printf(\"%d\\n\", VALUE); return 0; }");
    // Separate words, and part of what makes the artifact: a second compile.
    const QJsonObject seven =
        judge(c(value, {{QStringLiteral("compiler_options"), QStringLiteral("-DVALUE=7 -Wall")}}));
    QCOMPARE(statusOf(seven), 3);
    QCOMPARE(text(seven, "stdout"), QStringLiteral("7\n"));
    const QJsonObject eight =
        judge(c(value, {{QStringLiteral("compiler_options"), QStringLiteral("-DVALUE=8")}}));
    QCOMPARE(text(eight, "stdout"), QStringLiteral("8\n"));
    QCOMPARE(statusOf(judge(c(value))), 6);
    // No shell: a word that would be a command is only a word.
    const QJsonObject injected = judge(
        c(value, {{QStringLiteral("compiler_options"), QStringLiteral("-DVALUE=1;touch x")}}));
    QCOMPARE(statusOf(injected), 6);
    const QJsonObject r =
        refused(python(QStringLiteral("print(1)"),
                       {{QStringLiteral("compiler_options"), QStringLiteral("-O")}}),
                QStringLiteral("compiler_options"));
    QVERIFY(r.value(QLatin1String("compiler_options"))
                .toArray()
                .first()
                .toString()
                .contains(QLatin1String("compiled languages")));
    refused(c(value, {{QStringLiteral("compiler_options"), QString(513, QLatin1Char('x'))}}),
            QStringLiteral("compiler_options"));

    const QJsonObject args = judge(python(QStringLiteral("import sys\nprint(sys.argv[1:])"),
                                          {{QStringLiteral("command_line_arguments"),
                                            QStringLiteral("a \"b c\" 'd $HOME' e\\ f `x`")}}));
    QCOMPARE(text(args, "stdout"), QStringLiteral("['a', 'b c', 'd $HOME', 'e f', '`x`']\n"));
    refused(python(QStringLiteral("print(1)"),
                   {{QStringLiteral("command_line_arguments"), QStringLiteral("'open")}}),
            QStringLiteral("command_line_arguments"));
    refused(python(QStringLiteral("print(1)"),
                   {{QStringLiteral("command_line_arguments"), QString(513, QLatin1Char('x'))}}),
            QStringLiteral("command_line_arguments"));
}

void TestJudge0::networkCannotBeEnabled()
{
    const QJsonObject off =
        judge(python(QStringLiteral("print(1)"), {{QStringLiteral("enable_network"), false}}));
    QCOMPARE(statusOf(off), 3);
    const QJsonObject r =
        refused(python(QStringLiteral("print(1)"), {{QStringLiteral("enable_network"), true}}),
                QStringLiteral("enable_network"));
    QVERIFY(r.value(QLatin1String("enable_network"))
                .toArray()
                .first()
                .toString()
                .contains(QLatin1String("network")));
}

// Every field of the wrong type is named; nothing else is refused with it.
void TestJudge0::wrongTypesAre422()
{
    const QList<std::pair<QString, QJsonValue>> bad = {
        {QStringLiteral("cpu_time_limit"), QStringLiteral("1")},
        {QStringLiteral("stack_limit"), QJsonArray{1}},
        {QStringLiteral("max_processes_and_or_threads"), 2.5},
        {QStringLiteral("redirect_stderr_to_stdout"), QStringLiteral("true")},
        {QStringLiteral("enable_network"), 1},
        {QStringLiteral("enable_per_process_and_thread_time_limit"), true},
        {QStringLiteral("stdin"), 42},
        {QStringLiteral("compiler_options"), QJsonObject()},
        {QStringLiteral("callback_url"), QStringLiteral("ftp://example.org/x")},
        {QStringLiteral("callback_url"), 7},
        {QStringLiteral("additional_files"), QStringLiteral("@@@")},
        {QStringLiteral("language_id"), 71.5},
    };
    for (const auto &[field, value] : bad) {
        QJsonObject s = python(QStringLiteral("print(1)"));
        s.insert(field, value);
        const QJsonObject r = refused(s, field);
        QCOMPARE(r.size(), 1);
    }
    int status = 0;
    request("GET", QStringLiteral("/statuses"), {}, &status);
    QCOMPARE(status, 200);
}

// Extracted where the program runs, and beside the source when it compiles.
void TestJudge0::additionalFilesBesideTheSource()
{
    const QString files = zipBase64({{QStringLiteral("data.txt"), "from the zip\n"},
                                     {QStringLiteral("helper.py"), "WORD = 'imported'\n"},
                                     {QStringLiteral("sub/more.txt"), "deeper\n"}});
    const QJsonObject r = judge(
        python(QStringLiteral("import helper\nprint(open('data.txt').read().strip(), helper.WORD, "
                              "open('sub/more.txt').read().strip())"),
               {{QStringLiteral("additional_files"), files}}));
    QCOMPARE(statusOf(r), 3);
    QCOMPARE(text(r, "stdout"), QStringLiteral("from the zip imported deeper\n"));
    // A header the C source includes.
    const QJsonObject header =
        judge(c(QStringLiteral("#include <stdio.h>\n#include \"answer.h\"\n"
                               "int main(void) { printf(\"%d\\n\", ANSWER); return 0; }"),
                {{QStringLiteral("additional_files"),
                  zipBase64({{QStringLiteral("answer.h"), "#define ANSWER 42\n"}})}}));
    QCOMPARE(statusOf(header), 3);
    QCOMPARE(text(header, "stdout"), QStringLiteral("42\n"));
    // Base64 whatever base64_encoded says.
    const QJsonObject b64 = judge(
        python(QString::fromLatin1(QByteArray("print(open('data.txt').read(), end='')").toBase64()),
               {{QStringLiteral("additional_files"), files}}),
        QStringLiteral("&base64_encoded=true"));
    QCOMPARE(QByteArray::fromBase64(text(b64, "stdout").toLatin1()), QByteArray("from the zip\n"));
}

void TestJudge0::multiFileProgram()
{
    int status = 0;
    const QJsonArray languages =
        QJsonDocument::fromJson(request("GET", QStringLiteral("/languages"), {}, &status)).array();
    bool listed = false;
    for (const QJsonValue &l : languages)
        listed = listed || l.toObject().value(QLatin1String("id")).toInt() == 89;
    QVERIFY(listed);

    const QByteArray sum = "#include <stdio.h>\nint main(int argc, char **argv) { int a, b; "
                           "scanf(\"%d %d\", &a, &b); printf(\"%d %s\\n\", a + b, argv[1]); }\n";
    const QJsonObject r =
        judge({{QStringLiteral("language_id"), 89},
               {QStringLiteral("stdin"), QStringLiteral("40 2")},
               {QStringLiteral("command_line_arguments"), QStringLiteral("arg")},
               {QStringLiteral("expected_output"), QStringLiteral("42 arg")},
               {QStringLiteral("additional_files"),
                zipBase64({{QStringLiteral("compile"), "echo compiling\ngcc -o sum main.c\n"},
                           {QStringLiteral("run"), "./sum \"$@\"\n"},
                           {QStringLiteral("main.c"), sum}})}});
    QCOMPARE(statusOf(r), 3);
    QCOMPARE(text(r, "stdout"), QStringLiteral("42 arg\n"));
    QVERIFY2(text(r, "compile_output").contains(QLatin1String("compiling")),
             qPrintable(text(r, "compile_output")));

    // A compile script that fails: status 6, its output as compile_output.
    const QJsonObject failed =
        judge({{QStringLiteral("language_id"), 89},
               {QStringLiteral("additional_files"),
                zipBase64({{QStringLiteral("compile"), "echo 'no luck' >&2\nexit 2\n"},
                           {QStringLiteral("run"), "echo never\n"}})}});
    QCOMPARE(statusOf(failed), 6);
    QVERIFY(text(failed, "compile_output").contains(QLatin1String("no luck")));
    QVERIFY(failed.value(QLatin1String("stdout")).isNull());

    // No compile script: the run script alone.
    const QJsonObject plain = judge({{QStringLiteral("language_id"), 89},
                                     {QStringLiteral("additional_files"),
                                      zipBase64({{QStringLiteral("run"), "echo plain\n"}})}});
    QCOMPARE(text(plain, "stdout"), QStringLiteral("plain\n"));

    refused(
        {{QStringLiteral("language_id"), 89},
         {QStringLiteral("additional_files"), zipBase64({{QStringLiteral("compile"), "true\n"}})}},
        QStringLiteral("additional_files"));
    refused({{QStringLiteral("language_id"), 89}}, QStringLiteral("additional_files"));
}

void TestJudge0::hostileArchivesAre422()
{
    const QByteArray zeros(11 * 1024 * 1024, '\0');
    QList<ZipEntry> many;
    for (int i = 0; i < 300; ++i)
        many.append({QStringLiteral("f%1").arg(i), "x"});
    const QList<std::pair<const char *, QString>> archives = {
        {"not base64", QStringLiteral("!!!")},
        {"not a zip", QString::fromLatin1(QByteArray("PK but not really a zip").toBase64())},
        {"truncated",
         QString::fromLatin1(
             makeZip({{QStringLiteral("a.txt"), QByteArray(4096, 'a')}}).left(60).toBase64())},
        {"parent", zipBase64({{QStringLiteral("../escape.txt"), "x"}})},
        {"inner parent", zipBase64({{QStringLiteral("a/../../escape.txt"), "x"}})},
        {"absolute", zipBase64({{QStringLiteral("/etc/evil"), "x"}})},
        {"symlink", zipBase64({{QStringLiteral("link"), "/etc/passwd", S_IFLNK | 0777}})},
        {"bomb", zipBase64({{QStringLiteral("zeros"), zeros}})},
        {"many", zipBase64(many)},
    };
    for (const auto &[what, archive] : archives) {
        QVERIFY2(archive.size() < 1024 * 1024, what); // the bomb is small when packed
        refused(python(QStringLiteral("print(1)"), {{QStringLiteral("additional_files"), archive}}),
                QStringLiteral("additional_files"));
    }
    int status = 0;
    request("GET", QStringLiteral("/statuses"), {}, &status);
    QCOMPARE(status, 200);
}

// callback_url: a PUT of the result with Judge0's default fields, in base64
// when the submission was.
void TestJudge0::callbackIsPutWhenDone()
{
    WebhookReceiver receiver;
    int status = 0;
    const QJsonObject created =
        post(QStringLiteral("?base64_encoded=true"),
             {{QStringLiteral("source_code"),
               QString::fromLatin1(QByteArray("print('called back')").toBase64())},
              {QStringLiteral("language_id"), 71},
              {QStringLiteral("callback_url"), receiver.url(QStringLiteral("/done"))}},
             &status);
    QCOMPARE(status, 201);
    QVERIFY(receiver.waitFor(1, 60000));
    const WebhookReceiver::Received &got = receiver.received().first();
    QCOMPARE(got.method, QByteArray("PUT"));
    QCOMPARE(got.path, QStringLiteral("/done"));
    QCOMPARE(got.contentType, QByteArray("application/json"));
    const QJsonObject body = QJsonDocument::fromJson(got.body).object();
    QCOMPARE(text(body, "token"), text(created, "token"));
    QCOMPARE(statusOf(body), 3);
    QCOMPARE(QByteArray::fromBase64(text(body, "stdout").toLatin1()), QByteArray("called back\n"));
    QStringList keys = body.keys();
    keys.sort();
    QCOMPARE(keys, (QStringList{QStringLiteral("compile_output"), QStringLiteral("memory"),
                                QStringLiteral("message"), QStringLiteral("status"),
                                QStringLiteral("stderr"), QStringLiteral("stdout"),
                                QStringLiteral("time"), QStringLiteral("token")}));
    QTest::qWait(200);
    QCOMPARE(receiver.received().size(), 1); // once
}

void TestJudge0::callbackIsRetried()
{
    WebhookReceiver receiver({500, 503});
    const QJsonObject r =
        judge(python(QStringLiteral("print('again')"),
                     {{QStringLiteral("callback_url"), receiver.url(QStringLiteral("/retry"))}}));
    QVERIFY(receiver.waitFor(3, 60000));
    for (const WebhookReceiver::Received &got : receiver.received()) {
        const QJsonObject body = QJsonDocument::fromJson(got.body).object();
        QCOMPARE(text(body, "token"), text(r, "token"));
        QCOMPARE(text(body, "stdout"), QStringLiteral("again\n"));
    }
}

// --auth-user (here from EVALX_AUTH_USER): listing and deleting need
// X-Auth-User; a wrong or missing one is 403, while X-Auth-Token stays 401.
void TestJudge0::authUserGuardsTheAdminCalls()
{
    HeadlessServer guarded;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("EVALX_AUTH_USER"), QStringLiteral("admin"));
    guarded.process().setProcessEnvironment(env);
    QVERIFY(guarded.start({QStringLiteral("--auth-token"), QStringLiteral("tok")}));
    m_server = &guarded;
    const auto restore = qScopeGuard([this] {
        m_server = &m_main;
        m_headers.clear();
    });
    int status = 0;
    const QByteArray token("X-Auth-Token"), user("X-Auth-User");
    m_headers = {{user, "admin"}};
    request("GET", QStringLiteral("/submissions"), {}, &status);
    QCOMPARE(status, 401); // the token first
    m_headers = {{token, "tok"}};
    request("GET", QStringLiteral("/submissions"), {}, &status);
    QCOMPARE(status, 403);
    request("DELETE", QStringLiteral("/submissions/whatever"), {}, &status);
    QCOMPARE(status, 403);
    request("GET", QStringLiteral("/config_info"), {}, &status);
    QCOMPARE(status, 200); // not an admin call
    request("GET", QStringLiteral("/languages"), {}, &status);
    QCOMPARE(status, 200);
    m_headers = {{token, "tok"}, {user, "wrong"}};
    request("GET", QStringLiteral("/submissions"), {}, &status);
    QCOMPARE(status, 403);
    m_headers = {{token, "tok"}, {user, "admin"}};
    request("GET", QStringLiteral("/submissions"), {}, &status);
    QCOMPARE(status, 200);
    request("DELETE", QStringLiteral("/submissions/whatever"), {}, &status);
    QCOMPARE(status, 404);
    m_headers = {{token, "tok"}};
    request("GET", QStringLiteral("/submissions?X-Auth-User=admin"), {}, &status);
    QCOMPARE(status, 200);
}

void TestJudge0::configInfoIsTheValidationsTable()
{
    int status = 0;
    const QJsonObject info =
        QJsonDocument::fromJson(request("GET", QStringLiteral("/config_info"), {}, &status))
            .object();
    QCOMPARE(status, 200);
    for (const char *key : {"enable_wait_result",
                            "enable_compiler_options",
                            "enable_command_line_arguments",
                            "enable_submission_delete",
                            "enable_callbacks",
                            "callbacks_max_tries",
                            "callbacks_timeout",
                            "enable_additional_files",
                            "max_queue_size",
                            "cpu_time_limit",
                            "max_cpu_time_limit",
                            "cpu_extra_time",
                            "max_cpu_extra_time",
                            "wall_time_limit",
                            "max_wall_time_limit",
                            "memory_limit",
                            "max_memory_limit",
                            "stack_limit",
                            "max_stack_limit",
                            "max_processes_and_or_threads",
                            "max_max_processes_and_or_threads",
                            "enable_per_process_and_thread_time_limit",
                            "enable_per_process_and_thread_memory_limit",
                            "max_file_size",
                            "max_max_file_size",
                            "number_of_runs",
                            "max_number_of_runs",
                            "redirect_stderr_to_stdout",
                            "max_extract_size",
                            "enable_batched_submissions",
                            "max_submission_batch_size",
                            "submission_cache_duration",
                            "allow_enable_network",
                            "enable_network"})
        QVERIFY2(info.contains(QLatin1String(key)), key);
    QCOMPARE(info.value(QLatin1String("allow_enable_network")).toBool(), false);
    QCOMPARE(info.value(QLatin1String("max_queue_size")).toInt(), 100);
    QCOMPARE(info.value(QLatin1String("callbacks_max_tries")).toInt(), 3);
    // Each maximum is what the validation takes, and one more is refused.
    for (const char *field :
         {"cpu_time_limit", "cpu_extra_time", "wall_time_limit", "memory_limit", "stack_limit",
          "max_processes_and_or_threads", "max_file_size", "number_of_runs"}) {
        const QString name = QLatin1String(field);
        const double max = info.value(QStringLiteral("max_") + name).toDouble();
        QVERIFY2(max > 0, field);
        QVERIFY2(info.value(name).toDouble() <= max, field);
        const QJsonObject r = refused(python(QStringLiteral("print(1)"), {{name, max + 1}}), name);
        QVERIFY2(r.value(name).toArray().first().toString().contains(QString::number(max)), field);
    }
}

void TestJudge0::systemInfoStatisticsAndAllLanguages()
{
    int status = 0;
    const QJsonObject system =
        QJsonDocument::fromJson(request("GET", QStringLiteral("/system_info"), {}, &status))
            .object();
    QCOMPARE(status, 200);
    QVERIFY(!text(system, "Architecture").isEmpty());
    QVERIFY(system.value(QLatin1String("CPU(s)")).toInt() >= 1);
    QVERIFY(text(system, "Mem total").endsWith(QLatin1String("GiB")));

    const QJsonObject stats =
        QJsonDocument::fromJson(request("GET", QStringLiteral("/statistics"), {}, &status))
            .object();
    QCOMPARE(status, 200);
    const QJsonObject submissions = stats.value(QLatin1String("submissions")).toObject();
    QVERIFY(submissions.value(QLatin1String("total")).toInt() >= 20);
    const int today = submissions.value(QLatin1String("today")).toInt();
    QVERIFY(today >= 1 && today <= submissions.value(QLatin1String("total")).toInt());
    const QJsonObject days = submissions.value(QLatin1String("last_30_days")).toObject();
    QCOMPARE(days.size(), 30);
    QCOMPARE(days.value(QDate::currentDate().toString(Qt::ISODate)).toInt(), today);
    QHash<int, int> byLanguage, byStatus;
    for (const QJsonValue &v : stats.value(QLatin1String("languages")).toArray())
        byLanguage.insert(v.toObject()
                              .value(QLatin1String("language"))
                              .toObject()
                              .value(QLatin1String("id"))
                              .toInt(),
                          v.toObject().value(QLatin1String("count")).toInt());
    for (const QJsonValue &v : stats.value(QLatin1String("statuses")).toArray())
        byStatus.insert(v.toObject()
                            .value(QLatin1String("status"))
                            .toObject()
                            .value(QLatin1String("id"))
                            .toInt(),
                        v.toObject().value(QLatin1String("count")).toInt());
    QVERIFY(byLanguage.value(71) >= 5 && byLanguage.value(50) >= 3 && byLanguage.value(89) >= 2);
    QVERIFY(byStatus.value(3) >= 5 && byStatus.value(6) >= 2 && byStatus.value(5) >= 2);
    int counted = 0;
    for (int n : std::as_const(byStatus))
        counted += n;
    QCOMPARE(counted, submissions.value(QLatin1String("total")).toInt());

    const QJsonArray all =
        QJsonDocument::fromJson(request("GET", QStringLiteral("/languages/all"), {}, &status))
            .array();
    QCOMPARE(status, 200);
    QSet<int> ids;
    for (const QJsonValue &v : all) {
        QVERIFY(v.toObject().value(QLatin1String("is_archived")).isBool());
        ids.insert(v.toObject().value(QLatin1String("id")).toInt());
    }
    QVERIFY(ids.contains(89) && ids.contains(71) && ids.contains(54));
}

// Programs that would pass were a limit ignored: each limit is what was asked.
void TestJudge0::fileSizeLimitIsApplied()
{
    const QString writer =
        QStringLiteral("#include <stdio.h>\nint main(void) { FILE *f = fopen(\"big.bin\", \"wb\"); "
                       "static char block[1024]; for (int i = 0; i < 2048; ++i) "
                       "if (fwrite(block, 1, sizeof block, f) != sizeof block) return 1; "
                       "if (fclose(f) != 0) return 1; puts(\"written\"); return 0; }");
    const QJsonObject small = judge(c(writer, {{QStringLiteral("max_file_size"), 1024}}));
    QCOMPARE(statusOf(small), 8); // SIGXFSZ
    const QJsonObject large = judge(c(writer, {{QStringLiteral("max_file_size"), 4096}}));
    QCOMPARE(statusOf(large), 3);
    QCOMPARE(text(large, "stdout"), QStringLiteral("written\n"));
}

void TestJudge0::processLimitIsApplied()
{
    const QString forker = QStringLiteral(
        "#include <stdio.h>\n#include <unistd.h>\n"
        "int main(void) { int n = 0; for (int i = 0; i < 30; ++i) { pid_t p = fork(); "
        "if (p == 0) { pause(); _exit(0); } if (p > 0) ++n; } printf(\"%d\\n\", n); return 0; }");
    const QJsonObject few = judge(c(forker, {{QStringLiteral("max_processes_and_or_threads"), 8}}));
    QCOMPARE(statusOf(few), 3);
    const int forked = text(few, "stdout").trimmed().toInt();
    QVERIFY2(forked >= 1 && forked <= 8, qPrintable(text(few, "stdout")));
    const QJsonObject many =
        judge(c(forker, {{QStringLiteral("max_processes_and_or_threads"), 60}}));
    QCOMPARE(text(many, "stdout"), QStringLiteral("30\n"));
}

void TestJudge0::stackLimitIsApplied()
{
    // About 40 MB of stack; -O0 keeps every frame.
    const QString deep =
        QStringLiteral("#include <stdio.h>\n"
                       "int down(int n) { volatile char frame[1024]; frame[n % 1024] = (char)n; "
                       "if (n == 0) return 0; return down(n - 1) + frame[n % 1024] % 2; }\n"
                       "int main(void) { printf(\"%d\\n\", down(40000) >= 0); return 0; }");
    const QJsonObject options{{QStringLiteral("compiler_options"), QStringLiteral("-O0")}};
    QJsonObject small = c(deep, options);
    small.insert(QStringLiteral("stack_limit"), 8000);
    QCOMPARE(statusOf(judge(small)), 7); // SIGSEGV
    QJsonObject large = c(deep, options);
    large.insert(QStringLiteral("stack_limit"), 64000);
    const QJsonObject r = judge(large);
    QCOMPARE(statusOf(r), 3);
    QCOMPARE(text(r, "stdout"), QStringLiteral("1\n"));
}

void TestJudge0::stderrIsRedirectedWhenAsked()
{
    const QString both =
        QStringLiteral("import sys\nprint('out', flush=True)\nprint('err', file=sys.stderr)");
    const QJsonObject apart = judge(python(both));
    QCOMPARE(text(apart, "stdout"), QStringLiteral("out\n"));
    QCOMPARE(text(apart, "stderr"), QStringLiteral("err\n"));
    const QJsonObject merged =
        judge(python(both, {{QStringLiteral("redirect_stderr_to_stdout"), true}}));
    QCOMPARE(text(merged, "stdout"), QStringLiteral("out\nerr\n"));
    QVERIFY(merged.value(QLatin1String("stderr")).isNull());
}

// After the tests above: Prometheus text with the jobs, boxes and cache.
void TestJudge0::metricsCountWhatHappened()
{
    int status = 0;
    const QByteArray text = request("GET", QStringLiteral("/metrics"), {}, &status);
    QCOMPARE(status, 200);
    QHash<QByteArray, double> samples;
    for (const QByteArray &line : text.split('\n')) {
        if (line.isEmpty() || line.startsWith('#'))
            continue;
        const qsizetype space = line.lastIndexOf(' ');
        samples.insert(line.left(space), line.mid(space + 1).toDouble());
    }
    QVERIFY(text.contains("# TYPE evalx_job_duration_seconds histogram"));
    QVERIFY(samples.value(R"(evalx_jobs_total{verdict="AC"})") >= 5);
    QVERIFY(samples.value(R"(evalx_jobs_total{verdict="CE"})") >= 1);
    double jobs = 0;
    for (auto it = samples.cbegin(); it != samples.cend(); ++it) {
        if (it.key().startsWith("evalx_jobs_total{"))
            jobs += it.value();
    }
    QCOMPARE(samples.value("evalx_job_duration_seconds_count"), jobs);
    QCOMPARE(samples.value(R"(evalx_job_duration_seconds_bucket{le="+Inf"})"), jobs);
    // Every test run once, by verdict and in the run-time histogram; compile errors run none.
    double runs = 0;
    for (auto it = samples.cbegin(); it != samples.cend(); ++it) {
        if (it.key().startsWith("evalx_runs_total{"))
            runs += it.value();
    }
    QVERIFY(runs >= samples.value(R"(evalx_jobs_total{verdict="AC"})"));
    // One run a job, but for the job of three runs (runsAreMadeInTurnUntilOneFails).
    QVERIFY(runs <= jobs - samples.value(R"(evalx_jobs_total{verdict="CE"})") + 2);
    QVERIFY(samples.value(R"(evalx_runs_total{verdict="TLE"})") >= 1);
    QCOMPARE(samples.value("evalx_run_duration_seconds_count"), runs);
    QCOMPARE(samples.value(R"(evalx_run_duration_seconds_bucket{le="+Inf"})"), runs);
    QCOMPARE(samples.value(R"(evalx_boxes{state="idle"})") +
                 samples.value(R"(evalx_boxes{state="running"})") +
                 samples.value(R"(evalx_boxes{state="compiling"})") +
                 samples.value(R"(evalx_boxes{state="cleaning"})"),
             2.0);
    QVERIFY(samples.value("evalx_box_runs_total") >= jobs);
    // The sum program went in several times: compiled once, then found.
    QVERIFY(samples.value("evalx_compile_cache_hits_total") >= 1);
    QVERIFY(samples.value("evalx_compile_cache_misses_total") >= 1);
    // Without Redis there is no shared store to ask.
    QVERIFY(samples.contains("evalx_compile_store_hits_total"));
    QCOMPARE(samples.value("evalx_compile_store_hits_total"), 0.0);
    QCOMPARE(samples.value("evalx_compile_store_misses_total"), 0.0);
}

QTEST_GUILESS_MAIN(TestJudge0)
#include "tst_judge0.moc"
