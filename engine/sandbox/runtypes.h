#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace evalx {

// The outcome of one run, as every interface reports it.
enum class RunStatus {
    OK,  // exited with code 0
    RE,  // non-zero exit or killed by a signal
    TLE, // CPU or wall time limit
    MLE, // memory limit
    OLE, // output or file size limit
    CE,  // compilation failed (judge level)
    IE,  // the judge itself failed: box set-up, missing toolchain
};

QString runStatusName(RunStatus status); // "OK", "RE", ...
bool runStatusFromName(const QString &name, RunStatus *status);

// Limits of one run. Zero means "no limit" (or the sandbox's default where noted).
struct RunLimits
{
    quint64 cpuMs = 0;
    // Grace past cpuMs: the program is killed at cpuMs + cpuExtraMs, and a run
    // that used more than cpuMs is a time limit all the same (Judge0's
    // cpu_extra_time, isolate's --extra-time). A program that is close to the
    // limit gets its real time measured instead of the limit's.
    quint64 cpuExtraMs = 0;
    quint64 wallMs = 0;
    quint64 memoryKib = 0;
    quint64 stackKib = 0; // 0: the helper's own stack limit
    quint32 processes = 0;
    quint64 fileSizeKib = 0;
    quint32 openFiles = 0; // 0: 256
    quint64 outputKib = 0; // per stream (stdout, stderr)

    friend bool operator==(const RunLimits &, const RunLimits &) = default;
};

struct RunRequest
{
    QStringList argv;
    QStringList env; // empty: the sandbox's default environment
    QString cwd;     // empty: the box's work directory
    QByteArray stdinData;
    bool mergeStderr = false; // stderr goes to stdout, as 2>&1
    RunLimits limits;
    // Descriptors the program gets as stdin and stdout instead of stdinData and
    // a captured stdout (pipes to another box, for interactive problems). The
    // run takes them over and closes them once the box has its copies, so that
    // the other end sees EOF when the program ends. The output limit then
    // covers stderr only.
    int stdinFd = -1;
    int stdoutFd = -1;
};

struct RunResult
{
    RunStatus status = RunStatus::IE;
    int exitCode = 0;
    int signal = 0;
    double cpuSeconds = 0;
    double wallSeconds = 0;
    quint64 memoryKib = 0;
    qint64 endedAtUs = 0; // CLOCK_MONOTONIC when the box saw the program end (0: unknown)
    QByteArray stdoutData;
    QByteArray stderrData;
    bool outputTruncated = false;
    QString message; // human readable, e.g. "Killed by signal 11 (SIGSEGV)"

    static RunResult internalError(const QString &message);
};

// Closes the descriptors a run was handed (RunRequest::stdinFd, stdoutFd) when
// it ends before a box took them over; -1 is skipped.
void closePassedDescriptors(int stdinFd, int stdoutFd);

// "SIGSEGV" for 11, "signal 77" for anything unnamed.
QString signalName(int signal);

} // namespace evalx
