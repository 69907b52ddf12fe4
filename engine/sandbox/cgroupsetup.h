#pragma once

#include "common/cgroupfiles.h"

#include <QString>
#include <optional>

namespace evalx {

// What the host offers: which cgroup version is usable and where EvalX's own
// cgroup is in each hierarchy.
struct CgroupHost
{
    cgroup::Version version = cgroup::Version::None;
    QString reason; // why this version, or why none is usable
    // v1: the memory, cpuacct and pids hierarchies; v2: all three the same.
    QString memoryDir;
    QString cpuDir;
    QString pidsDir;
};

// Finds and prepares the cgroups of a box pool. Everything is relative to the
// file system given, so the v1 and v2 paths are testable over fake layouts.
class CgroupSetup final
{
public:
    // Parses /proc/self/mountinfo and /proc/self/cgroup texts; fsRoot prefixes
    // every path that is checked or created (empty on a real host).
    static CgroupHost detect(const QString &mountInfo, const QString &selfCgroup,
                             const QString &fsRoot = {});
    static CgroupHost detectHost();

    CgroupSetup(CgroupHost host, QString groupName);
    ~CgroupSetup();
    Q_DISABLE_COPY_MOVE(CgroupSetup)

    const CgroupHost &host() const { return m_host; }

    // Creates EvalX's group. On v2 this moves the calling process into a leaf
    // "engine" group so that the parent may hand controllers to the boxes.
    bool prepare(QString *error);
    std::optional<cgroup::BoxPaths> createBox(int index, QString *error);
    void removeBox(int index);

private:
    QString groupDir(const QString &base) const { return base + QLatin1Char('/') + m_name; }

    CgroupHost m_host;
    QString m_name;
    bool m_prepared = false;
};

} // namespace evalx
