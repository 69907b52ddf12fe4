// What the API and the queue cost, end to end over HTTP, measured in one run.
//
//   build/bin/bench_api [--submissions N] [--tests T] [--in-flight K] [--rounds R] [--redis]
//
// N submissions (default 1000) of T tests each (default 20), alternately a
// small C program and a Python one, all accepted:
// (a) the baseline: the same batches judged in this process by BatchJudge on
//     a pool as large as the server's, one batch per worker at a time, as the
//     server's workers do: the sandbox and the judge, no API and no queue;
// (b) a real `evalx --headless` on a free loopback port, the submissions POSTed
//     to /api/v1/submissions as fast as it takes them (K in flight, default 6),
//     waiting until /metrics counts them all finished;
// (c) with --redis, the same through a redis-server started on a free port.
// Prints the POST latency (p50/p99), the total time, runs per second, and
// each server's runs per second as a ratio to (a).

#include "batchjudge.h"
#include "boxfixture.h"
#include "headlessserver.h"
#include "redisserver.h"

#include <QCoreApplication>
#include <QElapsedTimer>
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
    QList<QByteArray> bodies;    // the API requests
    QList<BatchRequest> batches; // the same, for the baseline
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
    }
    return w;
}

// (a): workers threads, each judging one batch at a time.
double baseline(const Workload &w, int workers, int *accepted)
{
    QString error;
    auto pool = test::startPool(workers, &error);
    if (!pool) {
        QTextStream(stderr) << "the pool did not start: " << error << "\n";
        return -1;
    }
    const LanguageCatalogue languages = LanguageCatalogue::builtIn();
    Executor executor(*pool);
    BatchJudge judge(executor, languages);
    // Compiled once before the clock starts, as the server's cache will have them.
    judge.judge(w.batches.value(0));
    judge.judge(w.batches.value(1));
    std::atomic<int> next{0}, ok{0};
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
    return double(t.nsecsElapsed()) / 1e9;
}

struct ServerFigures
{
    double seconds = -1;
    QList<double> postMs;
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

// (b) and (c).
ServerFigures overHttp(test::HeadlessServer &server, const Workload &w, int inFlight)
{
    ServerFigures f;
    QNetworkAccessManager net;
    const QUrl url(QStringLiteral("http://127.0.0.1:%1/api/v1/submissions").arg(server.port()));
    int next = 0, pending = 0;
    QElapsedTimer clock;
    clock.start();
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
    // Every job finished: /metrics counts them.
    int status = 0;
    for (;;) {
        const QByteArray text = server.request("GET", QStringLiteral("/metrics"), {}, &status);
        if (metric(text, "evalx_jobs_total{") >= w.bodies.size() - f.refused) {
            f.seconds = double(clock.nsecsElapsed()) / 1e9;
            f.accepted = int(metric(text, "evalx_jobs_total{verdict=\"AC\"}"));
            break;
        }
        QTest::qWait(20);
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
    const int workers = 2;
    QTextStream out(stdout);

    const LanguageCatalogue languages = LanguageCatalogue::builtIn();
    const Workload w = makeWorkload(languages, submissions, tests);
    out << "bench_api: " << submissions << " submissions x " << tests << " tests (C and Python), "
        << workers << " workers, " << inFlight << " requests in flight, " << rounds
        << " round(s)\n";
    out.flush();

    test::RedisServer redis;
    if (withRedis && !redis.start()) {
        out << "redis-server did not start\n";
        return 1;
    }
    // Each round measures (a), (b) and (c) one after the other, so that the
    // machine's drift touches all three alike.
    QList<double> ratioLocal, ratioRedis;
    QList<double> postLocal, postRedis;
    for (int round = 1; round <= rounds; ++round) {
        int baseAccepted = 0;
        const double baseSeconds = baseline(w, workers, &baseAccepted);
        const double baseRate = w.runs / baseSeconds;
        out << QStringLiteral("round %1 (a) in-process BatchJudge: %2 s, %3 runs/s, %4/%5 "
                              "accepted\n")
                   .arg(round)
                   .arg(baseSeconds, 0, 'f', 2)
                   .arg(baseRate, 0, 'f', 0)
                   .arg(baseAccepted)
                   .arg(submissions);
        out.flush();
        auto report = [&](const char *label, const ServerFigures &f, QList<double> *ratios,
                          QList<double> *posts) {
            const double rate = w.runs / f.seconds;
            ratios->append(rate / baseRate);
            posts->append(f.postMs);
            out << QStringLiteral("round %1 %2: %3 s, %4 runs/s = %5x (a); POST p50 %6 ms, p99 "
                                  "%7 ms; %8/%9 accepted, %10 refused\n")
                       .arg(round)
                       .arg(QLatin1String(label))
                       .arg(f.seconds, 0, 'f', 2)
                       .arg(rate, 0, 'f', 0)
                       .arg(rate / baseRate, 0, 'f', 3)
                       .arg(percentile(f.postMs, 0.5), 0, 'f', 2)
                       .arg(percentile(f.postMs, 0.99), 0, 'f', 2)
                       .arg(f.accepted)
                       .arg(submissions)
                       .arg(f.refused);
            out.flush();
        };
        {
            test::HeadlessServer server;
            if (!server.start({QStringLiteral("--workers"), QString::number(workers),
                               QStringLiteral("--queue-capacity"), QString::number(submissions)})) {
                out << "the server did not start\n";
                return 1;
            }
            report("(b) evalx --headless, in-process queue", overHttp(server, w, inFlight),
                   &ratioLocal, &postLocal);
        }
        if (withRedis) {
            // One process that serves the API and judges, as (b), with the jobs,
            // results and completions going through Redis.
            redis.cli({QStringLiteral("FLUSHALL")});
            test::HeadlessServer server;
            if (!server.start({QStringLiteral("--workers"), QString::number(workers),
                               QStringLiteral("--queue-capacity"), QString::number(submissions),
                               QStringLiteral("--redis"), redis.url()})) {
                out << "the server did not start\n";
                return 1;
            }
            report("(c) evalx --headless --redis", overHttp(server, w, inFlight), &ratioRedis,
                   &postRedis);
        }
    }
    auto summary = [&](const char *label, const QList<double> &ratios, const QList<double> &posts) {
        if (ratios.isEmpty())
            return;
        out << QStringLiteral("%1: throughput %2x (a) (median of %3; range %4-%5); POST over "
                              "all rounds p50 %6 ms, p99 %7 ms\n")
                   .arg(QLatin1String(label))
                   .arg(percentile(ratios, 0.5), 0, 'f', 3)
                   .arg(ratios.size())
                   .arg(*std::min_element(ratios.begin(), ratios.end()), 0, 'f', 3)
                   .arg(*std::max_element(ratios.begin(), ratios.end()), 0, 'f', 3)
                   .arg(percentile(posts, 0.5), 0, 'f', 2)
                   .arg(percentile(posts, 0.99), 0, 'f', 2);
    };
    summary("(b) in-process queue", ratioLocal, postLocal);
    summary("(c) Redis", ratioRedis, postRedis);
    return 0;
}
