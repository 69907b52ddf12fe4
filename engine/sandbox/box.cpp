#include "box.h"
#include "sandboxlog.h"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

namespace evalx {

namespace {

constexpr int kHelloTimeoutSec = 20;

QString errnoText(int e)
{
    return QString::fromLocal8Bit(std::strerror(e));
}

void closeFd(int &fd)
{
    if (fd >= 0)
        ::close(fd);
    fd = -1;
}

} // namespace

HelperBox::HelperBox(BoxConfig config)
    : Box(std::move(config))
{}

HelperBox::~HelperBox()
{
    stop();
}

QStringList Box::defaultEnvironment()
{
    return {QStringLiteral("PATH=/usr/local/bin:/usr/bin:/bin"), QStringLiteral("HOME=/tmp"),
            QStringLiteral("LANG=C.UTF-8"), QStringLiteral("LC_ALL=C.UTF-8"),
            QStringLiteral("TMPDIR=/tmp")};
}

bool HelperBox::start(QString *error)
{
    stop();
    int sv[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0) {
        if (error)
            *error = QStringLiteral("socketpair: %1").arg(errnoText(errno));
        return false;
    }

    std::vector<std::string> args = {m_config.helperPath.toStdString(), "--socket-fd", "3"};
    auto add = [&args](const char *opt, const QString &value) {
        args.emplace_back(opt);
        args.push_back(value.toStdString());
    };
    add(m_config.isolate ? "--root" : "--plain", m_config.stagingDir);
    add("--uid", QString::number(m_config.uid));
    add("--gid", QString::number(m_config.gid));
    add("--work-size", QString::number(m_config.workSizeMib));
    add("--tmp-size", QString::number(m_config.tmpSizeMib));
    add("--program-size", QString::number(m_config.programSizeMib));
    for (const QString &e : m_config.etcEntries)
        add("--etc", e);
    for (const QString &b : m_config.binds)
        add("--bind", b);
    if (m_config.cgroup) {
        const auto &cg = *m_config.cgroup;
        if (cg.version == cgroup::Version::V2) {
            args.emplace_back("--cgroup-v2");
            args.push_back(cg.memory);
        } else if (cg.version == cgroup::Version::V1) {
            args.emplace_back("--cgroup-v1");
            args.push_back(cg.memory + ',' + cg.cpu + ',' + cg.pids);
        }
    }
    std::vector<char *> argv;
    for (auto &a : args)
        argv.push_back(a.data());
    argv.push_back(nullptr);

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&actions, sv[1], 3);
    posix_spawn_file_actions_addclosefrom_np(&actions, 4);
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    sigset_t none;
    sigemptyset(&none);
    posix_spawnattr_setsigmask(&attr, &none);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK);
    const int rc = ::posix_spawn(&m_pid, argv[0], &actions, &attr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attr);
    ::close(sv[1]);
    if (rc != 0) {
        ::close(sv[0]);
        m_pid = -1;
        if (error)
            *error = QStringLiteral("cannot start the box helper %1: %2")
                         .arg(m_config.helperPath, errnoText(rc));
        return false;
    }
    m_sock = sv[0];

    timeval tv{kHelloTimeoutSec, 0};
    ::setsockopt(m_sock, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    std::string frame;
    wire::Capabilities caps;
    bool ok = wire::recvFrame(m_sock, frame);
    if (ok) {
        wire::Reader r(frame);
        ok = static_cast<wire::Op>(r.u8()) == wire::Op::Hello && wire::decode(r, caps);
    }
    tv = {0, 0};
    ::setsockopt(m_sock, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    if (!ok || !caps.error.empty()) {
        const QString why = !ok ? QStringLiteral("the box helper did not answer")
                                : QString::fromStdString(caps.error);
        stop();
        if (error)
            *error = QStringLiteral("box %1: %2").arg(m_config.index).arg(why);
        return false;
    }
    m_caps = std::move(caps);
    m_broken = false;
    m_programKey.clear();
    return true;
}

void HelperBox::stop()
{
    closeFd(m_sock);
    if (m_pid > 0) {
        // Its PID 1 dies with it (PDEATHSIG), and with that the whole box.
        ::kill(m_pid, SIGKILL);
        while (::waitpid(m_pid, nullptr, 0) < 0 && errno == EINTR) {
        }
    }
    m_pid = -1;
    m_broken = true;
}

void HelperBox::markBroken(const QString &why)
{
    qCWarning(lcSandbox, "box %d broken: %s", m_config.index, qUtf8Printable(why));
    stop();
}

bool HelperBox::request(const std::string &frame, QList<BoxFile> *files, QString *error, int fd)
{
    if (m_broken) {
        if (error)
            *error = QStringLiteral("box %1 is not running").arg(m_config.index);
        return false;
    }
    std::string answer;
    const int fds[1] = {fd};
    if (!wire::sendFrame(m_sock, frame, fd >= 0 ? fds : nullptr, fd >= 0 ? 1 : 0) ||
        !wire::recvFrame(m_sock, answer)) {
        markBroken(QStringLiteral("the helper went away"));
        if (error)
            *error = QStringLiteral("box %1 stopped answering").arg(m_config.index);
        return false;
    }
    wire::Reader r(answer);
    if (static_cast<wire::Op>(r.u8()) != wire::Op::Reply) {
        markBroken(QStringLiteral("unexpected answer"));
        if (error)
            *error = QStringLiteral("box %1 answered out of turn").arg(m_config.index);
        return false;
    }
    const bool ok = r.boolean();
    const std::string message = r.str();
    std::vector<wire::FileEntry> entries;
    if (!wire::decode(r, entries)) {
        markBroken(QStringLiteral("malformed answer"));
        return false;
    }
    if (!ok) {
        if (error)
            *error = QString::fromStdString(message);
        return false;
    }
    if (files) {
        files->clear();
        for (auto &e : entries)
            files->append({QString::fromStdString(e.path), static_cast<int>(e.mode),
                           QByteArray(e.data.data(), qsizetype(e.data.size()))});
    }
    return true;
}

bool HelperBox::putFile(wire::Area area, const QString &path, const QByteArray &data, int mode,
                        QString *error)
{
    // A large file (a compiled program) travels in a memory file: the helper
    // copies it in the kernel instead of faulting a buffer in for it.
    constexpr qsizetype kViaFdBytes = 64 * 1024;
    if (data.size() >= kViaFdBytes) {
        const int fd = ::memfd_create("evalx-put", MFD_CLOEXEC);
        bool written = fd >= 0;
        for (qsizetype off = 0; written && off < data.size();) {
            const ssize_t n = ::write(fd, data.constData() + off, std::size_t(data.size() - off));
            if (n < 0 && errno == EINTR)
                continue;
            written = n > 0;
            off += n;
        }
        if (written) {
            wire::Writer w;
            w.u8(static_cast<std::uint8_t>(wire::Op::PutFileFd));
            w.u8(static_cast<std::uint8_t>(area));
            w.str(path.toStdString());
            w.u32(static_cast<std::uint32_t>(mode));
            w.u64(static_cast<std::uint64_t>(data.size()));
            const bool ok = request(w.data(), nullptr, error, fd);
            ::close(fd);
            return ok;
        }
        if (fd >= 0)
            ::close(fd);
    }
    wire::Writer w;
    w.u8(static_cast<std::uint8_t>(wire::Op::PutFile));
    w.u8(static_cast<std::uint8_t>(area));
    w.str(path.toStdString());
    w.u32(static_cast<std::uint32_t>(mode));
    w.str(std::string_view(data.constData(), std::size_t(data.size())));
    return request(w.data(), nullptr, error);
}

bool Box::putFiles(wire::Area area, const QList<BoxFile> &files, QString *error)
{
    for (const auto &f : files) {
        if (!putFile(area, f.path, f.data, f.mode, error))
            return false;
    }
    return true;
}

bool HelperBox::getFiles(wire::Area area, QList<BoxFile> *files, QString *error)
{
    wire::Writer w;
    w.u8(static_cast<std::uint8_t>(wire::Op::GetFiles));
    w.u8(static_cast<std::uint8_t>(area));
    return request(w.data(), files, error);
}

bool HelperBox::reset(bool clearProgram, QString *error)
{
    wire::Writer w;
    w.u8(static_cast<std::uint8_t>(wire::Op::Reset));
    w.boolean(clearProgram);
    if (clearProgram)
        m_programKey.clear();
    return request(w.data(), nullptr, error);
}

RunResult HelperBox::run(const RunRequest &request)
{
    if (m_broken || request.argv.isEmpty()) {
        closePassedDescriptors(request.stdinFd, request.stdoutFd);
        return RunResult::internalError(
            m_broken ? QStringLiteral("box %1 is not running").arg(m_config.index)
                     : QStringLiteral("nothing to run"));
    }

    wire::RunSpec spec;
    for (const QString &a : request.argv)
        spec.argv.push_back(a.toStdString());
    for (const QString &e : request.env.isEmpty() ? defaultEnvironment() : request.env)
        spec.env.push_back(e.toStdString());
    spec.cwd = request.cwd.toStdString();
    spec.stderrMode = request.mergeStderr ? wire::StreamMode::ToStdout : wire::StreamMode::Passed;
    const RunLimits &l = request.limits;
    // Killed at the limit plus its extra time; mapRunReply holds it to the limit.
    const quint64 cpuKillMs = l.cpuMs ? l.cpuMs + l.cpuExtraMs : 0;
    spec.limits = {cpuKillMs,   l.wallMs,      l.memoryKib, l.stackKib,
                   l.processes, l.fileSizeKib, l.openFiles, l.outputKib};

    // stdin is a memory file: seekable, and never a pipe the program can stall on.
    // A caller's descriptors are ours from here on (see RunRequest).
    const bool ownStdin = request.stdinFd < 0;
    int in = ownStdin ? ::memfd_create("evalx-stdin", MFD_CLOEXEC) : request.stdinFd;
    int outPipe[2] = {-1, -1}, errPipe[2] = {-1, -1};
    bool ok = in >= 0;
    if (request.stdoutFd >= 0)
        outPipe[1] = request.stdoutFd;
    else if (ok)
        ok = ::pipe2(outPipe, O_CLOEXEC) == 0;
    ok = ok && (request.mergeStderr || ::pipe2(errPipe, O_CLOEXEC) == 0);
    for (qsizetype off = 0; ok && ownStdin && off < request.stdinData.size();) {
        const ssize_t w = ::write(in, request.stdinData.constData() + off,
                                  std::size_t(request.stdinData.size() - off));
        if (w < 0 && errno == EINTR)
            continue;
        ok = w > 0;
        off += w;
    }
    if (!ok || (ownStdin && ::lseek(in, 0, SEEK_SET) != 0)) {
        const int e = errno;
        for (int *fd : {&in, &outPipe[0], &outPipe[1], &errPipe[0], &errPipe[1]})
            closeFd(*fd);
        return RunResult::internalError(
            QStringLiteral("cannot prepare the streams: %1").arg(errnoText(e)));
    }

    wire::Writer w;
    w.u8(static_cast<std::uint8_t>(wire::Op::Run));
    wire::encode(w, spec);
    const int fds[3] = {in, outPipe[1], errPipe[1]};
    const bool sent = wire::sendFrame(m_sock, w.data(), fds, request.mergeStderr ? 2 : 3);
    closeFd(in);
    closeFd(outPipe[1]);
    closeFd(errPipe[1]);
    if (!sent) {
        closeFd(outPipe[0]);
        closeFd(errPipe[0]);
        markBroken(QStringLiteral("cannot send a run"));
        return RunResult::internalError(
            QStringLiteral("box %1 stopped answering").arg(m_config.index));
    }
    if (outPipe[0] >= 0)
        ::fcntl(outPipe[0], F_SETFL, O_NONBLOCK);
    if (errPipe[0] >= 0)
        ::fcntl(errPipe[0], F_SETFL, O_NONBLOCK);

    const qsizetype cap = l.outputKib ? qsizetype(l.outputKib * 1024) : -1;
    QByteArray out, err;
    bool exceeded = false, killSent = false, gotReply = false;
    wire::RunReply reply;
    char buf[65536];
    while (outPipe[0] >= 0 || errPipe[0] >= 0 || !gotReply) {
        pollfd pfds[3] = {
            {outPipe[0], POLLIN, 0}, {errPipe[0], POLLIN, 0}, {gotReply ? -1 : m_sock, POLLIN, 0}};
        // After the reply every writer is dead; a pipe still open is held by
        // nothing we know, so do not wait on it for long.
        const int timeout = gotReply ? 1000 : -1;
        const int n = ::poll(pfds, 3, timeout);
        if (n < 0 && errno != EINTR)
            break;
        if (n == 0 && gotReply)
            break;
        for (int i = 0; i < 2; ++i) {
            int &fd = i == 0 ? outPipe[0] : errPipe[0];
            QByteArray &data = i == 0 ? out : err;
            if (fd < 0 || !(pfds[i].revents & (POLLIN | POLLHUP | POLLERR)))
                continue;
            const ssize_t r = ::read(fd, buf, sizeof buf);
            if (r == 0 || (r < 0 && errno != EAGAIN && errno != EINTR)) {
                closeFd(fd);
                continue;
            }
            if (r < 0)
                continue;
            qsizetype take = r;
            if (cap >= 0 && data.size() + r > cap) {
                take = cap - data.size();
                exceeded = true;
            }
            data.append(buf, take);
            if (exceeded && !killSent) {
                wire::Writer k;
                k.u8(static_cast<std::uint8_t>(wire::Op::Kill));
                k.u8(static_cast<std::uint8_t>(wire::Ending::OutputLimit));
                wire::sendFrame(m_sock, k.data());
                killSent = true;
            }
        }
        if (pfds[2].revents) {
            std::string frame;
            if (!wire::recvFrame(m_sock, frame)) {
                closeFd(outPipe[0]);
                closeFd(errPipe[0]);
                markBroken(QStringLiteral("the helper died during a run"));
                return RunResult::internalError(QStringLiteral("the box died during the run"));
            }
            wire::Reader r(frame);
            if (static_cast<wire::Op>(r.u8()) != wire::Op::RunReply || !wire::decode(r, reply)) {
                closeFd(outPipe[0]);
                closeFd(errPipe[0]);
                markBroken(QStringLiteral("malformed run reply"));
                return RunResult::internalError(QStringLiteral("the box answered nonsense"));
            }
            gotReply = true;
        }
    }
    closeFd(outPipe[0]);
    closeFd(errPipe[0]);
    if (!gotReply) {
        markBroken(QStringLiteral("no run reply"));
        return RunResult::internalError(QStringLiteral("the box did not report the run"));
    }
    RunResult result = mapRunReply(reply, l, exceeded);
    result.stdoutData = std::move(out);
    result.stderrData = std::move(err);
    result.outputTruncated = exceeded;
    return result;
}

RunResult mapRunReply(const wire::RunReply &reply, const RunLimits &limits, bool outputExceeded)
{
    using wire::Ending;
    RunResult r;
    r.exitCode = reply.exitCode;
    r.signal = reply.signal;
    r.cpuSeconds = double(reply.cpuUs) / 1e6;
    r.wallSeconds = double(reply.wallUs) / 1e6;
    r.endedAtUs = qint64(reply.endedAtUs);
    r.memoryKib = reply.memoryKib;

    switch (reply.ending) {
    case Ending::Exited:
        r.status = reply.exitCode == 0 ? RunStatus::OK : RunStatus::RE;
        if (reply.exitCode != 0)
            r.message = QStringLiteral("Exited with code %1").arg(reply.exitCode);
        break;
    case Ending::Signaled:
        r.status = RunStatus::RE;
        r.message = QStringLiteral("Killed by signal %1 (%2)")
                        .arg(reply.signal)
                        .arg(signalName(reply.signal));
        if (reply.signal == SIGXFSZ) {
            r.status = RunStatus::OLE;
            r.message = QStringLiteral("File size limit exceeded (SIGXFSZ)");
        }
        break;
    case Ending::CpuLimit:
        r.status = RunStatus::TLE;
        r.message = QStringLiteral("Time limit exceeded");
        break;
    case Ending::WallLimit:
        r.status = RunStatus::TLE;
        r.message = QStringLiteral("Time limit exceeded (wall)");
        break;
    case Ending::MemoryLimit:
        r.status = RunStatus::MLE;
        r.message = QStringLiteral("Memory limit exceeded");
        break;
    case Ending::OutputLimit:
        r.status = RunStatus::OLE;
        r.message = QStringLiteral("Output limit exceeded");
        break;
    case Ending::ExecFailed:
        r.status = reply.errnoValue == ENOEXEC ? RunStatus::RE : RunStatus::IE;
        r.message = reply.errnoValue == ENOEXEC ? QStringLiteral("Exec format error")
                                                : QString::fromStdString(reply.message);
        break;
    case Ending::SetupFailed:
    case Ending::Aborted:
        r.status = RunStatus::IE;
        r.message = reply.message.empty() ? QStringLiteral("The run was aborted")
                                          : QString::fromStdString(reply.message);
        break;
    }
    // A program that died after the cgroup refused it memory ran out of memory,
    // whatever way its runtime chose to die (std::bad_alloc, MemoryError, ...).
    if (r.status == RunStatus::RE && reply.memoryLimitHit && limits.memoryKib &&
        reply.memoryKib * 10 >= limits.memoryKib * 9) {
        r.status = RunStatus::MLE;
        r.message = QStringLiteral("Memory limit exceeded");
    }
    if (outputExceeded && (r.status == RunStatus::OK || r.status == RunStatus::RE)) {
        r.status = RunStatus::OLE;
        r.message = QStringLiteral("Output limit exceeded");
    }
    // The box killed at the limit plus the extra time; the limit itself decides.
    if (limits.cpuMs && reply.cpuUs > limits.cpuMs * 1000 &&
        (r.status == RunStatus::OK || r.status == RunStatus::RE)) {
        r.status = RunStatus::TLE;
        r.message = QStringLiteral("Time limit exceeded");
    }
    return r;
}

} // namespace evalx
