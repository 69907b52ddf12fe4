#include "seccompfilter.h"

#include <cerrno>
#include <cstring>
#include <linux/seccomp.h>
#include <sched.h>
#include <seccomp.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <unistd.h>

namespace evalx::box {

// What a judged program or a compiler never needs. The call fails with EPERM
// rather than killing the process, so a program sees an ordinary error.
static const char *const kRefused[] = {
    // file systems and the root
    "mount",
    "umount2",
    "pivot_root",
    "chroot",
    "fsopen",
    "fsconfig",
    "fsmount",
    "fspick",
    "move_mount",
    "open_tree",
    "mount_setattr",
    "quotactl",
    "quotactl_fd",
    // namespaces
    "unshare",
    "setns",
    // a session is a scheduling group (autogroup) of normal weight: programs
    // stay in the box's, which is the lowest
    "setsid",
    // debugging other processes
    "ptrace",
    "process_vm_readv",
    "process_vm_writev",
    "kcmp",
    "pidfd_getfd",
    // the kernel itself
    "kexec_load",
    "kexec_file_load",
    "init_module",
    "finit_module",
    "delete_module",
    "bpf",
    "perf_event_open",
    "reboot",
    "swapon",
    "swapoff",
    "syslog",
    "acct",
    "iopl",
    "ioperm",
    "lookup_dcookie",
    "vhangup",
    "nfsservctl",
    "uselib",
    "personality",
    // keys
    "keyctl",
    "add_key",
    "request_key",
    // host identity and clocks
    "sethostname",
    "setdomainname",
    "settimeofday",
    "clock_settime",
    "clock_adjtime",
    "adjtimex",
    // handles and notification APIs with a history of escapes
    "open_by_handle_at",
    "name_to_handle_at",
    "fanotify_init",
    "userfaultfd",
    "io_uring_setup",
    "io_uring_enter",
    "io_uring_register",
};

std::vector<std::string> SeccompFilter::refusedSyscalls()
{
    return {std::begin(kRefused), std::end(kRefused)};
}

bool SeccompFilter::build(std::string *error)
{
    scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_ALLOW);
    if (!ctx) {
        if (error)
            *error = "seccomp_init failed";
        return false;
    }
    auto fail = [&](const std::string &what, int rc) {
        if (error)
            *error = what + ": " + std::strerror(-rc);
        seccomp_release(ctx);
        return false;
    };
    int rc;
    for (const char *name : kRefused) {
        const int nr = seccomp_syscall_resolve_name(name);
        if (nr == __NR_SCMP_ERROR)
            continue; // not on this architecture
        if ((rc = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), nr, 0)) < 0)
            return fail(std::string("seccomp rule for ") + name, rc);
    }
    // clone() with any namespace flag; clone3's flags live in memory the filter
    // cannot read, so it answers ENOSYS and the C library falls back to clone().
    for (const unsigned long flag : {CLONE_NEWNS, CLONE_NEWUTS, CLONE_NEWIPC, CLONE_NEWUSER,
                                     CLONE_NEWPID, CLONE_NEWNET, CLONE_NEWCGROUP}) {
        rc = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(clone), 1,
                              SCMP_A0(SCMP_CMP_MASKED_EQ, flag, flag));
        if (rc < 0)
            return fail("seccomp rule for clone", rc);
    }
    if ((rc = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(ENOSYS), SCMP_SYS(clone3), 0)) < 0)
        return fail("seccomp rule for clone3", rc);

    // Limits, priority and CPUs of other processes: in a rootless box the
    // program shares the uid of the box's PID 1, whose settings every later
    // run would inherit. Only the caller itself (pid 0) may be named.
    const struct
    {
        int nr;
        unsigned arg;
    } ownOnly[] = {
        {SCMP_SYS(prlimit64), 0},         {SCMP_SYS(setpriority), 1},
        {SCMP_SYS(sched_setaffinity), 0}, {SCMP_SYS(sched_setscheduler), 0},
        {SCMP_SYS(sched_setparam), 0},    {SCMP_SYS(sched_setattr), 0},
        {SCMP_SYS(ioprio_set), 1},
    };
    for (const auto &call : ownOnly) {
        rc = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), call.nr, 1,
                              SCMP_CMP(call.arg, SCMP_CMP_NE, 0));
        if (rc < 0)
            return fail("seccomp rule for another process's settings", rc);
    }

    // Socket families: local, IPv4 and IPv6 only. Some (AF_VSOCK) ignore
    // network namespaces; the rest are rarely used and often buggy.
    if ((rc = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EAFNOSUPPORT), SCMP_SYS(socket), 1,
                               SCMP_A0(SCMP_CMP_GT, AF_INET6))) < 0 ||
        (rc = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EAFNOSUPPORT), SCMP_SYS(socket), 1,
                               SCMP_A0(SCMP_CMP_EQ, AF_UNSPEC))) < 0)
        return fail("seccomp rule for socket", rc);
    for (scmp_datum_t family = AF_INET + 1; family < AF_INET6; ++family) {
        if ((rc = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EAFNOSUPPORT), SCMP_SYS(socket), 1,
                                   SCMP_A0(SCMP_CMP_EQ, family))) < 0)
            return fail("seccomp rule for socket", rc);
    }
    if ((rc = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EAFNOSUPPORT), SCMP_SYS(socketpair), 1,
                               SCMP_A0(SCMP_CMP_NE, AF_UNIX))) < 0)
        return fail("seccomp rule for socketpair", rc);

    const int memfd = ::memfd_create("evalx-seccomp", MFD_CLOEXEC);
    if (memfd < 0)
        return fail("memfd_create", -errno);
    rc = seccomp_export_bpf(ctx, memfd);
    seccomp_release(ctx);
    if (rc < 0) {
        ::close(memfd);
        if (error)
            *error = std::string("seccomp_export_bpf: ") + std::strerror(-rc);
        return false;
    }
    const off_t size = ::lseek(memfd, 0, SEEK_END);
    m_program.resize(static_cast<std::size_t>(size) / sizeof(sock_filter));
    const ssize_t n = ::pread(memfd, m_program.data(), m_program.size() * sizeof(sock_filter), 0);
    ::close(memfd);
    if (n != static_cast<ssize_t>(m_program.size() * sizeof(sock_filter)) || m_program.empty()) {
        m_program.clear();
        if (error)
            *error = "could not read the compiled seccomp filter";
        return false;
    }
    return true;
}

bool SeccompFilter::install() const
{
    sock_fprog prog{};
    prog.len = static_cast<unsigned short>(m_program.size());
    prog.filter = const_cast<sock_filter *>(m_program.data());
    return ::prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog, 0, 0) == 0;
}

} // namespace evalx::box
