#include "boxinit.h"
#include "fsutil.h"

#include <algorithm>
#include <cerrno>
#include <climits>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <grp.h>
#include <linux/capability.h>
#include <linux/magic.h>
#include <poll.h>
#include <sched.h>
#include <sys/msg.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/vfs.h>
#include <sys/wait.h>
#include <unistd.h>

namespace evalx::box {

namespace {

constexpr std::size_t kMaxCollectBytes = 256u * 1024u * 1024u;
constexpr int kCpuCheckMs = 10;

std::uint64_t nowUs()
{
    timespec ts{};
    ::clock_gettime(CLOCK_MONOTONIC, &ts);
    return std::uint64_t(ts.tv_sec) * 1000000u + std::uint64_t(ts.tv_nsec) / 1000u;
}

std::uint64_t selfCpuUs()
{
    rusage ru{};
    ::getrusage(RUSAGE_SELF, &ru);
    return std::uint64_t(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000000u +
           std::uint64_t(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec);
}

int pidfdOpen(pid_t pid)
{
    return static_cast<int>(::syscall(SYS_pidfd_open, pid, 0));
}

} // namespace

BoxInit::BoxInit(const HelperOptions &options, cgroup::BoxCgroup &cgroup,
                 const SeccompFilter &filter, wire::Capabilities caps)
    : m_options(options)
    , m_cgroup(cgroup)
    , m_filter(filter)
    , m_caps(std::move(caps))
    , m_sock(options.socketFd)
{
    m_isInit = ::getpid() == 1;
    if (m_caps.separateUser) {
        m_uid = options.root.boxUid;
        m_gid = options.root.boxGid;
    } else {
        m_uid = ::geteuid();
        m_gid = ::getegid();
    }
}

bool BoxInit::openAreas(std::string *error)
{
    auto openDir = [error](const std::string &path, int &fd) {
        fd = ::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (fd < 0 && error)
            *error = path + ": " + std::strerror(errno);
        return fd >= 0;
    };
    m_devNull = ::open("/dev/null", O_RDWR | O_CLOEXEC);
    // A program is started with vfork from this process's memory, and exec
    // makes this process's peak RSS a floor of the program's ru_maxrss. The
    // peak is reset before each run ("5" = reset peak RSS, Linux 4.0), so the
    // floor is this small process's current size, the same in every box.
    m_clearRefs = ::open("/proc/self/clear_refs", O_WRONLY | O_CLOEXEC);
    m_progFd = m_options.programFd;
    if (!openDir(m_caps.workDir, m_workFd) ||
        (m_progFd < 0 && !openDir(m_caps.programDir, m_progFd)))
        return false;
    if (m_isInit) {
        for (const char *scratch : {"/tmp", "/dev/shm"}) {
            int fd;
            if (openDir(scratch, fd))
                m_scratchFds.push_back(fd);
        }
    }
    if (::fchown(m_workFd, m_uid, m_gid) != 0 || ::fchmod(m_workFd, 0755) != 0) {
        if (error)
            *error = m_caps.workDir + ": " + std::strerror(errno);
        return false;
    }
    return m_devNull >= 0;
}

int BoxInit::serve()
{
    std::string error;
    if (m_caps.error.empty() && !openAreas(&error))
        m_caps.error = error;
    wire::Writer hello;
    hello.u8(static_cast<std::uint8_t>(wire::Op::Hello));
    wire::encode(hello, m_caps);
    if (!wire::sendFrame(m_sock, hello.data()) || !m_caps.error.empty())
        return 1;

    std::string frame;
    std::vector<int> fds;
    for (;;) {
        fds.clear();
        if (!wire::recvFrame(m_sock, frame, &fds))
            break;
        wire::Reader r(frame);
        switch (static_cast<wire::Op>(r.u8())) {
        case wire::Op::PutFile:
            handlePut(r);
            break;
        case wire::Op::PutFileFd:
            handlePutFd(r, fds);
            break;
        case wire::Op::GetFiles:
            handleGet(r);
            break;
        case wire::Op::Reset:
            handleReset(r);
            break;
        case wire::Op::Run:
            handleRun(r, fds);
            break;
        case wire::Op::Kill:
            break; // the run it meant has ended already
        default:
            reply(false, "unknown request");
            break;
        }
        for (const int fd : fds)
            ::close(fd);
    }
    killStrays(0);
    return 0;
}

void BoxInit::reply(bool ok, const std::string &error, const std::vector<wire::FileEntry> *files)
{
    wire::Writer w;
    w.u8(static_cast<std::uint8_t>(wire::Op::Reply));
    w.boolean(ok);
    w.str(error);
    if (files)
        wire::encode(w, *files);
    else
        wire::encode(w, std::vector<wire::FileEntry>());
    wire::sendFrame(m_sock, w.data());
}

void BoxInit::handlePut(wire::Reader &r)
{
    const auto area = static_cast<wire::Area>(r.u8());
    const std::string path = r.str();
    const std::uint32_t mode = r.u32();
    const std::string data = r.str();
    if (!r.ok()) {
        reply(false, "malformed PutFile");
        return;
    }
    std::string error;
    const bool program = area == wire::Area::Program;
    const bool ok =
        writeFileAt(program ? m_progFd : m_workFd, path, data, mode, program ? ::geteuid() : m_uid,
                    program ? ::getegid() : m_gid, &error);
    reply(ok, error);
}

void BoxInit::handlePutFd(wire::Reader &r, const std::vector<int> &fds)
{
    const auto area = static_cast<wire::Area>(r.u8());
    const std::string path = r.str();
    const std::uint32_t mode = r.u32();
    const std::uint64_t size = r.u64();
    if (!r.ok() || fds.size() != 1) {
        reply(false, "malformed PutFileFd");
        return;
    }
    std::string error;
    const bool program = area == wire::Area::Program;
    const bool ok =
        copyFileAt(program ? m_progFd : m_workFd, path, fds[0], size, mode,
                   program ? ::geteuid() : m_uid, program ? ::getegid() : m_gid, &error);
    reply(ok, error);
}

void BoxInit::handleGet(wire::Reader &r)
{
    const auto area = static_cast<wire::Area>(r.u8());
    std::vector<wire::FileEntry> files;
    std::string error;
    const bool ok = collectFiles(area == wire::Area::Program ? m_progFd : m_workFd, files,
                                 kMaxCollectBytes, &error);
    reply(ok, error, &files);
}

void BoxInit::handleReset(wire::Reader &r)
{
    const bool clearProgram = r.boolean();
    std::string error;
    if (!killStrays(0)) {
        reply(false, "a process of the box survived SIGKILL");
        return;
    }
    bool ok = removeContents(m_workFd, &error);
    if (m_isInit)
        removeIpcObjects();
    for (const int fd : m_scratchFds)
        ok = removeContents(fd, &error) && ok;
    if (clearProgram)
        ok = removeContents(m_progFd, &error) && ok;
    reply(ok, error);
}

void BoxInit::handleRun(wire::Reader &r, std::vector<int> &fds)
{
    wire::RunSpec spec;
    wire::RunReply rr;
    if (!wire::decode(r, spec)) {
        rr.ending = wire::Ending::SetupFailed;
        rr.message = "malformed run request";
    } else {
        rr = run(spec, fds);
    }
    wire::Writer w;
    w.u8(static_cast<std::uint8_t>(wire::Op::RunReply));
    wire::encode(w, rr);
    wire::sendFrame(m_sock, w.data());
}

wire::RunReply BoxInit::run(const wire::RunSpec &spec, std::vector<int> &fds)
{
    using wire::Ending;
    using wire::StreamMode;
    wire::RunReply rr;
    const auto &lim = spec.limits;

    std::size_t next = 0;
    auto streamFd = [&](StreamMode mode) {
        if (mode == StreamMode::Passed)
            return next < fds.size() ? fds[next++] : -1;
        return m_devNull;
    };
    const int in = streamFd(spec.stdinMode);
    const int out = streamFd(spec.stdoutMode);
    const int err = spec.stderrMode == StreamMode::ToStdout ? out : streamFd(spec.stderrMode);
    if (in < 0 || out < 0 || err < 0) {
        rr.ending = Ending::SetupFailed;
        rr.message = "run request without its stream descriptors";
        return rr;
    }

    const bool cg = m_cgroup.isOpen();
    std::uint64_t baseline = 0, cpu0 = 0, oom0 = 0, fail0 = 0;
    if (cg) {
        // The program's limit plus what the box itself must hold: this process
        // and the artifact in /prog (tmpfs, never reclaimable). Page cache left
        // by earlier runs is not added: it is reclaimed when the program needs room.
        const std::uint64_t limit = lim.memoryKib ? lim.memoryKib * 1024 + boxOwnBytes() : 0;
        // +1: this process lives in the box's cgroup too.
        if (!m_cgroup.setMemoryLimit(limit) ||
            !m_cgroup.setPidsMax(lim.processes ? lim.processes + 1 : 0)) {
            rr.ending = Ending::SetupFailed;
            rr.message = std::string("cannot set the box's cgroup limits: ") + std::strerror(errno);
            return rr;
        }
        m_cgroup.resetPeak();
        baseline = m_cgroup.memoryCurrent();
        cpu0 = m_cgroup.cpuUsageNs();
        oom0 = m_cgroup.oomKills();
        fail0 = m_cgroup.memoryLimitEvents();
    }

    ChildSetup child = prepareChild(spec, in, out, err);
    lowerSchedulingGroup();
    if (m_clearRefs >= 0) [[maybe_unused]]
        const ssize_t reset = ::pwrite(m_clearRefs, "5", 1, 0);
    const std::uint64_t self0 = selfCpuUs();
    const std::uint64_t start = nowUs();
    // CLONE_VM|CLONE_VFORK: no page tables copied, no copy-on-write faults; we
    // sleep until the child has exec'd (or failed to), as posix_spawn does.
    const pid_t pid =
        static_cast<pid_t>(::clone(childMain, m_childStack.data() + m_childStack.size(),
                                   CLONE_VM | CLONE_VFORK | SIGCHLD, &child));
    if (pid < 0) {
        rr.ending = Ending::SetupFailed;
        rr.message = std::string("clone: ") + std::strerror(errno);
        return rr;
    }
    // The engine keeps its own ends; ours must not hold the pipes open.
    for (const int fd : fds)
        ::close(fd);
    fds.clear();

    const int pidfd = pidfdOpen(pid);
    bool killed = false;
    Ending reason = Ending::Exited;
    // Only signals: the main process must be left for wait4() to collect.
    auto stop = [&](Ending why) {
        if (!killed) {
            killed = true;
            reason = why;
            signalAll(pid);
        }
    };
    auto cpuUsedUs = [&]() -> std::uint64_t {
        const std::uint64_t boxCpu = (m_cgroup.cpuUsageNs() - cpu0) / 1000;
        const std::uint64_t own = selfCpuUs() - self0;
        return boxCpu > own ? boxCpu - own : 0;
    };

    int status = 0;
    rusage ru{};
    bool exited = false;
    while (!exited) {
        int timeout = -1;
        const std::uint64_t now = nowUs();
        if (!killed && lim.wallMs) {
            const std::uint64_t deadline = start + lim.wallMs * 1000;
            if (now >= deadline) {
                stop(Ending::WallLimit);
                continue;
            }
            timeout = static_cast<int>((deadline - now + 999) / 1000);
        }
        if (!killed && lim.cpuMs && cg)
            timeout = timeout < 0 ? kCpuCheckMs : std::min(timeout, kCpuCheckMs);
        if (killed)
            timeout = 50; // reap whatever SIGKILL leaves

        pollfd pfds[2] = {{pidfd, POLLIN, 0}, {m_sock, POLLIN, 0}};
        const int n = ::poll(pfds, 2, timeout);
        if (n < 0 && errno != EINTR)
            break;
        if (pfds[1].revents) {
            std::string frame;
            std::vector<int> extra;
            if (!wire::recvFrame(m_sock, frame, &extra)) {
                // The engine is gone: nothing of this box may outlive it.
                killStrays(pid);
                ::_exit(0);
            }
            for (const int fd : extra)
                ::close(fd);
            wire::Reader r(frame);
            if (static_cast<wire::Op>(r.u8()) == wire::Op::Kill) {
                const auto why = r.u8();
                stop(why <= static_cast<std::uint8_t>(Ending::Aborted) ? static_cast<Ending>(why)
                                                                       : Ending::Aborted);
            }
        }
        // Orphans reparented to us must not pile up as zombies against pids.max.
        for (;;) {
            siginfo_t info{};
            if (::waitid(P_ALL, 0, &info, WEXITED | WNOHANG | WNOWAIT) != 0 || info.si_pid == 0 ||
                info.si_pid == pid)
                break;
            ::waitpid(info.si_pid, nullptr, 0);
        }
        const pid_t waited = ::wait4(pid, &status, WNOHANG, &ru);
        if (waited == pid || (waited < 0 && errno == ECHILD)) {
            exited = true;
            break;
        }
        if (killed)
            signalAll(pid); // a process forked while the first signal went out
        if (!killed && lim.cpuMs && cg && cpuUsedUs() > lim.cpuMs * 1000)
            stop(Ending::CpuLimit);
    }
    rr.endedAtUs = nowUs();
    rr.wallUs = rr.endedAtUs - start;
    // The limit was the program's: lifted, so file transfers of the (root)
    // helper itself are never squeezed by it.
    if (cg)
        m_cgroup.setMemoryLimit(0);
    if (pidfd >= 0)
        ::close(pidfd);
    // Whatever the main process left behind goes with it.
    killStrays(pid);

    const int execErrno = child.error;
    const bool execFailed = execErrno != 0;

    const std::uint64_t rusageCpu =
        std::uint64_t(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000000u +
        std::uint64_t(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec);
    rr.cpuUs = cg ? std::max(cpuUsedUs(), rusageCpu) : rusageCpu;
    rr.memoryKib = static_cast<std::uint64_t>(ru.ru_maxrss);
    if (cg) {
        const std::uint64_t peak = m_cgroup.memoryPeak();
        if (peak > baseline)
            rr.memoryKib = std::max(rr.memoryKib, (peak - baseline) / 1024);
        rr.memoryLimitHit = m_cgroup.memoryLimitEvents() > fail0;
    }
    const bool oomKilled = cg && m_cgroup.oomKills() > oom0;
    // Without a cgroup the address-space limit makes allocations fail; a program
    // that dies near it is taken to have run out of memory.
    if (!cg && lim.memoryKib && rr.memoryKib * 10 >= lim.memoryKib * 9)
        rr.memoryLimitHit = true;

    if (WIFEXITED(status)) {
        rr.ending = Ending::Exited;
        rr.exitCode = WEXITSTATUS(status);
    } else if (WIFSIGNALED(status)) {
        rr.ending = Ending::Signaled;
        rr.signal = WTERMSIG(status);
    }
    if (execFailed) {
        rr.ending = Ending::ExecFailed;
        rr.errnoValue = execErrno;
        rr.message =
            std::string("cannot execute ") + spec.argv.front() + ": " + std::strerror(execErrno);
        return rr;
    }
    if (killed) {
        rr.ending = reason;
    } else if (oomKilled) {
        rr.ending = Ending::MemoryLimit;
    } else if (rr.ending == Ending::Signaled && rr.signal == SIGXCPU) {
        rr.ending = Ending::CpuLimit;
    }
    // A limit crossed between two checks still counts.
    if (rr.ending == Ending::Exited || rr.ending == Ending::Signaled) {
        if (lim.cpuMs && rr.cpuUs > lim.cpuMs * 1000)
            rr.ending = Ending::CpuLimit;
        else if (lim.wallMs && rr.wallUs > lim.wallMs * 1000)
            rr.ending = Ending::WallLimit;
    }
    return rr;
}

void BoxInit::signalAll(pid_t group)
{
    if (m_isInit) {
        // PID 1 of the box's namespace: -1 is every process of the box but us.
        ::kill(-1, SIGKILL);
    } else {
        if (m_cgroup.isOpen())
            m_cgroup.killAll();
        if (group > 0)
            ::kill(-group, SIGKILL);
    }
}

bool BoxInit::killStrays(pid_t group)
{
    signalAll(group);
    const std::uint64_t deadline = nowUs() + 2000000;
    for (;;) {
        const pid_t r = ::waitpid(-1, nullptr, WNOHANG);
        if (r > 0)
            continue;
        if (r < 0 && errno == ECHILD)
            return true;
        if (nowUs() > deadline)
            return false; // something unkillable: the box must not be reused
        if (m_isInit)
            ::kill(-1, SIGKILL);
        ::usleep(500);
    }
}

BoxInit::ChildSetup BoxInit::prepareChild(const wire::RunSpec &spec, int in, int out, int err)
{
    ChildSetup c;
    c.in = in;
    c.out = out;
    c.err = err;
    c.oomAdjust = m_caps.separateUser || ::geteuid() == 0;
    c.separateUser = m_caps.separateUser;
    c.dropCaps = !m_caps.separateUser && ::geteuid() == 0;
    c.uid = m_uid;
    c.gid = m_gid;
    c.cwd = spec.cwd.empty() ? m_caps.workDir : spec.cwd;

    const auto &lim = spec.limits;
    auto limit = [&c](int resource, rlim_t value) {
        if (c.limitCount < std::size(c.limits))
            c.limits[c.limitCount++] = {resource, {value, value}};
    };
    limit(RLIMIT_CORE, 0);
    limit(RLIMIT_NICE, 0); // whatever the host allows: no way back from SCHED_IDLE
    if (lim.cpuMs) {
        // With a cgroup a backstop only (the box enforces CPU time over all
        // threads itself); without one, the limit, rounded up to a second.
        const rlim_t seconds = (lim.cpuMs + 999) / 1000 + (m_cgroup.isOpen() ? 1 : 0);
        c.limits[c.limitCount++] = {RLIMIT_CPU, {seconds, seconds + 1}};
    }
    if (lim.stackKib)
        limit(RLIMIT_STACK, lim.stackKib * 1024);
    limit(RLIMIT_NOFILE, lim.openFiles ? lim.openFiles : 256);
    if (lim.fileSizeKib)
        limit(RLIMIT_FSIZE, lim.fileSizeKib * 1024);
    // Without a cgroup only the address space can bound memory.
    if (lim.memoryKib && !m_cgroup.isOpen())
        limit(RLIMIT_AS, lim.memoryKib * 1024);
    // Per uid: only meaningful when the box has a uid of its own.
    if (lim.processes && m_caps.separateUser)
        limit(RLIMIT_NPROC, lim.processes);

    c.argvStore = spec.argv;
    c.envStore = spec.env;
    for (auto &a : c.argvStore)
        c.argv.push_back(a.data());
    c.argv.push_back(nullptr);
    for (auto &e : c.envStore)
        c.envp.push_back(e.data());
    c.envp.push_back(nullptr);

    // execvpe() would search the helper's own PATH: resolve with the program's.
    const std::string &file = spec.argv.front();
    if (file.find('/') != std::string::npos) {
        c.candidates.push_back(file);
    } else {
        std::string path = "/usr/local/bin:/usr/bin:/bin";
        for (const auto &e : spec.env) {
            if (e.rfind("PATH=", 0) == 0)
                path = e.substr(5);
        }
        std::size_t from = 0;
        while (from <= path.size()) {
            std::size_t to = path.find(':', from);
            if (to == std::string::npos)
                to = path.size();
            c.candidates.push_back(path.substr(from, to - from) + "/" + file);
            from = to + 1;
        }
    }
    return c;
}

// Runs in the vfork'ed child, sharing the helper's memory: system calls on
// prepared data only; no allocation, no locks.
int BoxInit::childMain(void *arg)
{
    auto *c = static_cast<ChildSetup *>(arg);
    auto fail = [c](int e) {
        c->error = e ? e : EINVAL;
        ::_exit(127);
    };
    sigset_t none;
    ::sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);
    struct sigaction dfl
    {
    };
    dfl.sa_handler = SIG_DFL;
    ::sigaction(SIGPIPE, &dfl, nullptr);
    // A process group of its own (what a plain box kills), in the box's
    // session: a session of its own would be a scheduling group of its own.
    ::setpgid(0, 0);

    if (::dup2(c->in, 0) < 0 || ::dup2(c->out, 1) < 0 || ::dup2(c->err, 2) < 0)
        fail(errno);
    ::syscall(SYS_close_range, 3u, ~0u, 0u);

    for (std::size_t i = 0; i < c->limitCount; ++i)
        ::setrlimit(static_cast<__rlimit_resource>(c->limits[i].resource), &c->limits[i].value);

    // The helper shields itself from the OOM killer; its programs must not inherit that.
    if (c->oomAdjust) {
        const int adj = ::open("/proc/self/oom_score_adj", O_WRONLY | O_CLOEXEC);
        if (adj >= 0) {
            [[maybe_unused]] const auto w = ::write(adj, "0", 1);
            ::close(adj);
        }
    }
    if (::chdir(c->cwd.c_str()) != 0)
        fail(errno);
    ::umask(022);

    // Judged programs take the CPU only when nothing of the host's wants it:
    // the API, the engine's threads, Redis and the box helpers themselves
    // preempt them at once (nice 10 alone still let a program finish its
    // slice first, several ms of a request's latency). CPU times are
    // unaffected. With RLIMIT_NICE 0 and no CAP_SYS_NICE they cannot leave
    // SCHED_IDLE again.
    // Best effort: a container that refuses the call costs latency, not runs.
    sched_param idle{};
    ::sched_setscheduler(0, SCHED_IDLE, &idle);

    // The bounding set, no_new_privs and the seccomp filter were set once in
    // the box's PID 1 and are inherited. What is left is the identity.
    if (c->separateUser) {
        if (::syscall(SYS_setgroups, 0, nullptr) != 0 ||
            ::syscall(SYS_setresgid, c->gid, c->gid, c->gid) != 0 ||
            ::syscall(SYS_setresuid, c->uid, c->uid, c->uid) != 0)
            fail(errno);
    } else if (c->dropCaps) {
        // Root of a user namespace: keep the uid, lose every capability.
        __user_cap_header_struct header{_LINUX_CAPABILITY_VERSION_3, 0};
        __user_cap_data_struct data[2] = {};
        if (::syscall(SYS_capset, &header, data) != 0)
            fail(errno);
    }

    int firstError = ENOENT;
    for (const auto &candidate : c->candidates) {
        ::execve(candidate.c_str(), c->argv.data(), c->envp.data());
        if (errno != ENOENT && errno != ENOTDIR && firstError == ENOENT)
            firstError = errno;
    }
    fail(c->candidates.size() == 1 ? errno : firstError);
    return 127;
}

std::uint64_t BoxInit::boxOwnBytes() const
{
    std::uint64_t bytes = 0;
    long pages = 0, resident = 0;
    if (FILE *f = std::fopen("/proc/self/statm", "re")) {
        if (std::fscanf(f, "%ld %ld", &pages, &resident) == 2)
            bytes += std::uint64_t(resident) * std::uint64_t(::sysconf(_SC_PAGESIZE));
        std::fclose(f);
    }
    struct statfs fs
    {
    };
    if (::fstatfs(m_progFd, &fs) == 0 && fs.f_type == TMPFS_MAGIC)
        bytes += std::uint64_t(fs.f_blocks - fs.f_bfree) * std::uint64_t(fs.f_bsize);
    return bytes;
}

// SysV IPC objects live in the box's IPC namespace, not in a process: without
// this, one run could leave data (or unreclaimable memory) for the next.
void BoxInit::removeIpcObjects()
{
    struct Kind
    {
        const char *file;
        int (*remove)(int id);
    };
    static const Kind kinds[] = {
        {"/proc/sysvipc/shm", [](int id) { return ::shmctl(id, IPC_RMID, nullptr); }},
        {"/proc/sysvipc/msg", [](int id) { return ::msgctl(id, IPC_RMID, nullptr); }},
        {"/proc/sysvipc/sem", [](int id) { return ::semctl(id, 0, IPC_RMID); }},
    };
    for (const Kind &kind : kinds) {
        const int fd = ::open(kind.file, O_RDONLY | O_CLOEXEC);
        if (fd < 0)
            continue;
        std::string text;
        char buf[4096];
        ssize_t n;
        while ((n = ::read(fd, buf, sizeof buf)) > 0)
            text.append(buf, std::size_t(n));
        ::close(fd);
        // Header line, then "key id ..." per object.
        std::size_t pos = text.find('\n');
        while (pos != std::string::npos && pos + 1 < text.size()) {
            long long key = 0, id = -1;
            if (std::sscanf(text.c_str() + pos + 1, "%lld %lld", &key, &id) == 2 && id >= 0)
                kind.remove(int(id));
            pos = text.find('\n', pos + 1);
        }
    }
}

// Any process may raise its session's scheduling group back to nice 0 (only
// going below 0 needs a privilege): a program that did is undone before the
// next one starts. A read when nothing changed.
void BoxInit::lowerSchedulingGroup()
{
    const int fd = m_options.schedulingGroupFd;
    if (fd < 0)
        return;
    char text[128];
    ::lseek(fd, 0, SEEK_SET);
    const ssize_t n = ::read(fd, text, sizeof text - 1);
    if (n > 0) {
        text[n] = '\0';
        if (std::strstr(text, "nice 19"))
            return;
    }
    ::lseek(fd, 0, SEEK_SET);
    [[maybe_unused]] const ssize_t w = ::write(fd, "19", 2);
}

bool BoxInit::lockDown(std::string *error)
{
    // Whatever PID 1 gives up here, every program inherits; PID 1 itself never
    // execs, so a smaller bounding set costs it nothing.
    if (::geteuid() == 0) {
        for (int cap = 0; cap <= CAP_LAST_CAP; ++cap)
            ::prctl(PR_CAPBSET_DROP, cap, 0, 0, 0);
        ::prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0);
    }
    if (::prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) {
        if (error)
            *error = std::string("no_new_privs: ") + std::strerror(errno);
        return false;
    }
    if (m_filter.isValid() && !m_filter.install()) {
        if (error)
            *error = std::string("seccomp: ") + std::strerror(errno);
        return false;
    }
    return true;
}

} // namespace evalx::box
