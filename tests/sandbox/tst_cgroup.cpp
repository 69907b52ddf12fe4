// Unit tests of cgroup detection, set-up and control files, over fake layouts
// in a temporary directory (no real cgroup is touched).

#include "cgroupsetup.h"
#include "common/cgroupfiles.h"

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>
#include <QTest>

#include <cstdint>
#include <string>
#include <unistd.h>

using evalx::CgroupHost;
using evalx::CgroupSetup;
using evalx::cgroup::BoxCgroup;
using evalx::cgroup::BoxPaths;
using evalx::cgroup::Version;

Q_DECLARE_METATYPE(evalx::cgroup::Version)

namespace QTest {
template<> inline char *toString(const Version &v)
{
    return qstrdup(evalx::cgroup::versionName(v));
}
} // namespace QTest

namespace {

bool writeFile(const QString &path, const QByteArray &data)
{
    if (!QDir().mkpath(QFileInfo(path).absolutePath()))
        return false;
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(data) == data.size();
}

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<unreadable>");
}

bool truncateFile(const QString &path)
{
    return QFile::resize(path, 0);
}

QString q(const std::string &s)
{
    return QString::fromStdString(s);
}

// A cgroup v1 host with a cgroup2 mount for systemd only ("hybrid"), as on
// Ubuntu 20.04 or Debian 10.
const char kHybridMountInfo[] =
    "22 28 0:20 / /sys rw,nosuid,nodev,noexec,relatime shared:7 - sysfs sysfs rw\n"
    "23 28 0:21 / /proc rw,nosuid,nodev,noexec,relatime shared:12 - proc proc rw\n"
    "28 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw,errors=remount-ro\n"
    "30 22 0:26 / /sys/fs/cgroup ro,nosuid,nodev,noexec shared:9 - tmpfs tmpfs "
    "ro,mode=755,inode64\n"
    "31 30 0:27 / /sys/fs/cgroup/unified rw,nosuid,nodev,noexec,relatime shared:10 - cgroup2 "
    "cgroup2 rw,nsdelegate\n"
    "32 30 0:28 / /sys/fs/cgroup/systemd rw,nosuid,nodev,noexec,relatime shared:11 - cgroup cgroup "
    "rw,xattr,name=systemd\n"
    "35 30 0:31 / /sys/fs/cgroup/memory rw,nosuid,nodev,noexec,relatime shared:15 - cgroup cgroup "
    "rw,memory\n"
    "36 30 0:32 / /sys/fs/cgroup/cpu,cpuacct rw,nosuid,nodev,noexec,relatime shared:16 - cgroup "
    "cgroup rw,cpu,cpuacct\n"
    "37 30 0:33 / /sys/fs/cgroup/pids rw,nosuid,nodev,noexec,relatime shared:17 - cgroup cgroup "
    "rw,pids\n"
    "38 30 0:34 / /sys/fs/cgroup/freezer rw,nosuid,nodev,noexec,relatime shared:18 - cgroup cgroup "
    "rw,freezer\n"
    "39 30 0:35 / /sys/fs/cgroup/net_cls,net_prio rw,nosuid,nodev,noexec,relatime shared:19 - "
    "cgroup cgroup rw,net_cls,net_prio\n";

const char kHybridSelfCgroup[] = "12:pids:/user.slice/user-1000.slice/session-2.scope\n"
                                 "11:freezer:/\n"
                                 "10:net_cls,net_prio:/\n"
                                 "5:memory:/user.slice/user-1000.slice/session-2.scope\n"
                                 "4:cpu,cpuacct:/user.slice\n"
                                 "1:name=systemd:/user.slice/user-1000.slice/session-2.scope\n"
                                 "0::/user.slice/user-1000.slice/session-2.scope\n";

// Pure cgroup v1 (CentOS 7): no cgroup2 at all, separate cpu and cpuacct.
const char kLegacyMountInfo[] =
    "18 62 0:17 / /sys rw,nosuid,nodev,noexec,relatime shared:6 - sysfs sysfs rw\n"
    "24 18 0:20 / /sys/fs/cgroup ro,nosuid,nodev,noexec shared:7 - tmpfs tmpfs ro,mode=755\n"
    "25 24 0:21 / /sys/fs/cgroup/systemd rw,nosuid,nodev,noexec,relatime shared:8 - cgroup cgroup "
    "rw,xattr,release_agent=/usr/lib/systemd/systemd-cgroups-agent,name=systemd\n"
    "27 24 0:23 / /sys/fs/cgroup/cpuacct rw,nosuid,nodev,noexec,relatime shared:9 - cgroup cgroup "
    "rw,cpuacct\n"
    "28 24 0:24 / /sys/fs/cgroup/cpu rw,nosuid,nodev,noexec,relatime shared:10 - cgroup cgroup "
    "rw,cpu\n"
    "29 24 0:25 / /sys/fs/cgroup/memory rw,nosuid,nodev,noexec,relatime shared:11 - cgroup cgroup "
    "rw,memory\n"
    "30 24 0:26 / /sys/fs/cgroup/pids rw,nosuid,nodev,noexec,relatime shared:12 - cgroup cgroup "
    "rw,pids\n";

const char kLegacySelfCgroup[] = "11:pids:/\n"
                                 "10:memory:/\n"
                                 "9:cpu:/\n"
                                 "8:cpuacct:/\n"
                                 "1:name=systemd:/system.slice/sshd.service\n";

// Pure cgroup v2 (Debian 12, Fedora, Ubuntu 22.04).
const char kUnifiedMountInfo[] =
    "22 29 0:21 / /sys rw,nosuid,nodev,noexec,relatime shared:7 - sysfs sysfs rw\n"
    "29 1 254:1 / / rw,relatime shared:1 - ext4 /dev/vda1 rw,errors=remount-ro\n"
    "26 22 0:24 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime shared:4 - cgroup2 cgroup2 "
    "rw,nsdelegate,memory_recursiveprot\n";

const char kUnifiedSelfCgroup[] = "0::/system.slice/evalx.service\n";

} // namespace

class TestCgroup : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void versionNames();
    void parseKeyedValue();
    void parseNumber();

    void detect_data();
    void detect();
    void detectHonoursMountRoot();
    void detectUnescapesMountPaths();

    void setupNotUsable();
    void setupV2();
    void setupV2SweepsStaleGroups();
    void setupV2RefusedSubtreeControl();
    void setupV1();

    void boxCgroupNone();
    void boxCgroupV2();
    void boxCgroupV2OptionalFiles();
    void boxCgroupV2MissingFile();
    void boxCgroupV1();
    void boxCgroupV1MissingFile();
};

void TestCgroup::versionNames()
{
    QCOMPARE(QLatin1String(evalx::cgroup::versionName(Version::None)), QLatin1String("none"));
    QCOMPARE(QLatin1String(evalx::cgroup::versionName(Version::V1)), QLatin1String("v1"));
    QCOMPARE(QLatin1String(evalx::cgroup::versionName(Version::V2)), QLatin1String("v2"));
}

void TestCgroup::parseKeyedValue()
{
    using evalx::cgroup::parseKeyedValue;
    const std::string events = "low 0\nhigh 0\nmax 7\noom 2\noom_kill 3\noom_group_kill 0\n";
    QCOMPARE(parseKeyedValue(events, "low"), std::uint64_t(0));
    QCOMPARE(parseKeyedValue(events, "max"), std::uint64_t(7));
    QCOMPARE(parseKeyedValue(events, "oom"), std::uint64_t(2));
    QCOMPARE(parseKeyedValue(events, "oom_kill"), std::uint64_t(3));
    QCOMPARE(parseKeyedValue(events, "oom_group_kill"), std::uint64_t(0));

    // A key that is only a prefix of a line's key must not match it.
    QCOMPARE(parseKeyedValue("oom_kill 3\n", "oom"), std::uint64_t(0));
    QCOMPARE(parseKeyedValue("oom_kill 3\noom 5\n", "oom"), std::uint64_t(5));
    QCOMPARE(parseKeyedValue("usage_usec_total 9\nusage_usec 4\n", "usage_usec"), std::uint64_t(4));
    // ... nor a key that merely ends a line's key.
    QCOMPARE(parseKeyedValue("xmax 9\n", "max"), std::uint64_t(0));
    // A key without a value, a missing key, empty text.
    QCOMPARE(parseKeyedValue("max\n", "max"), std::uint64_t(0));
    QCOMPARE(parseKeyedValue("a 1\nb 2\n", "c"), std::uint64_t(0));
    QCOMPARE(parseKeyedValue("", "a"), std::uint64_t(0));
    // The last line needs no newline; large values survive.
    QCOMPARE(parseKeyedValue("a 1\nb 18446744073709551614", "b"), std::uint64_t(UINT64_MAX - 1));
    // v1 memory.oom_control.
    QCOMPARE(parseKeyedValue("oom_kill_disable 0\nunder_oom 0\noom_kill 1\n", "oom_kill"),
             std::uint64_t(1));
}

void TestCgroup::parseNumber()
{
    using evalx::cgroup::parseNumber;
    QCOMPARE(parseNumber("max\n"), std::uint64_t(UINT64_MAX));
    QCOMPARE(parseNumber("max"), std::uint64_t(UINT64_MAX));
    QCOMPARE(parseNumber("-1"), std::uint64_t(UINT64_MAX));
    QCOMPARE(parseNumber("-1\n"), std::uint64_t(UINT64_MAX));
    QCOMPARE(parseNumber("12345\n"), std::uint64_t(12345));
    QCOMPARE(parseNumber("0\n"), std::uint64_t(0));
    QCOMPARE(parseNumber(""), std::uint64_t(0));
    QCOMPARE(parseNumber("9223372036854771712\n"), std::uint64_t(9223372036854771712ull));
}

void TestCgroup::detect_data()
{
    QTest::addColumn<QString>("mountInfo");
    QTest::addColumn<QString>("selfCgroup");
    QTest::addColumn<QString>("controllersDir"); // relative to fsRoot; empty: no cgroup.controllers
    QTest::addColumn<QByteArray>("controllers");
    QTest::addColumn<Version>("version");
    QTest::addColumn<QString>("memoryDir"); // relative to fsRoot; empty: expect empty
    QTest::addColumn<QString>("cpuDir");
    QTest::addColumn<QString>("pidsDir");
    QTest::addColumn<QStringList>("reasonHas");

    const QString hybridMount = QString::fromLatin1(kHybridMountInfo);
    const QString unifiedMount = QString::fromLatin1(kUnifiedMountInfo);
    const QString service = QStringLiteral("/sys/fs/cgroup/system.slice/evalx.service");

    QTest::newRow("v1 hybrid")
        << hybridMount << QString::fromLatin1(kHybridSelfCgroup)
        << QStringLiteral("/sys/fs/cgroup/unified/user.slice/user-1000.slice/session-2.scope")
        << QByteArray() << Version::V1
        << QStringLiteral("/sys/fs/cgroup/memory/user.slice/user-1000.slice/session-2.scope")
        << QStringLiteral("/sys/fs/cgroup/cpu,cpuacct/user.slice")
        << QStringLiteral("/sys/fs/cgroup/pids/user.slice/user-1000.slice/session-2.scope")
        << QStringList{QStringLiteral("v1")};

    QTest::newRow("v1 hybrid, no cgroup.controllers")
        << hybridMount << QString::fromLatin1(kHybridSelfCgroup) << QString() << QByteArray()
        << Version::V1
        << QStringLiteral("/sys/fs/cgroup/memory/user.slice/user-1000.slice/session-2.scope")
        << QStringLiteral("/sys/fs/cgroup/cpu,cpuacct/user.slice")
        << QStringLiteral("/sys/fs/cgroup/pids/user.slice/user-1000.slice/session-2.scope")
        << QStringList{QStringLiteral("v1")};

    QTest::newRow("v1 legacy, root groups")
        << QString::fromLatin1(kLegacyMountInfo) << QString::fromLatin1(kLegacySelfCgroup)
        << QString() << QByteArray() << Version::V1 << QStringLiteral("/sys/fs/cgroup/memory")
        << QStringLiteral("/sys/fs/cgroup/cpuacct") << QStringLiteral("/sys/fs/cgroup/pids")
        << QStringList{QStringLiteral("v1")};

    QTest::newRow("v2 service") << unifiedMount << QString::fromLatin1(kUnifiedSelfCgroup)
                                << service << QByteArray("cpuset cpu io memory pids\n")
                                << Version::V2 << service << service << service
                                << QStringList{QStringLiteral("v2"), service};

    QTest::newRow("v2 root group")
        << unifiedMount << QStringLiteral("0::/\n") << QStringLiteral("/sys/fs/cgroup")
        << QByteArray("cpuset cpu io memory hugetlb pids rdma misc\n") << Version::V2
        << QStringLiteral("/sys/fs/cgroup") << QStringLiteral("/sys/fs/cgroup")
        << QStringLiteral("/sys/fs/cgroup") << QStringList{QStringLiteral("v2")};

    QTest::newRow("v2 without memory")
        << unifiedMount << QString::fromLatin1(kUnifiedSelfCgroup) << service
        << QByteArray("cpuset cpu io pids\n") << Version::None << QString() << QString()
        << QString()
        << QStringList{QStringLiteral("memory"), service, QStringLiteral("cpuset cpu io pids")};

    QTest::newRow("v2 without pids")
        << unifiedMount << QString::fromLatin1(kUnifiedSelfCgroup) << service
        << QByteArray("cpu memory\n") << Version::None << QString() << QString() << QString()
        << QStringList{QStringLiteral("pids"), service};

    QTest::newRow("v2 without cgroup.controllers")
        << unifiedMount << QString::fromLatin1(kUnifiedSelfCgroup) << QString() << QByteArray()
        << Version::None << QString() << QString() << QString()
        << QStringList{QStringLiteral("memory"), service};

    QTest::newRow("no cgroups at all")
        << QStringLiteral(
               "28 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw\n"
               "23 28 0:21 / /proc rw,nosuid,nodev,noexec,relatime shared:12 - proc proc rw\n")
        << QString() << QString() << QByteArray() << Version::None << QString() << QString()
        << QString() << QStringList{QStringLiteral("no cgroup v2 mount"), QStringLiteral("memory")};

    QTest::newRow("empty texts") << QString() << QString() << QString() << QByteArray()
                                 << Version::None << QString() << QString() << QString()
                                 << QStringList{QStringLiteral("no cgroup v2 mount")};

    QTest::newRow("v1 without pids")
        << QStringLiteral("35 30 0:31 / /sys/fs/cgroup/memory rw,relatime shared:15 - cgroup "
                          "cgroup rw,memory\n"
                          "36 30 0:32 / /sys/fs/cgroup/cpu,cpuacct rw,relatime shared:16 - cgroup "
                          "cgroup rw,cpu,cpuacct\n")
        << QStringLiteral("5:memory:/\n4:cpu,cpuacct:/\n") << QString() << QByteArray()
        << Version::None << QString() << QString() << QString()
        << QStringList{QStringLiteral("pids")};
}

void TestCgroup::detect()
{
    QFETCH(QString, mountInfo);
    QFETCH(QString, selfCgroup);
    QFETCH(QString, controllersDir);
    QFETCH(QByteArray, controllers);
    QFETCH(Version, version);
    QFETCH(QString, memoryDir);
    QFETCH(QString, cpuDir);
    QFETCH(QString, pidsDir);
    QFETCH(QStringList, reasonHas);

    QTemporaryDir root;
    QVERIFY(root.isValid());
    const QString fsRoot = root.path();
    if (!controllersDir.isEmpty())
        QVERIFY(writeFile(fsRoot + controllersDir + QStringLiteral("/cgroup.controllers"),
                          controllers));

    const CgroupHost host = CgroupSetup::detect(mountInfo, selfCgroup, fsRoot);
    QCOMPARE(host.version, version);
    auto expected = [&fsRoot](const QString &rel) -> QString {
        return rel.isEmpty() ? QString() : fsRoot + rel;
    };
    QCOMPARE(host.memoryDir, expected(memoryDir));
    QCOMPARE(host.cpuDir, expected(cpuDir));
    QCOMPARE(host.pidsDir, expected(pidsDir));
    QVERIFY(!host.reason.isEmpty());
    for (const QString &part : reasonHas)
        QVERIFY2(host.reason.contains(part),
                 qPrintable(host.reason + QStringLiteral(" lacks ") + part));
}

void TestCgroup::detectHonoursMountRoot()
{
    // A container without a cgroup namespace on a v1 host: each hierarchy is
    // mounted from the container's group (root field "/docker/abc"), and
    // /proc/self/cgroup shows the full path from the hierarchy's root. The
    // process's group is the mount point itself, not mount point + path.
    const QString mountInfo =
        QStringLiteral("600 590 0:31 /docker/abc /sys/fs/cgroup/memory "
                       "ro,nosuid,nodev,noexec,relatime master:15 - cgroup cgroup rw,memory\n"
                       "601 590 0:32 /docker/abc /sys/fs/cgroup/cpu,cpuacct "
                       "ro,nosuid,nodev,noexec,relatime master:16 - cgroup cgroup rw,cpu,cpuacct\n"
                       "602 590 0:33 /docker/abc /sys/fs/cgroup/pids "
                       "ro,nosuid,nodev,noexec,relatime master:17 - cgroup cgroup rw,pids\n");
    const QString self =
        QStringLiteral("12:pids:/docker/abc\n5:memory:/docker/abc\n4:cpu,cpuacct:/docker/abc\n");
    QTemporaryDir root;
    QVERIFY(root.isValid());
    const CgroupHost host = CgroupSetup::detect(mountInfo, self, root.path());
    QCOMPARE(host.version, Version::V1);
    QCOMPARE(host.memoryDir, root.path() + QStringLiteral("/sys/fs/cgroup/memory"));
}

void TestCgroup::detectUnescapesMountPaths()
{
    // mountinfo writes a space in a path as \040.
    const QString mountInfo =
        QStringLiteral("30 25 0:26 / /sys/fs/cgroup/my\\040memory rw - cgroup cgroup rw,memory\n"
                       "31 25 0:27 / /sys/fs/cgroup/cpuacct rw - cgroup cgroup rw,cpuacct\n"
                       "32 25 0:28 / /sys/fs/cgroup/pids rw - cgroup cgroup rw,pids\n");
    const QString self = QStringLiteral("3:memory:/\n2:cpuacct:/\n1:pids:/\n");
    const CgroupHost host = CgroupSetup::detect(mountInfo, self, QStringLiteral("/fake"));
    QCOMPARE(host.version, Version::V1);
    QCOMPARE(host.memoryDir, QStringLiteral("/fake/sys/fs/cgroup/my memory"));
    QCOMPARE(host.pidsDir, QStringLiteral("/fake/sys/fs/cgroup/pids"));
}

void TestCgroup::setupNotUsable()
{
    CgroupHost host;
    host.reason = QStringLiteral("no cgroup v2 mount; no cgroup v1 hierarchy for memory");
    CgroupSetup setup(host, QStringLiteral("evalx-test"));
    QString error;
    QVERIFY(!setup.prepare(&error));
    QCOMPARE(error, host.reason);
    QVERIFY(!setup.createBox(0, &error).has_value());
    QVERIFY(!error.isEmpty());
}

void TestCgroup::setupV2()
{
    QTemporaryDir root;
    QVERIFY(root.isValid());
    const QString own = root.path() + QStringLiteral("/sys/fs/cgroup/system.slice/evalx.service");
    QVERIFY(writeFile(own + QStringLiteral("/cgroup.controllers"), "cpuset cpu io memory pids\n"));
    QVERIFY(writeFile(own + QStringLiteral("/cgroup.subtree_control"), QByteArray()));
    QVERIFY(writeFile(own + QStringLiteral("/evalx-test/cgroup.subtree_control"), QByteArray()));

    const CgroupHost host =
        CgroupSetup::detect(QString::fromLatin1(kUnifiedMountInfo),
                            QString::fromLatin1(kUnifiedSelfCgroup), root.path());
    QCOMPARE(host.version, Version::V2);
    QCOMPARE(host.memoryDir, own);

    CgroupSetup setup(host, QStringLiteral("evalx-test"));
    QString error;
    QVERIFY(!setup.createBox(0, &error).has_value()); // not prepared yet
    QVERIFY(!error.isEmpty());

    error.clear();
    QVERIFY2(setup.prepare(&error), qPrintable(error));
    const QString group = own + QStringLiteral("/evalx-test");
    QVERIFY(QFileInfo(group + QStringLiteral("/engine")).isDir());
    QCOMPARE(readFile(group + QStringLiteral("/engine/cgroup.procs")),
             QByteArray::number(::getpid()));
    QCOMPARE(readFile(own + QStringLiteral("/cgroup.subtree_control")),
             QByteArray("+memory +pids"));
    QCOMPARE(readFile(group + QStringLiteral("/cgroup.subtree_control")),
             QByteArray("+memory +pids"));

    const auto paths = setup.createBox(3, &error);
    QVERIFY2(paths.has_value(), qPrintable(error));
    const QString box = group + QStringLiteral("/box-3");
    QCOMPARE(paths->version, Version::V2);
    QCOMPARE(q(paths->memory), box);
    QCOMPARE(q(paths->cpu), box);
    QCOMPARE(q(paths->pids), box);
    QVERIFY(QFileInfo(box).isDir());

    const auto other = setup.createBox(4, &error);
    QVERIFY(other.has_value());
    QCOMPARE(q(other->memory), group + QStringLiteral("/box-4"));

    setup.removeBox(3);
    QVERIFY(!QFileInfo::exists(box));
    QVERIFY(QFileInfo(group + QStringLiteral("/box-4")).isDir());
}

void TestCgroup::setupV2SweepsStaleGroups()
{
    QTemporaryDir root;
    QVERIFY(root.isValid());
    const QString own = root.path() + QStringLiteral("/cg");
    QVERIFY(writeFile(own + QStringLiteral("/cgroup.subtree_control"), QByteArray()));
    // Left by a process that no longer exists (no pid can be this large).
    const QString stale = own + QStringLiteral("/evalx-2147483647");
    QVERIFY(QDir().mkpath(stale + QStringLiteral("/engine")));
    QVERIFY(QDir().mkpath(stale + QStringLiteral("/box-0")));
    // Of a live process (pid 1 always exists), and not of an EvalX process at all.
    const QString live = own + QStringLiteral("/evalx-1");
    QVERIFY(QDir().mkpath(live + QStringLiteral("/box-0")));
    const QString foreign = own + QStringLiteral("/other-2147483647");
    QVERIFY(QDir().mkpath(foreign));

    CgroupHost host;
    host.version = Version::V2;
    host.memoryDir = host.cpuDir = host.pidsDir = own;
    CgroupSetup setup(host, QStringLiteral("evalx-test"));
    QString error;
    QVERIFY2(setup.prepare(&error), qPrintable(error));
    QVERIFY(!QFileInfo::exists(stale));
    QVERIFY(QFileInfo(live + QStringLiteral("/box-0")).isDir());
    QVERIFY(QFileInfo(foreign).isDir());
    QVERIFY(QFileInfo(own + QStringLiteral("/evalx-test/engine")).isDir());
}

void TestCgroup::setupV2RefusedSubtreeControl()
{
    QTemporaryDir root;
    QVERIFY(root.isValid());
    const QString own = root.path() + QStringLiteral("/cg");
    // A directory in place of the control file: the write fails, as it does
    // on a real host when the group still holds other processes.
    QVERIFY(QDir().mkpath(own + QStringLiteral("/cgroup.subtree_control")));

    CgroupHost host;
    host.version = Version::V2;
    host.memoryDir = host.cpuDir = host.pidsDir = own;
    CgroupSetup setup(host, QStringLiteral("evalx-test"));
    QString error;
    QVERIFY(!setup.prepare(&error));
    QVERIFY2(error.contains(own + QStringLiteral("/cgroup.subtree_control")), qPrintable(error));
    QVERIFY2(error.contains(QStringLiteral("Delegate")), qPrintable(error));
    QVERIFY(!setup.createBox(0, &error).has_value());
}

void TestCgroup::setupV1()
{
    QTemporaryDir root;
    QVERIFY(root.isValid());
    const QString fsRoot = root.path();
    const QString memory =
        fsRoot + QStringLiteral("/sys/fs/cgroup/memory/user.slice/user-1000.slice/session-2.scope");
    const QString cpu = fsRoot + QStringLiteral("/sys/fs/cgroup/cpu,cpuacct/user.slice");
    const QString pids =
        fsRoot + QStringLiteral("/sys/fs/cgroup/pids/user.slice/user-1000.slice/session-2.scope");
    for (const QString &dir : {memory, cpu, pids})
        QVERIFY(QDir().mkpath(dir));

    const CgroupHost host = CgroupSetup::detect(QString::fromLatin1(kHybridMountInfo),
                                                QString::fromLatin1(kHybridSelfCgroup), fsRoot);
    QCOMPARE(host.version, Version::V1);
    QCOMPARE(host.memoryDir, memory);
    QCOMPARE(host.cpuDir, cpu);
    QCOMPARE(host.pidsDir, pids);

    {
        CgroupSetup setup(host, QStringLiteral("evalx-test"));
        QString error;
        QVERIFY2(setup.prepare(&error), qPrintable(error));
        for (const QString &dir : {memory, cpu, pids})
            QVERIFY2(QFileInfo(dir + QStringLiteral("/evalx-test")).isDir(), qPrintable(dir));
        // v1 moves nothing: no engine group, no subtree_control.
        QVERIFY(!QFileInfo::exists(memory + QStringLiteral("/evalx-test/engine")));

        const auto paths = setup.createBox(0, &error);
        QVERIFY2(paths.has_value(), qPrintable(error));
        QCOMPARE(paths->version, Version::V1);
        QCOMPARE(q(paths->memory), memory + QStringLiteral("/evalx-test/box-0"));
        QCOMPARE(q(paths->cpu), cpu + QStringLiteral("/evalx-test/box-0"));
        QCOMPARE(q(paths->pids), pids + QStringLiteral("/evalx-test/box-0"));
        QVERIFY(paths->memory != paths->cpu && paths->cpu != paths->pids &&
                paths->memory != paths->pids);
        for (const std::string &dir : {paths->memory, paths->cpu, paths->pids})
            QVERIFY2(QFileInfo(q(dir)).isDir(), dir.c_str());

        setup.removeBox(0);
        for (const std::string &dir : {paths->memory, paths->cpu, paths->pids})
            QVERIFY2(!QFileInfo::exists(q(dir)), dir.c_str());
    }
    // The v1 groups go with the set-up.
    for (const QString &dir : {memory, cpu, pids})
        QVERIFY2(!QFileInfo::exists(dir + QStringLiteral("/evalx-test")), qPrintable(dir));
}

void TestCgroup::boxCgroupNone()
{
    BoxCgroup cg;
    std::string error;
    QVERIFY(cg.open(BoxPaths{}, &error));
    QVERIFY(!cg.isOpen());
    QCOMPARE(cg.version(), Version::None);
    QVERIFY(!cg.setMemoryLimit(1024));
    QVERIFY(!cg.setPidsMax(3));
    QVERIFY(!cg.resetPeak());
    QVERIFY(!cg.killAll());
    QCOMPARE(cg.cpuUsageNs(), std::uint64_t(0));
    QCOMPARE(cg.oomKills(), std::uint64_t(0));
    QCOMPARE(cg.memoryLimitEvents(), std::uint64_t(0));
    QCOMPARE(cg.memoryPeak(), std::uint64_t(0));
    QVERIFY(cg.processes().empty());
}

void TestCgroup::boxCgroupV2()
{
    QTemporaryDir root;
    QVERIFY(root.isValid());
    const QString dir = root.path() + QStringLiteral("/box-0");
    // An explicit QString: a QStringBuilder would outlive its operands.
    auto file = [&dir](const char *name) -> QString {
        return dir + QLatin1Char('/') + QLatin1String(name);
    };
    QVERIFY(writeFile(file("memory.max"), QByteArray()));
    QVERIFY(writeFile(file("memory.swap.max"), QByteArray()));
    QVERIFY(writeFile(file("memory.peak"), "8192\n"));
    QVERIFY(writeFile(file("memory.current"), "12345\n"));
    QVERIFY(writeFile(file("memory.events"),
                      "low 0\nhigh 0\nmax 7\noom 2\noom_kill 3\noom_group_kill 0\n"));
    QVERIFY(writeFile(file("cgroup.procs"), "11\n22\n"));
    QVERIFY(writeFile(file("cgroup.kill"), QByteArray()));
    QVERIFY(writeFile(file("cpu.stat"), "usage_usec 2500\nuser_usec 2000\nsystem_usec 500\n"
                                        "nr_periods 0\nnr_throttled 0\nthrottled_usec 0\n"));
    QVERIFY(writeFile(file("pids.max"), QByteArray()));

    BoxPaths paths;
    paths.version = Version::V2;
    paths.memory = paths.cpu = paths.pids = dir.toStdString();
    BoxCgroup cg;
    std::string error;
    QVERIFY2(cg.open(paths, &error), error.c_str());
    QVERIFY(cg.isOpen());
    QCOMPARE(cg.version(), Version::V2);
    QCOMPARE(readFile(file("memory.swap.max")), QByteArray("0"));

    // The box writes at offset 0 without truncating, as cgroupfs expects:
    // start every check from an empty file.
    QVERIFY(cg.setMemoryLimit(1048576));
    QCOMPARE(readFile(file("memory.max")), QByteArray("1048576"));
    QVERIFY(truncateFile(file("memory.max")));
    QVERIFY(cg.setMemoryLimit(0));
    QCOMPARE(readFile(file("memory.max")), QByteArray("max"));

    QVERIFY(cg.setPidsMax(0));
    QCOMPARE(readFile(file("pids.max")), QByteArray("max"));
    QVERIFY(truncateFile(file("pids.max")));
    QVERIFY(cg.setPidsMax(5));
    QCOMPARE(readFile(file("pids.max")), QByteArray("5"));

    QCOMPARE(cg.memoryCurrent(), std::uint64_t(12345));
    QCOMPARE(cg.memoryPeak(), std::uint64_t(8192));
    QCOMPARE(cg.cpuUsageNs(), std::uint64_t(2500000));
    QCOMPARE(cg.oomKills(), std::uint64_t(3));
    QCOMPARE(cg.memoryLimitEvents(), std::uint64_t(7));
    QCOMPARE(cg.processes(), (std::vector<pid_t>{11, 22}));

    // Values are read afresh every time, through the open descriptors.
    QVERIFY(writeFile(file("memory.current"), "777\n"));
    QCOMPARE(cg.memoryCurrent(), std::uint64_t(777));
    QVERIFY(writeFile(file("cgroup.procs"), "5\n"));
    QCOMPARE(cg.processes(), (std::vector<pid_t>{5}));
    QVERIFY(writeFile(file("cgroup.procs"), QByteArray()));
    QVERIFY(cg.processes().empty());

    QVERIFY(truncateFile(file("memory.peak")));
    QVERIFY(cg.resetPeak());
    QCOMPARE(readFile(file("memory.peak")), QByteArray("reset"));

    // cgroup.procs is empty now, so even the fallback would kill nobody.
    QVERIFY(cg.killAll());
    QCOMPARE(readFile(file("cgroup.kill")), QByteArray("1"));

    QVERIFY(cg.join(&error));
    QCOMPARE(readFile(file("cgroup.procs")), QByteArray::number(::getpid()));

    cg.close();
    QVERIFY(!cg.isOpen());
    QVERIFY(!cg.setMemoryLimit(1));
}

void TestCgroup::boxCgroupV2OptionalFiles()
{
    // Older kernels: no memory.peak (< 5.19), no cgroup.kill (< 5.14), no swap.
    QTemporaryDir root;
    QVERIFY(root.isValid());
    const QString dir = root.path();
    for (const char *name :
         {"memory.max", "memory.current", "memory.events", "cgroup.procs", "cpu.stat", "pids.max"})
        QVERIFY(writeFile(dir + QLatin1Char('/') + QLatin1String(name), QByteArray()));

    BoxPaths paths;
    paths.version = Version::V2;
    paths.memory = paths.cpu = paths.pids = dir.toStdString();
    BoxCgroup cg;
    std::string error;
    QVERIFY2(cg.open(paths, &error), error.c_str());
    QVERIFY(!QFileInfo::exists(dir + QStringLiteral("/memory.swap.max")));
    QCOMPARE(cg.memoryPeak(), std::uint64_t(0));
    QVERIFY(!cg.resetPeak());
    QCOMPARE(cg.oomKills(), std::uint64_t(0));
    QCOMPARE(cg.cpuUsageNs(), std::uint64_t(0));
}

void TestCgroup::boxCgroupV2MissingFile()
{
    QTemporaryDir root;
    QVERIFY(root.isValid());
    const QString dir = root.path();
    for (const char *name :
         {"memory.current", "memory.events", "cgroup.procs", "cpu.stat", "pids.max"})
        QVERIFY(writeFile(dir + QLatin1Char('/') + QLatin1String(name), QByteArray()));

    BoxPaths paths;
    paths.version = Version::V2;
    paths.memory = paths.cpu = paths.pids = dir.toStdString();
    BoxCgroup cg;
    std::string error;
    QVERIFY(!cg.open(paths, &error));
    QVERIFY(!cg.isOpen());
    QCOMPARE(cg.version(), Version::None);
    QVERIFY2(q(error).contains(QStringLiteral("memory.max")), error.c_str());
    QVERIFY2(q(error).contains(dir), error.c_str());

    // A different missing file is named too.
    QVERIFY(writeFile(dir + QStringLiteral("/memory.max"), QByteArray()));
    QVERIFY(QFile::remove(dir + QStringLiteral("/cpu.stat")));
    error.clear();
    QVERIFY(!cg.open(paths, &error));
    QVERIFY2(q(error).contains(QStringLiteral("cpu.stat")), error.c_str());

    // A null error pointer is fine.
    QVERIFY(!cg.open(paths, nullptr));
}

void TestCgroup::boxCgroupV1()
{
    QTemporaryDir root;
    QVERIFY(root.isValid());
    const QString memory = root.path() + QStringLiteral("/memory/evalx-test/box-1");
    const QString cpu = root.path() + QStringLiteral("/cpu,cpuacct/evalx-test/box-1");
    const QString pids = root.path() + QStringLiteral("/pids/evalx-test/box-1");
    auto in = [](const QString &dir, const char *name) -> QString {
        return dir + QLatin1Char('/') + QLatin1String(name);
    };
    QVERIFY(writeFile(in(memory, "memory.limit_in_bytes"), QByteArray()));
    QVERIFY(writeFile(in(memory, "memory.memsw.limit_in_bytes"), QByteArray()));
    QVERIFY(writeFile(in(memory, "memory.max_usage_in_bytes"), "4096"));
    QVERIFY(writeFile(in(memory, "memory.usage_in_bytes"), "2048\n"));
    QVERIFY(writeFile(in(memory, "memory.oom_control"),
                      "oom_kill_disable 0\nunder_oom 0\noom_kill 1\n"));
    QVERIFY(writeFile(in(memory, "memory.failcnt"), "2"));
    QVERIFY(writeFile(in(memory, "cgroup.procs"), "33\n"));
    QVERIFY(writeFile(in(cpu, "cpuacct.usage"), "123456789"));
    QVERIFY(writeFile(in(cpu, "cgroup.procs"), QByteArray()));
    QVERIFY(writeFile(in(pids, "pids.max"), QByteArray()));
    QVERIFY(writeFile(in(pids, "cgroup.procs"), QByteArray()));

    BoxPaths paths;
    paths.version = Version::V1;
    paths.memory = memory.toStdString();
    paths.cpu = cpu.toStdString();
    paths.pids = pids.toStdString();
    BoxCgroup cg;
    std::string error;
    QVERIFY2(cg.open(paths, &error), error.c_str());
    QCOMPARE(cg.version(), Version::V1);
    // v1 does not touch memsw on open, only with a limit.
    QCOMPARE(readFile(in(memory, "memory.memsw.limit_in_bytes")), QByteArray());

    QCOMPARE(cg.cpuUsageNs(), std::uint64_t(123456789));
    QCOMPARE(cg.memoryPeak(), std::uint64_t(4096));
    QCOMPARE(cg.memoryCurrent(), std::uint64_t(2048));
    QCOMPARE(cg.oomKills(), std::uint64_t(1));
    QCOMPARE(cg.memoryLimitEvents(), std::uint64_t(2));
    QCOMPARE(cg.processes(), (std::vector<pid_t>{33}));

    QVERIFY(cg.setMemoryLimit(1048576));
    QCOMPARE(readFile(in(memory, "memory.limit_in_bytes")), QByteArray("1048576"));
    // memsw follows the memory limit, so that swap adds nothing.
    QCOMPARE(readFile(in(memory, "memory.memsw.limit_in_bytes")), QByteArray("1048576"));
    QVERIFY(truncateFile(in(memory, "memory.limit_in_bytes")));
    QVERIFY(truncateFile(in(memory, "memory.memsw.limit_in_bytes")));
    QVERIFY(cg.setMemoryLimit(0));
    QCOMPARE(readFile(in(memory, "memory.limit_in_bytes")), QByteArray("-1"));
    QCOMPARE(readFile(in(memory, "memory.memsw.limit_in_bytes")), QByteArray("-1"));

    QVERIFY(cg.setPidsMax(5));
    QCOMPARE(readFile(in(pids, "pids.max")), QByteArray("5"));
    QVERIFY(truncateFile(in(pids, "pids.max")));
    QVERIFY(cg.setPidsMax(0));
    QCOMPARE(readFile(in(pids, "pids.max")), QByteArray("max"));

    QVERIFY(truncateFile(in(memory, "memory.max_usage_in_bytes")));
    QVERIFY(truncateFile(in(memory, "memory.failcnt")));
    QVERIFY(cg.resetPeak());
    QCOMPARE(readFile(in(memory, "memory.max_usage_in_bytes")), QByteArray("0"));
    QCOMPARE(readFile(in(memory, "memory.failcnt")), QByteArray("0"));
    QCOMPARE(cg.memoryPeak(), std::uint64_t(0));
    QCOMPARE(cg.memoryLimitEvents(), std::uint64_t(0));

    // killAll on v1 signals the listed processes: list only this one, which it skips.
    QVERIFY(writeFile(in(memory, "cgroup.procs"), QByteArray::number(::getpid()) + '\n'));
    QVERIFY(cg.killAll());

    // join writes this process into every hierarchy.
    for (const QString &dir : {memory, cpu, pids})
        QVERIFY(truncateFile(in(dir, "cgroup.procs")));
    QVERIFY2(cg.join(&error), error.c_str());
    for (const QString &dir : {memory, cpu, pids})
        QCOMPARE(readFile(in(dir, "cgroup.procs")), QByteArray::number(::getpid()));
}

void TestCgroup::boxCgroupV1MissingFile()
{
    QTemporaryDir root;
    QVERIFY(root.isValid());
    const QString memory = root.path() + QStringLiteral("/memory");
    const QString cpu = root.path() + QStringLiteral("/cpu");
    const QString pids = root.path() + QStringLiteral("/pids");
    for (const char *name :
         {"memory.limit_in_bytes", "memory.max_usage_in_bytes", "memory.usage_in_bytes",
          "memory.oom_control", "memory.failcnt", "cgroup.procs"})
        QVERIFY(writeFile(memory + QLatin1Char('/') + QLatin1String(name), QByteArray()));
    QVERIFY(writeFile(pids + QStringLiteral("/pids.max"), QByteArray()));
    QVERIFY(QDir().mkpath(cpu));

    BoxPaths paths;
    paths.version = Version::V1;
    paths.memory = memory.toStdString();
    paths.cpu = cpu.toStdString();
    paths.pids = pids.toStdString();
    BoxCgroup cg;
    std::string error;
    QVERIFY(!cg.open(paths, &error));
    QVERIFY(!cg.isOpen());
    QVERIFY2(q(error).contains(cpu + QStringLiteral("/cpuacct.usage")), error.c_str());

    // memsw is optional (swap accounting off); with cpuacct.usage present it opens.
    QVERIFY(writeFile(cpu + QStringLiteral("/cpuacct.usage"), "0"));
    QVERIFY2(cg.open(paths, &error), error.c_str());
    QVERIFY(cg.setMemoryLimit(4096));
    QCOMPARE(readFile(memory + QStringLiteral("/memory.limit_in_bytes")), QByteArray("4096"));
}

QTEST_GUILESS_MAIN(TestCgroup)
#include "tst_cgroup.moc"
