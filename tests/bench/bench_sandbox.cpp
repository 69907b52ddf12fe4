// Per-run cost of the sandbox against plain fork/exec/wait, measured in one run.
//
//   build/bin/bench_sandbox [--runs N]
//
// (a) a trivial static C program started with posix_spawn + waitpid, no sandbox:
//     one at a time, and one loop per core at once (and with fork + execv, for scale);
// (b) the same program in boxes from the pool: one at a time through one lease
//     (the run alone), one at a time with a lease per run (run + wipe), and with
//     every box busy (one thread per box).

#include "boxfixture.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QTemporaryDir>
#include <QTextStream>
#include <QThread>
#include <atomic>
#include <spawn.h>
#include <sys/wait.h>
#include <thread>
#include <vector>

using namespace evalx;

namespace {

struct Figure
{
    QString name;
    int runs = 0;
    double seconds = 0;
    double usPerRun() const { return seconds * 1e6 / runs; }
    double perSecond() const { return runs / seconds; }
};

enum class Launch { Fork, Spawn };

Figure plainLoop(const QByteArray &path, int runs, int threads, Launch launch = Launch::Fork)
{
    std::atomic<int> left{runs};
    QElapsedTimer t;
    t.start();
    std::vector<std::thread> pool;
    for (int i = 0; i < threads; ++i) {
        pool.emplace_back([&] {
            char *argv[] = {const_cast<char *>(path.constData()), nullptr};
            while (left.fetch_sub(1) > 0) {
                pid_t pid = -1;
                if (launch == Launch::Spawn) {
                    if (posix_spawn(&pid, argv[0], nullptr, nullptr, argv, nullptr) != 0)
                        continue;
                } else if ((pid = fork()) == 0) {
                    execv(argv[0], argv);
                    _exit(127);
                }
                if (pid > 0)
                    waitpid(pid, nullptr, 0);
            }
        });
    }
    for (auto &th : pool)
        th.join();
    const QString how = launch == Launch::Fork ? QStringLiteral("fork/exec/wait")
                                               : QStringLiteral("posix_spawn/wait");
    return {threads == 1 ? QStringLiteral("(a) %1, sequential").arg(how)
                         : QStringLiteral("(a) %1, %2 at once").arg(how).arg(threads),
            runs, double(t.nsecsElapsed()) / 1e9};
}

RunRequest trivialRun(const Box &box)
{
    RunRequest r;
    r.argv = QStringList{box.programDir() + QStringLiteral("/p")};
    r.limits = test::defaultLimits();
    return r;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QLoggingCategory::setFilterRules(QStringLiteral("evalx.*.debug=false"));
    int runs = 2000;
    const QStringList args = QCoreApplication::arguments();
    if (const qsizetype i = args.indexOf(QStringLiteral("--runs")); i > 0 && i + 1 < args.size())
        runs = qMax(10, args.at(i + 1).toInt());
    QTextStream out(stdout);

    const QByteArray binary = test::compileC("int main(void){return 0;}\n");
    if (binary.isEmpty()) {
        out << "cannot compile the trivial program (is gcc installed?)\n";
        return 1;
    }
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("trivial"));
    {
        QFile f(path);
        f.open(QIODevice::WriteOnly);
        f.write(binary);
        f.setPermissions(QFileDevice::ReadOwner | QFileDevice::ExeOwner | QFileDevice::ExeOther |
                         QFileDevice::ReadOther);
    }
    const int cores = qMax(1, QThread::idealThreadCount());

    QString error;
    QElapsedTimer startTimer;
    startTimer.start();
    auto pool = test::startPool(cores, &error);
    if (!pool) {
        out << "the pool did not start: " << error << "\n";
        return 1;
    }
    const double startMs = double(startTimer.nsecsElapsed()) / 1e6;
    for (int i = 0; i < cores; ++i) {
        BoxLease lease = pool->acquire();
        lease->putFile(wire::Area::Program, QStringLiteral("p"), binary, 0755, &error);
        lease->setProgramKey("trivial");
    }

    // Warm up both paths.
    plainLoop(path.toLocal8Bit(), 50, 1);
    QList<Figure> figures;
    // The baseline is the fastest unsandboxed launch: posix_spawn (vfork + exec).
    // fork() from this (Qt, multi-threaded) process copies page tables and is
    // slower, which would flatter the boxes; it is shown for scale only.
    figures << plainLoop(path.toLocal8Bit(), runs, 1, Launch::Spawn);
    figures << plainLoop(path.toLocal8Bit(), runs, cores, Launch::Spawn);
    const Figure forkSeq = plainLoop(path.toLocal8Bit(), runs, 1, Launch::Fork);

    {
        BoxLease lease = pool->acquire();
        const RunRequest r = trivialRun(*lease.box());
        for (int i = 0; i < 50; ++i)
            lease->run(r);
        QElapsedTimer t;
        t.start();
        int ok = 0;
        for (int i = 0; i < runs; ++i)
            ok += lease->run(r).status == RunStatus::OK;
        figures << Figure{QStringLiteral("(b) box, run only, sequential"), runs,
                          double(t.nsecsElapsed()) / 1e9};
        if (ok != runs)
            out << "warning: " << runs - ok << " runs were not OK\n";
    }
    {
        QElapsedTimer t;
        t.start();
        for (int i = 0; i < runs; ++i) {
            BoxLease lease = pool->acquire();
            lease->run(trivialRun(*lease.box()));
        }
        figures << Figure{QStringLiteral("(b) box, lease + run + wipe, sequential"), runs,
                          double(t.nsecsElapsed()) / 1e9};
    }
    {
        std::atomic<int> left{runs};
        QElapsedTimer t;
        t.start();
        std::vector<std::thread> threads;
        for (int i = 0; i < cores; ++i) {
            threads.emplace_back([&] {
                while (left.fetch_sub(1) > 0) {
                    BoxLease lease = pool->acquire();
                    lease->run(trivialRun(*lease.box()));
                }
            });
        }
        for (auto &th : threads)
            th.join();
        figures << Figure{
            QStringLiteral("(b) box, lease + run + wipe, all %1 boxes busy").arg(cores), runs,
            double(t.nsecsElapsed()) / 1e9};
    }

    const SandboxSummary s = pool->summary();
    out << "sandbox: " << s.mode << ", cgroup " << s.cgroup << ", seccomp "
        << (s.seccomp ? "on" : "off") << "; " << cores << " cores; pool of " << cores
        << " started in " << QString::number(startMs, 'f', 1) << " ms\n\n";
    out << QStringLiteral("%1 %2 %3\n")
               .arg(QStringLiteral("what"), -48)
               .arg(QStringLiteral("us/run"), 10)
               .arg(QStringLiteral("runs/s"), 10);
    figures.insert(2, forkSeq);
    for (const Figure &f : figures)
        out << QStringLiteral("%1 %2 %3\n")
                   .arg(f.name, -48)
                   .arg(f.usPerRun(), 10, 'f', 1)
                   .arg(f.perSecond(), 10, 'f', 0);
    const Figure &plainSeq = figures[0], &plainPar = figures[1], &boxRun = figures[3],
                 &boxSeq = figures[4], &boxPar = figures[5];
    out << "\nbaseline: posix_spawn/wait (the fastest unsandboxed launch)\n"
        << "overhead per run over the baseline (run only):        "
        << QString::number(boxRun.usPerRun() - plainSeq.usPerRun(), 'f', 1) << " us (goal < 1000)\n"
        << "overhead per run over the baseline (lease+run+wipe):  "
        << QString::number(boxSeq.usPerRun() - plainSeq.usPerRun(), 'f', 1) << " us\n"
        << "ratio (b)/(a) time per run, sequential:               "
        << QString::number(boxSeq.usPerRun() / plainSeq.usPerRun(), 'f', 2) << "\n"
        << "pool throughput / baseline throughput, all busy:      "
        << QString::number(boxPar.perSecond() / plainPar.perSecond(), 'f', 2) << " (goal >= 0.5)\n";
    return 0;
}
