// The Judge0 CE compatible API of a real 'evalx --headless' on a free loopback
// port, spoken to over HTTP the way Judge0 clients do.

#include "headlessserver.h"

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
    void metricsCountWhatHappened();

private:
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
    QVERIFY(runs <= jobs - samples.value(R"(evalx_jobs_total{verdict="CE"})"));
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
}

QTEST_GUILESS_MAIN(TestJudge0)
#include "tst_judge0.moc"
