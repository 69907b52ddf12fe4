#include "isolation.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <linux/mount.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifndef SYS_mount_setattr
#define SYS_mount_setattr 442
#endif

namespace evalx::box {

namespace {

bool fail(std::string *error, const std::string &what)
{
    if (error)
        *error = what + ": " + std::strerror(errno);
    return false;
}

bool writeText(const std::string &path, const std::string &text)
{
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
        return false;
    const bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
    ::close(fd);
    return ok;
}

// The flags a remount must keep: in a user namespace the kernel refuses to drop them.
unsigned long lockedFlags(const std::string &path)
{
    struct statvfs sv
    {
    };
    if (::statvfs(path.c_str(), &sv) != 0)
        return 0;
    unsigned long flags = 0;
    if (sv.f_flag & ST_NOSUID)
        flags |= MS_NOSUID;
    if (sv.f_flag & ST_NODEV)
        flags |= MS_NODEV;
    if (sv.f_flag & ST_NOEXEC)
        flags |= MS_NOEXEC;
    if (sv.f_flag & ST_NOATIME)
        flags |= MS_NOATIME;
    if (sv.f_flag & ST_NODIRATIME)
        flags |= MS_NODIRATIME;
    if (sv.f_flag & ST_RELATIME)
        flags |= MS_RELATIME;
    return flags;
}

// Binds source onto target (created as a file or a directory to match), read-only
// unless writable. A symbolic link on the host becomes the same link in the box.
bool bindInto(const std::string &root, const BindMount &bind, bool nodev, std::string *error)
{
    const std::string target = root + (bind.target.empty() ? bind.source : bind.target);
    struct stat st
    {
    };
    if (::lstat(bind.source.c_str(), &st) != 0)
        return true; // absent on this host: nothing to show
    if (S_ISLNK(st.st_mode)) {
        char link[4096];
        const ssize_t n = ::readlink(bind.source.c_str(), link, sizeof link - 1);
        if (n < 0)
            return fail(error, "readlink " + bind.source);
        link[n] = '\0';
        if (::symlink(link, target.c_str()) != 0 && errno != EEXIST)
            return fail(error, "symlink " + target);
        return true;
    }
    if (S_ISDIR(st.st_mode)) {
        if (::mkdir(target.c_str(), 0755) != 0 && errno != EEXIST)
            return fail(error, "mkdir " + target);
    } else {
        const int fd = ::open(target.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
        if (fd < 0)
            return fail(error, "create " + target);
        ::close(fd);
    }
    if (::mount(bind.source.c_str(), target.c_str(), nullptr, MS_BIND | MS_REC, nullptr) != 0)
        return fail(error, "bind " + bind.source);
    // Recursively: a remount would leave submounts (of /usr, say) as the
    // host has them, possibly writable.
    mount_attr attr{};
    attr.attr_set = MOUNT_ATTR_NOSUID | (bind.writable ? 0 : MOUNT_ATTR_RDONLY) |
                    (nodev ? MOUNT_ATTR_NODEV : 0);
    if (::syscall(SYS_mount_setattr, AT_FDCWD, target.c_str(), AT_RECURSIVE, &attr, sizeof attr) ==
        0)
        return true;
    if (errno != ENOSYS)
        return fail(error, "mount_setattr " + target);
    // Kernels before 5.12: the top mount at least.
    unsigned long flags = MS_BIND | MS_REMOUNT | MS_NOSUID | lockedFlags(bind.source);
    if (!bind.writable)
        flags |= MS_RDONLY;
    if (nodev)
        flags |= MS_NODEV;
    if (::mount(nullptr, target.c_str(), nullptr, flags, nullptr) != 0)
        return fail(error, "remount " + target);
    return true;
}

bool mountTmpfs(const std::string &target, const std::string &options, unsigned long flags,
                std::string *error)
{
    if (::mkdir(target.c_str(), 0755) != 0 && errno != EEXIST)
        return fail(error, "mkdir " + target);
    if (::mount("tmpfs", target.c_str(), "tmpfs", MS_NOSUID | MS_NODEV | flags, options.c_str()) !=
        0)
        return fail(error, "mount tmpfs on " + target);
    return true;
}

} // namespace

bool enterNamespaces(bool rootless, std::string *error)
{
    int flags = CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWIPC | CLONE_NEWUTS | CLONE_NEWNET;
    const uid_t uid = ::geteuid();
    const gid_t gid = ::getegid();
    if (rootless)
        flags |= CLONE_NEWUSER;
    if (::unshare(flags) != 0)
        return fail(error, rootless ? "unshare (user namespace)" : "unshare");
    if (rootless) {
        if (!writeText("/proc/self/setgroups", "deny") ||
            !writeText("/proc/self/uid_map", "0 " + std::to_string(uid) + " 1\n") ||
            !writeText("/proc/self/gid_map", "0 " + std::to_string(gid) + " 1\n"))
            return fail(error, "user namespace id maps");
    }
    return true;
}

bool buildRoot(const RootOptions &o, int *programFd, std::string *error)
{
    if (::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0)
        return fail(error, "make / private");
    const std::string &root = o.stagingDir;
    if (::mkdir(root.c_str(), 0755) != 0 && errno != EEXIST)
        return fail(error, "mkdir " + root);
    if (::mount("tmpfs", root.c_str(), "tmpfs", MS_NOSUID | MS_NODEV, "size=4m,mode=755") != 0)
        return fail(error, "mount root tmpfs on " + root);

    for (const char *dir : {"/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"}) {
        if (!bindInto(root, {dir, {}, false}, true, error))
            return false;
    }
    if (::mkdir((root + "/etc").c_str(), 0755) != 0)
        return fail(error, "mkdir /etc");
    for (const auto &entry : o.etcEntries) {
        if (!bindInto(root, {"/etc/" + entry, {}, false}, true, error))
            return false;
    }
    const std::string uid = std::to_string(o.boxUid), gid = std::to_string(o.boxGid);
    if (!writeText(root + "/etc/passwd", "root:x:0:0:root:/root:/bin/false\nbox:x:" + uid + ":" +
                                             gid + ":box:/box:/bin/false\n") ||
        !writeText(root + "/etc/group", "root:x:0:\nbox:x:" + gid + ":\n") ||
        !writeText(root + "/etc/hosts", "127.0.0.1 localhost evalx\n::1 localhost\n") ||
        !writeText(root + "/etc/hostname", "evalx\n"))
        return fail(error, "write /etc");

    for (const auto &bind : o.binds) {
        // Parents of an extra target are made on the root tmpfs as plain directories.
        const std::string target = bind.target.empty() ? bind.source : bind.target;
        for (std::size_t slash = target.find('/', 1); slash != std::string::npos;
             slash = target.find('/', slash + 1))
            ::mkdir((root + target.substr(0, slash)).c_str(), 0755);
        if (!bindInto(root, bind, true, error))
            return false;
    }

    // /dev: the harmless character devices only.
    if (!mountTmpfs(root + "/dev", "size=64k,mode=755", MS_NOEXEC, error))
        return false;
    // The device binds are mounts of their own: the tmpfs's nodev does not reach them.
    for (const char *dev : {"/dev/null", "/dev/zero", "/dev/full", "/dev/random", "/dev/urandom"}) {
        if (!bindInto(root, {dev, {}, true}, false, error))
            return false;
    }
    const std::pair<const char *, const char *> devLinks[] = {
        {"/proc/self/fd", "/dev/fd"},
        {"/proc/self/fd/0", "/dev/stdin"},
        {"/proc/self/fd/1", "/dev/stdout"},
        {"/proc/self/fd/2", "/dev/stderr"},
    };
    for (const auto &[from, to] : devLinks) {
        if (::symlink(from, (root + to).c_str()) != 0)
            return fail(error, std::string("symlink ") + to);
    }
    if (!mountTmpfs(root + "/dev/shm", "size=16m,mode=1777", MS_NOEXEC, error))
        return false;

    // A /proc of the box's own PID namespace, showing only the caller's own processes.
    if (::mkdir((root + "/proc").c_str(), 0555) != 0)
        return fail(error, "mkdir /proc");
    if (::mount("proc", (root + "/proc").c_str(), "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC,
                "hidepid=2") != 0)
        return fail(error, "mount /proc");

    const std::string owner = ",uid=" + uid + ",gid=" + gid;
    if (!mountTmpfs(root + "/tmp", "size=" + std::to_string(o.tmpSizeMib) + "m,mode=1777", 0,
                    error) ||
        !mountTmpfs(root + kWorkDir, "size=" + std::to_string(o.workSizeMib) + "m,mode=755" + owner,
                    0, error))
        return false;

    // The program directory: programs see a read-only bind; the helper writes
    // through a descriptor on the writable mount, which is then detached so no
    // path leads to it. Ownership alone would not do: in a user namespace the
    // programs run as the uid that owns it.
    const std::string staging = root + "/.prog-rw";
    if (!mountTmpfs(staging, "size=" + std::to_string(o.programSizeMib) + "m,mode=755", 0, error))
        return false;
    *programFd = ::open(staging.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (*programFd < 0)
        return fail(error, "open " + staging);
    if (::mkdir((root + kProgramDir).c_str(), 0755) != 0)
        return fail(error, "mkdir /prog");
    if (::mount(staging.c_str(), (root + kProgramDir).c_str(), nullptr, MS_BIND, nullptr) != 0 ||
        ::mount(nullptr, (root + kProgramDir).c_str(), nullptr,
                MS_BIND | MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV, nullptr) != 0)
        return fail(error, "bind /prog read-only");
    if (::umount2(staging.c_str(), MNT_DETACH) != 0 || ::rmdir(staging.c_str()) != 0)
        return fail(error, "detach the writable /prog");

    // /dev holds its nodes now; nothing may add to it.
    if (::mount(nullptr, (root + "/dev").c_str(), nullptr,
                MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC,
                "size=64k,mode=755") != 0)
        return fail(error, "remount /dev read-only");

    // Nothing on the root itself is writable from now on.
    if (::mount(nullptr, root.c_str(), nullptr, MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV,
                "size=4m,mode=755") != 0)
        return fail(error, "remount root read-only");

    // pivot_root(".", ".") stacks the old root under the new one; detaching it
    // leaves nothing of the host reachable.
    if (::chdir(root.c_str()) != 0)
        return fail(error, "chdir " + root);
    if (::syscall(SYS_pivot_root, ".", ".") != 0)
        return fail(error, "pivot_root");
    if (::umount2(".", MNT_DETACH) != 0)
        return fail(error, "detach old root");
    if (::chdir("/") != 0)
        return fail(error, "chdir /");
    // The box's own IPC namespace: shared memory dies with its last user, and
    // POSIX message queues (which only a name could find again) are off.
    writeText("/proc/sys/kernel/shm_rmid_forced", "1");
    writeText("/proc/sys/fs/mqueue/queues_max", "0");
    ::sethostname("evalx", 5);
    ::setdomainname("evalx", 5);
    return true;
}

} // namespace evalx::box
