#pragma once

#include "box.h"
#include "cgroupsetup.h"
#include "hostclaim.h"
#include "isolatebox.h"

#include <QList>
#include <QMutex>
#include <QObject>
#include <QStringList>
#include <QWaitCondition>
#include <atomic>
#include <memory>
#include <vector>

namespace evalx {

struct SandboxOptions
{
    enum class Isolation {
        Auto, // namespaces if they can be had (as root, or rootless), else plain with a warning
        Full, // namespaces or nothing
        None, // plain processes: limits only (for machines that refuse namespaces)
    };
    Isolation isolation = Isolation::Auto;
    enum class Backend {
        Evalx,   // EvalX's own boxes (evalx-box)
        Isolate, // an installed isolate, driven through its command line
    };
    Backend backend = Backend::Evalx;
    QString isolatePath; // empty: EVALX_ISOLATE, else isolate on PATH
    int isolateFirstBox = 0;
    int poolSize = 0;   // 0: one box per core
    QString helperPath; // empty: found next to the application (or EVALX_BOX_HELPER)
    QString stateDir;   // empty: a private directory under the system's temporary directory
    bool useCgroups = true;
    // Box uids are firstUid + n and isolate box ids isolateFirstBox + n, for
    // numbers n no other EvalX process on the host holds (HostClaim).
    uid_t firstUid = 60000;
    QStringList etcEntries = defaultEtcEntries();
    QStringList binds;

    static QStringList defaultEtcEntries();
};

// What the sandbox can enforce here, for logs, /health and the console.
struct SandboxSummary
{
    QString mode;   // "namespaces", "rootless", "plain"
    QString cgroup; // "v1", "v2", "none"
    QString cgroupReason;
    bool seccomp = false;
    bool separateUsers = false;
    QStringList warnings; // what this host cannot enforce
};

enum class BoxState { Starting, Idle, Compiling, Running, Cleaning, Broken };
QString boxStateName(BoxState state);

struct BoxInfo
{
    int index = 0;
    uid_t uid = 0; // what its programs run as (on the host, when it has users of its own)
    BoxState state = BoxState::Starting;
    QString activity; // what it runs, for tooltips
    quint64 runs = 0;
    quint64 failures = 0; // runs that ended in an internal error, and restarts
};

class BoxPool;

// A box on loan from the pool; given back (wiped) when the lease ends.
class BoxLease final
{
public:
    BoxLease() = default;
    BoxLease(BoxLease &&other) noexcept;
    BoxLease &operator=(BoxLease &&other) noexcept;
    ~BoxLease();
    Q_DISABLE_COPY(BoxLease)

    explicit operator bool() const { return m_box != nullptr; }
    Box *operator->() const { return m_box; }
    Box *box() const { return m_box; }
    // Runs through the box and counts the run in the pool's statistics.
    RunResult run(const RunRequest &request, BoxState state = BoxState::Running,
                  const QString &activity = {});
    void release();

private:
    friend class BoxPool;
    BoxLease(BoxPool *pool, Box *box)
        : m_pool(pool)
        , m_box(box)
    {}
    BoxPool *m_pool = nullptr;
    Box *m_box = nullptr;
};

// The pre-warmed boxes. acquire() and the leases are thread-safe; signals are
// coalesced so that a dashboard sees at most one change notice per event loop turn.
class BoxPool final : public QObject
{
    Q_OBJECT
public:
    explicit BoxPool(SandboxOptions options, QObject *parent = nullptr);
    ~BoxPool() override;

    // Starts every box; false (with the reason) if not one could be started.
    bool start(QString *error);
    int size() const;
    SandboxSummary summary() const;

    // Waits up to timeoutMs (-1: forever) for a free box.
    BoxLease acquire(int timeoutMs = -1);
    QList<BoxInfo> snapshot() const;

    static QString findHelper(const QString &configured);

Q_SIGNALS:
    void boxesChanged();

private:
    friend class BoxLease;
    struct Slot
    {
        std::unique_ptr<Box> box;
        BoxInfo info;
        HostClaim claim; // the box's uid (or isolate box id) on this host
        bool leased = false;
    };
    bool claimNumbers(QString *error);
    BoxConfig boxConfig(const Slot &slot) const;
    bool startBox(Slot &slot, QString *error);
    bool prepareIsolate(QString *error);
    bool prepareHelper(QString *error);
    bool weakenAfter(const QString &firstError);
    void describe();
    void giveBack(Box *box);
    void update(Box *box, BoxState state, const QString &activity, bool countRun, bool failed);
    void notify();

    SandboxOptions m_options;
    SandboxSummary m_summary;
    std::unique_ptr<CgroupSetup> m_cgroups;
    std::unique_ptr<IsolateSetup> m_isolateSetup;
    QString m_stateDir;
    bool m_isolate = true;
    mutable QMutex m_mutex;
    QWaitCondition m_freed;
    std::vector<Slot> m_slots;
    std::atomic_bool m_notifyPending{false};
};

} // namespace evalx
