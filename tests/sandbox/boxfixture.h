#pragma once

// Shared by the sandbox tests: a real pool of real boxes, and C programs
// compiled on the host to run in them.

#include "boxpool.h"

#include <QDir>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QtConcurrent/QtConcurrentRun>

#include <fcntl.h>
#include <unistd.h>

namespace evalx::test {

inline RunLimits defaultLimits()
{
    RunLimits l;
    l.cpuMs = 2000;
    l.wallMs = 5000;
    l.memoryKib = 128 * 1024;
    l.processes = 32;
    l.outputKib = 4096;
    l.fileSizeKib = 4096;
    return l;
}

// Compiles a C program statically on the host (gcc is a build dependency).
inline QByteArray compileC(const QByteArray &source, const QStringList &extra = {})
{
    QTemporaryDir dir;
    const QString src = dir.filePath(QStringLiteral("p.c"));
    const QString bin = dir.filePath(QStringLiteral("p"));
    QFile f(src);
    if (!f.open(QIODevice::WriteOnly) || f.write(source) != source.size())
        return {};
    f.close();
    QProcess gcc;
    gcc.setProcessChannelMode(QProcess::MergedChannels);
    gcc.start(QStringLiteral("gcc"),
              QStringList{QStringLiteral("-O1"), QStringLiteral("-static"), QStringLiteral("-o"),
                          bin, src, QStringLiteral("-lpthread")} +
                  extra);
    if (!gcc.waitForFinished(60000) || gcc.exitCode() != 0) {
        qWarning("gcc failed: %s", gcc.readAll().constData());
        return {};
    }
    QFile out(bin);
    return out.open(QIODevice::ReadOnly) ? out.readAll() : QByteArray();
}

// Places a binary in the box's program directory and runs it.
inline RunResult runProgram(BoxLease &lease, const QByteArray &binary, const RunLimits &limits,
                            const QStringList &args = {}, const QByteArray &input = {})
{
    QString error;
    if (!lease->reset(true, &error) ||
        !lease->putFile(wire::Area::Program, QStringLiteral("p"), binary, 0755, &error))
        return RunResult::internalError(error);
    RunRequest r;
    r.argv = QStringList{lease->programDir() + QStringLiteral("/p")} + args;
    r.stdinData = input;
    r.limits = limits;
    return lease.run(r);
}

// Two boxes whose stdin and stdout are each other's pipes (the interactive
// set-up): the first asks 20, reads the answer back and prints it on stderr;
// the second doubles what it reads. The four pipe ends are left in *ends.
struct PipedPair
{
    RunResult asker;
    RunResult doubler;
    int ends[4] = {-1, -1, -1, -1};
};

inline PipedPair runPipedPair(BoxPool &pool)
{
    PipedPair p;
    int toB[2], toA[2];
    if (::pipe2(toB, O_CLOEXEC) != 0 || ::pipe2(toA, O_CLOEXEC) != 0)
        return p;
    p.ends[0] = toA[0];
    p.ends[1] = toA[1];
    p.ends[2] = toB[0];
    p.ends[3] = toB[1];
    BoxLease a = pool.acquire(5000);
    BoxLease b = pool.acquire(5000);
    RunRequest ra;
    ra.argv = QStringList{QStringLiteral("/bin/sh"), QStringLiteral("-c"),
                          QStringLiteral("echo 20; read x; echo \"got $x\" >&2")};
    ra.limits = defaultLimits();
    ra.stdinFd = toA[0];
    ra.stdoutFd = toB[1];
    RunRequest rb = ra;
    rb.argv = QStringList{QStringLiteral("/bin/sh"), QStringLiteral("-c"),
                          QStringLiteral("read n; echo $((n * 2))")};
    rb.stdinFd = toB[0];
    rb.stdoutFd = toA[1];
    auto second = QtConcurrent::run([&b, rb] { return b.run(rb); });
    p.asker = a.run(ra);
    p.doubler = second.result();
    return p;
}

// firstUid keeps suites that check for stray processes apart from the rest.
inline std::unique_ptr<BoxPool> startPool(int size, QString *error, uid_t firstUid = 60000)
{
    SandboxOptions options;
    options.poolSize = size;
    options.firstUid = firstUid;
    options.isolation = SandboxOptions::Isolation::Full;
    auto pool = std::make_unique<BoxPool>(options);
    if (!pool->start(error))
        return nullptr;
    return pool;
}

} // namespace evalx::test
