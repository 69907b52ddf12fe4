#include "boxpool.h"
#include "sandboxlog.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QFileInfo>
#include <QMetaMethod>
#include <QProcess>
#include <QThread>
#include <QtConcurrent/QtConcurrentMap>

#include <unistd.h>

Q_LOGGING_CATEGORY(lcSandbox, "evalx.sandbox")

namespace evalx {

QStringList SandboxOptions::defaultEtcEntries()
{
    // What compilers and runtimes read from /etc; nothing with secrets in it.
    return {QStringLiteral("alternatives"),
            QStringLiteral("ld.so.cache"),
            QStringLiteral("ld.so.conf"),
            QStringLiteral("ld.so.conf.d"),
            QStringLiteral("localtime"),
            QStringLiteral("nsswitch.conf"),
            QStringLiteral("java-17-openjdk"),
            QStringLiteral("fpc.cfg"),
            QStringLiteral("php"),
            QStringLiteral("perl"),
            QStringLiteral("mime.types"),
            QStringLiteral("ssl")};
}

namespace {

// An entry that is a symbolic link into /etc (fpc.cfg -> alternatives ->
// fpc-3.2.2.cfg) is useless without its target: show the targets too.
QStringList withLinkTargets(const QStringList &entries)
{
    QStringList out = entries;
    for (const QString &entry : entries) {
        const QString target = QFileInfo(QStringLiteral("/etc/") + entry).canonicalFilePath();
        if (target.startsWith(QLatin1String("/etc/"))) {
            const QString name = target.mid(5);
            if (!name.contains(QLatin1Char('/')) && !out.contains(name))
                out << name;
        }
    }
    return out;
}

} // namespace

QString boxStateName(BoxState state)
{
    switch (state) {
    case BoxState::Starting:
        return QStringLiteral("starting");
    case BoxState::Idle:
        return QStringLiteral("idle");
    case BoxState::Compiling:
        return QStringLiteral("compiling");
    case BoxState::Running:
        return QStringLiteral("running");
    case BoxState::Cleaning:
        return QStringLiteral("cleaning");
    case BoxState::Broken:
        return QStringLiteral("broken");
    }
    return QStringLiteral("broken");
}

BoxLease::BoxLease(BoxLease &&other) noexcept
    : m_pool(std::exchange(other.m_pool, nullptr))
    , m_box(std::exchange(other.m_box, nullptr))
{}

BoxLease &BoxLease::operator=(BoxLease &&other) noexcept
{
    if (this != &other) {
        release();
        m_pool = std::exchange(other.m_pool, nullptr);
        m_box = std::exchange(other.m_box, nullptr);
    }
    return *this;
}

BoxLease::~BoxLease()
{
    release();
}

RunResult BoxLease::run(const RunRequest &request, BoxState state, const QString &activity)
{
    if (!m_box)
        return RunResult::internalError(QStringLiteral("no box"));
    m_pool->update(m_box, state, activity, false, false);
    RunResult result = m_box->run(request);
    m_pool->update(m_box, state, activity, true, result.status == RunStatus::IE);
    return result;
}

void BoxLease::release()
{
    if (m_box)
        m_pool->giveBack(m_box);
    m_box = nullptr;
    m_pool = nullptr;
}

BoxPool::BoxPool(SandboxOptions options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
{}

BoxPool::~BoxPool()
{
    for (auto &slot : m_slots) {
        if (slot.box)
            slot.box->stop();
        if (m_cgroups)
            m_cgroups->removeBox(slot.info.index);
    }
    m_slots.clear();
    m_cgroups.reset();
    if (!m_stateDir.isEmpty())
        QDir(m_stateDir).removeRecursively();
}

QString BoxPool::findHelper(const QString &configured)
{
    QStringList candidates;
    if (!configured.isEmpty())
        candidates << configured;
    const QString env = qEnvironmentVariable("EVALX_BOX_HELPER");
    if (!env.isEmpty())
        candidates << env;
    if (QCoreApplication::instance()) {
        const QString dir = QCoreApplication::applicationDirPath();
        candidates << dir + QStringLiteral("/evalx-box")
                   << dir + QStringLiteral("/../libexec/evalx/evalx-box");
    }
#ifdef EVALX_BOX_HELPER_BUILD_PATH
    candidates << QStringLiteral(EVALX_BOX_HELPER_BUILD_PATH);
#endif
    for (const QString &c : candidates) {
        const QFileInfo fi(c);
        if (fi.isFile() && fi.isExecutable())
            return fi.canonicalFilePath();
    }
    return {};
}

// Numbers for every slot that no other EvalX process on the host holds: the
// first free ones above the configured start.
bool BoxPool::claimNumbers(QString *error)
{
    constexpr int kSpan = 4096;
    const bool isolate = m_options.backend == SandboxOptions::Backend::Isolate;
    const QByteArray kind = isolate ? QByteArrayLiteral("isolate-box") : QByteArrayLiteral("uid");
    const int first = isolate ? m_options.isolateFirstBox : int(m_options.firstUid);
    int next = first;
    for (Slot &slot : m_slots) {
        std::optional<HostClaim> claim = HostClaim::take(kind, next, first + kSpan - next);
        if (!claim) {
            *error =
                QStringLiteral("every %1 from %2 to %3 is held by other EvalX processes on "
                               "this host")
                    .arg(isolate ? QStringLiteral("isolate box id") : QStringLiteral("box uid"))
                    .arg(first)
                    .arg(first + kSpan - 1);
            return false;
        }
        next = claim->number() + 1;
        slot.claim = std::move(*claim);
    }
    return true;
}

BoxConfig BoxPool::boxConfig(const Slot &slot) const
{
    const int index = slot.info.index;
    BoxConfig c;
    c.helperPath = m_options.helperPath;
    c.index = index;
    c.hostNumber = slot.claim.number() -
                   (m_isolateSetup ? m_options.isolateFirstBox : int(m_options.firstUid));
    c.isolate = m_isolate;
    c.stagingDir = m_stateDir + QStringLiteral("/box-%1").arg(index);
    c.uid = m_options.firstUid + uid_t(c.hostNumber);
    c.gid = m_options.firstUid + gid_t(c.hostNumber);
    c.etcEntries = withLinkTargets(m_options.etcEntries);
    c.binds = m_options.binds;
    return c;
}

bool BoxPool::startBox(Slot &slot, QString *error)
{
    BoxConfig config = boxConfig(slot);
    slot.info.uid = config.uid;
    if (m_cgroups) {
        // Named by the host number: two pools of one process (the console
        // replacing its pool, tests) never share a group.
        config.cgroup = m_cgroups->createBox(config.hostNumber, error);
        if (!config.cgroup)
            return false;
    }
    QDir().mkpath(config.stagingDir);
    if (m_isolateSetup)
        slot.box = std::make_unique<IsolateBox>(std::move(config), *m_isolateSetup);
    else
        slot.box = std::make_unique<HelperBox>(std::move(config));
    if (!slot.box->start(error))
        return false;
    qCDebug(lcSandbox, "box %d started (helper pid %lld)", slot.info.index,
            qlonglong(slot.box->helperPid()));
    return true;
}

bool BoxPool::prepareIsolate(QString *error)
{
    auto setup = std::make_unique<IsolateSetup>();
    if (!IsolateSetup::probe(m_options.isolatePath, setup.get(), error))
        return false;
    setup->firstBoxId = m_options.isolateFirstBox;
    setup->cgroups = m_options.useCgroups;
    // isolate shows no /etc; programs get a copy of the entries they need.
    setup->etcDir = m_stateDir + QStringLiteral("/etc");
    QDir().mkpath(setup->etcDir);
    for (const QString &entry : withLinkTargets(m_options.etcEntries)) {
        if (QFileInfo::exists(QStringLiteral("/etc/") + entry) ||
            QFileInfo(QStringLiteral("/etc/") + entry).isSymLink())
            QProcess::execute(QStringLiteral("cp"),
                              {QStringLiteral("-a"), QStringLiteral("/etc/") + entry,
                               setup->etcDir + QLatin1Char('/')});
    }
    m_isolateSetup = std::move(setup);
    m_isolate = true;
    return true;
}

bool BoxPool::prepareHelper(QString *error)
{
    m_options.helperPath = findHelper(m_options.helperPath);
    if (m_options.helperPath.isEmpty()) {
        *error = QStringLiteral("the box helper evalx-box was not found (set EVALX_BOX_HELPER)");
        return false;
    }
    if (m_options.useCgroups) {
        const CgroupHost host = CgroupSetup::detectHost();
        m_summary.cgroupReason = host.reason;
        QString why;
        auto setup =
            std::make_unique<CgroupSetup>(host, QStringLiteral("evalx-%1").arg(::getpid()));
        if (setup->prepare(&why)) {
            m_cgroups = std::move(setup);
        } else {
            m_summary.cgroupReason = why;
        }
    } else {
        m_summary.cgroupReason = QStringLiteral("cgroups disabled by configuration");
    }
    if (!m_cgroups) {
        m_summary.warnings
            << QStringLiteral(
                   "no usable cgroup (%1): memory is limited per process as address space, CPU "
                   "time per "
                   "process, process count only per user; a program's children are not accounted")
                   .arg(m_summary.cgroupReason);
    }
    m_isolate = m_options.isolation != SandboxOptions::Isolation::None;
    return true;
}

// After the first box failed: whether a weaker set-up is allowed, made ready
// for another try (and said in the warnings).
bool BoxPool::weakenAfter(const QString &firstError)
{
    if (m_isolateSetup) {
        if (!m_isolateSetup->cgroups)
            return false;
        m_summary.warnings << QStringLiteral("isolate --cg does not work here (%1): memory is "
                                             "limited as address space, per process")
                                  .arg(firstError);
        m_isolateSetup->cgroups = false;
        return true;
    }
    if (!m_isolate || m_options.isolation != SandboxOptions::Isolation::Auto)
        return false;
    m_summary.warnings << QStringLiteral("namespaces unavailable (%1): programs run as plain "
                                         "processes and can see the host's files, network and "
                                         "processes")
                              .arg(firstError);
    m_isolate = false;
    return true;
}

void BoxPool::describe()
{
    if (m_isolateSetup) {
        const bool cg = m_isolateSetup->cgroups;
        m_summary.mode = QStringLiteral("isolate");
        m_summary.cgroup = cg ? QStringLiteral("isolate") : QStringLiteral("none");
        m_summary.cgroupReason =
            cg ? QStringLiteral("isolate --cg") : QStringLiteral("isolate without --cg");
        m_summary.seccomp = false;
        m_summary.separateUsers = true;
        m_summary.warnings << QStringLiteral("isolate backend (%1, %2): no seccomp filter")
                                  .arg(m_isolateSetup->binary, m_isolateSetup->version);
        return;
    }
    const auto &caps = m_slots[0].box->capabilities();
    m_summary.mode = !caps.namespaces     ? QStringLiteral("plain")
                     : caps.userNamespace ? QStringLiteral("rootless")
                                          : QStringLiteral("namespaces");
    m_summary.cgroup = QString::fromLatin1(cgroup::versionName(
        caps.cgroup && m_cgroups ? m_cgroups->host().version : cgroup::Version::None));
    m_summary.seccomp = caps.seccomp;
    m_summary.separateUsers = caps.separateUser;
    if (!caps.notes.empty()) {
        for (const QString &note :
             QString::fromStdString(caps.notes).split(QStringLiteral("; "), Qt::SkipEmptyParts))
            if (!note.startsWith(QLatin1String("no cgroup")))
                m_summary.warnings << note;
    }
}

bool BoxPool::start(QString *error)
{
    const int count =
        m_options.poolSize > 0 ? m_options.poolSize : qMax(1, QThread::idealThreadCount());
    m_stateDir = m_options.stateDir.isEmpty()
                     ? QDir::tempPath() + QStringLiteral("/evalx-%1").arg(::getpid())
                     : m_options.stateDir + QStringLiteral("/%1").arg(::getpid());
    QDir().mkpath(m_stateDir);
    m_summary = {};

    const bool isolateBackend = m_options.backend == SandboxOptions::Backend::Isolate;
    QString why;
    if (!(isolateBackend ? prepareIsolate(&why) : prepareHelper(&why))) {
        if (error)
            *error = isolateBackend
                         ? QStringLiteral("the isolate backend cannot start: %1").arg(why)
                         : why;
        return false;
    }
    m_slots.resize(std::size_t(count));
    for (int i = 0; i < count; ++i)
        m_slots[std::size_t(i)].info.index = i;
    if (!claimNumbers(&why)) {
        if (error)
            *error = why;
        m_slots.clear();
        m_isolateSetup.reset();
        return false;
    }

    // The first box tells what can be had here (namespaces, cgroups).
    QString firstError;
    bool ok = startBox(m_slots[0], &firstError);
    if (!ok && weakenAfter(firstError))
        ok = startBox(m_slots[0], &firstError);
    if (!ok) {
        if (error)
            *error = isolateBackend
                         ? QStringLiteral("the isolate backend cannot start: %1").arg(firstError)
                         : firstError;
        m_slots.clear();
        m_isolateSetup.reset();
        return false;
    }
    // The rest in parallel: each costs a few milliseconds of kernel work.
    QList<int> rest;
    for (int i = 1; i < count; ++i)
        rest << i;
    QtConcurrent::blockingMap(rest, [this](int i) {
        QString boxError;
        if (!startBox(m_slots[std::size_t(i)], &boxError))
            qCWarning(lcSandbox, "box %d did not start: %s", i, qUtf8Printable(boxError));
    });

    describe();
    for (auto &slot : m_slots)
        slot.info.state = slot.box && !slot.box->isBroken() ? BoxState::Idle : BoxState::Broken;
    for (const QString &w : std::as_const(m_summary.warnings))
        qCWarning(lcSandbox, "%s", qUtf8Printable(w));
    qCInfo(lcSandbox, "%d boxes ready: %s, cgroup %s, seccomp %s", count,
           qUtf8Printable(m_summary.mode), qUtf8Printable(m_summary.cgroup),
           m_summary.seccomp ? "on" : "off");
    notify();
    return true;
}

int BoxPool::size() const
{
    QMutexLocker lock(&m_mutex);
    return int(m_slots.size());
}

SandboxSummary BoxPool::summary() const
{
    return m_summary;
}

BoxLease BoxPool::acquire(int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs < 0 ? QDeadlineTimer::Forever : QDeadlineTimer(timeoutMs));
    QMutexLocker lock(&m_mutex);
    for (;;) {
        for (auto &slot : m_slots) {
            if (!slot.leased && slot.info.state == BoxState::Idle) {
                slot.leased = true;
                return BoxLease(this, slot.box.get());
            }
        }
        if (m_slots.empty() || !m_freed.wait(&m_mutex, deadline))
            return {};
    }
}

void BoxPool::giveBack(Box *box)
{
    update(box, BoxState::Cleaning, {}, false, false);
    QString error;
    bool healthy = !box->isBroken() && box->reset(false, &error);
    if (!healthy) {
        // Replace it: a box that cannot be wiped must not run anything else.
        qCWarning(lcSandbox, "restarting box %d: %s", box->config().index, qUtf8Printable(error));
        healthy = box->start(&error);
        if (!healthy)
            qCWarning(lcSandbox, "box %d stays broken: %s", box->config().index,
                      qUtf8Printable(error));
        update(box, healthy ? BoxState::Idle : BoxState::Broken, {}, false, true);
    }
    QMutexLocker lock(&m_mutex);
    for (auto &slot : m_slots) {
        if (slot.box.get() == box) {
            slot.leased = false;
            slot.info.state = healthy ? BoxState::Idle : BoxState::Broken;
            slot.info.activity.clear();
        }
    }
    m_freed.wakeOne();
    lock.unlock();
    notify();
}

void BoxPool::update(Box *box, BoxState state, const QString &activity, bool countRun, bool failed)
{
    {
        QMutexLocker lock(&m_mutex);
        for (auto &slot : m_slots) {
            if (slot.box.get() != box)
                continue;
            slot.info.state = state;
            slot.info.activity = activity;
            slot.info.runs += countRun ? 1 : 0;
            slot.info.failures += failed ? 1 : 0;
        }
    }
    notify();
}

QList<BoxInfo> BoxPool::snapshot() const
{
    QMutexLocker lock(&m_mutex);
    QList<BoxInfo> out;
    for (const auto &slot : m_slots)
        out << slot.info;
    return out;
}

void BoxPool::notify()
{
    // Nobody watching (a headless server reads snapshot() when asked): no
    // wake-up of the pool's thread for every run's changes of state.
    static const QMetaMethod changed = QMetaMethod::fromSignal(&BoxPool::boxesChanged);
    if (!isSignalConnected(changed))
        return;
    if (m_notifyPending.exchange(true))
        return;
    QMetaObject::invokeMethod(
        this,
        [this] {
            m_notifyPending = false;
            Q_EMIT boxesChanged();
        },
        Qt::QueuedConnection);
}

} // namespace evalx
