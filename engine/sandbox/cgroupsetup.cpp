#include "cgroupsetup.h"
#include "sandboxlog.h"

#include <QDir>
#include <QFile>
#include <QStringList>

#include <cerrno>
#include <csignal>
#include <unistd.h>

namespace evalx {

namespace {

bool writeControl(const QString &path, const QByteArray &value, QString *error)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Unbuffered) || f.write(value) != value.size()) {
        if (error)
            *error = QStringLiteral("%1: %2").arg(path, f.errorString());
        return false;
    }
    return true;
}

// mountinfo writes space, tab, newline and backslash in paths as \ooo.
QString unescapeMountPath(const QString &field)
{
    QString out;
    out.reserve(field.size());
    for (qsizetype i = 0; i < field.size(); ++i) {
        if (field[i] == QLatin1Char('\\') && i + 3 < field.size()) {
            bool ok = false;
            const int code = field.mid(i + 1, 3).toInt(&ok, 8);
            if (ok) {
                out += QChar(code);
                i += 3;
                continue;
            }
        }
        out += field[i];
    }
    return out;
}

QByteArray readControl(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

CgroupHost CgroupSetup::detect(const QString &mountInfo, const QString &selfCgroup,
                               const QString &fsRoot)
{
    CgroupHost host;
    // A mount shows a subtree (mountinfo's 4th field): our path in /proc/self/cgroup
    // is relative to the hierarchy's root, so that subtree comes off its front.
    struct Mount
    {
        QString point;
        QString root;
        QString dirFor(const QString &path) const
        {
            QString rel = path;
            if (root != QLatin1String("/") &&
                (rel == root || rel.startsWith(root + QLatin1Char('/'))))
                rel = rel.mid(root.size());
            return point + rel;
        }
    };
    Mount unifiedMount, memMount, cpuMount, pidsMount;
    for (const QString &line : mountInfo.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        const int dash = line.indexOf(QLatin1String(" - "));
        if (dash < 0)
            continue;
        const QStringList pre = line.left(dash).split(QLatin1Char(' '));
        const QStringList post = line.mid(dash + 3).split(QLatin1Char(' '));
        if (pre.size() < 5 || post.size() < 3)
            continue;
        const Mount mount{unescapeMountPath(pre.at(4)), unescapeMountPath(pre.at(3))};
        if (post.at(0) == QLatin1String("cgroup2")) {
            unifiedMount = mount;
        } else if (post.at(0) == QLatin1String("cgroup")) {
            const QStringList opts = post.at(2).split(QLatin1Char(','));
            if (opts.contains(QLatin1String("memory")))
                memMount = mount;
            if (opts.contains(QLatin1String("cpuacct")))
                cpuMount = mount;
            if (opts.contains(QLatin1String("pids")))
                pidsMount = mount;
        }
    }

    QString unifiedPath, memPath, cpuPath, pidsPath;
    for (const QString &line : selfCgroup.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        const int a = line.indexOf(QLatin1Char(':'));
        const int b = line.indexOf(QLatin1Char(':'), a + 1);
        if (a < 0 || b < 0)
            continue;
        const QStringList controllers = line.mid(a + 1, b - a - 1).split(QLatin1Char(','));
        QString path = line.mid(b + 1);
        if (path == QLatin1String("/"))
            path.clear();
        if (line.left(a) == QLatin1String("0") && controllers == QStringList{QString()})
            unifiedPath = path;
        if (controllers.contains(QLatin1String("memory")))
            memPath = path;
        if (controllers.contains(QLatin1String("cpuacct")))
            cpuPath = path;
        if (controllers.contains(QLatin1String("pids")))
            pidsPath = path;
    }

    if (!unifiedMount.point.isEmpty()) {
        const QString dir = fsRoot + unifiedMount.dirFor(unifiedPath);
        const QString controllers =
            QString::fromLatin1(readControl(dir + QStringLiteral("/cgroup.controllers")));
        const QStringList available = controllers.simplified().split(QLatin1Char(' '));
        QStringList lacking;
        for (const QString &needed : {QStringLiteral("memory"), QStringLiteral("pids")}) {
            if (!available.contains(needed))
                lacking << needed;
        }
        if (lacking.isEmpty()) {
            host.version = cgroup::Version::V2;
            host.memoryDir = host.cpuDir = host.pidsDir = dir;
            host.reason = QStringLiteral("cgroup v2 at %1").arg(dir);
            return host;
        }
        host.reason =
            QStringLiteral("cgroup v2 at %1 lacks the %2 controller (has: %3)")
                .arg(dir, lacking.join(QStringLiteral(" and ")), controllers.simplified());
    }
    if (!memMount.point.isEmpty() && !cpuMount.point.isEmpty() && !pidsMount.point.isEmpty()) {
        host.version = cgroup::Version::V1;
        host.memoryDir = fsRoot + memMount.dirFor(memPath);
        host.cpuDir = fsRoot + cpuMount.dirFor(cpuPath);
        host.pidsDir = fsRoot + pidsMount.dirFor(pidsPath);
        host.reason = QStringLiteral("cgroup v1 (memory %1, cpuacct %2, pids %3)")
                          .arg(host.memoryDir, host.cpuDir, host.pidsDir);
        return host;
    }
    QStringList missing;
    if (memMount.point.isEmpty())
        missing << QStringLiteral("memory");
    if (cpuMount.point.isEmpty())
        missing << QStringLiteral("cpuacct");
    if (pidsMount.point.isEmpty())
        missing << QStringLiteral("pids");
    const QString v1 =
        QStringLiteral("no cgroup v1 hierarchy for %1").arg(missing.join(QStringLiteral(", ")));
    host.reason = host.reason.isEmpty() ? QString(QStringLiteral("no cgroup v2 mount; ") + v1)
                                        : QString(host.reason + QStringLiteral("; ") + v1);
    return host;
}

CgroupHost CgroupSetup::detectHost()
{
    return detect(QString::fromUtf8(readControl(QStringLiteral("/proc/self/mountinfo"))),
                  QString::fromUtf8(readControl(QStringLiteral("/proc/self/cgroup"))));
}

CgroupSetup::CgroupSetup(CgroupHost host, QString groupName)
    : m_host(std::move(host))
    , m_name(std::move(groupName))
{}

CgroupSetup::~CgroupSetup()
{
    if (!m_prepared)
        return;
    if (m_host.version == cgroup::Version::V1) {
        for (const QString &base : {m_host.memoryDir, m_host.cpuDir, m_host.pidsDir})
            QDir().rmdir(groupDir(base));
    }
    // v2: this process lives in <group>/engine until it exits; the boxes' groups
    // are removed with the boxes and the rest by the next start's sweep.
}

bool CgroupSetup::prepare(QString *error)
{
    if (m_host.version == cgroup::Version::None) {
        if (error)
            *error = m_host.reason;
        return false;
    }
    // Sweep groups left by EvalX processes that died without cleaning up.
    for (const QString &base : {m_host.memoryDir, m_host.cpuDir, m_host.pidsDir}) {
        const auto stale = QDir(base).entryList({QStringLiteral("evalx-*")}, QDir::Dirs);
        for (const QString &name : stale) {
            const pid_t pid = name.mid(6).toInt();
            if (pid > 0 && pid != ::getpid() && ::kill(pid, 0) != 0 && errno == ESRCH) {
                QDir dir(base + QLatin1Char('/') + name);
                for (const QString &sub : dir.entryList(QDir::Dirs | QDir::NoDotAndDotDot))
                    dir.rmdir(sub);
                QDir(base).rmdir(name);
            }
        }
    }
    if (m_host.version == cgroup::Version::V1) {
        for (const QString &base : {m_host.memoryDir, m_host.cpuDir, m_host.pidsDir}) {
            if (!QDir().mkpath(groupDir(base))) {
                if (error)
                    *error = QStringLiteral("cannot create %1").arg(groupDir(base));
                return false;
            }
        }
        m_prepared = true;
        return true;
    }

    // v2: no process may live in a group that hands controllers to its children.
    const QString group = groupDir(m_host.memoryDir);
    const QString engine = group + QStringLiteral("/engine");
    if (!QDir().mkpath(engine)) {
        if (error)
            *error = QStringLiteral("cannot create %1: is the cgroup delegated to this user?")
                         .arg(engine);
        return false;
    }
    if (!writeControl(engine + QStringLiteral("/cgroup.procs"), QByteArray::number(::getpid()),
                      error))
        return false;
    if (!writeControl(m_host.memoryDir + QStringLiteral("/cgroup.subtree_control"),
                      QByteArrayLiteral("+memory +pids"), error)) {
        if (error)
            *error +=
                QStringLiteral(" (the group must not hold processes of its own: run EvalX in a "
                               "delegated cgroup, e.g. systemd-run --scope -p Delegate=yes)");
        return false;
    }
    if (!writeControl(group + QStringLiteral("/cgroup.subtree_control"),
                      QByteArrayLiteral("+memory +pids"), error))
        return false;
    m_prepared = true;
    return true;
}

std::optional<cgroup::BoxPaths> CgroupSetup::createBox(int index, QString *error)
{
    if (!m_prepared) {
        if (error)
            *error = QStringLiteral("cgroups not prepared");
        return std::nullopt;
    }
    const QString name = QStringLiteral("/box-%1").arg(index);
    cgroup::BoxPaths paths;
    paths.version = m_host.version;
    const QString mem = groupDir(m_host.memoryDir) + name;
    const QString cpu = groupDir(m_host.cpuDir) + name;
    const QString pids = groupDir(m_host.pidsDir) + name;
    for (const QString &dir : {mem, cpu, pids}) {
        if (!QDir().mkpath(dir)) {
            if (error)
                *error = QStringLiteral("cannot create %1").arg(dir);
            return std::nullopt;
        }
    }
    paths.memory = mem.toStdString();
    paths.cpu = cpu.toStdString();
    paths.pids = pids.toStdString();
    return paths;
}

void CgroupSetup::removeBox(int index)
{
    const QString name = QStringLiteral("/box-%1").arg(index);
    for (const QString &base : {m_host.memoryDir, m_host.cpuDir, m_host.pidsDir})
        QDir().rmdir(groupDir(base) + name);
}

} // namespace evalx
