// The Piston v2 compatible API of a real 'evalx --headless' on a free loopback
// port, spoken to over HTTP the way Piston clients do.

#include "headlessserver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpSocket>

using namespace evalx::test;

class TestPiston : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void runtimesArePistons();
    void executePythonWithArgsAndStdin();
    void executeCWithACompileStage();
    void compileErrorHasNoRunStage();
    void base64AndHexFiles();
    void anyContentTypeIsJson();
    void unknownRuntimeIs400();
    void badStatuses_data();
    void badStatuses();
    void badFieldsAre400AndTheServerGoesOn_data();
    void badFieldsAre400AndTheServerGoesOn();

private:
    QByteArray request(const QByteArray &verb, const QString &path, const QByteArray &body,
                       const QByteArray &contentType, int *status);
    QJsonObject execute(const QJsonObject &body, int *status,
                        const QByteArray &contentType = "application/json");
    static QJsonObject python(const QString &source);

    HeadlessServer m_server;
};

void TestPiston::initTestCase()
{
    QVERIFY2(m_server.start({QStringLiteral("--workers"), QStringLiteral("2")}),
             m_server.firstLine().constData());
}

void TestPiston::cleanupTestCase()
{
    m_server.stop();
}

QByteArray TestPiston::request(const QByteArray &verb, const QString &path, const QByteArray &body,
                               const QByteArray &contentType, int *status)
{
    HeadlessServer::Headers headers;
    if (!contentType.isEmpty())
        headers.append({QByteArrayLiteral("Content-Type"), contentType});
    return m_server.request(verb, path, body, status, headers);
}

QJsonObject TestPiston::execute(const QJsonObject &body, int *status, const QByteArray &contentType)
{
    return QJsonDocument::fromJson(request("POST", QStringLiteral("/api/v2/execute"),
                                           QJsonDocument(body).toJson(), contentType, status))
        .object();
}

QJsonObject TestPiston::python(const QString &source)
{
    return {
        {QStringLiteral("language"), QStringLiteral("python")},
        {QStringLiteral("version"), QStringLiteral("*")},
        {QStringLiteral("files"), QJsonArray{QJsonObject{{QStringLiteral("content"), source}}}}};
}

void TestPiston::runtimesArePistons()
{
    int status = 0;
    const QJsonArray list =
        QJsonDocument::fromJson(request("GET", QStringLiteral("/api/v2/runtimes"), {}, {}, &status))
            .array();
    QCOMPARE(status, 200);
    QHash<QString, QJsonObject> byName;
    for (const QJsonValue &v : list)
        byName.insert(v.toObject().value(QLatin1String("language")).toString(), v.toObject());
    // What the set-up script installs everywhere these tests run.
    for (const char *name : {"c", "c++", "python", "javascript", "bash"})
        QVERIFY2(byName.contains(QLatin1String(name)), name);
    QVERIFY(!byName.contains(QStringLiteral("cpp17")));
    const QRegularExpression semver(QStringLiteral("^\\d+\\.\\d+\\.\\d+$"));
    for (const QJsonObject &o : std::as_const(byName)) {
        const QString version = o.value(QLatin1String("version")).toString();
        QVERIFY2(semver.match(version).hasMatch(), qPrintable(version));
        QVERIFY(o.value(QLatin1String("aliases")).isArray());
    }
    const QJsonObject py = byName.value(QStringLiteral("python"));
    QVERIFY(py.value(QLatin1String("version")).toString().startsWith(QLatin1String("3.")));
    const QJsonArray pyAliases = py.value(QLatin1String("aliases")).toArray();
    QVERIFY(pyAliases.contains(QStringLiteral("py")));
    QVERIFY(pyAliases.contains(QStringLiteral("python3")));
    QVERIFY(byName.value(QStringLiteral("c++"))
                .value(QLatin1String("aliases"))
                .toArray()
                .contains(QStringLiteral("cpp")));
    QVERIFY(byName.value(QStringLiteral("bash"))
                .value(QLatin1String("aliases"))
                .toArray()
                .contains(QStringLiteral("sh")));
    const QJsonObject js = byName.value(QStringLiteral("javascript"));
    QCOMPARE(js.value(QLatin1String("runtime")).toString(), QStringLiteral("node"));
    QVERIFY(js.value(QLatin1String("aliases")).toArray().contains(QStringLiteral("js")));
    QVERIFY(!py.contains(QLatin1String("runtime")));
}

void TestPiston::executePythonWithArgsAndStdin()
{
    int status = 0;
    QJsonObject body = python(QStringLiteral(
        "import sys\nprint(sys.argv[1:], input()[::-1])\nprint('e', file=sys.stderr)"));
    body.insert(QStringLiteral("language"), QStringLiteral("py")); // an alias
    body.insert(QStringLiteral("version"), QStringLiteral("3"));   // a prefix
    body.insert(QStringLiteral("stdin"), QStringLiteral("abc\n"));
    body.insert(QStringLiteral("args"), QJsonArray{QStringLiteral("1"), QStringLiteral("two")});
    const QJsonObject r = execute(body, &status);
    QCOMPARE(status, 200);
    QCOMPARE(r.value(QLatin1String("language")).toString(), QStringLiteral("python"));
    QVERIFY(r.value(QLatin1String("version")).toString().startsWith(QLatin1String("3.")));
    QVERIFY(!r.contains(QLatin1String("compile"))); // an interpreted language
    const QJsonObject run = r.value(QLatin1String("run")).toObject();
    QCOMPARE(run.value(QLatin1String("stdout")).toString(), QStringLiteral("['1', 'two'] cba\n"));
    QCOMPARE(run.value(QLatin1String("stderr")).toString(), QStringLiteral("e\n"));
    QCOMPARE(run.value(QLatin1String("output")).toString(),
             QStringLiteral("['1', 'two'] cba\ne\n"));
    QCOMPARE(run.value(QLatin1String("code")).toInt(-1), 0);
    QVERIFY(run.value(QLatin1String("signal")).isNull());
    QVERIFY(run.value(QLatin1String("status")).isNull());
    QVERIFY(run.value(QLatin1String("wall_time")).isDouble());
    QVERIFY(run.value(QLatin1String("cpu_time")).isDouble());
    QVERIFY(run.value(QLatin1String("memory")).toDouble() > 1024 * 1024); // bytes

    // The exact version the runtimes list gives is accepted as well.
    const QString exact = r.value(QLatin1String("version")).toString();
    body.insert(QStringLiteral("version"), exact);
    QCOMPARE(execute(body, &status).value(QLatin1String("version")).toString(), exact);
    QCOMPARE(status, 200);

    // A non-zero exit is RE with its code.
    const QJsonObject re = execute(python(QStringLiteral("import sys\nsys.exit(3)")), &status)
                               .value(QLatin1String("run"))
                               .toObject();
    QCOMPARE(re.value(QLatin1String("status")).toString(), QStringLiteral("RE"));
    QCOMPARE(re.value(QLatin1String("code")).toInt(), 3);
}

void TestPiston::executeCWithACompileStage()
{
    int status = 0;
    const QJsonObject r =
        execute({{QStringLiteral("language"), QStringLiteral("c")},
                 {QStringLiteral("version"), QStringLiteral("*")},
                 {QStringLiteral("files"),
                  QJsonArray{QJsonObject{
                      {QStringLiteral("name"), QStringLiteral("sum.c")},
                      {QStringLiteral("content"),
                       QStringLiteral(
                           "#include <stdio.h>\n#include <stdlib.h>\nint main(int c, char **v) "
                           "{ int a; scanf(\"%d\", &a); printf(\"%d\\n\", a + atoi(v[1])); }")}}}},
                 {QStringLiteral("stdin"), QStringLiteral("40")},
                 {QStringLiteral("args"), QJsonArray{QStringLiteral("2")}}},
                &status);
    QCOMPARE(status, 200);
    const QJsonObject compile = r.value(QLatin1String("compile")).toObject();
    QVERIFY(!compile.isEmpty());
    QCOMPARE(compile.value(QLatin1String("code")).toInt(-1), 0);
    QVERIFY(compile.value(QLatin1String("status")).isNull());
    const QJsonObject run = r.value(QLatin1String("run")).toObject();
    QCOMPARE(run.value(QLatin1String("stdout")).toString(), QStringLiteral("42\n"));
    QVERIFY(run.value(QLatin1String("status")).isNull());
}

void TestPiston::compileErrorHasNoRunStage()
{
    int status = 0;
    const QJsonObject r =
        execute({{QStringLiteral("language"), QStringLiteral("cpp")},
                 {QStringLiteral("version"), QStringLiteral("*")},
                 {QStringLiteral("files"),
                  QJsonArray{QJsonObject{{QStringLiteral("content"),
                                          QStringLiteral("int main() { return undeclared; }")}}}}},
                &status);
    QCOMPARE(status, 200);
    QCOMPARE(r.value(QLatin1String("language")).toString(), QStringLiteral("c++"));
    const QJsonObject compile = r.value(QLatin1String("compile")).toObject();
    QVERIFY(compile.value(QLatin1String("code")).toInt() != 0);
    QCOMPARE(compile.value(QLatin1String("status")).toString(), QStringLiteral("RE"));
    QVERIFY(
        compile.value(QLatin1String("stderr")).toString().contains(QLatin1String("undeclared")));
    QVERIFY(
        compile.value(QLatin1String("output")).toString().contains(QLatin1String("undeclared")));
    QVERIFY(!r.contains(QLatin1String("run")));

    // An interpreted language's syntax error is the run that fails.
    const QJsonObject py = execute(python(QStringLiteral("def (")), &status);
    QCOMPARE(status, 200);
    QVERIFY(!py.contains(QLatin1String("compile")));
    const QJsonObject run = py.value(QLatin1String("run")).toObject();
    QCOMPARE(run.value(QLatin1String("status")).toString(), QStringLiteral("RE"));
    QVERIFY(run.value(QLatin1String("stderr")).toString().contains(QLatin1String("SyntaxError")));
}

void TestPiston::base64AndHexFiles()
{
    int status = 0;
    QJsonObject body = python({});
    body.insert(
        QStringLiteral("files"),
        QJsonArray{QJsonObject{{QStringLiteral("content"),
                                QString::fromLatin1(
                                    QByteArray("import helper\nprint(helper.X)").toBase64())},
                               {QStringLiteral("encoding"), QStringLiteral("base64")}},
                   QJsonObject{{QStringLiteral("name"), QStringLiteral("helper.py")},
                               {QStringLiteral("content"),
                                QString::fromLatin1(QByteArray("X = 'hex'").toHex())},
                               {QStringLiteral("encoding"), QStringLiteral("hex")}}});
    const QJsonObject r = execute(body, &status);
    QCOMPARE(status, 200);
    QCOMPARE(r.value(QLatin1String("run")).toObject().value(QLatin1String("stdout")).toString(),
             QStringLiteral("hex\n"));
}

void TestPiston::anyContentTypeIsJson()
{
    int status = 0;
    // The npm client's way.
    const QJsonObject plain = execute(python(QStringLiteral("print(1)")), &status, "text/plain");
    QCOMPARE(status, 200);
    QCOMPARE(plain.value(QLatin1String("run")).toObject().value(QLatin1String("stdout")).toString(),
             QStringLiteral("1\n"));

    // No Content-Type at all (QNetworkAccessManager would add one).
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, m_server.port());
    QVERIFY(socket.waitForConnected(10000));
    const QByteArray body = QJsonDocument(python(QStringLiteral("print(2)"))).toJson();
    socket.write("POST /api/v2/execute HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: " +
                 QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
    QByteArray answer;
    QDeadlineTimer deadline(60000);
    while (socket.state() == QAbstractSocket::ConnectedState && !deadline.hasExpired()) {
        socket.waitForReadyRead(100);
        answer += socket.readAll();
        if (answer.contains("\r\n\r\n") && answer.endsWith('}'))
            break;
    }
    answer += socket.readAll();
    QVERIFY2(answer.startsWith("HTTP/1.1 200"), answer.constData());
    const QJsonObject r =
        QJsonDocument::fromJson(answer.mid(answer.indexOf("\r\n\r\n") + 4)).object();
    QCOMPARE(r.value(QLatin1String("run")).toObject().value(QLatin1String("stdout")).toString(),
             QStringLiteral("2\n"));
}

void TestPiston::unknownRuntimeIs400()
{
    int status = 0;
    QJsonObject body = python(QStringLiteral("print(1)"));
    body.insert(QStringLiteral("version"), QStringLiteral("2.7.18"));
    QCOMPARE(execute(body, &status).value(QLatin1String("message")).toString(),
             QStringLiteral("python-2.7.18 runtime is unknown"));
    QCOMPARE(status, 400);
    body.insert(QStringLiteral("language"), QStringLiteral("cobol"));
    body.insert(QStringLiteral("version"), QStringLiteral("*"));
    QCOMPARE(execute(body, &status).value(QLatin1String("message")).toString(),
             QStringLiteral("cobol-* runtime is unknown"));
    QCOMPARE(status, 400);
}

void TestPiston::badStatuses_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<QString>("signal");
    QTest::newRow("timeout") << "while True: pass"
                             << "TO"
                             << "SIGKILL";
    QTest::newRow("crash") << "import os, signal\nos.kill(os.getpid(), signal.SIGSEGV)"
                           << "SG"
                           << "SIGSEGV";
    QTest::newRow("stdout flood") << "print('x' * 5000)"
                                  << "OL"
                                  << "SIGKILL";
    QTest::newRow("stderr flood") << "import sys\nsys.stderr.write('x' * 5000)"
                                  << "EL"
                                  << "SIGKILL";
}

void TestPiston::badStatuses()
{
    QFETCH(QString, source);
    QFETCH(QString, expected);
    QFETCH(QString, signal);
    int status = 0;
    QJsonObject body = python(source);
    body.insert(QStringLiteral("run_timeout"), 1000);
    body.insert(QStringLiteral("run_cpu_time"), 1000);
    const QJsonObject run = execute(body, &status).value(QLatin1String("run")).toObject();
    QCOMPARE(status, 200);
    QCOMPARE(run.value(QLatin1String("status")).toString(), expected);
    QCOMPARE(run.value(QLatin1String("signal")).toString(), signal);
    QVERIFY(run.value(QLatin1String("code")).isNull());
    QVERIFY(!run.value(QLatin1String("message")).toString().isEmpty());
    if (expected == QLatin1String("OL"))
        QVERIFY(run.value(QLatin1String("stdout")).toString().size() <= 1024);
}

void TestPiston::badFieldsAre400AndTheServerGoesOn_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("field"); // a word the message must hold
    auto with = [](const char *key, const QJsonValue &value) {
        QJsonObject o = python(QStringLiteral("print(1)"));
        if (value.isUndefined())
            o.remove(QLatin1String(key));
        else
            o.insert(QLatin1String(key), value);
        return QJsonDocument(o).toJson();
    };
    QTest::newRow("not JSON") << QByteArray("nope") << "JSON";
    QTest::newRow("an array") << QByteArray("[1]") << "object";
    QTest::newRow("truncated") << QByteArray("{\"language\":") << "JSON";
    QTest::newRow("no language") << with("language", QJsonValue::Undefined) << "language";
    QTest::newRow("numeric language") << with("language", 3) << "language";
    QTest::newRow("no version") << with("version", QJsonValue::Undefined) << "version";
    QTest::newRow("no files") << with("files", QJsonValue::Undefined) << "files";
    QTest::newRow("empty files") << with("files", QJsonArray{}) << "files";
    QTest::newRow("content a number")
        << with("files", QJsonArray{QJsonObject{{QStringLiteral("content"), 1}}}) << "files[0]";
    QTest::newRow("bad encoding")
        << with("files",
                QJsonArray{QJsonObject{{QStringLiteral("content"), QStringLiteral("x")},
                                       {QStringLiteral("encoding"), QStringLiteral("rot13")}}})
        << "files[0].encoding";
    QTest::newRow("bad base64")
        << with("files",
                QJsonArray{QJsonObject{{QStringLiteral("content"), QStringLiteral("!!")},
                                       {QStringLiteral("encoding"), QStringLiteral("base64")}}})
        << "files[0].encoding";
    QTest::newRow("escaping name")
        << with("files",
                QJsonArray{QJsonObject{{QStringLiteral("content"), QStringLiteral("x")},
                                       {QStringLiteral("name"), QStringLiteral("../x.py")}}})
        << "files[0].name";
    QTest::newRow("run_timeout over the max") << with("run_timeout", 30001) << "run_timeout";
    QTest::newRow("compile_timeout over the max")
        << with("compile_timeout", 60001) << "compile_timeout";
    QTest::newRow("run_timeout a string")
        << with("run_timeout", QStringLiteral("1s")) << "run_timeout";
    QTest::newRow("negative cpu time") << with("run_cpu_time", -5) << "run_cpu_time";
    QTest::newRow("memory over the max")
        << with("run_memory_limit", double(qint64(1) << 40)) << "run_memory_limit";
    QTest::newRow("stdin a number") << with("stdin", 5) << "stdin";
    QTest::newRow("args an object") << with("args", QJsonObject{}) << "args";
}

void TestPiston::badFieldsAre400AndTheServerGoesOn()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, field);
    int status = 0;
    const QJsonObject r = QJsonDocument::fromJson(request("POST", QStringLiteral("/api/v2/execute"),
                                                          body, "application/json", &status))
                              .object();
    QCOMPARE(status, 400);
    const QString message = r.value(QLatin1String("message")).toString();
    QVERIFY2(message.contains(field), qPrintable(message));
    // And the server still serves.
    request("GET", QStringLiteral("/health"), {}, {}, &status);
    QCOMPARE(status, 200);
}

QTEST_GUILESS_MAIN(TestPiston)
#include "tst_piston.moc"
