#include "fsutil.h"

#include <cerrno>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <unistd.h>

namespace evalx::box {

static std::string describe(const std::string &what, int err)
{
    return what + ": " + std::strerror(err);
}

bool isSafeRelativePath(const std::string &path)
{
    if (path.empty() || path.front() == '/' || path.size() > 4096)
        return false;
    std::size_t start = 0;
    while (start <= path.size()) {
        std::size_t end = path.find('/', start);
        if (end == std::string::npos)
            end = path.size();
        const std::string part = path.substr(start, end - start);
        if (part.empty() || part == "." || part == ".." || part.find('\0') != std::string::npos)
            return false;
        start = end + 1;
    }
    return true;
}

static bool removeEntries(int dirfd, int depth, std::string *error)
{
    if (depth > 256) {
        if (error)
            *error = "directory tree too deep to wipe";
        return false;
    }
    const int dupfd = ::fcntl(dirfd, F_DUPFD_CLOEXEC, 0);
    if (dupfd < 0)
        return false;
    DIR *dir = ::fdopendir(dupfd);
    if (!dir) {
        ::close(dupfd);
        return false;
    }
    ::rewinddir(dir);
    bool ok = true;
    while (dirent *e = ::readdir(dir)) {
        const char *name = e->d_name;
        if (std::strcmp(name, ".") == 0 || std::strcmp(name, "..") == 0)
            continue;
        if (::unlinkat(dirfd, name, 0) == 0 || errno == ENOENT)
            continue;
        if (errno != EISDIR) {
            ok = false;
            if (error)
                *error = describe(std::string("unlink ") + name, errno);
            continue;
        }
        const int sub = ::openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (sub < 0) {
            ok = false;
            continue;
        }
        // A program may have left a directory it cannot be entered: make it ours again.
        ::fchmod(sub, 0700);
        ok = removeEntries(sub, depth + 1, error) && ok;
        ::close(sub);
        if (::unlinkat(dirfd, name, AT_REMOVEDIR) != 0 && errno != ENOENT) {
            ok = false;
            if (error)
                *error = describe(std::string("rmdir ") + name, errno);
        }
    }
    ::closedir(dir);
    return ok;
}

bool removeContents(int dirfd, std::string *error)
{
    return removeEntries(dirfd, 0, error);
}

// Opens path under dirfd for writing, creating the directories on the way
// (owned by uid:gid), never following a link. -1 and *error on failure.
static int createFileAt(int dirfd, const std::string &path, mode_t mode, uid_t uid, gid_t gid,
                        std::string *error)
{
    if (!isSafeRelativePath(path)) {
        if (error)
            *error = "unsafe file name '" + path + "'";
        return -1;
    }
    int cur = ::fcntl(dirfd, F_DUPFD_CLOEXEC, 0);
    std::size_t start = 0;
    for (;;) {
        const std::size_t slash = path.find('/', start);
        if (slash == std::string::npos)
            break;
        const std::string part = path.substr(start, slash - start);
        if (::mkdirat(cur, part.c_str(), 0755) == 0)
            ::fchownat(cur, part.c_str(), uid, gid, AT_SYMLINK_NOFOLLOW);
        const int next =
            ::openat(cur, part.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        ::close(cur);
        if (next < 0) {
            if (error)
                *error = describe(path, errno);
            return -1;
        }
        cur = next;
        start = slash + 1;
    }
    const std::string name = path.substr(start);
    ::unlinkat(cur, name.c_str(), 0);
    const int fd = ::openat(cur, name.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
                            mode & 07777);
    ::close(cur);
    if (fd < 0 && error)
        *error = describe(path, errno);
    return fd;
}

bool writeFileAt(int dirfd, const std::string &path, const std::string &data, mode_t mode,
                 uid_t uid, gid_t gid, std::string *error)
{
    const int fd = createFileAt(dirfd, path, mode, uid, gid, error);
    if (fd < 0)
        return false;
    bool ok = true;
    const char *p = data.data();
    std::size_t left = data.size();
    while (left > 0) {
        const ssize_t w = ::write(fd, p, left);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            ok = false;
            if (error)
                *error = describe(path, errno);
            break;
        }
        p += w;
        left -= static_cast<std::size_t>(w);
    }
    ok = ok && ::fchown(fd, uid, gid) == 0 && ::fchmod(fd, mode & 0777) == 0;
    ::close(fd);
    return ok;
}

bool copyFileAt(int dirfd, const std::string &path, int source, std::uint64_t size, mode_t mode,
                uid_t uid, gid_t gid, std::string *error)
{
    const int fd = createFileAt(dirfd, path, mode, uid, gid, error);
    if (fd < 0)
        return false;
    // In the kernel, page cache to page cache: no buffer of ours to fault in.
    off_t offset = 0;
    bool ok = true;
    while (ok && std::uint64_t(offset) < size) {
        const ssize_t n =
            ::sendfile(fd, source, &offset, std::size_t(size - std::uint64_t(offset)));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            ok = false;
            if (error)
                *error = n == 0 ? path + ": the source ended early" : describe(path, errno);
        }
    }
    ok = ok && ::fchown(fd, uid, gid) == 0 && ::fchmod(fd, mode & 0777) == 0;
    ::close(fd);
    return ok;
}

static bool collect(int dirfd, const std::string &prefix, std::vector<wire::FileEntry> &out,
                    std::size_t &budget, int depth, std::string *error)
{
    if (depth > 64)
        return true;
    const int dupfd = ::fcntl(dirfd, F_DUPFD_CLOEXEC, 0);
    DIR *dir = dupfd >= 0 ? ::fdopendir(dupfd) : nullptr;
    if (!dir) {
        if (dupfd >= 0)
            ::close(dupfd);
        return false;
    }
    // The duplicate shares its offset with dirfd: an earlier walk left it at the end.
    ::rewinddir(dir);
    bool ok = true;
    while (dirent *e = ::readdir(dir)) {
        const char *name = e->d_name;
        if (std::strcmp(name, ".") == 0 || std::strcmp(name, "..") == 0)
            continue;
        const int fd = ::openat(dirfd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
        if (fd < 0)
            continue; // symbolic links, sockets: not part of an artifact
        struct stat st
        {
        };
        if (::fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
            ok = collect(fd, prefix + name + "/", out, budget, depth + 1, error);
        } else if (S_ISREG(st.st_mode)) {
            if (static_cast<std::size_t>(st.st_size) > budget) {
                if (error)
                    *error = "files produced exceed the size that can be collected";
                ok = false;
            } else {
                wire::FileEntry entry;
                entry.path = prefix + name;
                entry.mode = st.st_mode & 0777;
                entry.data.resize(static_cast<std::size_t>(st.st_size));
                std::size_t got = 0;
                while (got < entry.data.size()) {
                    const ssize_t r = ::read(fd, entry.data.data() + got, entry.data.size() - got);
                    if (r <= 0)
                        break;
                    got += static_cast<std::size_t>(r);
                }
                entry.data.resize(got);
                budget -= got;
                out.push_back(std::move(entry));
            }
        }
        ::close(fd);
        if (!ok)
            break;
    }
    ::closedir(dir);
    return ok;
}

bool collectFiles(int dirfd, std::vector<wire::FileEntry> &out, std::size_t maxBytes,
                  std::string *error)
{
    out.clear();
    std::size_t budget = maxBytes;
    return collect(dirfd, std::string(), out, budget, 0, error);
}

} // namespace evalx::box
