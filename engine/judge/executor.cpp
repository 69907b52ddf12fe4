#include "executor.h"
#include "boxpool.h"
#include "judgelog.h"

#include <QCryptographicHash>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSysInfo>

#include <atomic>
#include <optional>
#include <thread>

#include <fcntl.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>

Q_LOGGING_CATEGORY(lcJudge, "evalx.judge")

namespace evalx {

namespace {

constexpr int kAcquireTimeoutMs = 10 * 60 * 1000;

struct Placeholders
{
    QString prog;
    QString main;
    QStringList sources;
    quint64 memoryKib = 0;
    QStringList options;
};

QStringList expand(const QStringList &command, const Placeholders &p)
{
    QStringList out;
    for (const QString &part : command) {
        if (part == QLatin1String("{sources}")) {
            out << p.sources;
            continue;
        }
        if (part == QLatin1String("{options}")) {
            out << p.options;
            continue;
        }
        QString s = part;
        s.replace(QLatin1String("{prog}"), p.prog);
        s.replace(QLatin1String("{main_stem}"), QFileInfo(p.main).completeBaseName());
        s.replace(QLatin1String("{main}"), p.main);
        // Without a memory limit, a runtime's heap is bounded by the box alone.
        s.replace(QLatin1String("{memory_mib}"),
                  QString::number(p.memoryKib ? std::max<quint64>(p.memoryKib / 1024, 16) : 4096));
        out << s;
    }
    return out;
}

RunLimits atLeast(RunLimits limits, const RunLimits &minimum)
{
    if (minimum.processes && limits.processes && limits.processes < minimum.processes)
        limits.processes = minimum.processes;
    if (minimum.memoryKib && limits.memoryKib && limits.memoryKib < minimum.memoryKib)
        limits.memoryKib = minimum.memoryKib;
    return limits;
}

// Which side of an interactive run let go of its output first: the interactor, whose output
// is the solution's stdin, or the solution. A pipe's read end hangs up when its last writer
// closes, which a program does when it ends; one epoll instance watching copies of both read
// ends reports the two hang-ups in the order they happened (its ready list is first in, first
// out), whatever the scheduling of the boxes' helpers. A solution that fails on the end of
// input its interactor's exit caused closes its output after the interactor did, however fast
// it fails; the boxes' clocks, which say when each helper noticed its program's end, cannot
// tell those two apart.
//
// The copies keep the read ends open too, so a program writing to a side that has ended is
// not told so (EPIPE) until the watch lets go of them, at the first hang-up.
class OutputEndOrder final
{
public:
    OutputEndOrder(int solutionStdin, int interactorStdin)
    {
        m_epoll = ::epoll_create1(EPOLL_CLOEXEC);
        m_stop = ::eventfd(0, EFD_CLOEXEC);
        m_fromInteractor = ::fcntl(solutionStdin, F_DUPFD_CLOEXEC, 0);
        m_fromSolution = ::fcntl(interactorStdin, F_DUPFD_CLOEXEC, 0);
        if (m_epoll < 0 || m_stop < 0 || m_fromInteractor < 0 || m_fromSolution < 0 ||
            !watch(m_fromInteractor, kInteractor) || !watch(m_fromSolution, kSolution) ||
            !watch(m_stop, kStop)) {
            closeAll();
            return;
        }
        m_thread = std::thread([this] { run(); });
    }
    ~OutputEndOrder()
    {
        stop();
        closeAll();
    }
    Q_DISABLE_COPY_MOVE(OutputEndOrder)

    // After both runs: true when the interactor's output ended first, false when the
    // solution's did, nullopt when the watch saw neither.
    std::optional<bool> interactorFirst()
    {
        stop();
        const int first = m_first.load();
        if (first == kInteractor)
            return true;
        if (first == kSolution)
            return false;
        return std::nullopt;
    }

private:
    static constexpr int kInteractor = 1;
    static constexpr int kSolution = 2;
    static constexpr int kStop = 3;

    // Hang-ups are reported whatever the events asked for; asking for none keeps the data
    // that flows through the pipes from waking the watch.
    bool watch(int fd, int id)
    {
        epoll_event ev{};
        ev.events = id == kStop ? std::uint32_t(EPOLLIN) : 0u;
        ev.data.u32 = std::uint32_t(id);
        return ::epoll_ctl(m_epoll, EPOLL_CTL_ADD, fd, &ev) == 0;
    }

    void run()
    {
        epoll_event ev{};
        int n;
        do {
            n = ::epoll_wait(m_epoll, &ev, 1, -1);
        } while (n < 0 && errno == EINTR);
        if (n == 1 && ev.data.u32 != std::uint32_t(kStop))
            m_first.store(int(ev.data.u32));
        for (int *fd : {&m_fromInteractor, &m_fromSolution}) {
            ::close(*fd);
            *fd = -1;
        }
    }

    void stop()
    {
        if (!m_thread.joinable())
            return;
        const std::uint64_t one = 1;
        [[maybe_unused]] const ssize_t w = ::write(m_stop, &one, sizeof one);
        m_thread.join();
    }

    void closeAll()
    {
        for (int *fd : {&m_epoll, &m_stop, &m_fromInteractor, &m_fromSolution}) {
            if (*fd >= 0)
                ::close(*fd);
            *fd = -1;
        }
    }

    int m_epoll = -1;
    int m_stop = -1;
    int m_fromInteractor = -1; // a copy of the solution's stdin: hangs up with the interactor
    int m_fromSolution = -1;   // a copy of the interactor's stdin: hangs up with the solution
    std::atomic_int m_first{0};
    std::thread m_thread;
};

QStringList environmentFor(const Language &language)
{
    return language.environment.isEmpty() ? QStringList()
                                          : Box::defaultEnvironment() + language.environment;
}

QString noToolMessage(const Language &language, const QString &tool)
{
    return QStringLiteral("%1 is not available here: '%2' is not installed (Debian package %3)")
        .arg(language.name, tool,
             language.package.isEmpty() ? QStringLiteral("unknown") : language.package);
}

bool keptByArtifact(const Language &language, const QString &path)
{
    for (const QString &glob : language.artifact) {
        if (glob == QLatin1String("**"))
            return true; // everything, subdirectories too
        const QRegularExpression re(QRegularExpression::wildcardToRegularExpression(
            glob, QRegularExpression::UnanchoredWildcardConversion));
        if (re.match(path).hasMatch() && !path.contains(QLatin1Char('/')))
            return true;
    }
    return false;
}

QList<BoxFile> sourceFiles(const Submission &submission)
{
    QList<BoxFile> files;
    for (const SourceFile &f : submission.files)
        files << BoxFile{f.name, 0644, f.data};
    return files;
}

} // namespace

Executor::Executor(BoxPool &pool)
    : m_pool(pool)
{}

int Executor::poolSize() const
{
    return m_pool.size();
}

RunLimits Executor::compileLimits()
{
    RunLimits l;
    l.cpuMs = 15000;
    l.wallMs = 20000;
    l.memoryKib = 512000;
    l.processes = 64;
    l.fileSizeKib = 256 * 1024;
    l.outputKib = 1024;
    l.openFiles = 512;
    return l;
}

QByteArray Executor::artifactKey(const Language &language, const Submission &submission)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    auto field = [&hash](const QByteArray &bytes) {
        const quint64 size = quint64(bytes.size());
        hash.addData(QByteArrayView(reinterpret_cast<const char *>(&size), sizeof size));
        hash.addData(bytes);
    };
    // Artifacts travel between hosts through a shared store: a binary built
    // for one processor, or by another version of a compiler (another runtime
    // library), is of no use on another host.
    static const QByteArray architecture = QSysInfo::currentCpuArchitecture().toUtf8();
    field(architecture);
    field(language.id.toUtf8());
    field(language.toolchain.toUtf8());
    field(language.compile.join(QLatin1Char('\x1f')).toUtf8());
    field(language.artifact.join(QLatin1Char('\x1f')).toUtf8());
    field(submission.mainFile.toUtf8());
    field(submission.compilerOptions.join(QLatin1Char('\x1f')).toUtf8());
    for (const SourceFile &f : submission.files) {
        field(f.name.toUtf8());
        field(f.data);
    }
    return hash.result().toHex();
}

ArtifactCache::Outcome Executor::compile(const Language &language, const Submission &submission,
                                         bool *cacheHit)
{
    return m_cache.obtain(
        artifactKey(language, submission), [&] { return compileUncached(language, submission); },
        cacheHit);
}

CompileOutcome Executor::compileUncached(const Language &language, const Submission &submission)
{
    CompileOutcome outcome;
    outcome.artifact.key = artifactKey(language, submission);
    outcome.artifact.mainFile = submission.mainFile;
    if (const QString tool = LanguageCatalogue::missingTool(language); !tool.isEmpty()) {
        outcome.message = noToolMessage(language, tool);
        return outcome;
    }
    if (!language.needsCompile()) {
        outcome.status = RunStatus::OK;
        outcome.artifact.files = sourceFiles(submission);
        return outcome;
    }

    BoxLease lease = m_pool.acquire(kAcquireTimeoutMs);
    if (!lease) {
        outcome.message = QStringLiteral("no box became free for the compile");
        return outcome;
    }
    QString error;
    if (!lease->putFiles(wire::Area::Work, sourceFiles(submission), &error)) {
        outcome.message = QStringLiteral("cannot place the source in the box: %1").arg(error);
        return outcome;
    }
    RunRequest request;
    request.argv = expand(language.compile,
                          {lease->programDir(), submission.mainFile,
                           sourceNames(language, submission.files), 0, submission.compilerOptions});
    request.env = environmentFor(language);
    request.mergeStderr = true;
    request.limits = compileLimits();
    outcome.compileRun = lease.run(request, BoxState::Compiling, language.name);
    outcome.output = QString::fromUtf8(outcome.compileRun.stdoutData);
    qCDebug(lcJudge, "compiled %s (%s) in box %d: %s in %.3f s",
            qUtf8Printable(submission.mainFile), qUtf8Printable(language.id), lease->config().index,
            qUtf8Printable(runStatusName(outcome.compileRun.status)),
            outcome.compileRun.wallSeconds);

    switch (outcome.compileRun.status) {
    case RunStatus::OK:
        break;
    case RunStatus::IE:
        outcome.message = outcome.compileRun.message;
        return outcome;
    case RunStatus::TLE:
        outcome.status = RunStatus::CE;
        outcome.message = QStringLiteral("Compilation time limit exceeded.");
        return outcome;
    default:
        outcome.status = RunStatus::CE;
        outcome.message =
            QStringLiteral("Compilation failed: %1")
                .arg(outcome.compileRun.message.isEmpty() ? runStatusName(outcome.compileRun.status)
                                                          : outcome.compileRun.message);
        return outcome;
    }

    if (language.artifact.isEmpty()) {
        outcome.artifact.files = sourceFiles(submission);
    } else {
        QList<BoxFile> produced;
        if (!lease->getFiles(wire::Area::Work, &produced, &error)) {
            outcome.message = QStringLiteral("cannot collect the compiled program: %1").arg(error);
            return outcome;
        }
        for (const BoxFile &f : std::as_const(produced)) {
            if (keptByArtifact(language, f.path))
                outcome.artifact.files << f;
        }
    }
    if (outcome.artifact.files.isEmpty()) {
        outcome.status = RunStatus::CE;
        outcome.message = QStringLiteral("The compiler produced none of %1.")
                              .arg(language.artifact.join(QStringLiteral(", ")));
        return outcome;
    }
    outcome.status = RunStatus::OK;
    return outcome;
}

JobResult Executor::run(const Language &language, const Artifact &artifact, const RunJob &job)
{
    BoxLease lease = m_pool.acquire(kAcquireTimeoutMs);
    if (!lease) {
        JobResult result;
        result.run = RunResult::internalError(QStringLiteral("no box became free for the run"));
        return result;
    }
    return runOnLease(lease, language, artifact, job);
}

InteractiveResult Executor::runInteractive(const Language &solutionLanguage,
                                           const Artifact &solution, const RunJob &solutionJob,
                                           const Language &interactorLanguage,
                                           const Artifact &interactor, const RunJob &interactorJob)
{
    InteractiveResult result;
    BoxLease solutionBox, interactorBox;
    {
        QMutexLocker lock(&m_pairMutex);
        solutionBox = m_pool.acquire(kAcquireTimeoutMs);
        if (solutionBox)
            interactorBox = m_pool.acquire(kAcquireTimeoutMs);
    }
    int toInteractor[2] = {-1, -1}, toSolution[2] = {-1, -1};
    if (!solutionBox || !interactorBox || ::pipe2(toInteractor, O_CLOEXEC) != 0 ||
        ::pipe2(toSolution, O_CLOEXEC) != 0) {
        for (int fd : {toInteractor[0], toInteractor[1], toSolution[0], toSolution[1]}) {
            if (fd >= 0)
                ::close(fd);
        }
        const RunResult ie = RunResult::internalError(
            solutionBox && interactorBox ? QStringLiteral("cannot create the pipes")
                                         : QStringLiteral("no two boxes became free"));
        result.solution.run = ie;
        result.interactor.run = ie;
        return result;
    }
    OutputEndOrder order(toSolution[0], toInteractor[0]);
    RunJob sj = solutionJob;
    sj.stdinFd = toSolution[0];
    sj.stdoutFd = toInteractor[1];
    RunJob ij = interactorJob;
    ij.stdinFd = toInteractor[0];
    ij.stdoutFd = toSolution[1];

    // A thread of its own: a busy shared pool must not keep the interactor
    // from starting while the solution waits for it.
    std::thread other(
        [&] { result.interactor = runOnLease(interactorBox, interactorLanguage, interactor, ij); });
    result.solution = runOnLease(solutionBox, solutionLanguage, solution, sj);
    other.join();
    // Which side ended first decides the verdict: the side whose output ended first. Where
    // the watch could not tell, each box noted when it reaped its program on the one
    // monotonic clock; when the answers came back says nothing, as the two boxes answer at
    // their own pace.
    result.interactorEndedFirst = order.interactorFirst().value_or(result.interactor.run.endedAtUs <
                                                                   result.solution.run.endedAtUs);
    return result;
}

JobResult Executor::runOnLease(BoxLease &lease, const Language &language, const Artifact &artifact,
                               const RunJob &job)
{
    // The toolchain was checked when the artifact was compiled; a run is the
    // hot path of a batch and does not look again.
    JobResult result;
    auto dropFds = [&job] { closePassedDescriptors(job.stdinFd, job.stdoutFd); };
    QString error;
    if (lease->programKey() != artifact.key) {
        if (!lease->reset(true, &error) ||
            !lease->putFiles(wire::Area::Program, artifact.files, &error)) {
            dropFds();
            result.run = RunResult::internalError(
                QStringLiteral("cannot place the program in the box: %1").arg(error));
            return result;
        }
        lease->setProgramKey(artifact.key);
    }
    if (!job.workFiles.isEmpty() && !lease->putFiles(wire::Area::Work, job.workFiles, &error)) {
        dropFds();
        result.run =
            RunResult::internalError(QStringLiteral("cannot place the files: %1").arg(error));
        return result;
    }
    const RunLimits limits = atLeast(job.limits, language.minimumLimits);
    RunRequest request;
    request.argv =
        expand(language.run, {lease->programDir(), artifact.mainFile, {}, limits.memoryKib, {}}) +
        job.arguments;
    request.env = environmentFor(language);
    request.stdinData = job.stdinData;
    request.stdinFd = job.stdinFd;
    request.stdoutFd = job.stdoutFd;
    request.mergeStderr = job.mergeStderr;
    request.limits = limits;
    if (limits.memoryKib && language.overheadKib)
        request.limits.memoryKib += language.overheadKib;
    result.run = lease.run(request, BoxState::Running, language.name);
    qCDebug(lcJudge, "ran %s (%s) in box %d: %s in %.3f s", qUtf8Printable(artifact.mainFile),
            qUtf8Printable(language.id), lease->config().index,
            qUtf8Printable(runStatusName(result.run.status)), result.run.wallSeconds);
    if (result.run.status == RunStatus::RE && !language.memoryError.isEmpty() &&
        QRegularExpression(language.memoryError, QRegularExpression::MultilineOption)
            .match(QString::fromUtf8(result.run.stderrData))
            .hasMatch()) {
        result.run.status = RunStatus::MLE;
        result.run.message = QStringLiteral("Memory limit exceeded (the runtime ran out of heap)");
    }
    if (job.collectWorkFiles && result.run.status != RunStatus::IE &&
        !lease->getFiles(wire::Area::Work, &result.workFiles, &error))
        result.run = RunResult::internalError(
            QStringLiteral("cannot collect the files the program wrote: %1").arg(error));
    return result;
}

Execution Executor::execute(const Language &language, const Submission &submission,
                            const QByteArray &stdinData, const RunLimits &limits)
{
    Execution e;
    bool hit = false;
    const ArtifactCache::Outcome c = compile(language, submission, &hit);
    e.compiled = !hit && language.needsCompile() && c->compileRun.status != RunStatus::IE;
    e.compileOutput = c->output;
    if (c->status != RunStatus::OK) {
        e.run = c->compileRun;
        e.run.status = c->status;
        e.run.message = c->message;
        e.run.stdoutData.clear();
        e.run.stderrData.clear();
        return e;
    }
    RunJob job;
    job.stdinData = stdinData;
    job.limits = limits;
    e.run = run(language, c->artifact, job).run;
    return e;
}

} // namespace evalx
