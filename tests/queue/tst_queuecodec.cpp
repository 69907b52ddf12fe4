// jobcodec, the queue's JSON form of jobs and results: everything that goes in
// comes out, and a field left out of either direction fails a test.

#include "jobcodec.h"

#include <QJsonArray>
#include <QTest>

using namespace evalx;

namespace {

RunResult sampleRun(int seed)
{
    RunResult r;
    r.status = RunStatus::TLE;
    r.exitCode = 3 + seed;
    r.signal = 9;
    r.cpuSeconds = 1.25;
    r.wallSeconds = 2.5;
    r.memoryKib = 65536 + quint64(seed);
    r.endedAtUs = 123456789012;
    r.stdoutData = QByteArray("out\0\xff bytes", 11);
    r.stderrData = "err";
    r.outputTruncated = true;
    r.message = QStringLiteral("Time limit exceeded (wall) \u00e9");
    return r;
}

Submission sampleSubmission(const QString &language)
{
    Submission s;
    s.languageId = language;
    s.files = {{QStringLiteral("main.cpp"), QByteArray("int main(){}\0", 13)},
               {QStringLiteral("lib/x.h"), "#pragma once\n"}};
    s.mainFile = QStringLiteral("main.cpp");
    s.origin = QStringLiteral("api:abc");
    s.compilerOptions = {QStringLiteral("-O0"), QStringLiteral("-DX=1")};
    return s;
}

BatchRequest sampleRequest()
{
    BatchRequest b;
    b.submission = sampleSubmission(QStringLiteral("cpp"));
    TestData t;
    t.name = QStringLiteral("t1");
    t.inputPath = QStringLiteral("/in/1.in");
    t.answerPath = QStringLiteral("/in/1.ans");
    t.input = QByteArray("1 2\n\0", 5);
    t.answer = "3\n";
    t.arguments = {QStringLiteral("-v")};
    t.checkerFlags = {QStringLiteral("float_tolerance"), QStringLiteral("1e-6")};
    t.compare = CompareOptions{Comparison::Exact, false, true, 0.5, 0.25};
    t.hasAnswer = false;
    b.tests = {t, TestData{}};
    b.tests[1].name = QStringLiteral("second");
    b.checker.kind = CheckerConfig::Kind::Kattis;
    b.checker.compare = CompareOptions{Comparison::Tokens, false, true, 1e-6, 1e-7};
    b.checker.program = sampleSubmission(QStringLiteral("python3"));
    b.checker.flags = {QStringLiteral("case_sensitive")};
    b.limits = RunLimits{.cpuMs = 1000,
                         .cpuExtraMs = 500,
                         .wallMs = 3000,
                         .memoryKib = 262144,
                         .stackKib = 65536,
                         .processes = 8,
                         .fileSizeKib = 1024,
                         .openFiles = 64,
                         .outputKib = 512};
    b.workFiles = {BoxFile{QStringLiteral("data/x.txt"), 0600, QByteArray("x\0y", 3)}};
    b.interactive = true;
    b.stopOnFirstFailure = true;
    b.mergeStderr = true;
    b.parallel = 3;
    return b;
}

// Every optional set and every list holding one element, all at their defaults:
// what sampleRequest() is compared with leaf by leaf.
BatchRequest defaultRequest()
{
    BatchRequest b;
    b.submission.files = {SourceFile{}};
    b.tests = {TestData{}};
    b.tests[0].compare = CompareOptions{};
    b.checker.program = Submission{};
    b.checker.program->files = {SourceFile{}};
    b.workFiles = {BoxFile{}};
    b.workFiles[0].mode = 0;
    return b;
}

TestOutcome sampleTest(int index)
{
    TestOutcome t;
    t.index = index;
    t.name = QStringLiteral("t%1").arg(index);
    t.verdict = Verdict::WA;
    t.run = sampleRun(index);
    t.check = CheckOutcome{Verdict::PE, QStringLiteral("line 2 differs"),
                           QStringLiteral("for the team"), 0.5};
    t.score = 0.75;
    return t;
}

BatchResult sampleResult()
{
    BatchResult b;
    b.verdict = Verdict::TLE;
    b.message = QStringLiteral("why");
    b.compileOutput = QStringLiteral("warning: unused");
    b.compileCached = true;
    b.compileSeconds = 0.42;
    b.compileRun = sampleRun(7);
    b.tests = {sampleTest(1), sampleTest(2)};
    return b;
}

BatchResult defaultResult()
{
    BatchResult b;
    b.tests = {TestOutcome{}};
    b.tests[0].check.score = 0;
    b.tests[0].score = 0;
    return b;
}

// Fails the test where a leaf of sample equals the same leaf of the default:
// then the sample would not show that field being dropped.
void expectEveryLeafSet(const QJsonValue &sample, const QJsonValue &defaults, const QString &path)
{
    if (sample.isObject() && defaults.isObject()) {
        const QJsonObject s = sample.toObject(), d = defaults.toObject();
        QCOMPARE(s.keys(), d.keys());
        for (const QString &key : s.keys())
            expectEveryLeafSet(s.value(key), d.value(key), path + QLatin1Char('.') + key);
        return;
    }
    if (sample.isArray() && defaults.isArray() && !sample.toArray().isEmpty() &&
        !defaults.toArray().isEmpty() && sample.toArray().first().isObject()) {
        expectEveryLeafSet(sample.toArray().first(), defaults.toArray().first(), path + u"[0]");
        return;
    }
    if (sample == defaults)
        QFAIL(qPrintable(QStringLiteral("%1 is at its default in the sample").arg(path)));
}

} // namespace

class TestJobCodec : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void samplesSetEveryField()
    {
        expectEveryLeafSet(jobcodec::encode(sampleRequest()), jobcodec::encode(defaultRequest()),
                           QStringLiteral("request"));
        expectEveryLeafSet(jobcodec::encode(sampleResult()), jobcodec::encode(defaultResult()),
                           QStringLiteral("result"));
    }

    void requestRoundTrip()
    {
        const BatchRequest in = sampleRequest();
        QString error;
        const auto json = jobcodec::fromBytes(jobcodec::toBytes(jobcodec::encode(in)), &error);
        QVERIFY2(json, qPrintable(error));
        const std::optional<BatchRequest> out = jobcodec::decodeRequest(*json, &error);
        QVERIFY2(out, qPrintable(error));
        QCOMPARE(jobcodec::encode(*out), jobcodec::encode(in));
        // And directly, field by field, for what the comparison above relies on.
        QCOMPARE(out->submission.files.size(), 2);
        QCOMPARE(out->submission.files[0].data, in.submission.files[0].data);
        QCOMPARE(out->submission.mainFile, in.submission.mainFile);
        QCOMPARE(out->submission.origin, in.submission.origin);
        QCOMPARE(out->submission.compilerOptions, in.submission.compilerOptions);
        QCOMPARE(out->workFiles.size(), 1);
        QCOMPARE(out->workFiles[0].path, QStringLiteral("data/x.txt"));
        QCOMPARE(out->workFiles[0].mode, 0600);
        QCOMPARE(out->workFiles[0].data, QByteArray("x\0y", 3));
        QCOMPARE(out->tests.size(), 2);
        QCOMPARE(out->tests[0].input, in.tests[0].input);
        QCOMPARE(out->tests[0].answer, in.tests[0].answer);
        QCOMPARE(out->tests[0].inputPath, in.tests[0].inputPath);
        QCOMPARE(out->tests[0].checkerFlags, in.tests[0].checkerFlags);
        QCOMPARE(out->tests[0].arguments, in.tests[0].arguments);
        QVERIFY(out->tests[0].compare);
        QCOMPARE(out->tests[0].compare->mode, Comparison::Exact);
        QCOMPARE(out->tests[0].compare->relativeTolerance, 0.25);
        QCOMPARE(out->tests[0].hasAnswer, false);
        QVERIFY(!out->tests[1].compare);
        QCOMPARE(out->checker.kind, CheckerConfig::Kind::Kattis);
        QVERIFY(out->checker.program);
        QCOMPARE(out->checker.program->languageId, QStringLiteral("python3"));
        QCOMPARE(out->checker.flags, in.checker.flags);
        QCOMPARE(out->checker.compare.absoluteTolerance, 1e-6);
        QCOMPARE(out->limits, in.limits);
        QVERIFY(out->interactive && out->stopOnFirstFailure && out->mergeStderr);
        QCOMPARE(out->parallel, 3);
    }

    void resultRoundTrip()
    {
        const BatchResult in = sampleResult();
        QString error;
        const std::optional<BatchResult> out = jobcodec::decodeResult(
            *jobcodec::fromBytes(jobcodec::toBytes(jobcodec::encode(in)), &error), &error);
        QVERIFY2(out, qPrintable(error));
        QCOMPARE(jobcodec::encode(*out), jobcodec::encode(in));
        QCOMPARE(out->verdict, Verdict::TLE);
        QCOMPARE(out->compileSeconds, 0.42);
        QCOMPARE(out->compileRun.memoryKib, quint64(65536 + 7));
        QCOMPARE(out->compileRun.stdoutData, sampleRun(7).stdoutData);
        QCOMPARE(out->tests.size(), 2);
        const TestOutcome &t = out->tests[1];
        QCOMPARE(t.index, 2);
        QCOMPARE(t.verdict, Verdict::WA);
        QCOMPARE(t.check.verdict, Verdict::PE);
        QCOMPARE(t.check.teamMessage, QStringLiteral("for the team"));
        QCOMPARE(t.check.score, std::optional<double>(0.5));
        QCOMPARE(t.score, std::optional<double>(0.75));
        QCOMPARE(t.run.status, RunStatus::TLE);
        QCOMPARE(t.run.stdoutData, sampleRun(2).stdoutData);
        QCOMPARE(t.run.endedAtUs, qint64(123456789012));
        QCOMPARE(t.run.memoryKib, quint64(65538));
        QVERIFY(t.run.outputTruncated);
    }

    void absentOptionalsStayAbsent()
    {
        TestOutcome t;
        QString error;
        const auto out = jobcodec::decodeTest(jobcodec::encode(t), &error);
        QVERIFY2(out, qPrintable(error));
        QVERIFY(!out->score);
        QVERIFY(!out->check.score);
    }

    void missingFieldIsAnError_data()
    {
        QTest::addColumn<QString>("field");
        const QJsonObject json = jobcodec::encode(sampleRequest());
        for (const QString &key : json.keys())
            QTest::newRow(qPrintable(key)) << key;
    }

    void missingFieldIsAnError()
    {
        QFETCH(QString, field);
        QJsonObject json = jobcodec::encode(sampleRequest());
        json.remove(field);
        QString error;
        QVERIFY(!jobcodec::decodeRequest(json, &error));
        QVERIFY2(error.startsWith(field), qPrintable(error));
    }

    void nestedErrorNamesThePath()
    {
        QJsonObject json = jobcodec::encode(sampleResult());
        QJsonArray tests = json.value(QLatin1String("tests")).toArray();
        QJsonObject t = tests[1].toObject();
        QJsonObject run = t.value(QLatin1String("run")).toObject();
        run.insert(QStringLiteral("status"), QStringLiteral("nope"));
        t.insert(QStringLiteral("run"), run);
        tests[1] = t;
        json.insert(QStringLiteral("tests"), tests);
        QString error;
        QVERIFY(!jobcodec::decodeResult(json, &error));
        QCOMPARE(error, QStringLiteral("tests[1].run.status: expected a run status name"));
    }

    void badBase64IsAnError()
    {
        QJsonObject run = jobcodec::encode(sampleRun(0));
        run.insert(QStringLiteral("stdout"), QStringLiteral("***"));
        QString error;
        QVERIFY(!jobcodec::decodeRun(run, &error));
        QCOMPARE(error, QStringLiteral("stdout: expected base64"));
    }
};

QTEST_GUILESS_MAIN(TestJobCodec)
#include "tst_queuecodec.moc"
