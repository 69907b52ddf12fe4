#include "cgroupfiles.h"

#include <cerrno>
#include <climits>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace evalx::cgroup {

const char *versionName(Version v)
{
    switch (v) {
    case Version::V1:
        return "v1";
    case Version::V2:
        return "v2";
    case Version::None:
        break;
    }
    return "none";
}

static std::string readFd(int fd)
{
    std::string out;
    if (fd < 0)
        return out;
    char buf[4096];
    off_t off = 0;
    for (;;) {
        const ssize_t n = ::pread(fd, buf, sizeof buf, off);
        if (n <= 0)
            break;
        out.append(buf, static_cast<std::size_t>(n));
        off += n;
    }
    return out;
}

static bool writeFd(int fd, const std::string &value)
{
    if (fd < 0)
        return false;
    ssize_t n;
    do {
        n = ::pwrite(fd, value.data(), value.size(), 0);
    } while (n < 0 && errno == EINTR);
    return n == static_cast<ssize_t>(value.size());
}

static void closeFd(int &fd)
{
    if (fd >= 0)
        ::close(fd);
    fd = -1;
}

std::uint64_t parseNumber(const std::string &text)
{
    if (text.rfind("max", 0) == 0 || text.rfind("-1", 0) == 0)
        return UINT64_MAX;
    return std::strtoull(text.c_str(), nullptr, 10);
}

std::uint64_t parseKeyedValue(const std::string &text, const std::string &key)
{
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t eol = text.find('\n', pos);
        if (eol == std::string::npos)
            eol = text.size();
        if (text.compare(pos, key.size(), key) == 0 && pos + key.size() < eol &&
            text[pos + key.size()] == ' ')
            return std::strtoull(text.c_str() + pos + key.size() + 1, nullptr, 10);
        pos = eol + 1;
    }
    return 0;
}

BoxCgroup::~BoxCgroup()
{
    close();
}

void BoxCgroup::close()
{
    for (int *fd : {&m_memLimit, &m_memSwLimit, &m_memPeak, &m_memCurrent, &m_memEvents,
                    &m_memFailcnt, &m_cpuUsage, &m_pidsMax, &m_procs, &m_kill})
        closeFd(*fd);
    m_procsFiles.clear();
    m_version = Version::None;
}

bool BoxCgroup::open(const BoxPaths &paths, std::string *error)
{
    close();
    if (paths.version == Version::None)
        return true;

    auto openFile = [error](const std::string &dir, const char *name, int flags, bool required,
                            int &fd) {
        const std::string path = dir + '/' + name;
        fd = ::open(path.c_str(), flags | O_CLOEXEC);
        if (fd < 0 && required) {
            if (error)
                *error = path + ": " + std::strerror(errno);
            return false;
        }
        return true;
    };

    bool ok;
    if (paths.version == Version::V1) {
        ok = openFile(paths.memory, "memory.limit_in_bytes", O_RDWR, true, m_memLimit) &&
             openFile(paths.memory, "memory.memsw.limit_in_bytes", O_RDWR, false, m_memSwLimit) &&
             openFile(paths.memory, "memory.max_usage_in_bytes", O_RDWR, true, m_memPeak) &&
             openFile(paths.memory, "memory.usage_in_bytes", O_RDONLY, true, m_memCurrent) &&
             openFile(paths.memory, "memory.oom_control", O_RDONLY, true, m_memEvents) &&
             openFile(paths.memory, "memory.failcnt", O_RDWR, true, m_memFailcnt) &&
             openFile(paths.memory, "cgroup.procs", O_RDONLY, true, m_procs) &&
             openFile(paths.cpu, "cpuacct.usage", O_RDONLY, true, m_cpuUsage) &&
             openFile(paths.pids, "pids.max", O_RDWR, true, m_pidsMax);
        m_procsFiles = {paths.memory + "/cgroup.procs", paths.cpu + "/cgroup.procs",
                        paths.pids + "/cgroup.procs"};
    } else {
        ok = openFile(paths.memory, "memory.max", O_RDWR, true, m_memLimit) &&
             openFile(paths.memory, "memory.swap.max", O_RDWR, false, m_memSwLimit) &&
             openFile(paths.memory, "memory.peak", O_RDWR, false, m_memPeak) &&
             openFile(paths.memory, "memory.current", O_RDONLY, true, m_memCurrent) &&
             openFile(paths.memory, "memory.events", O_RDONLY, true, m_memEvents) &&
             openFile(paths.memory, "cgroup.procs", O_RDONLY, true, m_procs) &&
             openFile(paths.memory, "cgroup.kill", O_WRONLY, false, m_kill) &&
             openFile(paths.cpu, "cpu.stat", O_RDONLY, true, m_cpuUsage) &&
             openFile(paths.pids, "pids.max", O_RDWR, true, m_pidsMax);
        m_procsFiles = {paths.memory + "/cgroup.procs"};
        // Swap would turn a memory limit into a slowdown; a box never swaps.
        writeFd(m_memSwLimit, "0");
    }
    if (!ok) {
        close();
        return false;
    }
    m_version = paths.version;
    return true;
}

bool BoxCgroup::join(std::string *error)
{
    const std::string self = std::to_string(::getpid());
    for (const auto &file : m_procsFiles) {
        const int fd = ::open(file.c_str(), O_WRONLY | O_CLOEXEC);
        const bool ok = fd >= 0 && writeFd(fd, self);
        const int err = errno;
        if (fd >= 0)
            ::close(fd);
        if (!ok) {
            if (error)
                *error = file + ": " + std::strerror(err);
            return false;
        }
    }
    return true;
}

bool BoxCgroup::setMemoryLimit(std::uint64_t bytes)
{
    if (m_version == Version::V1) {
        const std::string value = bytes ? std::to_string(bytes) : std::string("-1");
        // memsw must stay >= the memory limit: open it up, set memory, then match it.
        writeFd(m_memSwLimit, "-1");
        const bool ok = writeFd(m_memLimit, value);
        writeFd(m_memSwLimit, value);
        return ok;
    }
    if (m_version == Version::V2)
        return writeFd(m_memLimit, bytes ? std::to_string(bytes) : std::string("max"));
    return false;
}

bool BoxCgroup::setPidsMax(std::uint32_t count)
{
    if (m_version == Version::None)
        return false;
    return writeFd(m_pidsMax, count ? std::to_string(count) : std::string("max"));
}

bool BoxCgroup::resetPeak()
{
    if (m_version == Version::V1)
        return writeFd(m_memPeak, "0") && writeFd(m_memFailcnt, "0");
    // Linux 6.12+: a write to memory.peak resets the peak seen through this descriptor.
    if (m_version == Version::V2)
        return writeFd(m_memPeak, "reset");
    return false;
}

std::uint64_t BoxCgroup::memoryCurrent() const
{
    return parseNumber(readFd(m_memCurrent));
}

std::uint64_t BoxCgroup::memoryPeak() const
{
    return m_memPeak >= 0 ? parseNumber(readFd(m_memPeak)) : 0;
}

std::uint64_t BoxCgroup::cpuUsageNs() const
{
    if (m_version == Version::V1)
        return parseNumber(readFd(m_cpuUsage));
    if (m_version == Version::V2)
        return parseKeyedValue(readFd(m_cpuUsage), "usage_usec") * 1000;
    return 0;
}

std::uint64_t BoxCgroup::oomKills() const
{
    if (m_version == Version::None)
        return 0;
    return parseKeyedValue(readFd(m_memEvents), "oom_kill");
}

std::uint64_t BoxCgroup::memoryLimitEvents() const
{
    if (m_version == Version::V1)
        return parseNumber(readFd(m_memFailcnt));
    if (m_version == Version::V2)
        return parseKeyedValue(readFd(m_memEvents), "max");
    return 0;
}

std::vector<pid_t> BoxCgroup::processes() const
{
    std::vector<pid_t> pids;
    const std::string text = readFd(m_procs);
    std::size_t pos = 0;
    while (pos < text.size()) {
        const long pid = std::strtol(text.c_str() + pos, nullptr, 10);
        if (pid > 0)
            pids.push_back(static_cast<pid_t>(pid));
        const std::size_t eol = text.find('\n', pos);
        if (eol == std::string::npos)
            break;
        pos = eol + 1;
    }
    return pids;
}

bool BoxCgroup::killAll()
{
    if (m_version == Version::V2 && writeFd(m_kill, "1"))
        return true;
    if (m_version == Version::None)
        return false;
    const pid_t self = ::getpid();
    for (const pid_t pid : processes()) {
        if (pid != self)
            ::kill(pid, SIGKILL);
    }
    return true;
}

} // namespace evalx::cgroup
