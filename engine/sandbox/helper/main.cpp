// evalx-box: one box of the EvalX sandbox.
//
// Started by the engine once per box with a connected socket on --socket-fd.
// It joins the box's cgroup, enters fresh namespaces, builds a private root,
// and then, as PID 1 of the box, runs one program per request. Nothing here
// links Qt: this process is privileged and should stay small.

#include "boxinit.h"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <string>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace evalx;

namespace {

// The nice value of a box and of everything it runs.
constexpr int kBoxNice = 10;

void usage()
{
    std::fputs("usage: evalx-box --socket-fd N (--root DIR | --plain DIR) [--uid U] [--gid G]\n"
               "                 [--cgroup-v1 MEMDIR,CPUDIR,PIDSDIR | --cgroup-v2 DIR]\n"
               "                 [--work-size MIB] [--tmp-size MIB] [--program-size MIB]\n"
               "                 [--etc NAME]... [--bind SRC[:DST]]...\n"
               "Started by the EvalX engine; not meant to be run by hand.\n",
               stderr);
}

bool parseNumber(const char *text, std::uint64_t &out)
{
    char *end = nullptr;
    errno = 0;
    const unsigned long long v = std::strtoull(text, &end, 10);
    if (errno != 0 || !end || *end != '\0' || end == text)
        return false;
    out = v;
    return true;
}

bool parse(int argc, char **argv, box::HelperOptions &o)
{
    bool haveRoot = false;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (i + 1 >= argc) {
            std::fprintf(stderr, "evalx-box: %s needs a value\n", arg.c_str());
            return false;
        }
        const char *value = argv[++i];
        std::uint64_t n = 0;
        auto number = [&](std::uint64_t &target) {
            if (!parseNumber(value, n)) {
                std::fprintf(stderr, "evalx-box: %s takes a number, not '%s'\n", arg.c_str(),
                             value);
                return false;
            }
            target = n;
            return true;
        };
        std::uint64_t tmp = 0;
        if (arg == "--socket-fd") {
            if (!number(tmp))
                return false;
            o.socketFd = static_cast<int>(tmp);
        } else if (arg == "--root") {
            o.root.stagingDir = value;
            o.isolate = true;
            haveRoot = true;
        } else if (arg == "--plain") {
            o.plainDir = value;
            o.isolate = false;
            haveRoot = true;
        } else if (arg == "--uid") {
            if (!number(tmp))
                return false;
            o.root.boxUid = static_cast<uid_t>(tmp);
        } else if (arg == "--gid") {
            if (!number(tmp))
                return false;
            o.root.boxGid = static_cast<gid_t>(tmp);
        } else if (arg == "--work-size") {
            if (!number(o.root.workSizeMib))
                return false;
        } else if (arg == "--tmp-size") {
            if (!number(o.root.tmpSizeMib))
                return false;
        } else if (arg == "--program-size") {
            if (!number(o.root.programSizeMib))
                return false;
        } else if (arg == "--etc") {
            o.root.etcEntries.emplace_back(value);
        } else if (arg == "--bind") {
            const std::string spec = value;
            const auto colon = spec.find(':');
            box::BindMount bind;
            bind.source = spec.substr(0, colon);
            if (colon != std::string::npos)
                bind.target = spec.substr(colon + 1);
            if (bind.source.empty() || bind.source.front() != '/') {
                std::fprintf(stderr, "evalx-box: --bind needs an absolute path\n");
                return false;
            }
            o.root.binds.push_back(bind);
        } else if (arg == "--cgroup-v2") {
            o.cgroup = {cgroup::Version::V2, value, value, value};
        } else if (arg == "--cgroup-v1") {
            const std::string spec = value;
            const auto a = spec.find(','), b = spec.find(',', a + 1);
            if (a == std::string::npos || b == std::string::npos) {
                std::fprintf(stderr, "evalx-box: --cgroup-v1 takes MEMDIR,CPUDIR,PIDSDIR\n");
                return false;
            }
            o.cgroup = {cgroup::Version::V1, spec.substr(0, a), spec.substr(a + 1, b - a - 1),
                        spec.substr(b + 1)};
        } else {
            std::fprintf(stderr, "evalx-box: unknown option %s\n", arg.c_str());
            return false;
        }
    }
    if (!haveRoot) {
        std::fprintf(stderr, "evalx-box: --root or --plain is required\n");
        return false;
    }
    return true;
}

int failHello(int sock, wire::Capabilities caps, const std::string &error)
{
    caps.error = error;
    wire::Writer w;
    w.u8(static_cast<std::uint8_t>(wire::Op::Hello));
    wire::encode(w, caps);
    wire::sendFrame(sock, w.data());
    return 1;
}

void writeFile(const char *path, const char *text)
{
    const int fd = ::open(path, O_WRONLY | O_CLOEXEC);
    if (fd >= 0) {
        [[maybe_unused]] const auto w = ::write(fd, text, std::strlen(text));
        ::close(fd);
    }
}

} // namespace

int main(int argc, char **argv)
{
    box::HelperOptions options;
    if (!parse(argc, argv, options)) {
        usage();
        return 2;
    }
    ::signal(SIGPIPE, SIG_IGN);
    // Judged programs yield the CPU to the judge's own threads (the API
    // answering, the engine reading outputs): a request is served at once
    // however busy the boxes are. Every program inherits it and cannot lower
    // it (no CAP_SYS_NICE, RLIMIT_NICE 0). CPU times are unaffected.
    ::setpriority(PRIO_PROCESS, 0, kBoxNice);
    const int sock = options.socketFd;
    if (::fcntl(sock, F_GETFD) < 0) {
        std::fprintf(stderr, "evalx-box: descriptor %d is not open\n", sock);
        return 2;
    }
    // Its copy of the socket must not reach any program.
    ::fcntl(sock, F_SETFD, FD_CLOEXEC);

    wire::Capabilities caps;
    std::string notes;
    cgroup::BoxCgroup cg;
    std::string error;
    if (options.cgroup.version != cgroup::Version::None) {
        if (!cg.open(options.cgroup, &error) || !cg.join(&error))
            return failHello(sock, caps, "cgroup: " + error);
        caps.cgroup = true;
    } else {
        notes += "no cgroup: memory is bounded per process as address space, CPU time per process, "
                 "and the number of processes only per user; ";
    }

    const bool root = ::geteuid() == 0;
    if (options.isolate) {
        if (!box::enterNamespaces(!root, &error))
            return failHello(sock, caps, "namespaces: " + error);
        const pid_t init = ::fork();
        if (init < 0)
            return failHello(sock, caps, std::string("fork: ") + std::strerror(errno));
        if (init > 0) {
            // Outside the box: wait for its PID 1, whose end is the box's end.
            ::close(sock);
            cg.close();
            int status = 0;
            while (::waitpid(init, &status, 0) < 0 && errno == EINTR) {
            }
            return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
        }
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
        // Rootless: only the invoking user exists in the namespace, as root.
        if (!root)
            options.root.boxUid = options.root.boxGid = 0;
        if (!box::buildRoot(options.root, &options.programFd, &error))
            return failHello(sock, caps, "root filesystem: " + error);
        caps.namespaces = true;
        caps.userNamespace = !root;
        caps.separateUser = root;
        caps.workDir = box::kWorkDir;
        caps.programDir = box::kProgramDir;
        if (!root)
            notes +=
                "rootless: programs run as the invoking user mapped to root in a user namespace "
                "(no uid of their own, capabilities dropped); ";
    } else {
        caps.separateUser = root;
        caps.workDir = options.plainDir + "/work";
        caps.programDir = options.plainDir + "/prog";
        for (const auto &dir : {options.plainDir, caps.workDir, caps.programDir}) {
            if (::mkdir(dir.c_str(), 0755) != 0 && errno != EEXIST)
                return failHello(sock, caps, dir + ": " + std::strerror(errno));
        }
        ::prctl(PR_SET_CHILD_SUBREAPER, 1);
        notes += "no namespaces: programs see the host's files, network and processes; ";
    }
    // The OOM killer should pick the program, never the box's keeper.
    if (root)
        writeFile("/proc/self/oom_score_adj", "-1000");

    // A session of its own and, where the kernel shares CPU time out by
    // session (CONFIG_SCHED_AUTOGROUP, on by default), a group of its own at
    // the lowest weight: the whole box, helper and programs, comes after the
    // host's other work. Without it each program's session was a group of
    // nice 0 on a par with the API's threads, whatever its nice value or
    // SCHED_IDLE said. Programs stay in this group: each gets a process group,
    // not a session, of its own, and the seccomp filter refuses setsid().
    // Only a new session's group is lowered, never the engine's.
    if (::setsid() >= 0) {
        options.schedulingGroupFd = ::open("/proc/self/autogroup", O_RDWR | O_CLOEXEC);
        if (options.schedulingGroupFd >= 0 && ::write(options.schedulingGroupFd, "19", 2) != 2) {
            ::close(options.schedulingGroupFd);
            options.schedulingGroupFd = -1;
        }
    }

    box::SeccompFilter filter;
    if (filter.build(&error))
        caps.seccomp = true;
    else
        notes += "no seccomp filter (" + error + "); ";
    caps.notes = notes;

    box::BoxInit init(options, cg, filter, caps);
    if (!init.lockDown(&error))
        return failHello(sock, caps, error);
    return init.serve();
}
