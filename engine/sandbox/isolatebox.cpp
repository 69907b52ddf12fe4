#include "isolatebox.h"
#include "isolatemeta.h"
#include "sandboxlog.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>

#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

namespace evalx {

namespace {

// Our own files in the box directory, hidden from getFiles.
const QString kStdin = QStringLiteral(".evalx-stdin");
const QString kStdout = QStringLiteral(".evalx-stdout");
const QString kStderr = QStringLiteral(".evalx-stderr");

constexpr qint64 kMaxCollectBytes = 512LL * 1024 * 1024;

struct Outcome
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Outcome runTool(const QString &binary, const QStringList &arguments, int timeoutMs = 60000)
{
    QProcess p;
    p.start(binary, arguments);
    Outcome o;
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        o.err = "did not finish: " + p.errorString().toUtf8();
        return o;
    }
    o.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    o.out = p.readAllStandardOutput();
    o.err = p.readAllStandardError();
    return o;
}

bool isSafe(const QString &path)
{
    if (path.isEmpty() || path.startsWith(QLatin1Char('/')))
        return false;
    for (const QString &part : path.split(QLatin1Char('/'))) {
        if (part.isEmpty() || part == QLatin1String(".") || part == QLatin1String(".."))
            return false;
    }
    return true;
}

bool wipe(const QString &dir, QString *error)
{
    QDir d(dir);
    bool ok = true;
    const auto entries =
        d.entryInfoList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot);
    for (const QFileInfo &e : entries) {
        const bool removed = e.isDir() && !e.isSymLink() ? QDir(e.filePath()).removeRecursively()
                                                         : QFile::remove(e.filePath());
        if (!removed) {
            ok = false;
            if (error)
                *error = QStringLiteral("cannot remove %1").arg(e.filePath());
        }
    }
    return ok;
}

QByteArray readCapped(const QString &path, qint64 cap, bool *exceeded)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    if (cap >= 0 && f.size() > cap) {
        *exceeded = true;
        return f.read(cap);
    }
    return f.readAll();
}

QString seconds(quint64 ms)
{
    return QString::number(double(ms) / 1000.0, 'f', 3);
}

} // namespace

bool IsolateSetup::probe(const QString &configured, IsolateSetup *setup, QString *error)
{
    QString binary = configured;
    if (binary.isEmpty())
        binary = qEnvironmentVariable("EVALX_ISOLATE");
    if (binary.isEmpty())
        binary = QStandardPaths::findExecutable(QStringLiteral("isolate"));
    if (binary.isEmpty() || !QFileInfo(binary).isExecutable()) {
        *error = QStringLiteral("isolate is not installed (no 'isolate' on PATH; set "
                                "EVALX_ISOLATE to its path)");
        return false;
    }
    setup->binary = binary;
    const Outcome version = runTool(binary, {QStringLiteral("--version")});
    setup->version = QString::fromUtf8(QByteArray(version.out + version.err))
                         .split(QLatin1Char('\n'))
                         .value(0)
                         .trimmed();
    // Older isolates have no --help and print their usage for an unknown option.
    const Outcome usage = runTool(binary, {QStringLiteral("--help")});
    setup->stderrToStdout = QByteArray(usage.out + usage.err).contains("--stderr-to-stdout");
    if (!setup->version.contains(QLatin1String("isolat"), Qt::CaseInsensitive)) {
        *error = QStringLiteral("%1 does not look like isolate: '%2'").arg(binary, setup->version);
        return false;
    }
    return true;
}

IsolateBox::IsolateBox(BoxConfig config, IsolateSetup setup)
    : Box(std::move(config))
    , m_setup(std::move(setup))
{
    m_caps.namespaces = true;
    m_caps.separateUser = true;
    m_caps.cgroup = m_setup.cgroups;
    m_caps.seccomp = false;
    m_caps.workDir = "/box";
    m_caps.programDir = "/prog";
    m_progDir = m_config.stagingDir + QStringLiteral("/prog");
    m_tmpDir = m_config.stagingDir + QStringLiteral("/tmp");
    m_metaFile = m_config.stagingDir + QStringLiteral("/meta");
}

IsolateBox::~IsolateBox()
{
    stop();
}

QStringList IsolateBox::baseArguments() const
{
    QStringList args{QStringLiteral("--box-id=%1").arg(boxId())};
    if (m_setup.cgroups)
        args << QStringLiteral("--cg");
    return args;
}

bool IsolateBox::start(QString *error)
{
    // A box left over by an earlier run of ours (or anyone's) is cleaned first.
    runTool(m_setup.binary, baseArguments() << QStringLiteral("--cleanup"));
    const Outcome init = runTool(m_setup.binary, baseArguments() << QStringLiteral("--init"));
    if (init.exitCode != 0) {
        if (error)
            *error = QStringLiteral("isolate --init of box %1 failed: %2")
                         .arg(boxId())
                         .arg(QString::fromUtf8(init.err).trimmed());
        return false;
    }
    m_boxDir = QString::fromUtf8(init.out).trimmed() + QStringLiteral("/box");
    // A /tmp of the box's own (isolate before 2.0 shows none): wiped with the box.
    if (!QDir().mkpath(m_tmpDir) || ::chmod(QFile::encodeName(m_tmpDir).constData(), 01777) != 0) {
        if (error)
            *error = QStringLiteral("cannot create %1").arg(m_tmpDir);
        return false;
    }
    if (!QDir().mkpath(m_progDir) ||
        !QFile::setPermissions(m_progDir, QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                              QFileDevice::ExeOwner | QFileDevice::ReadGroup |
                                              QFileDevice::ExeGroup | QFileDevice::ReadOther |
                                              QFileDevice::ExeOther)) {
        if (error)
            *error = QStringLiteral("cannot create %1").arg(m_progDir);
        return false;
    }
    m_broken = false;
    return true;
}

void IsolateBox::stop()
{
    if (m_boxDir.isEmpty())
        return;
    runTool(m_setup.binary, baseArguments() << QStringLiteral("--cleanup"));
    m_boxDir.clear();
    m_broken = true;
}

QString IsolateBox::hostDir(wire::Area area) const
{
    return area == wire::Area::Program ? m_progDir : m_boxDir;
}

bool IsolateBox::putFile(wire::Area area, const QString &path, const QByteArray &data, int mode,
                         QString *error)
{
    if (!isSafe(path)) {
        if (error)
            *error = QStringLiteral("unsafe file name '%1'").arg(path);
        return false;
    }
    const QString target = hostDir(area) + QLatin1Char('/') + path;
    QDir().mkpath(QFileInfo(target).path());
    QFile::remove(target);
    QFile f(target);
    if (!f.open(QIODevice::WriteOnly) || f.write(data) != data.size()) {
        if (error)
            *error = QStringLiteral("%1: %2").arg(path, f.errorString());
        return false;
    }
    f.close();
    ::chmod(QFile::encodeName(target).constData(), mode_t(mode & 0777));
    return true;
}

bool IsolateBox::getFiles(wire::Area area, QList<BoxFile> *files, QString *error)
{
    const QDir root(hostDir(area));
    qint64 total = 0;
    QDirIterator it(root.path(), QDir::Files | QDir::Hidden | QDir::NoSymLinks,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const QString rel = root.relativeFilePath(path);
        if (rel == kStdin || rel == kStdout || rel == kStderr)
            continue;
        QFile f(path);
        total += f.size();
        if (total > kMaxCollectBytes || !f.open(QIODevice::ReadOnly)) {
            if (error)
                *error = total > kMaxCollectBytes
                             ? QStringLiteral("the files are larger than 512 MiB")
                             : QStringLiteral("%1: %2").arg(rel, f.errorString());
            return false;
        }
        files->append(
            BoxFile{rel, int(f.permissions() & QFileDevice::ExeOwner ? 0755 : 0644), f.readAll()});
    }
    return true;
}

bool IsolateBox::reset(bool clearProgram, QString *error)
{
    // isolate ends every process of a run itself (its PID namespace, its cgroup).
    bool ok = wipe(m_boxDir, error);
    ok = wipe(m_tmpDir, error) && ok;
    if (clearProgram) {
        ok = wipe(m_progDir, error) && ok;
        m_programKey.clear();
    }
    return ok;
}

RunResult IsolateBox::run(const RunRequest &request)
{
    auto dropFds = [&request] { closePassedDescriptors(request.stdinFd, request.stdoutFd); };
    if (m_broken || request.argv.isEmpty()) {
        dropFds();
        return RunResult::internalError(
            m_broken ? QStringLiteral("isolate box %1 is not initialised").arg(boxId())
                     : QStringLiteral("nothing to run"));
    }
    const RunLimits &l = request.limits;
    QStringList args = baseArguments();
    args << QStringLiteral("--silent") << QStringLiteral("--meta=%1").arg(m_metaFile);
    if (l.cpuMs)
        args << QStringLiteral("--time=%1").arg(seconds(l.cpuMs));
    if (l.cpuMs && l.cpuExtraMs)
        args << QStringLiteral("--extra-time=%1").arg(seconds(l.cpuExtraMs));
    if (l.wallMs)
        args << QStringLiteral("--wall-time=%1").arg(seconds(l.wallMs));
    if (l.memoryKib)
        args << (m_setup.cgroups ? QStringLiteral("--cg-mem=%1") : QStringLiteral("--mem=%1"))
                    .arg(l.memoryKib);
    if (l.stackKib)
        args << QStringLiteral("--stack=%1").arg(l.stackKib);
    // The captured streams are files here: one KiB over the output limit
    // tells a full stream from one that hit the limit.
    const quint64 fsize = std::max(l.fileSizeKib, l.outputKib ? l.outputKib + 1 : 0);
    if (fsize)
        args << QStringLiteral("--fsize=%1").arg(fsize);
    args << (l.processes ? QStringLiteral("--processes=%1").arg(l.processes)
                         : QStringLiteral("--processes"));
    args << QStringLiteral("--dir=/prog=%1").arg(m_progDir);
    args << QStringLiteral("--dir=/tmp=%1:rw").arg(m_tmpDir);
    if (!m_setup.etcDir.isEmpty())
        args << QStringLiteral("--dir=/etc=%1").arg(m_setup.etcDir);
    for (const QString &e : request.env.isEmpty() ? defaultEnvironment() : request.env)
        args << QStringLiteral("--env=%1").arg(e);
    if (!request.cwd.isEmpty())
        args << QStringLiteral("--chdir=%1").arg(request.cwd);

    QString error;
    if (request.stdinFd < 0) {
        if (!putFile(wire::Area::Work, kStdin, request.stdinData, 0644, &error)) {
            dropFds();
            return RunResult::internalError(QStringLiteral("cannot write stdin: %1").arg(error));
        }
        args << QStringLiteral("--stdin=%1").arg(kStdin);
    }
    if (request.stdoutFd < 0)
        args << QStringLiteral("--stdout=%1").arg(kStdout);
    if (!request.mergeStderr)
        args << QStringLiteral("--stderr=%1").arg(kStderr);
    else if (m_setup.stderrToStdout)
        args << QStringLiteral("--stderr-to-stdout");
    // (isolate before 1.4 sends stderr to stdout's file when --stderr is not given.)
    args << QStringLiteral("--run") << QStringLiteral("--");
    // isolate does not search PATH; the directories it shows are the host's.
    QStringList command = request.argv;
    if (!command.first().contains(QLatin1Char('/'))) {
        const QString found = QStandardPaths::findExecutable(
            command.first(),
            {QStringLiteral("/usr/local/bin"), QStringLiteral("/usr/bin"), QStringLiteral("/bin")});
        if (!found.isEmpty())
            command.first() = found;
    }
    args << command;

    // isolate's own complaints come on its stderr; the program's streams are
    // files in the box, or the caller's descriptors.
    int errPipe[2];
    if (::pipe2(errPipe, O_CLOEXEC) != 0) {
        dropFds();
        return RunResult::internalError(QStringLiteral("cannot create a pipe"));
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    if (request.stdinFd >= 0)
        posix_spawn_file_actions_adddup2(&actions, request.stdinFd, 0);
    else
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    if (request.stdoutFd >= 0)
        posix_spawn_file_actions_adddup2(&actions, request.stdoutFd, 1);
    else
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_adddup2(&actions, errPipe[1], 2);
    std::vector<QByteArray> store;
    store.push_back(QFile::encodeName(m_setup.binary));
    for (const QString &a : std::as_const(args))
        store.push_back(a.toLocal8Bit());
    std::vector<char *> argv;
    for (QByteArray &a : store)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    QFile::remove(m_metaFile);
    // isolate 1.x keeps the box's memory group from --init on and sets
    // limit_in_bytes before memsw.limit_in_bytes: raising the limit above the
    // previous run's memsw limit fails. Lifting memsw first lets it through.
    if (m_setup.cgroups) {
        QFile memsw(QStringLiteral("/sys/fs/cgroup/memory/box-%1/memory.memsw.limit_in_bytes")
                        .arg(boxId()));
        if (memsw.open(QIODevice::WriteOnly))
            memsw.write("-1");
    }
    pid_t pid = -1;
    const int spawned = ::posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    ::close(errPipe[1]);
    dropFds();
    if (spawned != 0) {
        ::close(errPipe[0]);
        return RunResult::internalError(
            QStringLiteral("cannot start %1: %2")
                .arg(m_setup.binary, QString::fromLocal8Bit(::strerror(spawned))));
    }
    QByteArray isolateErr;
    char buf[4096];
    for (;;) {
        const ssize_t n = ::read(errPipe[0], buf, sizeof buf);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        if (isolateErr.size() < 65536)
            isolateErr.append(buf, n);
    }
    ::close(errPipe[0]);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    timespec now{};
    ::clock_gettime(CLOCK_MONOTONIC, &now);

    QFile metaFile(m_metaFile);
    const QByteArray meta = metaFile.open(QIODevice::ReadOnly) ? metaFile.readAll() : QByteArray();
    std::optional<wire::RunReply> reply =
        parseIsolateMeta(meta, &error, m_setup.cgroups ? l.memoryKib : 0);
    // Exit status 2 (or none at all) is isolate's own failure.
    const int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    if (code > 1 || code < 0 || !reply || meta.isEmpty()) {
        m_broken = code > 1 && isolateErr.contains("not initialized");
        return RunResult::internalError(
            QStringLiteral("isolate failed (exit %1): %2")
                .arg(code)
                .arg(QString::fromUtf8(isolateErr).trimmed().left(2000) +
                     (reply ? QString() : QStringLiteral(" ") + error)));
    }

    bool exceeded = false;
    const qint64 cap = l.outputKib ? qint64(l.outputKib * 1024) : -1;
    QByteArray out, err;
    if (request.stdoutFd < 0)
        out = readCapped(m_boxDir + QLatin1Char('/') + kStdout, cap, &exceeded);
    if (!request.mergeStderr)
        err = readCapped(m_boxDir + QLatin1Char('/') + kStderr, cap, &exceeded);
    for (const QString &own : {kStdin, kStdout, kStderr})
        QFile::remove(m_boxDir + QLatin1Char('/') + own);
    reply->endedAtUs = std::uint64_t(now.tv_sec) * 1000000u + std::uint64_t(now.tv_nsec) / 1000u;
    RunResult result = mapRunReply(*reply, l, exceeded);
    // isolate before 2.0 cannot stop a program at the file size limit (it is
    // PID 1 and ignores SIGXFSZ): its writes fail until the clock runs out.
    if (exceeded && result.status == RunStatus::TLE) {
        result.status = RunStatus::OLE;
        result.message = QStringLiteral("Output limit exceeded");
    }
    result.stdoutData = std::move(out);
    result.stderrData = std::move(err);
    result.outputTruncated = exceeded;
    return result;
}

} // namespace evalx
