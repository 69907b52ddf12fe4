#pragma once

// One box's cgroup, as open file descriptors, for cgroup v1 and v2 alike.
//
// Qt-free: used by the evalx-box helper, which keeps the descriptors open
// across pivot_root so that it can set limits and read accounting from inside
// the box, and by the engine's tests over fake cgroup directory layouts.

#include <cstdint>
#include <string>
#include <sys/types.h>
#include <vector>

namespace evalx::cgroup {

enum class Version { None, V1, V2 };

const char *versionName(Version v);

// Where a box's cgroup lives. For v2 the three directories are the same.
struct BoxPaths
{
    Version version = Version::None;
    std::string memory;
    std::string cpu;
    std::string pids;
};

class BoxCgroup
{
public:
    BoxCgroup() = default;
    ~BoxCgroup();
    BoxCgroup(const BoxCgroup &) = delete;
    BoxCgroup &operator=(const BoxCgroup &) = delete;

    // Opens the control files; on failure error names the file and the reason.
    bool open(const BoxPaths &paths, std::string *error);
    Version version() const { return m_version; }
    bool isOpen() const { return m_version != Version::None; }

    // Moves the calling process into the box's cgroup (all hierarchies for v1).
    bool join(std::string *error);

    bool setMemoryLimit(std::uint64_t bytes); // 0: no limit
    bool setPidsMax(std::uint32_t count);     // 0: no limit
    bool resetPeak();                         // false if the kernel cannot
    std::uint64_t memoryCurrent() const;
    std::uint64_t memoryPeak() const;
    std::uint64_t cpuUsageNs() const;
    std::uint64_t oomKills() const;          // processes killed by the cgroup's OOM killer
    std::uint64_t memoryLimitEvents() const; // times an allocation hit the limit
    std::vector<pid_t> processes() const;
    bool killAll(); // v2: cgroup.kill; v1: SIGKILL every listed process

    void close();

private:
    Version m_version = Version::None;
    int m_memLimit = -1;
    int m_memSwLimit = -1; // v1 memory.memsw.limit_in_bytes / v2 memory.swap.max, optional
    int m_memPeak = -1;
    int m_memCurrent = -1;
    int m_memEvents = -1;  // v1 memory.oom_control / v2 memory.events
    int m_memFailcnt = -1; // v1 only
    int m_cpuUsage = -1;   // v1 cpuacct.usage / v2 cpu.stat
    int m_pidsMax = -1;
    int m_procs = -1;                      // cgroup.procs of the memory (v1) or unified (v2) group
    int m_kill = -1;                       // v2 cgroup.kill, optional
    std::vector<std::string> m_procsFiles; // for join()
};

// Helpers for files of the form "key value\n..." and single numbers.
std::uint64_t parseKeyedValue(const std::string &text, const std::string &key);
std::uint64_t parseNumber(const std::string &text); // "max" and "-1" give UINT64_MAX

} // namespace evalx::cgroup
