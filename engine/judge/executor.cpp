#include "executor.h"
#include "boxpool.h"

#include <QCryptographicHash>

namespace evalx {

namespace {

constexpr int kAcquireTimeoutMs = 10 * 60 * 1000;

QStringList expand(const QStringList &command, const QString &programDir)
{
    QStringList out;
    for (const QString &part : command)
        out << QString(part).replace(QLatin1String("{prog}"), programDir);
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

QString noToolMessage(const Language &language, const QString &tool)
{
    return QStringLiteral("%1 is not available here: '%2' is not installed (Debian package %3)")
        .arg(language.name, tool,
             language.package.isEmpty() ? QStringLiteral("unknown") : language.package);
}

} // namespace

Executor::Executor(BoxPool &pool)
    : m_pool(pool)
{}

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

QByteArray Executor::artifactKey(const Language &language, const QByteArray &source)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(language.id.toUtf8());
    hash.addData(QByteArrayView("\0", 1));
    hash.addData(language.compile.join(QLatin1Char('\x1f')).toUtf8());
    hash.addData(QByteArrayView("\0", 1));
    hash.addData(source);
    return hash.result().toHex();
}

CompileOutcome Executor::compile(const Language &language, const QByteArray &source)
{
    CompileOutcome outcome;
    outcome.artifact.key = artifactKey(language, source);
    if (const QString tool = LanguageCatalogue::missingTool(language); !tool.isEmpty()) {
        outcome.message = noToolMessage(language, tool);
        return outcome;
    }
    if (!language.needsCompile()) {
        outcome.status = RunStatus::OK;
        outcome.artifact.files = {{language.sourceName, 0644, source}};
        return outcome;
    }

    BoxLease lease = m_pool.acquire(kAcquireTimeoutMs);
    if (!lease) {
        outcome.message = QStringLiteral("no box became free for the compile");
        return outcome;
    }
    QString error;
    if (!lease->putFile(wire::Area::Work, language.sourceName, source, 0644, &error)) {
        outcome.message = QStringLiteral("cannot place the source in the box: %1").arg(error);
        return outcome;
    }
    RunRequest request;
    request.argv = expand(language.compile, lease->programDir());
    request.mergeStderr = true;
    request.limits = compileLimits();
    outcome.compileRun = lease.run(request, BoxState::Compiling, language.name);
    outcome.output = QString::fromUtf8(outcome.compileRun.stdoutData);

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

    QList<BoxFile> produced;
    if (!lease->getFiles(wire::Area::Work, &produced, &error)) {
        outcome.message = QStringLiteral("cannot collect the compiled program: %1").arg(error);
        return outcome;
    }
    for (const BoxFile &f : std::as_const(produced)) {
        if (language.artifact.isEmpty() || language.artifact.contains(f.path))
            outcome.artifact.files << f;
    }
    if (outcome.artifact.files.isEmpty()) {
        outcome.message = QStringLiteral("the compiler produced none of %1")
                              .arg(language.artifact.join(QStringLiteral(", ")));
        return outcome;
    }
    outcome.status = RunStatus::OK;
    return outcome;
}

RunResult Executor::run(const Language &language, const Artifact &artifact,
                        const QByteArray &stdinData, const RunLimits &limits,
                        const QStringList &arguments)
{
    // The toolchain was checked when the artifact was compiled; a run is the
    // hot path of a batch and does not look again.
    BoxLease lease = m_pool.acquire(kAcquireTimeoutMs);
    if (!lease)
        return RunResult::internalError(QStringLiteral("no box became free for the run"));
    QString error;
    if (lease->programKey() != artifact.key) {
        if (!lease->reset(true, &error) ||
            !lease->putFiles(wire::Area::Program, artifact.files, &error))
            return RunResult::internalError(
                QStringLiteral("cannot place the program in the box: %1").arg(error));
        lease->setProgramKey(artifact.key);
    }
    RunRequest request;
    request.argv = expand(language.run, lease->programDir()) + arguments;
    request.stdinData = stdinData;
    request.limits = atLeast(limits, language.minimumLimits);
    return lease.run(request, BoxState::Running, language.name);
}

Execution Executor::execute(const Language &language, const QByteArray &source,
                            const QByteArray &stdinData, const RunLimits &limits)
{
    Execution e;
    CompileOutcome c = compile(language, source);
    e.compiled = language.needsCompile() && c.compileRun.status != RunStatus::IE;
    e.compileOutput = c.output;
    if (c.status != RunStatus::OK) {
        e.run = c.compileRun;
        e.run.status = c.status;
        e.run.message = c.message;
        e.run.stdoutData.clear();
        e.run.stderrData.clear();
        return e;
    }
    e.run = run(language, c.artifact, stdinData, limits);
    return e;
}

} // namespace evalx
