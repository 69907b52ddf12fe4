// 'evalx run' as scripts use it: the real binary, real programs, the JSON contract.

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryFile>
#include <QTest>

class TestRunVerb : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void verdicts_data();
    void verdicts();
    void jsonHasEveryKey();
    void humanOutput();
    void badCommandLines_data();
    void badCommandLines();
    void missingCompilerIsReported();

private:
    struct Outcome
    {
        int exitCode = -1;
        QByteArray out;
        QByteArray err;
    };
    static Outcome evalx(const QStringList &args,
                         const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment());
    static QString program(const QString &name)
    {
        return QStringLiteral(EVALX_TEST_DATA "/programs/") + name;
    }
};

TestRunVerb::Outcome TestRunVerb::evalx(const QStringList &args, const QProcessEnvironment &env)
{
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(EVALX_BINARY), args);
    Outcome o;
    if (!p.waitForFinished(120000))
        return o;
    o.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    o.out = p.readAllStandardOutput();
    o.err = p.readAllStandardError();
    return o;
}

void TestRunVerb::verdicts_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("status");
    QTest::addColumn<int>("exitCode");
    for (const char *lang : {"c", "cpp", "py"}) {
        const QString ext = QString::fromLatin1(lang);
        QTest::addRow("%s OK", lang) << QStringLiteral("ok.") + ext << QStringLiteral("OK") << 0;
        QTest::addRow("%s CE", lang) << QStringLiteral("ce.") + ext << QStringLiteral("CE") << 1;
        QTest::addRow("%s RE", lang) << QStringLiteral("re.") + ext << QStringLiteral("RE") << 1;
        QTest::addRow("%s TLE", lang) << QStringLiteral("tle.") + ext << QStringLiteral("TLE") << 1;
        QTest::addRow("%s MLE", lang) << QStringLiteral("mle.") + ext << QStringLiteral("MLE") << 1;
    }
}

void TestRunVerb::verdicts()
{
    QFETCH(QString, file);
    QFETCH(QString, status);
    QFETCH(int, exitCode);
    const Outcome o = evalx({QStringLiteral("run"), program(file), QStringLiteral("--stdin"),
                             program(QStringLiteral("input.txt")), QStringLiteral("--time"),
                             QStringLiteral("0.5"), QStringLiteral("--memory"),
                             QStringLiteral("64"), QStringLiteral("--json")});
    QCOMPARE(o.exitCode, exitCode);
    QJsonParseError error;
    const QJsonObject r = QJsonDocument::fromJson(o.out, &error).object();
    QVERIFY2(error.error == QJsonParseError::NoError, o.out.constData());
    QVERIFY2(r.value(QLatin1String("status")).toString() == status, o.out.constData());
    if (status == QLatin1String("OK"))
        QCOMPARE(r.value(QLatin1String("stdout")).toString(), QStringLiteral("42\n"));
    if (status == QLatin1String("CE"))
        QVERIFY2(!r.value(QLatin1String("compile_output")).toString().isEmpty(), o.out.constData());
    if (status == QLatin1String("TLE"))
        QVERIFY(r.value(QLatin1String("time")).toDouble() >= 0.5);
    if (status == QLatin1String("MLE"))
        QVERIFY(r.value(QLatin1String("memory")).toInteger() >= 60 * 1024);
}

void TestRunVerb::jsonHasEveryKey()
{
    const Outcome o =
        evalx({QStringLiteral("run"), program(QStringLiteral("ok.c")), QStringLiteral("--stdin"),
               program(QStringLiteral("input.txt")), QStringLiteral("--json")});
    QCOMPARE(o.exitCode, 0);
    // Exactly one JSON object on stdout, nothing else.
    QCOMPARE(o.out.count('\n'), 1);
    const QJsonObject r = QJsonDocument::fromJson(o.out).object();
    const QStringList keys = {QStringLiteral("status"),         QStringLiteral("exit_code"),
                              QStringLiteral("signal"),         QStringLiteral("time"),
                              QStringLiteral("wall_time"),      QStringLiteral("memory"),
                              QStringLiteral("stdout"),         QStringLiteral("stderr"),
                              QStringLiteral("compile_output"), QStringLiteral("message")};
    for (const QString &k : keys)
        QVERIFY2(r.contains(k), qPrintable(k));
    QVERIFY(r.value(QLatin1String("wall_time")).toDouble() > 0);
    QVERIFY(r.value(QLatin1String("memory")).toInteger() > 0);
}

void TestRunVerb::humanOutput()
{
    const Outcome o = evalx({QStringLiteral("run"), program(QStringLiteral("ok.py")),
                             QStringLiteral("--stdin"), program(QStringLiteral("input.txt"))});
    QCOMPARE(o.exitCode, 0);
    QCOMPARE(o.out, QByteArray("42\n"));
    QVERIFY2(o.err.contains("--- OK"), o.err.constData());
}

void TestRunVerb::badCommandLines_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("message");
    const QString ok = program(QStringLiteral("ok.c"));
    QTest::newRow("no file") << QStringList{QStringLiteral("run")}
                             << QStringLiteral("no source file");
    QTest::newRow("missing file") << QStringList{QStringLiteral("run"),
                                                 QStringLiteral("/nonexistent.c")}
                                  << QStringLiteral("/nonexistent.c");
    QTest::newRow("unknown extension")
        << QStringList{QStringLiteral("run"), program(QStringLiteral("input.txt"))}
        << QStringLiteral("--language");
    QTest::newRow("unknown language")
        << QStringList{QStringLiteral("run"), ok, QStringLiteral("--language"),
                       QStringLiteral("cobol")}
        << QStringLiteral("unknown language 'cobol'");
    QTest::newRow("negative time")
        << QStringList{QStringLiteral("run"), ok, QStringLiteral("--time"), QStringLiteral("-1")}
        << QStringLiteral("--time");
    QTest::newRow("absurd memory")
        << QStringList{QStringLiteral("run"), ok, QStringLiteral("--memory"),
                       QStringLiteral("99999999")}
        << QStringLiteral("--memory");
    QTest::newRow("word for number")
        << QStringList{QStringLiteral("run"), ok, QStringLiteral("--processes"),
                       QStringLiteral("many")}
        << QStringLiteral("--processes");
    QTest::newRow("unknown option")
        << QStringList{QStringLiteral("run"), ok, QStringLiteral("--frobnicate")}
        << QStringLiteral("frobnicate");
    QTest::newRow("unknown verb") << QStringList{QStringLiteral("frobnicate")}
                                  << QStringLiteral("unknown command");
}

void TestRunVerb::badCommandLines()
{
    QFETCH(QStringList, args);
    QFETCH(QString, message);
    const Outcome o = evalx(args);
    QCOMPARE(o.exitCode, 2);
    QVERIFY2(QString::fromUtf8(o.err).contains(message), o.err.constData());
    QVERIFY(o.out.isEmpty());
}

void TestRunVerb::missingCompilerIsReported()
{
    // A catalogue whose C compiler does not exist on this machine.
    QTemporaryFile catalogue;
    QVERIFY(catalogue.open());
    catalogue.write(R"({"languages":[{"id":"c","name":"C","extensions":["c"],"source":"main.c",
        "compile":["gcc-that-is-not-installed","-o","main","main.c"],"run":["{prog}/main"],"package":"gcc-99"}]})");
    catalogue.close();
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("EVALX_LANGUAGES"), catalogue.fileName());
    const Outcome o = evalx(
        {QStringLiteral("run"), program(QStringLiteral("ok.c")), QStringLiteral("--json")}, env);
    QCOMPARE(o.exitCode, 3);
    const QJsonObject r = QJsonDocument::fromJson(o.out).object();
    QCOMPARE(r.value(QLatin1String("status")).toString(), QStringLiteral("IE"));
    const QString message = r.value(QLatin1String("message")).toString();
    QVERIFY2(message.contains(QLatin1String("gcc-that-is-not-installed")) &&
                 message.contains(QLatin1String("gcc-99")),
             qPrintable(message));
}

QTEST_GUILESS_MAIN(TestRunVerb)
#include "tst_runverb.moc"
