#include "doctorcommand.h"
#include "boxpool.h"
#include "headless.h"
#include "language.h"
#include "options.h"
#include "redisclient.h"

#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTextStream>
#include <QVersionNumber>

#include <cerrno>
#include <linux/seccomp.h>
#include <sched.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

namespace evalx::app {

namespace {

// Redis commands the shared queue needs: XAUTOCLAIM came with 6.2.
const QVersionNumber kMinimumRedis(6, 2);

struct Check
{
    enum Status { Ok, Warn, Fail };
    QString name;
    Status status = Ok;
    QString detail;
    QString fix; // what to do, in plain words; empty when nothing
};

QString statusName(Check::Status s)
{
    switch (s) {
    case Check::Ok:
        return QStringLiteral("OK");
    case Check::Warn:
        return QStringLiteral("WARN");
    case Check::Fail:
        return QStringLiteral("FAIL");
    }
    return QStringLiteral("FAIL");
}

// Whether this process may create a user namespace: tried in a child, which
// is the only honest test (sysctls, AppArmor and seccomp all have a say).
bool userNamespacesWork()
{
    const pid_t pid = ::fork();
    if (pid < 0)
        return false;
    if (pid == 0)
        ::_exit(::unshare(CLONE_NEWUSER) == 0 ? 0 : 1);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

// Whether the kernel takes seccomp filters: with a null filter the call fails
// with EFAULT where filters are supported and EINVAL where they are not.
bool kernelHasSeccompFilter()
{
    return ::prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, nullptr, 0, 0) != 0 && errno == EFAULT;
}

// What a started pool says about one box, and what running 'true' in it gave.
struct PoolProbe
{
    bool started = false;
    QString error;
    SandboxSummary summary;
    bool ran = false;
    RunResult run;
    qint64 runMs = 0;
};

PoolProbe probePool(const SandboxOptions &sandbox)
{
    PoolProbe probe;
    SandboxOptions options = sandbox;
    options.poolSize = 1;
    BoxPool pool(options);
    probe.started = pool.start(&probe.error);
    if (!probe.started)
        return probe;
    probe.summary = pool.summary();
    BoxLease lease = pool.acquire(10000);
    if (!lease) {
        probe.error = QStringLiteral("the box did not become free");
        return probe;
    }
    RunRequest request;
    request.argv = {QStringLiteral("true")};
    request.limits.cpuMs = 2000;
    request.limits.wallMs = 5000;
    request.limits.memoryKib = 64 * 1024;
    request.limits.processes = 4;
    request.limits.outputKib = 64;
    QElapsedTimer timer;
    timer.start();
    probe.run = lease.run(request);
    probe.runMs = timer.elapsed();
    probe.ran = true;
    return probe;
}

Check namespacesCheck(const PoolProbe &pool)
{
    Check c{QStringLiteral("namespaces"), Check::Ok, {}, {}};
    const bool root = ::geteuid() == 0;
    const QString mode = pool.started ? pool.summary.mode : QString();
    if (mode == QLatin1String("namespaces")) {
        c.detail = QStringLiteral("running as root: every box has its own namespaces, root "
                                  "filesystem and user id");
    } else if (mode == QLatin1String("rootless")) {
        c.detail = QStringLiteral("not root: boxes live in a user namespace (rootless), all "
                                  "under your user id");
    } else if (mode == QLatin1String("isolate")) {
        c.detail = QStringLiteral("the isolate backend sets up its own namespaces");
    } else if (pool.started) {
        c.status = Check::Warn;
        c.detail = QStringLiteral("no namespaces: programs run as plain processes and can see "
                                  "the host's files, network and processes");
        c.fix = root ? QStringLiteral("the kernel or a container refuses namespaces even to root: "
                                      "run EvalX on the host or in a privileged container")
                     : QStringLiteral("run as root (sudo, or the evalx service), or allow user "
                                      "namespaces: sysctl -w kernel.unprivileged_userns_clone=1");
    } else if (root || userNamespacesWork()) {
        c.detail = root ? QStringLiteral("running as root")
                        : QStringLiteral("not root, but user namespaces are allowed (rootless)");
    } else {
        c.status = Check::Warn;
        c.detail = QStringLiteral("not root and user namespaces are refused");
        c.fix = QStringLiteral("run as root (sudo, or the evalx service), or allow user "
                               "namespaces: sysctl -w kernel.unprivileged_userns_clone=1");
    }
    return c;
}

QString v2Controllers(const QString &dir)
{
    QFile f(dir + QStringLiteral("/cgroup.controllers"));
    return f.open(QIODevice::ReadOnly) ? QString::fromLatin1(f.readAll()).simplified() : QString();
}

Check cgroupsCheck(const PoolProbe &pool)
{
    Check c{QStringLiteral("cgroups"), Check::Ok, {}, {}};
    const CgroupHost host = CgroupSetup::detectHost();
    const QString delegate = QStringLiteral(
        "run as root (the evalx service has Delegate=yes), or give EvalX a delegated cgroup: "
        "systemd-run --scope -p Delegate=yes evalx ...");
    if (host.version == cgroup::Version::None) {
        c.status = Check::Warn;
        c.detail = QStringLiteral("none usable (%1): memory is limited per process as address "
                                  "space, CPU time per process, processes only per user")
                       .arg(host.reason);
        c.fix = QStringLiteral("boot with cgroup v2 and its memory and pids controllers (the "
                               "Debian 12 default), or mount the v1 memory, cpuacct and pids "
                               "hierarchies");
        return c;
    }
    QString where;
    if (host.version == cgroup::Version::V2) {
        const QFileInfo dir(host.memoryDir);
        where = QStringLiteral("v2 at %1, controllers: %2; %3")
                    .arg(host.memoryDir, v2Controllers(host.memoryDir),
                         dir.isWritable() ? QStringLiteral("writable (delegated to this user)")
                                          : QStringLiteral("not writable by this user"));
    } else {
        where = QStringLiteral("v1: memory at %1, cpuacct at %2, pids at %3")
                    .arg(host.memoryDir, host.cpuDir, host.pidsDir);
    }
    if (!pool.started) {
        c.status = Check::Warn;
        c.detail = where + QStringLiteral("; not tried, the pool did not start");
        return c;
    }
    if (pool.summary.cgroup == QLatin1String("none")) {
        c.status = Check::Warn;
        c.detail =
            where + QStringLiteral("; the boxes got no cgroup: %1").arg(pool.summary.cgroupReason);
        c.fix = delegate;
        return c;
    }
    c.detail = where + QStringLiteral("; a box's group was created and used");
    return c;
}

Check seccompCheck(const PoolProbe &pool)
{
    Check c{QStringLiteral("seccomp"), Check::Ok, {}, {}};
    if (pool.started && pool.summary.mode == QLatin1String("isolate")) {
        c.status = Check::Warn;
        c.detail = QStringLiteral("the isolate backend has no seccomp filter");
        c.fix = QStringLiteral("use EvalX's own boxes (--sandbox evalx, the default)");
        return c;
    }
    if (pool.started && pool.summary.seccomp) {
        c.detail = QStringLiteral("every box installs its system call filter");
        return c;
    }
    const bool kernel = kernelHasSeccompFilter();
    c.status = Check::Warn;
    c.detail = kernel ? QStringLiteral("the kernel takes filters, but the box did not install one")
                      : QStringLiteral("the kernel takes no seccomp filters: programs may make "
                                       "any system call their privileges allow");
    c.fix = kernel ? QStringLiteral("see the sandbox warnings above; a container runtime may "
                                    "forbid nested filters")
                   : QStringLiteral("use a kernel built with CONFIG_SECCOMP_FILTER (every "
                                    "Debian kernel is)");
    return c;
}

Check helperCheck(const SandboxOptions &sandbox)
{
    Check c{QStringLiteral("box helper"), Check::Ok, {}, {}};
    if (sandbox.backend == SandboxOptions::Backend::Isolate) {
        c.detail = QStringLiteral("not needed by the isolate backend");
        return c;
    }
    const QString helper = BoxPool::findHelper(sandbox.helperPath);
    if (helper.isEmpty()) {
        c.status = Check::Fail;
        c.detail = QStringLiteral("evalx-box was found neither next to evalx nor in "
                                  "../libexec/evalx");
        c.fix = QStringLiteral("reinstall EvalX, or set EVALX_BOX_HELPER to the evalx-box "
                               "program");
        return c;
    }
    c.detail = helper;
    return c;
}

Check boxCheck(const PoolProbe &pool)
{
    Check c{QStringLiteral("box"), Check::Ok, {}, {}};
    if (!pool.started) {
        c.status = Check::Fail;
        c.detail = QStringLiteral("the sandbox could not start: %1").arg(pool.error);
        c.fix = QStringLiteral("see the lines above; as root the sandbox needs nothing more");
        return c;
    }
    if (!pool.ran || pool.run.status != RunStatus::OK) {
        c.status = Check::Fail;
        c.detail = pool.ran ? QStringLiteral("'true' in a box ended %1: %2")
                                  .arg(runStatusName(pool.run.status), pool.run.message)
                            : pool.error;
        c.fix = QStringLiteral("run with --log-level debug to see the sandbox's messages");
        return c;
    }
    c.detail = QStringLiteral("a box started (%1, cgroup %2, seccomp %3) and ran 'true' in %4 ms")
                   .arg(pool.summary.mode, pool.summary.cgroup,
                        pool.summary.seccomp ? QStringLiteral("on") : QStringLiteral("off"))
                   .arg(pool.runMs);
    return c;
}

QList<Check> languageChecks()
{
    LanguageCatalogue catalogue = LanguageCatalogue::builtIn();
    catalogue.detect();
    QList<Check> checks;
    int available = 0;
    for (const Language &l : catalogue.languages()) {
        const LanguageStatus s = catalogue.status(l.id);
        Check c{QStringLiteral("language %1").arg(l.id), Check::Ok, {}, {}};
        if (s.available) {
            ++available;
            c.detail = QStringLiteral("%1: %2").arg(l.name, s.version);
        } else {
            c.status = Check::Warn;
            c.detail = QStringLiteral("%1: %2 not found").arg(l.name, s.missingTool);
            c.fix = QStringLiteral("install %1 (apt install %1), or leave it off").arg(l.package);
        }
        checks << c;
    }
    if (available == 0)
        checks << Check{QStringLiteral("languages"), Check::Fail,
                        QStringLiteral("no language can be judged here"),
                        QStringLiteral("install at least one toolchain, e.g. apt install gcc")};
    return checks;
}

Check redisCheck(const QString &text)
{
    Check c{QStringLiteral("redis"), Check::Ok, {}, {}};
    QString error;
    const std::optional<RedisUrl> url = RedisUrl::parse(text, &error);
    if (!url) {
        c.status = Check::Fail;
        c.detail = error;
        c.fix = QStringLiteral("write it as redis://[[USER]:PASSWORD@]HOST[:PORT][/DB]");
        return c;
    }
    RedisClient client(*url, 1);
    if (!client.command({QByteArrayLiteral("PING")}, &error)) {
        c.status = Check::Fail;
        c.detail = error.contains(url->display())
                       ? error
                       : QStringLiteral("cannot use %1: %2").arg(url->display(), error);
        c.fix = QStringLiteral("start Redis there (apt install redis-server), or correct the URL "
                               "(host, port, password)");
        return c;
    }
    QString version;
    if (const auto info =
            client.command({QByteArrayLiteral("INFO"), QByteArrayLiteral("server")}, &error)) {
        const QRegularExpression re(QStringLiteral("redis_version:([0-9.]+)"));
        version = re.match(QString::fromUtf8(info->text())).captured(1);
    }
    if (!version.isEmpty() && QVersionNumber::fromString(version) < kMinimumRedis) {
        c.status = Check::Fail;
        c.detail = QStringLiteral("%1 answers, but it is Redis %2").arg(url->display(), version);
        c.fix = QStringLiteral("the shared queue needs Redis %1 or later (Debian 12 has 7.0)")
                    .arg(kMinimumRedis.toString());
        return c;
    }
    c.detail = QStringLiteral("%1 answers PING (Redis %2)")
                   .arg(url->display(), version.isEmpty() ? QStringLiteral("?") : version);
    return c;
}

Check portCheck(const QHostAddress &address, quint16 port)
{
    Check c{QStringLiteral("port"), Check::Ok, {}, {}};
    const QString where = QStringLiteral("%1:%2").arg(address.toString()).arg(port);
    QTcpServer server;
    if (server.listen(address, port)) {
        c.detail = QStringLiteral("can listen on %1").arg(where);
        return c;
    }
    c.status = Check::Fail;
    c.detail = QStringLiteral("cannot listen on %1: %2").arg(where, server.errorString());
    switch (server.serverError()) {
    case QAbstractSocket::AddressInUseError:
        c.fix = QStringLiteral("another program listens there (ss -ltnp 'sport = :%1' names it): "
                               "stop it or choose another --port")
                    .arg(port);
        break;
    case QAbstractSocket::SocketAccessError:
        c.fix = QStringLiteral("ports below 1024 need root: choose another --port");
        break;
    default:
        c.fix = QStringLiteral("--bind must be an address of this machine (ip -brief address)");
        break;
    }
    return c;
}

} // namespace

int doctorCommand(const QStringList &arguments)
{
    const QString verb = QStringLiteral("doctor");
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Checks what judging needs on this host and says what to fix.\n"
        "Exit code: 0 when nothing stops judging (warnings allowed), 1 when something does, "
        "2 for a bad command line."));
    parser.addHelpOption();
    parser.addPositionalArgument(verb, QStringLiteral("The verb."));
    const QList<QCommandLineOption> own = {
        {QStringLiteral("redis"), QStringLiteral("Also check this Redis: connect, PING, version."),
         QStringLiteral("URL")},
        {QStringLiteral("port"), QStringLiteral("Also check that the server could listen here."),
         QStringLiteral("PORT")},
        {QStringLiteral("bind"), QStringLiteral("The address for --port (default 127.0.0.1)."),
         QStringLiteral("ADDR")},
        {QStringLiteral("json"), QStringLiteral("Print one JSON object.")},
        sandboxOption(),
        configOption(),
    };
    parser.addOptions(own);
    if (const std::optional<int> done = parseCommandLine(parser, arguments, verb))
        return *done;
    if (parser.positionalArguments().size() > 1)
        return usageError(verb, QStringLiteral("takes no files"));
    QString error;
    // The server's config file: its Redis and port are checked too.
    if (!loadConfigFile(parser, headlessOptions(), &error))
        return usageError(verb, error);
    SandboxOptions sandbox;
    if (!applySandboxOption(parser, &sandbox, &error))
        return usageError(verb, error);
    QHostAddress address(QHostAddress::LocalHost);
    if (auto v = optionValue(parser, QStringLiteral("bind"))) {
        if (!address.setAddress(*v))
            return usageError(verb, QStringLiteral("--bind takes an IP address, not '%1'").arg(*v));
    }
    std::optional<quint16> port;
    if (auto v = optionValue(parser, QStringLiteral("port"))) {
        const auto n = parseCount(QStringLiteral("port"), *v, 1, 65535, &error);
        if (!n)
            return usageError(verb, error);
        port = quint16(*n);
    } else if (optionValue(parser, QStringLiteral("bind"))) {
        port = 3000; // the server's default
    }

    const PoolProbe pool = probePool(sandbox);
    QList<Check> checks{namespacesCheck(pool), cgroupsCheck(pool), seccompCheck(pool),
                        helperCheck(sandbox), boxCheck(pool)};
    for (const QString &w : pool.summary.warnings)
        checks << Check{QStringLiteral("sandbox"), Check::Warn, w, {}};
    checks << languageChecks();
    if (auto v = optionValue(parser, QStringLiteral("redis")))
        checks << redisCheck(*v);
    if (port)
        checks << portCheck(address, *port);

    bool failed = false;
    for (const Check &c : std::as_const(checks))
        failed = failed || c.status == Check::Fail;
    QTextStream out(stdout);
    if (optionSet(parser, QStringLiteral("json"))) {
        QJsonArray list;
        for (const Check &c : std::as_const(checks))
            list.append(QJsonObject{{QStringLiteral("check"), c.name},
                                    {QStringLiteral("status"), statusName(c.status).toLower()},
                                    {QStringLiteral("detail"), c.detail},
                                    {QStringLiteral("fix"), c.fix}});
        out << QJsonDocument(
                   QJsonObject{{QStringLiteral("ok"), !failed}, {QStringLiteral("checks"), list}})
                   .toJson(QJsonDocument::Compact)
            << "\n";
    } else {
        for (const Check &c : std::as_const(checks)) {
            out << statusName(c.status).leftJustified(6) << c.name << ": " << c.detail;
            if (!c.fix.isEmpty())
                out << ". To fix: " << c.fix;
            out << "\n";
        }
        out << (failed ? "Something above stops EvalX from judging here.\n"
                       : "Nothing stops EvalX from judging here.\n");
    }
    return failed ? 1 : 0;
}

} // namespace evalx::app
