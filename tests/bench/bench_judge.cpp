// Compile once against compile per test, measured in one run.
//
//   build/bin/bench_judge [--tests N] [--rounds R]
//
// One C++ submission with N tests (default 20) on a warm pool:
// (a) the batch judge: one compile (the artifact cache is cleared first), the
//     N runs fanned out over the pool, each output checked;
// (b) Judge0's way: the same N tests as N independent submissions, each
//     compiled and then run, one after another as a client would send them;
// (c) one compile alone, the reference the goal is stated against.
// Prints wall times, the number of compiles, and (a) against (b) and (c).

#include "batchjudge.h"
#include "boxfixture.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QTemporaryDir>
#include <QTextStream>
#include <atomic>
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <thread>
#include <vector>

using namespace evalx;

namespace {

const QByteArray kSource = R"(#include <iostream>
#include <vector>
int main() {
    long long n; std::cin >> n;
    std::vector<long long> v(n);
    long long s = 0;
    for (long long i = 0; i < n; ++i) { v[i] = i * i % 7; s += v[i]; }
    std::cout << s << "\n";
}
)";

long long expected(long long n)
{
    long long s = 0;
    for (long long i = 0; i < n; ++i)
        s += i * i % 7;
    return s;
}

// The same runs with no sandbox at all: posix_spawn with the input file as
// stdin and the output thrown away, one loop per box.
double unsandboxed(const QByteArray &binary, const QList<TestData> &tests, int threads)
{
    QTemporaryDir dir;
    const QByteArray program = dir.filePath(QStringLiteral("main")).toLocal8Bit();
    QFile f(QString::fromLocal8Bit(program));
    if (!f.open(QIODevice::WriteOnly) || f.write(binary) != binary.size())
        return -1;
    f.setPermissions(QFileDevice::ReadOwner | QFileDevice::ExeOwner);
    f.close();
    QList<QByteArray> inputs;
    for (int i = 0; i < tests.size(); ++i) {
        const QByteArray path = dir.filePath(QString::number(i)).toLocal8Bit();
        QFile in(QString::fromLocal8Bit(path));
        if (!in.open(QIODevice::WriteOnly))
            return -1;
        in.write(tests[i].input);
        inputs << path;
    }
    std::atomic<int> next{0};
    QElapsedTimer t;
    t.start();
    std::vector<std::thread> workers;
    for (int w = 0; w < threads; ++w) {
        workers.emplace_back([&] {
            for (int i; (i = next.fetch_add(1)) < inputs.size();) {
                posix_spawn_file_actions_t actions;
                posix_spawn_file_actions_init(&actions);
                posix_spawn_file_actions_addopen(&actions, 0, inputs[i].constData(), O_RDONLY, 0);
                posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
                char *argv[] = {const_cast<char *>(program.constData()), nullptr};
                pid_t pid = -1;
                if (posix_spawn(&pid, argv[0], &actions, nullptr, argv, environ) == 0)
                    waitpid(pid, nullptr, 0);
                posix_spawn_file_actions_destroy(&actions);
            }
        });
    }
    for (auto &w : workers)
        w.join();
    return double(t.nsecsElapsed()) / 1e9;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QLoggingCategory::setFilterRules(QStringLiteral("evalx.*.debug=false"));
    const QStringList args = app.arguments();
    const int tests = args.contains(QLatin1String("--tests"))
                          ? args.value(args.indexOf(QLatin1String("--tests")) + 1).toInt()
                          : 20;
    const int rounds = args.contains(QLatin1String("--rounds"))
                           ? args.value(args.indexOf(QLatin1String("--rounds")) + 1).toInt()
                           : 3;
    QTextStream out(stdout);
    QString error;
    auto pool = test::startPool(0, &error);
    if (!pool) {
        out << "the pool did not start: " << error << "\n";
        return 1;
    }
    const LanguageCatalogue languages = LanguageCatalogue::builtIn();
    const Language &cpp = *languages.find(QStringLiteral("cpp"));
    Executor executor(*pool);
    BatchJudge judge(executor, languages);

    BatchRequest batch;
    batch.submission = Submission::fromSource(cpp, kSource);
    for (int i = 0; i < tests; ++i) {
        const long long n = 1000 + i * 1000;
        TestData t;
        t.name = QString::number(i + 1);
        t.input = QByteArray::number(n) + '\n';
        t.answer = QByteArray::number(expected(n)) + '\n';
        batch.tests << t;
    }
    batch.limits = test::defaultLimits();

    out << "bench_judge: " << tests << " tests, " << pool->size() << " boxes, " << rounds
        << " rounds (" << pool->summary().mode << ", cgroup " << pool->summary().cgroup << ")\n";
    // Warm the toolchain's files into the page cache, as a running server has them.
    executor.compileUncached(cpp, batch.submission);

    struct Best
    {
        double runs = 1e9, cachedRuns = 1e9, judge0 = 1e9, compile = 1e9, programs = 1e9,
               plain = 1e9;
    } best;
    for (int round = 0; round < rounds; ++round) {
        QElapsedTimer t;

        executor.cache().clear();
        const auto misses = executor.cache().stats().misses;
        t.start();
        const BatchResult r = judge.judge(batch);
        const double batchSeconds = double(t.nsecsElapsed()) / 1e9;
        const auto compiles = executor.cache().stats().misses - misses;
        if (r.verdict != Verdict::AC) {
            out << "the batch was judged " << verdictName(r.verdict) << ": " << r.message << "\n";
            return 1;
        }
        double programSeconds = 0; // the programs' own wall time, all tests
        for (const TestOutcome &to : r.tests)
            programSeconds += to.run.wallSeconds;

        t.restart();
        const BatchResult cached = judge.judge(batch);
        const double cachedSeconds = double(t.nsecsElapsed()) / 1e9;

        t.restart();
        int judge0Compiles = 0;
        for (const TestData &td : std::as_const(batch.tests)) {
            const CompileOutcome c = executor.compileUncached(cpp, batch.submission);
            ++judge0Compiles;
            RunJob job;
            job.stdinData = td.input;
            job.limits = batch.limits;
            const JobResult run = executor.run(cpp, c.artifact, job);
            if (compareOutputs(run.run.stdoutData, td.answer, {}).verdict != Verdict::AC) {
                out << "a Judge0-style run failed\n";
                return 1;
            }
        }
        const double judge0Seconds = double(t.nsecsElapsed()) / 1e9;
        const double runsSeconds = batchSeconds - r.compileSeconds;
        const auto artifact = executor.cache().find(Executor::artifactKey(cpp, batch.submission));
        const double plainSeconds = artifact ? unsandboxed(artifact->artifact.files.value(0).data,
                                                           batch.tests, pool->size())
                                             : -1;

        out << QStringLiteral("round %1: batch %2 ms = compile %3 ms (%4 compile) + %5 ms for the "
                              "tests (programs' own wall time %6 ms over %7 boxes); "
                              "again from the cache %8 ms (%9 compiles); "
                              "Judge0-style %10 ms (%11 compiles), %12x the batch; "
                              "the tests with no sandbox %13 ms\n")
                   .arg(round + 1)
                   .arg(batchSeconds * 1e3, 0, 'f', 1)
                   .arg(r.compileSeconds * 1e3, 0, 'f', 1)
                   .arg(compiles)
                   .arg(runsSeconds * 1e3, 0, 'f', 1)
                   .arg(programSeconds * 1e3, 0, 'f', 1)
                   .arg(pool->size())
                   .arg(cachedSeconds * 1e3, 0, 'f', 1)
                   .arg(cached.compileCached ? 0 : 1)
                   .arg(judge0Seconds * 1e3, 0, 'f', 1)
                   .arg(judge0Compiles)
                   .arg(judge0Seconds / batchSeconds, 0, 'f', 1)
                   .arg(plainSeconds * 1e3, 0, 'f', 1);
        out.flush();
        best.plain = std::min(best.plain, plainSeconds);
        best.runs = std::min(best.runs, runsSeconds);
        best.cachedRuns = std::min(best.cachedRuns, cachedSeconds);
        best.judge0 = std::min(best.judge0, judge0Seconds / batchSeconds);
        best.compile = std::min(best.compile, r.compileSeconds);
        best.programs = std::min(best.programs, programSeconds);
    }
    out << QStringLiteral("best: compile %1 ms; the %2 tests after it %3 ms (from the cache: "
                          "%4 ms), of which the programs themselves %5 ms per box; "
                          "Judge0-style %6x the batch's time; the same tests with no sandbox "
                          "%7 ms: the batch's tests take %8x that\n")
               .arg(best.compile * 1e3, 0, 'f', 1)
               .arg(tests)
               .arg(best.runs * 1e3, 0, 'f', 1)
               .arg(best.cachedRuns * 1e3, 0, 'f', 1)
               .arg(best.programs * 1e3 / pool->size(), 0, 'f', 1)
               .arg(best.judge0, 0, 'f', 1)
               .arg(best.plain * 1e3, 0, 'f', 1)
               .arg(best.cachedRuns / best.plain, 0, 'f', 2);
    return 0;
}
