// RemoteSource against a real `evalx --headless` on loopback: its telemetry
// follows /health and /metrics, jobs submitted through it or by any other API
// client appear with their verdicts and tests, and every failure says why.

#include "../api/headlessserver.h"
#include "remotesource.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QStandardPaths>

using evalx::BatchRequest;
using evalx::JobRecord;
using evalx::JobState;
using evalx::Verdict;
using evalx::ui::RemoteSource;
using evalx::ui::Telemetry;

namespace {

constexpr int kTimeoutMs = 60000;

const QByteArray kSum = "a, b = map(int, input().split())\nprint(a + b)\n";

BatchRequest sumRequest(const QList<std::pair<QByteArray, QByteArray>> &tests,
                        const QString &language = QStringLiteral("python3"))
{
    BatchRequest r;
    const evalx::LanguageCatalogue catalogue = evalx::LanguageCatalogue::builtIn();
    const evalx::Language *python = catalogue.find(QStringLiteral("python3"));
    r.submission = evalx::Submission::fromSource(*python, kSum);
    r.submission.languageId = language;
    int i = 0;
    for (const auto &[input, answer] : tests) {
        evalx::TestData t;
        t.name = QString::number(++i);
        t.input = input;
        t.answer = answer;
        r.tests << t;
    }
    r.limits.cpuMs = 5000;
    r.limits.wallMs = 10000;
    return r;
}

quint64 total(const QHash<QString, quint64> &counts)
{
    quint64 n = 0;
    for (const quint64 c : counts)
        n += c;
    return n;
}

QUrl baseOf(const evalx::test::HeadlessServer &server)
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(server.port()));
}

// A fresh sample, taken after now.
Telemetry freshSample(const RemoteSource &source)
{
    const QDateTime after = QDateTime::currentDateTimeUtc();
    QDeadlineTimer deadline(kTimeoutMs);
    while (!(source.telemetry().at > after) && !deadline.hasExpired())
        QTest::qWait(50);
    return source.telemetry();
}

} // namespace

class TestRemoteSource : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void telemetryFollowsTheServer();
    void submittedJobHasVerdictAndTests();
    void outsideJobsAppearAndAreFollowedLive();
    void unknownLanguageGivesTheServersWords();
    void wrongTokenSaysSo();
    void deadServerIsUnreachable();

private:
    evalx::test::HeadlessServer m_server;
};

void TestRemoteSource::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY2(m_server.start({QStringLiteral("--workers"), QStringLiteral("1")}),
             m_server.firstLine().constData());
}

void TestRemoteSource::telemetryFollowsTheServer()
{
    RemoteSource source(baseOf(m_server), {});
    QCOMPARE(source.describe(), baseOf(m_server).toString());
    QCOMPARE(source.engine(), nullptr);
    const Telemetry first = freshSample(source);
    QVERIFY2(first.reachable, qPrintable(first.error));
    QCOMPARE(first.workers, 1);
    QCOMPARE(first.queue.kind, QStringLiteral("local"));
    QCOMPARE(first.boxes.size(), 1);
    QCOMPARE(first.api, baseOf(m_server).toString());
    QVERIFY(first.sandbox.contains(QLatin1String("cgroup")));
    // The histograms keep the server's buckets.
    QCOMPARE(first.stats.jobSeconds.bounds, evalx::JobStats().jobSeconds.bounds);
    QCOMPARE(first.stats.runSeconds.bounds, evalx::JobStats().runSeconds.bounds);
    QTRY_VERIFY_WITH_TIMEOUT(source.telemetry().capacity > 0, kTimeoutMs);

    // Languages: the built-in ones the server has.
    int status = 0;
    const QJsonArray listed =
        QJsonDocument::fromJson(
            m_server.request("GET", QStringLiteral("/api/v1/languages"), {}, &status))
            .array();
    QStringList available;
    for (const QJsonValue &v : listed) {
        if (v.toObject().value(QLatin1String("available")).toBool())
            available << v.toObject().value(QLatin1String("id")).toString();
    }
    available.sort();
    const auto ids = [&source] {
        QStringList ours;
        for (const evalx::Language &l : source.languages().languages())
            ours << l.id;
        ours.sort();
        return ours;
    };
    QTRY_COMPARE_WITH_TIMEOUT(ids(), available, kTimeoutMs);
    const QStringList ours = ids();
    QVERIFY(ours.contains(QLatin1String("python3")));

    // Three jobs of two tests each: three more jobs, six more runs.
    const quint64 jobs0 = first.stats.jobSeconds.count;
    const quint64 runs0 = first.stats.runSeconds.count;
    const quint64 accepted0 = first.stats.finishedByVerdict.value(QStringLiteral("AC"));
    const quint64 wrong0 = first.stats.runsByVerdict.value(QStringLiteral("WA"));
    const quint64 runTotal0 = total(first.stats.runsByVerdict);
    for (int i = 0; i < 3; ++i) {
        QString error;
        QVERIFY2(source.submit(sumRequest({{"1 2", "3"}, {"2 2", "4"}}), {}, &error),
                 qPrintable(error));
    }
    QTRY_VERIFY_WITH_TIMEOUT(source.telemetry().stats.jobSeconds.count == jobs0 + 3, kTimeoutMs);
    const Telemetry after = freshSample(source);
    QCOMPARE(after.stats.jobSeconds.count, jobs0 + 3);
    QCOMPARE(after.stats.runSeconds.count, runs0 + 6);
    QCOMPARE(after.stats.finishedByVerdict.value(QStringLiteral("AC")), accepted0 + 3);
    QCOMPARE(after.stats.runsByVerdict.value(QStringLiteral("WA")), wrong0);
    QCOMPARE(total(after.stats.runsByVerdict), runTotal0 + 6);
    // Cumulative buckets: the last one holds no more than the count, the sums grew.
    QVERIFY(after.stats.jobSeconds.counts.constLast() <= after.stats.jobSeconds.count);
    QVERIFY(after.stats.runSeconds.sum > first.stats.runSeconds.sum);
    QCOMPARE(after.waiting, 0);
    QCOMPARE(after.running, 0);
}

void TestRemoteSource::submittedJobHasVerdictAndTests()
{
    RemoteSource source(baseOf(m_server), {});
    QSignalSpy changed(&source, &RemoteSource::jobChanged);
    QString error;
    evalx::SubmitOptions options;
    options.labels.insert(QLatin1String(evalx::ui::kOriginLabel), QStringLiteral("window"));
    const std::optional<QByteArray> token =
        source.submit(sumRequest({{"1 2", "3"}, {"3 3", "7"}}), options, &error);
    QVERIFY2(token, qPrintable(error));
    QTRY_VERIFY_WITH_TIMEOUT(source.find(*token) && source.find(*token)->state == JobState::Done,
                             kTimeoutMs);
    const JobRecord job = *source.find(*token);
    QCOMPARE(job.result.verdict, Verdict::WA);
    QCOMPARE(job.result.tests.size(), 2);
    QCOMPARE(job.result.tests[0].verdict, Verdict::AC);
    QCOMPARE(job.result.tests[0].run.stdoutData, QByteArray("3\n"));
    QCOMPARE(job.result.tests[1].verdict, Verdict::WA);
    QCOMPARE(job.result.tests[1].run.stdoutData, QByteArray("6\n"));
    QVERIFY(job.result.tests[1].check.message.contains(QLatin1String("7")));
    QVERIFY(job.result.tests[1].run.wallSeconds > 0);
    QVERIFY(job.result.tests[1].run.memoryKib > 0);
    QVERIFY(job.finishedAt.isValid());
    // What the console submitted stays with the job: source, tests, labels.
    QCOMPARE(job.request.submission.files.value(0).data, kSum);
    QCOMPARE(job.request.tests.value(1).answer, QByteArray("7"));
    QCOMPARE(evalx::ui::sourceOf(job), evalx::ui::SubmissionSource::Window);
    // It is the newest job, and the last jobChanged for it shows it done.
    QTRY_VERIFY(!source.recent(5).isEmpty());
    QCOMPARE(source.recent(5).first().token, *token);
    QTRY_VERIFY_WITH_TIMEOUT(
        !changed.isEmpty() && changed.constLast().at(0).value<JobRecord>().state == JobState::Done,
        kTimeoutMs);
}

void TestRemoteSource::outsideJobsAppearAndAreFollowedLive()
{
    RemoteSource source(baseOf(m_server), {});
    // Let it read the listing once, so that what follows is news to it.
    QTRY_VERIFY_WITH_TIMEOUT(!source.recent(1).isEmpty(), kTimeoutMs);
    QSignalSpy changed(&source, &RemoteSource::jobChanged);

    // Three slow tests through the native API, as an outside client would.
    const QJsonObject slow{
        {QStringLiteral("language"), QStringLiteral("python3")},
        {QStringLiteral("source"),
         QStringLiteral("import time\ntime.sleep(0.8)\nprint(input())\n")},
        {QStringLiteral("tests"),
         QJsonArray{QJsonObject{{QStringLiteral("input"), QStringLiteral("a")},
                                {QStringLiteral("expected"), QStringLiteral("a")}},
                    QJsonObject{{QStringLiteral("input"), QStringLiteral("b")},
                                {QStringLiteral("expected"), QStringLiteral("b")}},
                    QJsonObject{{QStringLiteral("input"), QStringLiteral("c")},
                                {QStringLiteral("expected"), QStringLiteral("c")}}}},
    };
    int status = 0;
    const QByteArray answer = m_server.request("POST", QStringLiteral("/api/v1/submissions"),
                                               QJsonDocument(slow).toJson(), &status,
                                               {{"Content-Type", "application/json"}});
    QCOMPARE(status, 201);
    const QByteArray native = QJsonDocument::fromJson(answer)
                                  .object()
                                  .value(QLatin1String("token"))
                                  .toString()
                                  .toLatin1();
    // And one through Judge0.
    const QJsonObject judge0{{QStringLiteral("source_code"), QString::fromUtf8(kSum)},
                             {QStringLiteral("language_id"), 71},
                             {QStringLiteral("stdin"), QStringLiteral("20 22")},
                             {QStringLiteral("expected_output"), QStringLiteral("42")}};
    const QByteArray judge0Answer =
        m_server.request("POST", QStringLiteral("/submissions"), QJsonDocument(judge0).toJson(),
                         &status, {{"Content-Type", "application/json"}});
    QCOMPARE(status, 201);
    const QByteArray judge0Token = QJsonDocument::fromJson(judge0Answer)
                                       .object()
                                       .value(QLatin1String("token"))
                                       .toString()
                                       .toLatin1();

    const auto doneIn = [&](const QByteArray &token) {
        const std::optional<JobRecord> job = source.find(token);
        return job && job->state == JobState::Done;
    };
    QTRY_VERIFY_WITH_TIMEOUT(doneIn(native) && doneIn(judge0Token), kTimeoutMs);
    const JobRecord job = *source.find(native);
    QCOMPARE(job.result.verdict, Verdict::AC);
    QCOMPARE(job.result.tests.size(), 3);
    QCOMPARE(job.result.tests[2].run.stdoutData, QByteArray("c\n"));
    QVERIFY(job.createdAt.isValid());
    const JobRecord viaJudge0 = *source.find(judge0Token);
    QCOMPARE(viaJudge0.result.verdict, Verdict::AC);
    QCOMPARE(viaJudge0.result.tests.value(0).run.stdoutData, QByteArray("42\n"));
    QCOMPARE(evalx::ui::sourceOf(viaJudge0), evalx::ui::SubmissionSource::Judge0);
    QCOMPARE(viaJudge0.request.submission.languageId, QStringLiteral("python3"));

    // Both were announced; the slow one while it ran, a test at a time.
    bool sawJudge0 = false, sawPartial = false;
    for (const QList<QVariant> &args : std::as_const(changed)) {
        const JobRecord r = args.at(0).value<JobRecord>();
        sawJudge0 |= r.token == judge0Token;
        if (r.token == native && r.state != JobState::Done && !r.result.tests.isEmpty() &&
            r.result.tests.size() < 3)
            sawPartial = true;
    }
    QVERIFY(sawJudge0);
    QVERIFY(sawPartial);
    // Newest first.
    const QList<JobRecord> recent = source.recent(2);
    QCOMPARE(recent.size(), 2);
    QCOMPARE(recent[0].token, judge0Token);
    QCOMPARE(recent[1].token, native);
}

void TestRemoteSource::unknownLanguageGivesTheServersWords()
{
    RemoteSource source(baseOf(m_server), {});
    QString error;
    const std::optional<QByteArray> token =
        source.submit(sumRequest({{"1 2", "3"}}, QStringLiteral("cobol")), {}, &error);
    QVERIFY(!token);
    QVERIFY2(error.contains(QLatin1String("unknown language 'cobol'")), qPrintable(error));
    QVERIFY2(error.startsWith(QLatin1String("language: ")), qPrintable(error));
    QVERIFY2(error.contains(QLatin1String("422")), qPrintable(error));
    // A request the API cannot express is refused before it is sent.
    BatchRequest interactive = sumRequest({{"1 2", "3"}});
    interactive.interactive = true;
    QVERIFY(!source.submit(interactive, {}, &error));
    QVERIFY2(error.contains(QLatin1String("interactive")), qPrintable(error));
    // What is sent: the files, the tests, the checker's spec, limits in seconds.
    const std::optional<QJsonObject> body =
        RemoteSource::requestJson(sumRequest({{"1 2", "3"}}), {}, &error);
    QVERIFY(body);
    QCOMPARE(body->value(QLatin1String("files")).toArray().size(), 1);
    QCOMPARE(body->value(QLatin1String("checker")).toObject().value(QLatin1String("type")),
             QJsonValue(QStringLiteral("lines")));
    const QJsonObject limits = body->value(QLatin1String("limits")).toObject();
    QCOMPARE(limits.value(QLatin1String("time")).toDouble(), 5.0);
    QCOMPARE(limits.value(QLatin1String("wall_time")).toDouble(), 10.0);
    QCOMPARE(body->value(QLatin1String("tests"))
                 .toArray()
                 .at(0)
                 .toObject()
                 .value(QLatin1String("expected")),
             QJsonValue(QStringLiteral("3")));
}

void TestRemoteSource::wrongTokenSaysSo()
{
    evalx::test::HeadlessServer guarded;
    QVERIFY(guarded.start({QStringLiteral("--workers"), QStringLiteral("1"),
                           QStringLiteral("--auth-token"), QStringLiteral("s3cret")}));
    {
        RemoteSource wrong(baseOf(guarded), QStringLiteral("nope"));
        const Telemetry t = freshSample(wrong);
        QVERIFY(!t.reachable);
        QVERIFY2(t.error.contains(baseOf(guarded).toString()), qPrintable(t.error));
        QVERIFY2(t.error.contains(QLatin1String("refused the token (HTTP 401")),
                 qPrintable(t.error));
        QString error;
        QVERIFY(!wrong.submit(sumRequest({{"1 2", "3"}}), {}, &error));
        QVERIFY2(error.contains(QLatin1String("refused the token (HTTP 401")), qPrintable(error));
    }
    // The right one opens everything, the stream included.
    RemoteSource right(baseOf(guarded), QStringLiteral("s3cret"));
    const Telemetry t = freshSample(right);
    QVERIFY2(t.reachable, qPrintable(t.error));
    QString error;
    const std::optional<QByteArray> token = right.submit(sumRequest({{"1 2", "3"}}), {}, &error);
    QVERIFY2(token, qPrintable(error));
    QTRY_VERIFY_WITH_TIMEOUT(right.find(*token)->state == JobState::Done, kTimeoutMs);
    QCOMPARE(right.find(*token)->result.verdict, Verdict::AC);
    QCOMPARE(right.find(*token)->result.tests.size(), 1);
}

void TestRemoteSource::deadServerIsUnreachable()
{
    evalx::test::HeadlessServer doomed;
    QVERIFY(doomed.start({QStringLiteral("--workers"), QStringLiteral("1")}));
    RemoteSource source(baseOf(doomed), {});
    QVERIFY(freshSample(source).reachable);
    doomed.stop();
    QTRY_VERIFY_WITH_TIMEOUT(!source.telemetry().reachable, kTimeoutMs);
    const Telemetry t = source.telemetry();
    QVERIFY2(t.error.contains(baseOf(doomed).toString()), qPrintable(t.error));
    QVERIFY2(t.error.contains(QLatin1String("refused"), Qt::CaseInsensitive), qPrintable(t.error));
    QString error;
    QVERIFY(!source.submit(sumRequest({{"1 2", "3"}}), {}, &error));
    QVERIFY2(error.contains(QLatin1String("cannot reach")), qPrintable(error));
}

QTEST_MAIN(TestRemoteSource)
#include "tst_remotesource.moc"
