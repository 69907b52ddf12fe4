// What the API and the queue cost, end to end over HTTP, measured in one run.
//
//   build/bin/bench_api [--submissions N] [--tests T] [--in-flight K] [--rounds R] [--redis]
//   [--qnam]
//
// N submissions (default 1000) of T tests each (default 20), alternately a
// small C program and a Python one, all accepted, and the same N programs
// once more through Judge0's POST /submissions with one test each:
// (a0) the sandbox alone: the same runs straight through a pool of as many
//     boxes, no judge (the figure bench_sandbox gives for a trivial program);
// (a) the baseline: the same batches judged in this process by BatchJudge on
//     a pool as large as the server's, one batch per worker at a time, as the
//     server's workers do: the sandbox and the judge, no API and no queue;
// (b) a real `evalx --headless` on a free loopback port, the submissions POSTed
//     to /api/v1/submissions as fast as it takes them (K keep-alive
//     connections, default 6), then the Judge0 ones to /submissions while it
//     judges, waiting until /metrics counts them all finished;
// (c) with --redis, the same through a redis-server started on a free port,
//     its append-only file synced every second (or, with --fsync-always,
//     before every answer).
// Prints the POST latency of both APIs (p50/p99), the total time, runs per
// second, and each server's runs per second as a ratio to (a) and to (a0). Rounds (R,
// default 1) repeat (a), (b), (c) in turn and end with medians.

#include "batchjudge.h"
#include "boxfixture.h"
#include "headlessserver.h"
#include "postload.h"
#include "redisserver.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTextStream>
#include <QtConcurrent/QtConcurrentMap>
#include <algorithm>
#include <atomic>
#include <sys/resource.h>
#include <unistd.h>

using namespace evalx;

namespace {

const QByteArray kC = R"(#include <stdio.h>
int main(void) { long n, s = 0; scanf("%ld", &n); for (long i = 1; i <= n; ++i) s += i % 7; printf("%ld\n", s); return 0; }
)";
const QByteArray kPython = "n = int(input())\nprint(sum(i % 7 for i in range(1, n + 1)))\n";

long long expected(long long n)
{
    long long s = 0;
    for (long long i = 1; i <= n; ++i)
        s += i % 7;
    return s;
}

struct Workload
{
    QList<QByteArray> bodies;       // the native API's requests, T tests each
    QList<QByteArray> judge0Bodies; // Judge0's POST /submissions, one test each
    QList<BatchRequest> batches;    // all of them, for the baseline
    int runs = 0;
};

Workload makeWorkload(const LanguageCatalogue &languages, int submissions, int tests)
{
    Workload w;
    for (int s = 0; s < submissions; ++s) {
        const bool c = s % 2 == 0;
        const Language &lang = *languages.find(c ? QStringLiteral("c") : QStringLiteral("python3"));
        BatchRequest batch;
        batch.submission = Submission::fromSource(lang, c ? kC : kPython);
        batch.limits = test::defaultLimits();
        QJsonArray jsonTests;
        for (int t = 0; t < tests; ++t) {
            const long long n = 100 + t * 37 + s % 11;
            TestData td;
            td.name = QString::number(t + 1);
            td.input = QByteArray::number(n) + '\n';
            td.answer = QByteArray::number(expected(n)) + '\n';
            batch.tests << td;
            jsonTests.append(
                QJsonObject{{QStringLiteral("input"), QString::fromLatin1(td.input)},
                            {QStringLiteral("expected"), QString::fromLatin1(td.answer)}});
        }
        w.runs += tests;
        w.batches << batch;
        w.bodies << QJsonDocument(QJsonObject{{QStringLiteral("language"), lang.id},
                                              {QStringLiteral("source"),
                                               QString::fromLatin1(c ? kC : kPython)},
                                              {QStringLiteral("tests"), jsonTests}})
                        .toJson(QJsonDocument::Compact);
        // The same program through Judge0's API, with one test.
        BatchRequest single = batch;
        single.tests = {batch.tests.first()};
        w.batches << single;
        w.runs += 1;
        w.judge0Bodies << QJsonDocument(
                              QJsonObject{{QStringLiteral("language_id"), c ? 50 : 71},
                                          {QStringLiteral("source_code"),
                                           QString::fromLatin1(c ? kC : kPython)},
                                          {QStringLiteral("stdin"),
                                           QString::fromLatin1(single.tests.first().input)},
                                          {QStringLiteral("expected_output"),
                                           QString::fromLatin1(single.tests.first().answer)}})
                              .toJson(QJsonDocument::Compact);
    }
    return w;
}

// CPU seconds (user and system) a process has used itself, all its threads,
// its children (the boxes) not included.
double cpuSeconds(qint64 pid)
{
    QFile f(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    const QByteArray line = f.readAll();
    // After the command's closing parenthesis: state is field 3, utime 14, stime 15.
    const QList<QByteArray> fields = line.mid(line.lastIndexOf(')') + 2).split(' ');
    return (fields.value(11).toDouble() + fields.value(12).toDouble()) /
           double(::sysconf(_SC_CLK_TCK));
}

// A pool of the server's size for the baselines; nullptr when it cannot start.
std::unique_ptr<BoxPool> startPool(int workers)
{
    QString error;
    auto pool = test::startPool(workers, &error);
    if (!pool)
        QTextStream(stderr) << "the pool did not start: " << error << "\n";
    return pool;
}

// (a0): the sandbox alone, the figure bench_sandbox measures for a trivial
// program, here for this workload's programs: every run straight through the
// pool (each program compiled first), all boxes busy, no judge (no batch, no
// checker), no API, no queue.
double sandboxAlone(const Workload &w, int workers)
{
    auto pool = startPool(workers);
    if (!pool)
        return -1;
    const LanguageCatalogue languages = LanguageCatalogue::builtIn();
    Executor executor(*pool);
    struct Run
    {
        const Language *language;
        ArtifactCache::Outcome compiled;
        QByteArray input;
        RunLimits limits;
    };
    QList<Run> runs;
    QHash<QString, ArtifactCache::Outcome> compiled;
    for (const BatchRequest &b : w.batches) {
        const Language *language = languages.find(b.submission.languageId);
        ArtifactCache::Outcome &outcome = compiled[b.submission.languageId];
        if (!outcome)
            outcome = executor.compile(*language, b.submission);
        for (const TestData &t : b.tests)
            runs << Run{language, outcome, t.input, b.limits};
    }
    std::atomic<qsizetype> next{0};
    QElapsedTimer t;
    t.start();
    QThreadPool threads;
    threads.setMaxThreadCount(pool->size());
    for (int i = 0; i < pool->size(); ++i) {
        threads.start([&] {
            for (qsizetype r; (r = next.fetch_add(1)) < runs.size();) {
                RunJob job;
                job.stdinData = runs[r].input;
                job.limits = runs[r].limits;
                executor.run(*runs[r].language, runs[r].compiled->artifact, job);
            }
        });
    }
    threads.waitForDone();
    return double(t.nsecsElapsed()) / 1e9;
}

// (a): workers threads, each judging one batch at a time.
double baseline(const Workload &w, int workers, int *accepted, double *cpu)
{
    auto pool = startPool(workers);
    if (!pool)
        return -1;
    const LanguageCatalogue languages = LanguageCatalogue::builtIn();
    Executor executor(*pool);
    BatchJudge judge(executor, languages);
    // Compiled once before the clock starts, as the server's cache will have them.
    judge.judge(w.batches.value(0)); // C
    judge.judge(w.batches.value(2)); // Python
    std::atomic<int> next{0}, ok{0};
    const double cpuBefore = cpuSeconds(::getpid());
    QElapsedTimer t;
    t.start();
    QThreadPool threads;
    threads.setMaxThreadCount(workers);
    for (int i = 0; i < workers; ++i) {
        threads.start([&] {
            for (int b; (b = next.fetch_add(1)) < w.batches.size();) {
                if (judge.judge(w.batches[b]).verdict == Verdict::AC)
                    ++ok;
            }
        });
    }
    threads.waitForDone();
    *accepted = ok;
    *cpu = cpuSeconds(::getpid()) - cpuBefore;
    return double(t.nsecsElapsed()) / 1e9;
}

struct ServerFigures
{
    double seconds = -1;
    QList<double> postMs; // the native API's POSTs
    QList<double> postSentAtMs;
    QList<double> judge0Ms; // Judge0's, sent right after them, while the server judges
    double serverCpu = 0;   // seconds of CPU the server process used itself
    int accepted = 0;
    int refused = 0;
};

double metric(const QByteArray &text, const QByteArray &name)
{
    double sum = 0;
    for (const QByteArray &line : text.split('\n')) {
        if (line.startsWith(name))
            sum += line.mid(line.lastIndexOf(' ') + 1).toDouble();
    }
    return sum;
}

// (b) and (c): the POSTs through postLoad (or, with --qnam, through
// QNetworkAccessManager, to compare what the client itself costs).
ServerFigures overHttp(test::HeadlessServer &server, const Workload &w, int inFlight, bool qnam)
{
    ServerFigures f;
    const qint64 pid = server.process().processId();
    const double cpuBefore = cpuSeconds(pid);
    QElapsedTimer clock;
    clock.start();
    if (!qnam) {
        const test::PostLoadFigures load =
            test::postLoad(server.port(), "/api/v1/submissions", w.bodies, inFlight);
        f.postMs = load.latencyMs;
        f.postSentAtMs = load.sentAtMs;
        f.refused = load.other + int(w.bodies.size() - load.latencyMs.size());
        const test::PostLoadFigures judge0 =
            test::postLoad(server.port(), "/submissions", w.judge0Bodies, inFlight);
        f.judge0Ms = judge0.latencyMs;
        f.refused += judge0.other + int(w.judge0Bodies.size() - judge0.latencyMs.size());
    } else {
        QNetworkAccessManager net;
        const QUrl url(QStringLiteral("http://127.0.0.1:%1/api/v1/submissions").arg(server.port()));
        int next = 0, pending = 0;
        std::function<void()> post = [&] {
            const int i = next++;
            QNetworkRequest r(url);
            r.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
            QElapsedTimer *sent = new QElapsedTimer;
            sent->start();
            QNetworkReply *reply = net.post(r, w.bodies[i]);
            ++pending;
            QObject::connect(reply, &QNetworkReply::finished, [&, reply, sent] {
                f.postMs << double(sent->nsecsElapsed()) / 1e6;
                delete sent;
                if (reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() != 201)
                    ++f.refused;
                reply->deleteLater();
                --pending;
                if (next < w.bodies.size())
                    post();
            });
        };
        for (int k = 0; k < inFlight && next < w.bodies.size(); ++k)
            post();
        while (pending > 0)
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
        // The Judge0 half, not timed (compare the native POSTs only).
        const test::PostLoadFigures judge0 =
            test::postLoad(server.port(), "/submissions", w.judge0Bodies, inFlight);
        f.refused += judge0.other + int(w.judge0Bodies.size() - judge0.latencyMs.size());
    }
    // Every job finished: /metrics counts them.
    int status = 0;
    for (;;) {
        const QByteArray text = server.request("GET", QStringLiteral("/metrics"), {}, &status);
        if (metric(text, "evalx_jobs_total{") >=
            w.bodies.size() + w.judge0Bodies.size() - f.refused) {
            f.seconds = double(clock.nsecsElapsed()) / 1e9;
            f.serverCpu = cpuSeconds(pid) - cpuBefore;
            f.accepted = int(metric(text, "evalx_jobs_total{verdict=\"AC\"}"));
            break;
        }
        // Not more often: every answer costs the server some CPU of its own.
        QTest::qWait(100);
    }
    return f;
}

double percentile(QList<double> v, double p)
{
    if (v.isEmpty())
        return 0;
    std::sort(v.begin(), v.end());
    return v[std::min<qsizetype>(v.size() - 1, qsizetype(p * double(v.size())))];
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    // The client stands for machines elsewhere: where allowed (root), it
    // goes before this machine's judging, so that what the POST figures
    // measure is the server, not the load generator waiting for a core.
    const bool clientFirst = ::setpriority(PRIO_PROCESS, 0, -5) == 0;
    // The judge's per-run debug lines would slow (a) and flatter the ratios.
    QLoggingCategory::setFilterRules(QStringLiteral("evalx.*.debug=false"));
    const QStringList args = app.arguments();
    auto intArg = [&](const char *name, int fallback) {
        const qsizetype i = args.indexOf(QLatin1String(name));
        return i >= 0 ? args.value(i + 1).toInt() : fallback;
    };
    const int submissions = intArg("--submissions", 1000);
    const int tests = intArg("--tests", 20);
    const int inFlight = intArg("--in-flight", 6);
    const int rounds = std::max(1, intArg("--rounds", 1));
    const bool withRedis = args.contains(QLatin1String("--redis"));
    const bool qnam = args.contains(QLatin1String("--qnam"));
    const bool serversOnly = args.contains(QLatin1String("--servers-only"));
    // Every native POST's start and latency, PREFIX-local-round1.csv ...
    const qsizetype latenciesAt = args.indexOf(QLatin1String("--latencies"));
    const QString latencies = latenciesAt >= 0 ? args.value(latenciesAt + 1) : QString();
    const int workers = 2;
    QTextStream out(stdout);

    const LanguageCatalogue languages = LanguageCatalogue::builtIn();
    const Workload w = makeWorkload(languages, submissions, tests);
    out << "bench_api: " << submissions << " submissions x " << tests << " tests (C and Python), "
        << workers << " workers, " << inFlight << " requests in flight, " << rounds
        << " round(s), POSTs through " << (qnam ? "QNetworkAccessManager" : "keep-alive sockets")
        << (clientFirst ? " at nice -5" : " at nice 0") << "\n";
    out.flush();

    // Redis's own default for its log, or every write synced before it answers.
    const QString fsync = args.contains(QLatin1String("--fsync-always"))
                              ? QStringLiteral("always")
                              : QStringLiteral("everysec");
    test::RedisServer redis;
    if (withRedis && !redis.start(fsync)) {
        out << "redis-server did not start\n";
        return 1;
    }
    // Each round measures (a), (b) and (c) one after the other, so that the
    // machine's drift touches all three alike.
    struct Series
    {
        QList<double> ratios, sandboxRatios, postMs, judge0Ms;
    } local, viaRedis;
    const int jobs = int(w.batches.size());
    const QString capacity = QString::number(jobs);
    QList<double> judgeOverSandbox;
    for (int round = 1; round <= rounds; ++round) {
        // --servers-only: no baselines, for looking at the servers' latency alone.
        const double sandboxSeconds = serversOnly ? qQNaN() : sandboxAlone(w, workers);
        const double sandboxRate = w.runs / sandboxSeconds;
        out << QStringLiteral("round %1 (a0) the sandbox alone (the same runs through the pool): "
                              "%2 s, %3 runs/s\n")
                   .arg(round)
                   .arg(sandboxSeconds, 0, 'f', 2)
                   .arg(sandboxRate, 0, 'f', 0);
        out.flush();
        int baseAccepted = 0;
        double baseCpu = 0;
        const double baseSeconds =
            serversOnly ? qQNaN() : baseline(w, workers, &baseAccepted, &baseCpu);
        const double baseRate = w.runs / baseSeconds;
        judgeOverSandbox << baseRate / sandboxRate;
        out << QStringLiteral("round %1 (a) in-process BatchJudge: %2 s, %3 runs/s = %4x (a0), "
                              "%5/%6 accepted; the judge's own CPU %7 s\n")
                   .arg(round)
                   .arg(baseSeconds, 0, 'f', 2)
                   .arg(baseRate, 0, 'f', 0)
                   .arg(baseRate / sandboxRate, 0, 'f', 3)
                   .arg(baseAccepted)
                   .arg(jobs)
                   .arg(baseCpu, 0, 'f', 2);
        out.flush();
        auto report = [&](const char *label, const ServerFigures &f, Series *series) {
            if (!latencies.isEmpty()) {
                QFile csv(QStringLiteral("%1-%2-round%3.csv")
                              .arg(latencies, series == &local ? QStringLiteral("local")
                                                               : QStringLiteral("redis"))
                              .arg(round));
                if (csv.open(QIODevice::WriteOnly)) {
                    csv.write("sent_ms,latency_ms\n");
                    for (qsizetype i = 0; i < f.postMs.size(); ++i)
                        csv.write(QByteArray::number(f.postSentAtMs.value(i), 'f', 3) + ',' +
                                  QByteArray::number(f.postMs[i], 'f', 3) + '\n');
                }
            }
            const double rate = w.runs / f.seconds;
            series->ratios.append(rate / baseRate);
            series->sandboxRatios.append(rate / sandboxRate);
            series->postMs.append(f.postMs);
            series->judge0Ms.append(f.judge0Ms);
            out << QStringLiteral("round %1 %2: %3 s, %4 runs/s = %5x (a), %6x (a0); POST "
                                  "/api/v1 p50 %7 ms, p99 %8 ms; POST /submissions p50 %9 ms, "
                                  "p99 %10 ms; %11/%12 accepted, %13 refused; the server's own "
                                  "CPU %14 s\n")
                       .arg(round)
                       .arg(QLatin1String(label))
                       .arg(f.seconds, 0, 'f', 2)
                       .arg(rate, 0, 'f', 0)
                       .arg(rate / baseRate, 0, 'f', 3)
                       .arg(rate / sandboxRate, 0, 'f', 3)
                       .arg(percentile(f.postMs, 0.5), 0, 'f', 2)
                       .arg(percentile(f.postMs, 0.99), 0, 'f', 2)
                       .arg(percentile(f.judge0Ms, 0.5), 0, 'f', 2)
                       .arg(percentile(f.judge0Ms, 0.99), 0, 'f', 2)
                       .arg(f.accepted)
                       .arg(jobs)
                       .arg(f.refused)
                       .arg(f.serverCpu, 0, 'f', 2);
            out.flush();
        };
        {
            test::HeadlessServer server;
            if (!server.start({QStringLiteral("--workers"), QString::number(workers),
                               QStringLiteral("--queue-capacity"), capacity})) {
                out << "the server did not start\n";
                return 1;
            }
            report("(b) evalx --headless, in-process queue", overHttp(server, w, inFlight, qnam),
                   &local);
        }
        if (withRedis) {
            // One process that serves the API and judges, as (b), with the jobs,
            // results and completions going through Redis.
            redis.cli({QStringLiteral("FLUSHALL")});
            test::HeadlessServer server;
            if (!server.start({QStringLiteral("--workers"), QString::number(workers),
                               QStringLiteral("--queue-capacity"), capacity,
                               QStringLiteral("--redis"), redis.url()})) {
                out << "the server did not start\n";
                return 1;
            }
            report(fsync == QLatin1String("always")
                       ? "(c) evalx --headless --redis, appendfsync always"
                       : "(c) evalx --headless --redis, appendfsync everysec",
                   overHttp(server, w, inFlight, qnam), &viaRedis);
        }
    }
    auto summary = [&](const char *label, const Series &series) {
        if (series.ratios.isEmpty())
            return;
        out << QStringLiteral("%1: throughput %2x (a0), %3x (a) (median of %4 rounds, %5-%6); over "
                              "all rounds POST /api/v1 p50 %7 ms, p99 %8 ms; POST /submissions "
                              "p50 %9 ms, p99 %10 ms\n")
                   .arg(QLatin1String(label))
                   .arg(percentile(series.sandboxRatios, 0.5), 0, 'f', 3)
                   .arg(percentile(series.ratios, 0.5), 0, 'f', 3)
                   .arg(series.ratios.size())
                   .arg(*std::min_element(series.ratios.begin(), series.ratios.end()), 0, 'f', 3)
                   .arg(*std::max_element(series.ratios.begin(), series.ratios.end()), 0, 'f', 3)
                   .arg(percentile(series.postMs, 0.5), 0, 'f', 2)
                   .arg(percentile(series.postMs, 0.99), 0, 'f', 2)
                   .arg(percentile(series.judge0Ms, 0.5), 0, 'f', 2)
                   .arg(percentile(series.judge0Ms, 0.99), 0, 'f', 2);
    };
    out << QStringLiteral("(a) the judge alone: %1x (a0) (median)\n")
               .arg(percentile(judgeOverSandbox, 0.5), 0, 'f', 3);
    summary("(b) in-process queue", local);
    summary("(c) Redis", viaRedis);
    return 0;
}
