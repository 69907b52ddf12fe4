// The EvalX-native API (/api/v1) of a real 'evalx --headless' on a free
// loopback port: submissions over HTTP, their WebSocket streams, webhooks to
// a receiver on loopback, and the execute shapes.

#include "headlessserver.h"
#include "webhookreceiver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QScopeGuard>
#include <QWebSocket>

#include <memory>

using namespace evalx::test;

namespace {

const QString kSumC = QStringLiteral(
    "#include <stdio.h>\nint main(void) { long a, b; if (scanf(\"%ld %ld\", &a, &b) != 2) "
    "return 2; printf(\"%ld\\n\", a + b); return 0; }\n");

// Sleeps a tenth of a second per unit of its input, then prints it.
const QString kSleepyPy =
    QStringLiteral("import time\nx = int(input())\ntime.sleep(x / 10)\nprint(x)\n");

QJsonObject test(const QString &input, const QString &expected = {})
{
    QJsonObject t{{QStringLiteral("input"), input}};
    if (!expected.isNull())
        t.insert(QStringLiteral("expected"), expected);
    return t;
}

QStringList names(std::initializer_list<const char *> items)
{
    QStringList out;
    for (const char *item : items)
        out << QLatin1String(item);
    return out;
}

QStringList verdicts(const QJsonObject &result)
{
    QStringList out;
    for (const QJsonValue &t : result.value(QLatin1String("tests")).toArray())
        out << t.toObject().value(QLatin1String("verdict")).toString();
    return out;
}

QString str(const QJsonObject &o, const char *key)
{
    return o.value(QLatin1String(key)).toString();
}

// One WebSocket client: every message it got, and whether the server closed it.
class StreamClient final
{
public:
    StreamClient(quint16 port, const QString &token, const QByteArray &authToken = {})
    {
        QObject::connect(&m_socket, &QWebSocket::textMessageReceived, [this](const QString &m) {
            m_messages << QJsonDocument::fromJson(m.toUtf8()).object();
        });
        QObject::connect(&m_socket, &QWebSocket::disconnected, [this] { m_closed = true; });
        // A refused handshake (401 from the request gate) ends it too.
        QObject::connect(&m_socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error),
                         [this] { m_closed = true; });
        QNetworkRequest request(QUrl(
            QStringLiteral("ws://127.0.0.1:%1/api/v1/submissions/%2/stream").arg(port).arg(token)));
        if (!authToken.isEmpty())
            request.setRawHeader(QByteArrayLiteral("X-Auth-Token"), authToken);
        m_socket.open(request);
    }

    // Spins the event loop until the server has closed the socket (a minute at most).
    bool waitClosed()
    {
        QDeadlineTimer deadline(60000);
        while (!m_closed && !deadline.hasExpired())
            QTest::qWait(10);
        return m_closed;
    }
    bool isClosed() const { return m_closed; }
    const QList<QJsonObject> &messages() const { return m_messages; }

private:
    QWebSocket m_socket;
    QList<QJsonObject> m_messages;
    bool m_closed = false;
};

} // namespace

class TestNative : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void languagesListEvalxIds();
    void waitReturnsPerTestResults_data();
    void waitReturnsPerTestResults();
    void pollingShowsProgressThenTheResult();
    void floatCheckerAcceptsWhatLinesRejects();
    void testlibCheckerDecides();
    void stopOnFirstFailureSkips();
    void multiFileSubmission();
    void limitsAreKibAndSeconds();
    void errorsNameTheField_data();
    void errorsNameTheField();
    void unknownTokenIs404();
    void fullQueueIs503();
    void streamSendsEveryTestOnceThenDone();
    void streamAfterDoneReplaysEverything();
    void streamUnknownTokenIsAnError();
    void manyStreamsAndTheServerStillAnswers();
    void webhookIsDeliveredWithRetries();
    void executeRunsOneProgram();
    void executeBatchCompilesOnce();
    void executeParallelKeepsTheOrder();
    void authTokenGuardsV1AndStreams();

private:
    QJsonObject call(const QByteArray &verb, const QString &path, const QJsonValue &body,
                     int *status, HeadlessServer::Headers headers = {});
    QJsonObject submit(const QJsonObject &submission, bool wait, int *status);
    QJsonObject pollUntilDone(const QString &token, QList<QJsonObject> *seen = nullptr);
    double metric(const QByteArray &name);

    HeadlessServer m_main;
    HeadlessServer *m_server = &m_main;
};

void TestNative::initTestCase()
{
    QVERIFY2(m_main.start({QStringLiteral("--workers"), QStringLiteral("2")}),
             m_main.firstLine().constData());
}

void TestNative::cleanupTestCase()
{
    m_main.stop();
}

QJsonObject TestNative::call(const QByteArray &verb, const QString &path, const QJsonValue &body,
                             int *status, HeadlessServer::Headers headers)
{
    QByteArray raw;
    if (body.isObject())
        raw = QJsonDocument(body.toObject()).toJson(QJsonDocument::Compact);
    else if (body.isArray())
        raw = QJsonDocument(body.toArray()).toJson(QJsonDocument::Compact);
    else if (body.isString())
        raw = body.toString().toUtf8(); // sent as it is: for bodies that are not JSON
    const QByteArray answer = m_server->request(verb, path, raw, status, headers);
    const QJsonDocument doc = QJsonDocument::fromJson(answer);
    return doc.isArray() ? QJsonObject{{QStringLiteral("array"), doc.array()}} : doc.object();
}

QJsonObject TestNative::submit(const QJsonObject &submission, bool wait, int *status)
{
    return call("POST",
                QStringLiteral("/api/v1/submissions") +
                    (wait ? QStringLiteral("?wait=true") : QString()),
                submission, status);
}

QJsonObject TestNative::pollUntilDone(const QString &token, QList<QJsonObject> *seen)
{
    QJsonObject r;
    QDeadlineTimer deadline(60000);
    do {
        QTest::qWait(30);
        int status = 0;
        r = call("GET", QStringLiteral("/api/v1/submissions/") + token, {}, &status);
        if (status != 200)
            return {};
        if (seen)
            *seen << r;
    } while (str(r, "status") != QLatin1String("done") && !deadline.hasExpired());
    return r;
}

double TestNative::metric(const QByteArray &name)
{
    int status = 0;
    const QByteArray text = m_server->request("GET", QStringLiteral("/metrics"), {}, &status);
    for (const QByteArray &line : text.split('\n')) {
        if (line.startsWith(QByteArray(name + ' ')))
            return line.mid(name.size() + 1).toDouble();
    }
    return -1;
}

void TestNative::languagesListEvalxIds()
{
    int status = 0;
    const QJsonArray list = call("GET", QStringLiteral("/api/v1/languages"), {}, &status)
                                .value(QLatin1String("array"))
                                .toArray();
    QCOMPARE(status, 200);
    QHash<QString, QJsonObject> byId;
    for (const QJsonValue &v : list)
        byId.insert(str(v.toObject(), "id"), v.toObject());
    for (const char *id : {"c", "cpp", "python3"}) {
        const QJsonObject l = byId.value(QLatin1String(id));
        QVERIFY2(l.value(QLatin1String("available")).toBool(), id);
        QVERIFY2(!str(l, "version").isEmpty(), id);
        QVERIFY2(!str(l, "name").isEmpty(), id);
    }
    QCOMPARE(byId.value(QStringLiteral("python3")).value(QLatin1String("source_name")).toString(),
             QStringLiteral("main.py"));
    // Every language of the catalogue is listed, installed or not.
    for (const QJsonValue &v : list)
        QVERIFY(v.toObject().value(QLatin1String("available")).isBool());
}

void TestNative::waitReturnsPerTestResults_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("source");
    QTest::addColumn<QJsonArray>("tests");
    QTest::addColumn<QString>("verdict");
    QTest::addColumn<QStringList>("perTest");

    const QJsonArray sums{test(QStringLiteral("1 2"), QStringLiteral("3")),
                          test(QStringLiteral("20 22"), QStringLiteral("42")),
                          test(QStringLiteral("-5 5"), QStringLiteral("0"))};
    QTest::newRow("C, all accepted") << "c" << kSumC << sums << "AC" << names({"AC", "AC", "AC"});
    QJsonArray oneWrong = sums;
    oneWrong[1] = test(QStringLiteral("20 22"), QStringLiteral("41"));
    QTest::newRow("C, one wrong answer")
        << "c" << kSumC << oneWrong << "WA" << names({"AC", "WA", "AC"});
    QTest::newRow("Python, a time limit on one test")
        << "python3"
        << "x = int(input())\nwhile x < 0: pass\nprint(x)"
        << QJsonArray{test(QStringLiteral("1"), QStringLiteral("1")),
                      test(QStringLiteral("-1"), QStringLiteral("-1")),
                      test(QStringLiteral("2"), QStringLiteral("2"))}
        << "TLE" << names({"AC", "TLE", "AC"});
    QTest::newRow("Python, no expected output")
        << "python3"
        << "print(input()[::-1])"
        << QJsonArray{test(QStringLiteral("abc")), test(QStringLiteral("xy"))} << "AC"
        << names({"AC", "AC"});
    QTest::newRow("C, compilation error")
        << "c"
        << "int main(void) { return x; }" << sums << "CE" << names({"CE", "CE", "CE"});
}

void TestNative::waitReturnsPerTestResults()
{
    QFETCH(QString, language);
    QFETCH(QString, source);
    QFETCH(QJsonArray, tests);
    QFETCH(QString, verdict);
    QFETCH(QStringList, perTest);
    int status = 0;
    const QJsonObject r =
        submit({{QStringLiteral("language"), language},
                {QStringLiteral("source"), source},
                {QStringLiteral("tests"), tests},
                {QStringLiteral("limits"), QJsonObject{{QStringLiteral("time"), 1}}}},
               true, &status);
    QCOMPARE(status, 201);
    QCOMPARE(str(r, "status"), QStringLiteral("done"));
    QCOMPARE(str(r, "verdict"), verdict);
    QCOMPARE(verdicts(r), perTest);
    QVERIFY(!str(r, "token").isEmpty());
    QVERIFY(!str(r, "created_at").isEmpty());
    QVERIFY(!str(r, "finished_at").isEmpty());
    const QJsonArray list = r.value(QLatin1String("tests")).toArray();
    for (qsizetype i = 0; i < list.size(); ++i) {
        const QJsonObject t = list[i].toObject();
        QCOMPARE(t.value(QLatin1String("index")).toInt(), int(i));
        QCOMPARE(str(t, "name"), QString::number(i + 1));
        for (const char *key : {"time", "wall_time", "memory", "exit_code", "signal", "stdout",
                                "stderr", "checker_message"})
            QVERIFY2(t.contains(QLatin1String(key)), key);
    }
    if (verdict == QLatin1String("CE")) {
        QVERIFY(str(r, "compile_output").contains(QLatin1String("x")));
        QVERIFY(list[0].toObject().value(QLatin1String("time")).isNull());
        return;
    }
    QCOMPARE(r.value(QLatin1String("passed")).toInt(), int(perTest.count(QStringLiteral("AC"))));
    const QJsonObject first = list[0].toObject();
    QCOMPARE(first.value(QLatin1String("exit_code")).toInt(-1), 0);
    QVERIFY(first.value(QLatin1String("signal")).isNull());
    QVERIFY(first.value(QLatin1String("memory")).toInt() > 0);
    QVERIFY(first.value(QLatin1String("wall_time")).isDouble());
    if (language == QLatin1String("c"))
        QCOMPARE(str(first, "stdout"), QStringLiteral("3\n"));
    if (verdict == QLatin1String("WA")) {
        const QJsonObject wrong = list[1].toObject();
        QCOMPARE(str(wrong, "stdout"), QStringLiteral("42\n"));
        QVERIFY2(str(wrong, "checker_message").contains(QLatin1String("41")),
                 qPrintable(str(wrong, "checker_message")));
        QVERIFY(str(r, "message").contains(QLatin1String("test 2")));
    }
}

void TestNative::pollingShowsProgressThenTheResult()
{
    int status = 0;
    const QJsonObject created = submit(
        {{QStringLiteral("language"), QStringLiteral("python3")},
         {QStringLiteral("source"), kSleepyPy},
         {QStringLiteral("tests"), QJsonArray{test(QStringLiteral("3"), QStringLiteral("3")),
                                              test(QStringLiteral("6"), QStringLiteral("6")),
                                              test(QStringLiteral("9"), QStringLiteral("9"))}}},
        false, &status);
    QCOMPARE(status, 201);
    QCOMPARE(created.keys(), QStringList{QStringLiteral("token")});
    QList<QJsonObject> seen;
    const QJsonObject done = pollUntilDone(str(created, "token"), &seen);
    QCOMPARE(str(done, "verdict"), QStringLiteral("AC"));
    QCOMPARE(verdicts(done), (names({"AC", "AC", "AC"})));
    // Every answer on the way: a known state, tests only ever added, in index order.
    qsizetype before = 0;
    for (const QJsonObject &r : std::as_const(seen)) {
        const QString state = str(r, "status");
        QVERIFY2(state == QLatin1String("queued") || state == QLatin1String("running") ||
                     state == QLatin1String("done"),
                 qPrintable(state));
        const QJsonArray tests = r.value(QLatin1String("tests")).toArray();
        QVERIFY(tests.size() >= before);
        before = tests.size();
        for (qsizetype i = 1; i < tests.size(); ++i)
            QVERIFY(tests[i].toObject().value(QLatin1String("index")).toInt() >
                    tests[i - 1].toObject().value(QLatin1String("index")).toInt());
        if (state != QLatin1String("done")) {
            QVERIFY(r.value(QLatin1String("verdict")).isNull());
            QVERIFY(r.value(QLatin1String("finished_at")).isNull());
        }
    }
}

void TestNative::floatCheckerAcceptsWhatLinesRejects()
{
    const QJsonObject base{
        {QStringLiteral("language"), QStringLiteral("python3")},
        {QStringLiteral("source"), QStringLiteral("print(3.14159)")},
        {QStringLiteral("tests"), QJsonArray{test({}, QStringLiteral("3.1416"))}}};
    QJsonObject lines = base;
    lines.insert(QStringLiteral("checker"),
                 QJsonObject{{QStringLiteral("type"), QStringLiteral("lines")}});
    QJsonObject floats = base;
    floats.insert(QStringLiteral("checker"),
                  QJsonObject{{QStringLiteral("type"), QStringLiteral("float")},
                              {QStringLiteral("abs"), 1e-3}});
    QJsonObject tight = base;
    tight.insert(QStringLiteral("checker"),
                 QJsonObject{{QStringLiteral("type"), QStringLiteral("float")},
                             {QStringLiteral("abs"), 1e-6}});
    int status = 0;
    QCOMPARE(str(submit(lines, true, &status), "verdict"), QStringLiteral("WA"));
    QCOMPARE(str(submit(floats, true, &status), "verdict"), QStringLiteral("AC"));
    QCOMPARE(str(submit(tight, true, &status), "verdict"), QStringLiteral("WA"));
    QJsonObject tokens = base;
    tokens.insert(QStringLiteral("source"), QStringLiteral("print('  A   b ')"));
    tokens.insert(QStringLiteral("tests"), QJsonArray{test({}, QStringLiteral("a B"))});
    tokens.insert(QStringLiteral("checker"),
                  QJsonObject{{QStringLiteral("type"), QStringLiteral("case-insensitive")}});
    QCOMPARE(str(submit(tokens, true, &status), "verdict"), QStringLiteral("AC"));
}

void TestNative::testlibCheckerDecides()
{
    // The testlib protocol without testlib.h: checker input output answer;
    // accepts any output that is a multiple of the answer, says why not on stderr.
    const QString checker = QStringLiteral(
        "#include <stdio.h>\n"
        "int main(int argc, char **argv) {\n"
        "  FILE *out = fopen(argv[2], \"r\"), *ans = fopen(argv[3], \"r\");\n"
        "  long o = 0, a = 0;\n"
        "  if (argc < 4 || !out || !ans || fscanf(ans, \"%ld\", &a) != 1) return 3;\n"
        "  if (fscanf(out, \"%ld\", &o) != 1) { fprintf(stderr, \"no number\"); return 2; }\n"
        "  if (o % a != 0) { fprintf(stderr, \"%ld is not a multiple of %ld\", o, a); return 1; }\n"
        "  fprintf(stderr, \"ok\"); return 0;\n"
        "}\n");
    int status = 0;
    const QJsonObject r = submit(
        {{QStringLiteral("language"), QStringLiteral("python3")},
         {QStringLiteral("source"), QStringLiteral("print(int(input()) * 6)")},
         {QStringLiteral("tests"), QJsonArray{test(QStringLiteral("1"), QStringLiteral("3")),
                                              test(QStringLiteral("2"), QStringLiteral("5")),
                                              test(QStringLiteral("5"), QStringLiteral("10"))}},
         {QStringLiteral("checker"),
          QJsonObject{{QStringLiteral("type"), QStringLiteral("testlib")},
                      {QStringLiteral("language"), QStringLiteral("c")},
                      {QStringLiteral("source"), checker}}}},
        true, &status);
    QCOMPARE(status, 201);
    QCOMPARE(verdicts(r), (names({"AC", "WA", "AC"})));
    const QJsonArray tests = r.value(QLatin1String("tests")).toArray();
    QCOMPARE(str(tests[1].toObject(), "checker_message"),
             QStringLiteral("12 is not a multiple of 5"));
    QCOMPARE(str(r, "verdict"), QStringLiteral("WA"));

    // A checker that does not build is the judge's failure, and says so.
    const QJsonObject broken =
        submit({{QStringLiteral("language"), QStringLiteral("python3")},
                {QStringLiteral("source"), QStringLiteral("print(1)")},
                {QStringLiteral("tests"), QJsonArray{test({}, QStringLiteral("1"))}},
                {QStringLiteral("checker"),
                 QJsonObject{{QStringLiteral("type"), QStringLiteral("testlib")},
                             {QStringLiteral("language"), QStringLiteral("c")},
                             {QStringLiteral("source"), QStringLiteral("int main( {")}}}},
               true, &status);
    QCOMPARE(str(broken, "verdict"), QStringLiteral("IE"));
    QVERIFY(str(broken, "message").contains(QLatin1String("checker")));
}

void TestNative::stopOnFirstFailureSkips()
{
    // The first test fails at once; the others sleep, so that the tests not
    // started by then (at least the last: two boxes, six tests) are skipped.
    QJsonArray tests{test(QStringLiteral("0"), QStringLiteral("wrong"))};
    for (int i = 0; i < 5; ++i)
        tests.append(test(QStringLiteral("20"), QStringLiteral("20")));
    int status = 0;
    const QJsonObject r = submit({{QStringLiteral("language"), QStringLiteral("python3")},
                                  {QStringLiteral("source"), kSleepyPy},
                                  {QStringLiteral("tests"), tests},
                                  {QStringLiteral("stop_on_first_failure"), true}},
                                 true, &status);
    QCOMPARE(status, 201);
    const QStringList v = verdicts(r);
    QCOMPARE(v.size(), 6);
    QCOMPARE(str(r, "verdict"), QStringLiteral("WA"));
    QCOMPARE(v.first(), QStringLiteral("WA"));
    QCOMPARE(v.last(), QStringLiteral("SK"));
    const QJsonObject skipped = r.value(QLatin1String("tests")).toArray().last().toObject();
    QVERIFY(skipped.value(QLatin1String("time")).isNull());
    QCOMPARE(str(skipped, "stdout"), QString());

    // And without it every test runs.
    const QJsonObject all = submit(
        {{QStringLiteral("language"), QStringLiteral("python3")},
         {QStringLiteral("source"), kSleepyPy},
         {QStringLiteral("tests"), QJsonArray{test(QStringLiteral("0"), QStringLiteral("wrong")),
                                              test(QStringLiteral("1"), QStringLiteral("1")),
                                              test(QStringLiteral("1"), QStringLiteral("1")),
                                              test(QStringLiteral("1"), QStringLiteral("1"))}}},
        true, &status);
    QCOMPARE(verdicts(all), (names({"WA", "AC", "AC", "AC"})));
}

void TestNative::multiFileSubmission()
{
    int status = 0;
    const QJsonObject r = submit(
        {{QStringLiteral("language"), QStringLiteral("python3")},
         {QStringLiteral("files"),
          QJsonArray{
              QJsonObject{{QStringLiteral("name"), QStringLiteral("helper.py")},
                          {QStringLiteral("content"), QStringLiteral("def f(x): return x * 7")}},
              QJsonObject{{QStringLiteral("name"), QStringLiteral("main.py")},
                          {QStringLiteral("content"),
                           QStringLiteral("from helper import f\nprint(f(int(input())))")}}}},
         {QStringLiteral("tests"), QJsonArray{test(QStringLiteral("6"), QStringLiteral("42"))}}},
        true, &status);
    QCOMPARE(status, 201);
    QCOMPARE(str(r, "verdict"), QStringLiteral("AC"));
}

void TestNative::limitsAreKibAndSeconds()
{
    // 200 MiB against 64 MiB, 100 KB of output against 16 KiB, 3 s of CPU against 1.
    const QString source = QStringLiteral("import sys, time\n"
                                          "what = input()\n"
                                          "if what == 'memory':\n"
                                          "    x = bytearray(200 * 1024 * 1024)\n"
                                          "    print(len(x))\n"
                                          "elif what == 'output':\n"
                                          "    print('x' * 100000)\n"
                                          "elif what == 'cpu':\n"
                                          "    end = time.process_time() + 3\n"
                                          "    while time.process_time() < end: pass\n"
                                          "print('ok')\n");
    int status = 0;
    const QJsonObject r =
        submit({{QStringLiteral("language"), QStringLiteral("python3")},
                {QStringLiteral("source"), source},
                {QStringLiteral("tests"),
                 QJsonArray{test(QStringLiteral("memory")), test(QStringLiteral("output")),
                            test(QStringLiteral("cpu")), test(QStringLiteral("none"))}},
                {QStringLiteral("limits"), QJsonObject{{QStringLiteral("memory"), 64 * 1024},
                                                       {QStringLiteral("output"), 16},
                                                       {QStringLiteral("time"), 1},
                                                       {QStringLiteral("wall_time"), 10}}}},
               true, &status);
    QCOMPARE(status, 201);
    QCOMPARE(verdicts(r), (names({"MLE", "OLE", "TLE", "AC"})));
}

void TestNative::errorsNameTheField_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("field"); // empty: null
    QTest::addColumn<QString>("mentions");

    const QByteArray ok =
        R"json("language": "python3", "source": "print(1)", "tests": [{"input": ""}])json";
    auto with = [&ok](const QByteArray &more) -> QByteArray {
        return "{" + ok + ", " + more + "}";
    };
    const QString sub = QStringLiteral("/api/v1/submissions");
    QTest::newRow("not JSON") << sub << QByteArray("{\"language\": ") << 400 << QString()
                              << "not JSON";
    QTest::newRow("not an object") << sub << QByteArray("[1, 2]") << 400 << QString() << "object";
    QTest::newRow("language of the wrong type")
        << sub << QByteArray(R"({"language": 5, "source": "x", "tests": [{"input": ""}]})") << 400
        << "language"
        << "string";
    QTest::newRow("tests not an array")
        << sub << QByteArray(R"({"language": "c", "source": "x", "tests": {}})") << 400 << "tests"
        << "array";
    QTest::newRow("an input of the wrong type")
        << sub
        << QByteArray(R"({"language": "c", "source": "x", "tests": [{"input": ""}, {"input": 3}]})")
        << 400 << "tests[1].input"
        << "string";
    QTest::newRow("memory not an integer")
        << sub << with(R"("limits": {"memory": 1.5})") << 400 << "limits.memory"
        << "integer";
    QTest::newRow("unknown language")
        << sub << QByteArray(R"({"language": "cobol", "source": "x", "tests": [{"input": ""}]})")
        << 422 << "language"
        << "python3";
    QTest::newRow("no tests") << sub << QByteArray(R"({"language": "c", "source": "x"})") << 422
                              << "tests"
                              << "required";
    QTest::newRow("empty tests") << sub
                                 << QByteArray(R"({"language": "c", "source": "x", "tests": []})")
                                 << 422 << "tests"
                                 << "at least one";
    QTest::newRow("no input")
        << sub << QByteArray(R"({"language": "c", "source": "x", "tests": [{"expected": "1"}]})")
        << 422 << "tests[0].input"
        << "required";
    QTest::newRow("absurd time limit")
        << sub << with(R"("limits": {"time": 1000})") << 422 << "limits.time"
        << "between 0.01 and 60";
    QTest::newRow("absurd memory")
        << sub << with(R"("limits": {"memory": 1})") << 422 << "limits.memory"
        << "between";
    QTest::newRow("unknown checker")
        << sub << with(R"("checker": {"type": "fuzzy"})") << 422 << "checker.type"
        << "float";
    QTest::newRow("tolerance on lines")
        << sub << with(R"("checker": {"type": "lines", "abs": 0.1})") << 422 << "checker.abs"
        << "float";
    QTest::newRow("testlib without a language")
        << sub << with(R"("checker": {"type": "testlib", "source": "x"})") << 422
        << "checker.language"
        << "required";
    QTest::newRow("webhook not http")
        << sub << with(R"("webhook": "ftp://example.com/x")") << 422 << "webhook"
        << "http";
    QTest::newRow("misspelt field") << sub << with(R"("limit": {"time": 1})") << 422 << "limit"
                                    << "limits";
    QTest::newRow("source and files")
        << sub << with(R"("files": [{"name": "a.py", "content": ""}])") << 422 << "source"
        << "either";
    QTest::newRow("file escaping the program")
        << sub
        << QByteArray(R"({"language": "python3", "files": [{"name": "../x.py", "content": ""}],
                         "tests": [{"input": ""}]})")
        << 422 << "files[0].name"
        << "relative";
    QTest::newRow("priority out of range") << sub << with(R"("priority": 99)") << 422 << "priority"
                                           << "between -10 and 10";
    QByteArray many = R"({"language": "c", "source": "x", "tests": [)";
    for (int i = 0; i < 1001; ++i)
        many += QByteArray(i ? "," : "") + R"({"input": ""})";
    many += "]}";
    QTest::newRow("too many tests") << sub << many << 413 << "tests"
                                    << "1000";
    const QByteArray big = R"({"language": "c", "source": "x", "tests": [{"input": ")" +
                           QByteArray(8 * 1024 * 1024 + 1, 'x') + R"("}]})";
    QTest::newRow("input too large") << sub << big << 413 << "tests[0].input"
                                     << "bytes";
    QTest::newRow("execute: stdin of the wrong type")
        << QStringLiteral("/api/v1/execute")
        << QByteArray(R"({"language": "c", "source": "x", "stdin": 5})") << 400 << "stdin"
        << "string";
    QTest::newRow("execute: tests are not for execute")
        << QStringLiteral("/api/v1/execute")
        << QByteArray(R"({"language": "c", "source": "x", "tests": []})") << 422 << "tests"
        << "unknown";
    QTest::newRow("execute-batch: an input of the wrong type")
        << QStringLiteral("/api/v1/execute-batch")
        << QByteArray(R"({"language": "c", "source": "x", "inputs": ["1", 2]})") << 400
        << "inputs[1]"
        << "string";
    QTest::newRow("execute-parallel: one bad language")
        << QStringLiteral("/api/v1/execute-parallel")
        << QByteArray(R"({"submissions": [{"language": "c", "source": "x"},
                                          {"language": "klingon", "source": "x"}]})")
        << 422 << "submissions[1].language"
        << "unknown";
    QTest::newRow("execute-parallel: too many")
        << QStringLiteral("/api/v1/execute-parallel")
        << QByteArray(R"({"submissions": [)" +
                      QByteArray(R"({"language": "c", "source": "x"},)").repeated(20) +
                      R"({"language": "c", "source": "x"}]})")
        << 413 << "submissions"
        << "20";
}

void TestNative::errorsNameTheField()
{
    QFETCH(QString, path);
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, field);
    QFETCH(QString, mentions);
    int got = 0;
    const QJsonObject r =
        QJsonDocument::fromJson(m_server->request("POST", path, body, &got)).object();
    QCOMPARE(got, status);
    QCOMPARE(r.keys(), (QStringList{QStringLiteral("error"), QStringLiteral("field")}));
    if (field.isEmpty())
        QVERIFY(r.value(QLatin1String("field")).isNull());
    else
        QCOMPARE(str(r, "field"), field);
    QVERIFY2(str(r, "error").contains(mentions), qPrintable(str(r, "error")));
    // And the server goes on.
    int health = 0;
    m_server->request("GET", QStringLiteral("/health"), {}, &health);
    QCOMPARE(health, 200);
}

void TestNative::unknownTokenIs404()
{
    int status = 0;
    const QJsonObject r =
        call("GET", QStringLiteral("/api/v1/submissions/no-such-token"), {}, &status);
    QCOMPARE(status, 404);
    QCOMPARE(str(r, "field"), QStringLiteral("token"));
    QVERIFY(str(r, "error").contains(QLatin1String("no-such-token")));
}

void TestNative::fullQueueIs503()
{
    HeadlessServer small;
    QVERIFY(small.start({QStringLiteral("--workers"), QStringLiteral("1"),
                         QStringLiteral("--queue-capacity"), QStringLiteral("1")}));
    m_server = &small;
    const auto restore = qScopeGuard([this] { m_server = &m_main; });
    const QJsonObject slow{
        {QStringLiteral("language"), QStringLiteral("python3")},
        {QStringLiteral("source"), QStringLiteral("import time\ntime.sleep(2)")},
        {QStringLiteral("tests"), QJsonArray{test({})}},
        {QStringLiteral("limits"), QJsonObject{{QStringLiteral("wall_time"), 5}}}};
    QList<int> statuses;
    for (int i = 0; i < 4; ++i) {
        int status = 0;
        submit(slow, false, &status);
        statuses << status;
    }
    int status = 0;
    const QJsonObject r = submit(slow, false, &status);
    // One runs, one waits (if the worker took the first before the second came), the rest are
    // refused.
    QVERIFY(statuses.count(201) >= 1 && statuses.count(201) <= 2);
    QCOMPARE(statuses.count(201) + statuses.count(503), 4);
    QCOMPARE(status, 503);
    QCOMPARE(str(r, "error"), QStringLiteral("queue is full"));
    QVERIFY(r.contains(QLatin1String("field")));
    // execute-parallel takes all or none.
    const QJsonObject parallel =
        call("POST", QStringLiteral("/api/v1/execute-parallel"),
             QJsonObject{
                 {QStringLiteral("submissions"),
                  QJsonArray{QJsonObject{{QStringLiteral("language"), QStringLiteral("python3")},
                                         {QStringLiteral("source"), QStringLiteral("print(1)")}},
                             QJsonObject{{QStringLiteral("language"), QStringLiteral("python3")},
                                         {QStringLiteral("source"), QStringLiteral("print(2)")}}}}},
             &status);
    QCOMPARE(status, 503);
}

void TestNative::streamSendsEveryTestOnceThenDone()
{
    // The first test sleeps, so that the stream is open before it finishes.
    int status = 0;
    const QJsonObject created = submit(
        {{QStringLiteral("language"), QStringLiteral("python3")},
         {QStringLiteral("source"), kSleepyPy},
         {QStringLiteral("tests"), QJsonArray{test(QStringLiteral("8"), QStringLiteral("8")),
                                              test(QStringLiteral("1"), QStringLiteral("1")),
                                              test(QStringLiteral("2"), QStringLiteral("0")),
                                              test(QStringLiteral("3"), QStringLiteral("3")),
                                              test(QStringLiteral("4"), QStringLiteral("4"))}}},
        false, &status);
    QCOMPARE(status, 201);
    const QString token = str(created, "token");
    StreamClient client(m_server->port(), token);
    QVERIFY(client.waitClosed());
    const QList<QJsonObject> &messages = client.messages();
    QCOMPARE(messages.size(), 6);
    QMap<int, int> times;
    for (qsizetype i = 0; i + 1 < messages.size(); ++i) {
        QCOMPARE(str(messages[i], "event"), QStringLiteral("test"));
        QCOMPARE(str(messages[i], "token"), token);
        ++times[messages[i].value(QLatin1String("index")).toInt()];
    }
    QCOMPARE(times.keys(), (QList<int>{0, 1, 2, 3, 4}));
    QCOMPARE(times.values(), (QList<int>{1, 1, 1, 1, 1}));
    const QJsonObject done = messages.last();
    QCOMPARE(str(done, "event"), QStringLiteral("done"));
    QCOMPARE(str(done, "status"), QStringLiteral("done"));
    QCOMPARE(str(done, "verdict"), QStringLiteral("WA"));
    QCOMPARE(verdicts(done), (names({"AC", "AC", "WA", "AC", "AC"})));
    // The messages carry the same results as the submission.
    for (qsizetype i = 0; i + 1 < messages.size(); ++i) {
        const int index = messages[i].value(QLatin1String("index")).toInt();
        QCOMPARE(str(messages[i], "verdict"),
                 str(done.value(QLatin1String("tests")).toArray()[index].toObject(), "verdict"));
    }
}

void TestNative::streamAfterDoneReplaysEverything()
{
    int status = 0;
    const QJsonObject r = submit(
        {{QStringLiteral("language"), QStringLiteral("c")},
         {QStringLiteral("source"), kSumC},
         {QStringLiteral("tests"), QJsonArray{test(QStringLiteral("1 1"), QStringLiteral("2")),
                                              test(QStringLiteral("oops"), QStringLiteral("2")),
                                              test(QStringLiteral("2 2"), QStringLiteral("4"))}},
         {QStringLiteral("stop_on_first_failure"), true}},
        true, &status);
    QCOMPARE(status, 201);
    StreamClient client(m_server->port(), str(r, "token"));
    QVERIFY(client.waitClosed());
    const QList<QJsonObject> &messages = client.messages();
    QCOMPARE(messages.size(), 4);
    for (int i = 0; i < 3; ++i) {
        QCOMPARE(str(messages[i], "event"), QStringLiteral("test"));
        QCOMPARE(messages[i].value(QLatin1String("index")).toInt(), i);
    }
    QCOMPARE(str(messages[1], "verdict"), QStringLiteral("RE"));
    QCOMPARE(str(messages.last(), "event"), QStringLiteral("done"));
    QCOMPARE(str(messages.last(), "verdict"), QStringLiteral("RE"));
    QCOMPARE(str(messages.last(), "token"), str(r, "token"));
}

void TestNative::streamUnknownTokenIsAnError()
{
    StreamClient client(m_server->port(), QStringLiteral("no-such-token"));
    QVERIFY(client.waitClosed());
    QCOMPARE(client.messages().size(), 1);
    const QJsonObject error = client.messages().first();
    QCOMPARE(str(error, "event"), QStringLiteral("error"));
    QCOMPARE(str(error, "field"), QStringLiteral("token"));
    QVERIFY(str(error, "error").contains(QLatin1String("no-such-token")));
    // A plain GET of a stream asks for the upgrade.
    int status = 0;
    call("GET", QStringLiteral("/api/v1/submissions/x/stream"), {}, &status);
    QCOMPARE(status, 426);
}

void TestNative::manyStreamsAndTheServerStillAnswers()
{
    int status = 0;
    const QJsonObject created = submit(
        {{QStringLiteral("language"), QStringLiteral("python3")},
         {QStringLiteral("source"), kSleepyPy},
         {QStringLiteral("tests"), QJsonArray{test(QStringLiteral("5"), QStringLiteral("5")),
                                              test(QStringLiteral("1"), QStringLiteral("1")),
                                              test(QStringLiteral("1"), QStringLiteral("1"))}}},
        false, &status);
    const QString token = str(created, "token");
    std::vector<std::unique_ptr<StreamClient>> clients;
    for (int i = 0; i < 100; ++i)
        clients.push_back(std::make_unique<StreamClient>(m_server->port(), token));
    // While they are open, the API answers.
    int health = 0;
    m_server->request("GET", QStringLiteral("/health"), {}, &health);
    QCOMPARE(health, 200);
    for (const auto &c : clients) {
        QVERIFY(c->waitClosed());
        QCOMPARE(c->messages().size(), 4);
        QSet<int> indices;
        for (int i = 0; i < 3; ++i)
            indices.insert(c->messages()[i].value(QLatin1String("index")).toInt());
        QCOMPARE(indices, (QSet<int>{0, 1, 2}));
        QCOMPARE(str(c->messages().last(), "event"), QStringLiteral("done"));
    }
}

void TestNative::webhookIsDeliveredWithRetries()
{
    // The first delivery to come is refused once and tried again; each job's
    // result goes to its own URL.
    WebhookReceiver receiver({500});
    int status = 0;
    QHash<QString, QString> tokenFor; // path -> job
    for (const auto &[path, expected] : {std::pair{"/hook-a", "5"}, std::pair{"/hook-b", "6"}}) {
        const QJsonObject created =
            submit({{QStringLiteral("language"), QStringLiteral("c")},
                    {QStringLiteral("source"), kSumC},
                    {QStringLiteral("tests"),
                     QJsonArray{test(QStringLiteral("2 3"), QLatin1String(expected))}},
                    {QStringLiteral("webhook"), receiver.url(QLatin1String(path))}},
                   false, &status);
        QCOMPARE(status, 201);
        tokenFor.insert(QLatin1String(path), str(created, "token"));
    }
    QVERIFY(receiver.waitFor(3));
    QHash<QString, int> count;
    for (const WebhookReceiver::Received &r : receiver.received()) {
        QCOMPARE(r.method, QByteArray("POST"));
        QCOMPARE(r.contentType, QByteArray("application/json"));
        const QJsonObject body = QJsonDocument::fromJson(r.body).object();
        QCOMPARE(str(body, "event"), QStringLiteral("done"));
        QCOMPARE(str(body, "status"), QStringLiteral("done"));
        QVERIFY2(tokenFor.contains(r.path), qPrintable(r.path));
        QCOMPARE(str(body, "token"), tokenFor.value(r.path));
        QCOMPARE(str(body, "verdict"),
                 r.path == QLatin1String("/hook-a") ? QStringLiteral("AC") : QStringLiteral("WA"));
        QCOMPARE(body.value(QLatin1String("tests")).toArray().size(), 1);
        ++count[r.path];
    }
    QCOMPARE(count.value(QStringLiteral("/hook-a")) + count.value(QStringLiteral("/hook-b")), 3);
    QVERIFY(count.value(QStringLiteral("/hook-a")) >= 1 &&
            count.value(QStringLiteral("/hook-b")) >= 1);
}

void TestNative::executeRunsOneProgram()
{
    int status = 0;
    const QJsonObject r =
        call("POST", QStringLiteral("/api/v1/execute"),
             QJsonObject{{QStringLiteral("language"), QStringLiteral("python3")},
                         {QStringLiteral("source"),
                          QStringLiteral("import sys\nprint(input()[::-1], sys.argv[1])")},
                         {QStringLiteral("stdin"), QStringLiteral("abc")},
                         {QStringLiteral("args"), QJsonArray{QStringLiteral("x y")}}},
             &status);
    QCOMPARE(status, 200);
    QCOMPARE(str(r, "verdict"), QStringLiteral("AC"));
    QCOMPARE(str(r, "status"), QStringLiteral("done"));
    QCOMPARE(str(r, "stdout"), QStringLiteral("cba x y\n"));
    QCOMPARE(r.value(QLatin1String("exit_code")).toInt(-1), 0);
    QVERIFY(!str(r, "token").isEmpty());
    QVERIFY(!r.contains(QLatin1String("tests")));

    const QJsonObject crash =
        call("POST", QStringLiteral("/api/v1/execute"),
             QJsonObject{{QStringLiteral("language"), QStringLiteral("c")},
                         {QStringLiteral("source"),
                          QStringLiteral("#include <stdio.h>\nint main(void) { fputs(\"bad\", "
                                         "stderr); return 3; }")}},
             &status);
    QCOMPARE(status, 200);
    QCOMPARE(str(crash, "verdict"), QStringLiteral("RE"));
    QCOMPARE(crash.value(QLatin1String("exit_code")).toInt(), 3);
    QCOMPARE(str(crash, "stderr"), QStringLiteral("bad"));

    const QJsonObject ce = call("POST", QStringLiteral("/api/v1/execute"),
                                QJsonObject{{QStringLiteral("language"), QStringLiteral("c")},
                                            {QStringLiteral("source"), QStringLiteral("nope")}},
                                &status);
    QCOMPARE(str(ce, "verdict"), QStringLiteral("CE"));
    QVERIFY(!str(ce, "compile_output").isEmpty());
}

void TestNative::executeBatchCompilesOnce()
{
    // A source no other test compiles, so that the cache counts its compile alone.
    const QString source =
        kSumC + QStringLiteral("/* %1 */\n").arg(QDateTime::currentMSecsSinceEpoch());
    const double missesBefore = metric("evalx_compile_cache_misses_total");
    QVERIFY(missesBefore >= 0);
    int status = 0;
    const QJsonObject r =
        call("POST", QStringLiteral("/api/v1/execute-batch"),
             QJsonObject{{QStringLiteral("language"), QStringLiteral("c")},
                         {QStringLiteral("source"), source},
                         {QStringLiteral("inputs"),
                          QJsonArray{QStringLiteral("1 2"),
                                     QJsonObject{{QStringLiteral("stdin"), QStringLiteral("3 4")}},
                                     QStringLiteral("5 6"), QStringLiteral("x")}}},
             &status);
    QCOMPARE(status, 200);
    QStringList outputs;
    for (const QJsonValue &t : r.value(QLatin1String("tests")).toArray())
        outputs << str(t.toObject(), "stdout");
    QCOMPARE(outputs, (names({"3\n", "7\n", "11\n", ""})));
    QCOMPARE(verdicts(r), (names({"AC", "AC", "AC", "RE"})));
    QCOMPARE(metric("evalx_compile_cache_misses_total"), missesBefore + 1);
}

void TestNative::executeParallelKeepsTheOrder()
{
    int status = 0;
    QJsonArray items;
    for (int i = 0; i < 6; ++i)
        items.append(
            QJsonObject{{QStringLiteral("language"), QStringLiteral("python3")},
                        {QStringLiteral("source"),
                         QStringLiteral("import time, sys\ntime.sleep(%1)\nprint(%2)\nsys.exit(%3)")
                             .arg(double(6 - i) / 20)
                             .arg(i)
                             .arg(i == 4 ? 1 : 0)}});
    items.append(QJsonObject{{QStringLiteral("language"), QStringLiteral("c")},
                             {QStringLiteral("source"), kSumC},
                             {QStringLiteral("stdin"), QStringLiteral("40 2")}});
    const QJsonObject r = call("POST", QStringLiteral("/api/v1/execute-parallel"),
                               QJsonObject{{QStringLiteral("submissions"), items}}, &status);
    QCOMPARE(status, 200);
    const QJsonArray results = r.value(QLatin1String("results")).toArray();
    QCOMPARE(results.size(), 7);
    QSet<QString> tokens;
    for (int i = 0; i < 6; ++i) {
        const QJsonObject one = results[i].toObject();
        QCOMPARE(str(one, "stdout"), QString(QString::number(i) + QLatin1Char('\n')));
        QCOMPARE(str(one, "verdict"), i == 4 ? QStringLiteral("RE") : QStringLiteral("AC"));
        tokens.insert(str(one, "token"));
    }
    QCOMPARE(str(results[6].toObject(), "stdout"), QStringLiteral("42\n"));
    QCOMPARE(tokens.size(), 6); // independent jobs
}

void TestNative::authTokenGuardsV1AndStreams()
{
    HeadlessServer guarded;
    QVERIFY(guarded.start({QStringLiteral("--auth-token"), QStringLiteral("s3cret")}));
    m_server = &guarded;
    const auto restore = qScopeGuard([this] { m_server = &m_main; });
    int status = 0;
    call("GET", QStringLiteral("/api/v1/languages"), {}, &status);
    QCOMPARE(status, 401);
    call("POST", QStringLiteral("/api/v1/submissions"), QJsonObject(), &status);
    QCOMPARE(status, 401);
    const HeadlessServer::Headers auth{
        {QByteArrayLiteral("X-Auth-Token"), QByteArrayLiteral("s3cret")}};
    const QJsonObject r =
        call("POST", QStringLiteral("/api/v1/submissions?wait=true"),
             QJsonObject{{QStringLiteral("language"), QStringLiteral("python3")},
                         {QStringLiteral("source"), QStringLiteral("print(1)")},
                         {QStringLiteral("tests"), QJsonArray{test({}, QStringLiteral("1"))}}},
             &status, auth);
    QCOMPARE(status, 201);
    // Without the token the stream says why, sends nothing else, and closes.
    StreamClient without(guarded.port(), str(r, "token"));
    QVERIFY(without.waitClosed());
    QCOMPARE(without.messages().size(), 1);
    QCOMPARE(str(without.messages().first(), "field"), QStringLiteral("X-Auth-Token"));
    StreamClient with(guarded.port(), str(r, "token"), "s3cret");
    QVERIFY(with.waitClosed());
    QCOMPARE(with.messages().size(), 2);
    QCOMPARE(str(with.messages().last(), "verdict"), QStringLiteral("AC"));
}

QTEST_GUILESS_MAIN(TestNative)
#include "tst_native.moc"
