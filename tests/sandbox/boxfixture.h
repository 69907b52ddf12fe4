#pragma once

// Shared by the sandbox tests: a real pool of real boxes, and C programs
// compiled on the host to run in them.

#include "boxpool.h"

#include <QDir>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

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
