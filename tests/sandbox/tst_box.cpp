// A box does what the engine asks: runs, streams, files, resets, limits, and
// the pool hands boxes out, takes them back and replaces broken ones.

#include "boxfixture.h"
#include "hostclaim.h"

#include <QFile>
#include <QScopeGuard>
#include <QSet>
#include <QSignalSpy>
#include <QThread>
#include <QtConcurrent/QtConcurrentRun>
#include <csignal>
#include <fcntl.h>
#include <unistd.h>

using namespace evalx;
using namespace evalx::test;

class TestBox : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void summaryDescribesTheSandbox();
    void exitCodeAndStreams();
    void stdinIsFed();
    void mergedStderr();
    void boxesTalkThroughPipes();
    void memoryFigureIsTheProgramsOwn();
    void signalIsReported();
    void cpuLimit();
    void wallLimit();
    void memoryLimit();
    void outputLimit();
    void fileSizeLimit();
    void missingProgramIsInternalError();
    void execFormatError();
    void filesRoundTrip();
    void unsafeFileNamesRefused();
    void resetWipesWorkAndScratch();
    void programAreaIsReadOnlyForPrograms();
    void poolLeasesAreExclusive();
    void brokenBoxIsReplaced();
    void hostClaimsAreHostWide();
    void twoPoolsNeverShareAUid();

private:
    std::unique_ptr<BoxPool> m_pool;
};

void TestBox::initTestCase()
{
    QString error;
    m_pool = startPool(2, &error);
    QVERIFY2(m_pool, qPrintable(error));
    QCOMPARE(m_pool->size(), 2);
}

void TestBox::summaryDescribesTheSandbox()
{
    const SandboxSummary s = m_pool->summary();
    QVERIFY(s.mode == QLatin1String("namespaces") || s.mode == QLatin1String("rootless"));
    QVERIFY(s.seccomp);
    if (::geteuid() == 0) {
        QCOMPARE(s.mode, QStringLiteral("namespaces"));
        QVERIFY(s.separateUsers);
        QVERIFY2(s.cgroup == QLatin1String("v1") || s.cgroup == QLatin1String("v2"),
                 qPrintable(s.cgroupReason));
    }
    for (const BoxInfo &b : m_pool->snapshot())
        QCOMPARE(b.state, BoxState::Idle);
}

void TestBox::exitCodeAndStreams()
{
    BoxLease lease = m_pool->acquire(5000);
    QVERIFY(lease);
    RunRequest r;
    r.argv = QStringList{QStringLiteral("/bin/sh"), QStringLiteral("-c"),
                         QStringLiteral("echo out; echo err >&2; exit 7")};
    r.limits = defaultLimits();
    const RunResult res = lease.run(r);
    QCOMPARE(res.status, RunStatus::RE);
    QCOMPARE(res.exitCode, 7);
    QCOMPARE(res.stdoutData, QByteArray("out\n"));
    QCOMPARE(res.stderrData, QByteArray("err\n"));
    QCOMPARE(res.message, QStringLiteral("Exited with code 7"));
    QVERIFY(res.wallSeconds > 0);
}

void TestBox::stdinIsFed()
{
    BoxLease lease = m_pool->acquire(5000);
    RunRequest r;
    r.argv = QStringList{QStringLiteral("/usr/bin/wc"), QStringLiteral("-c")};
    r.stdinData = QByteArray(3 * 1024 * 1024, 'a');
    r.limits = defaultLimits();
    const RunResult res = lease.run(r);
    QCOMPARE(res.status, RunStatus::OK);
    QCOMPARE(res.stdoutData.trimmed(), QByteArray::number(3 * 1024 * 1024));
}

void TestBox::mergedStderr()
{
    BoxLease lease = m_pool->acquire(5000);
    RunRequest r;
    r.argv = QStringList{QStringLiteral("/bin/sh"), QStringLiteral("-c"),
                         QStringLiteral("echo a; echo b >&2; echo c")};
    r.mergeStderr = true;
    r.limits = defaultLimits();
    const RunResult res = lease.run(r);
    QCOMPARE(res.stdoutData, QByteArray("a\nb\nc\n"));
    QVERIFY(res.stderrData.isEmpty());
}

void TestBox::signalIsReported()
{
    BoxLease lease = m_pool->acquire(5000);
    const RunResult res =
        runProgram(lease, compileC("#include <stdlib.h>\nint main(){abort();}\n"), defaultLimits());
    QCOMPARE(res.status, RunStatus::RE);
    QCOMPARE(res.signal, SIGABRT);
    QCOMPARE(res.message, QStringLiteral("Killed by signal 6 (SIGABRT)"));
}

void TestBox::cpuLimit()
{
    BoxLease lease = m_pool->acquire(5000);
    RunLimits l = defaultLimits();
    l.cpuMs = 300;
    const RunResult res =
        runProgram(lease, compileC("int main(){volatile unsigned long x=0; for(;;) x++;}\n"), l);
    QCOMPARE(res.status, RunStatus::TLE);
    QCOMPARE(res.message, QStringLiteral("Time limit exceeded"));
    // A cgroup is checked every 10 ms; without one the rlimit rounds up to a second.
    const double upper = m_pool->summary().cgroup == QLatin1String("none") ? 1.1 : 0.6;
    QVERIFY2(res.cpuSeconds >= 0.3 && res.cpuSeconds < upper,
             qPrintable(QString::number(res.cpuSeconds)));
}

void TestBox::wallLimit()
{
    BoxLease lease = m_pool->acquire(5000);
    RunLimits l = defaultLimits();
    l.wallMs = 300;
    RunRequest r;
    r.argv = QStringList{QStringLiteral("/bin/sleep"), QStringLiteral("100")};
    r.limits = l;
    const RunResult res = lease.run(r);
    QCOMPARE(res.status, RunStatus::TLE);
    QCOMPARE(res.message, QStringLiteral("Time limit exceeded (wall)"));
    QVERIFY(res.wallSeconds >= 0.3 && res.wallSeconds < 1.5);
    QVERIFY(res.cpuSeconds < 0.1);
}

void TestBox::memoryLimit()
{
    BoxLease lease = m_pool->acquire(5000);
    RunLimits l = defaultLimits();
    l.memoryKib = 32 * 1024;
    const RunResult res = runProgram(lease, compileC(R"(
#include <stdlib.h>
#include <string.h>
int main(){ for(;;){ char *p = malloc(1<<20); if(!p) return 3; memset(p, 1, 1<<20);} }
)"),
                                     l);
    QCOMPARE(res.status, RunStatus::MLE);
    QVERIFY2(res.memoryKib >= 30 * 1024, qPrintable(QString::number(res.memoryKib)));
}

void TestBox::outputLimit()
{
    BoxLease lease = m_pool->acquire(5000);
    RunLimits l = defaultLimits();
    l.outputKib = 64;
    RunRequest r;
    r.argv = QStringList{QStringLiteral("/usr/bin/yes")};
    r.limits = l;
    const RunResult res = lease.run(r);
    QCOMPARE(res.status, RunStatus::OLE);
    QCOMPARE(res.stdoutData.size(), 64 * 1024);
    QVERIFY(res.outputTruncated);
}

void TestBox::fileSizeLimit()
{
    BoxLease lease = m_pool->acquire(5000);
    RunLimits l = defaultLimits();
    l.fileSizeKib = 1024;
    RunRequest r;
    r.argv =
        QStringList{QStringLiteral("/bin/dd"), QStringLiteral("if=/dev/zero"),
                    QStringLiteral("of=big"), QStringLiteral("bs=1M"), QStringLiteral("count=8")};
    r.limits = l;
    const RunResult res = lease.run(r);
    QCOMPARE(res.status, RunStatus::OLE);
    QCOMPARE(res.signal, SIGXFSZ);
}

void TestBox::missingProgramIsInternalError()
{
    BoxLease lease = m_pool->acquire(5000);
    RunRequest r;
    r.argv = QStringList{QStringLiteral("no-such-compiler")};
    r.limits = defaultLimits();
    const RunResult res = lease.run(r);
    QCOMPARE(res.status, RunStatus::IE);
    QVERIFY2(res.message.contains(QLatin1String("no-such-compiler")), qPrintable(res.message));
}

void TestBox::execFormatError()
{
    BoxLease lease = m_pool->acquire(5000);
    const RunResult res = runProgram(lease,
                                     QByteArray("\x7f"
                                                "ELF garbage that is no program"),
                                     defaultLimits());
    QCOMPARE(res.status, RunStatus::RE);
    QCOMPARE(res.message, QStringLiteral("Exec format error"));
}

void TestBox::filesRoundTrip()
{
    BoxLease lease = m_pool->acquire(5000);
    QString error;
    const QByteArray binary("\0\1\2binary", 9);
    QVERIFY2(
        lease->putFile(wire::Area::Work, QStringLiteral("dir/sub/a.bin"), binary, 0600, &error),
        qPrintable(error));
    QVERIFY(lease->putFile(wire::Area::Work, QStringLiteral("b.txt"), "hello", 0644, &error));
    QList<BoxFile> files;
    QVERIFY2(lease->getFiles(wire::Area::Work, &files, &error), qPrintable(error));
    QCOMPARE(files.size(), 2);
    std::sort(files.begin(), files.end(),
              [](const BoxFile &a, const BoxFile &b) { return a.path < b.path; });
    QCOMPARE(files[0].path, QStringLiteral("b.txt"));
    QCOMPARE(files[0].data, QByteArray("hello"));
    QCOMPARE(files[1].path, QStringLiteral("dir/sub/a.bin"));
    QCOMPARE(files[1].data, binary);
    QCOMPARE(files[1].mode, 0600);

    // The program sees them in its working directory, as its own.
    RunRequest r;
    r.argv = QStringList{QStringLiteral("/bin/sh"), QStringLiteral("-c"),
                         QStringLiteral("cat b.txt && test -O b.txt && echo mine")};
    r.limits = defaultLimits();
    QCOMPARE(lease.run(r).stdoutData, QByteArray("hellomine\n"));
}

void TestBox::unsafeFileNamesRefused()
{
    BoxLease lease = m_pool->acquire(5000);
    QString error;
    for (const QString &bad :
         {QStringLiteral("../escape"), QStringLiteral("/etc/passwd"), QStringLiteral("a/../../b"),
          QStringLiteral(""), QStringLiteral("a//b")}) {
        QVERIFY2(!lease->putFile(wire::Area::Work, bad, "x", 0644, &error), qPrintable(bad));
        QVERIFY(!error.isEmpty());
    }
    // A link planted by a program is not followed by the (root) helper.
    RunRequest r;
    r.argv = QStringList{QStringLiteral("/bin/ln"), QStringLiteral("-s"), QStringLiteral("/prog"),
                         QStringLiteral("link")};
    r.limits = defaultLimits();
    QCOMPARE(lease.run(r).status, RunStatus::OK);
    QVERIFY(!lease->putFile(wire::Area::Work, QStringLiteral("link/evil"), "x", 0755, &error));
}

void TestBox::resetWipesWorkAndScratch()
{
    BoxLease lease = m_pool->acquire(5000);
    RunRequest r;
    r.limits = defaultLimits();
    r.argv = QStringList{QStringLiteral("/bin/sh"), QStringLiteral("-c"),
                         QStringLiteral("mkdir -p d/e && echo x > d/e/f && chmod 000 d && echo y > "
                                        "/tmp/t && echo z > /dev/shm/s")};
    QCOMPARE(lease.run(r).status, RunStatus::OK);
    QString error;
    QVERIFY2(lease->reset(false, &error), qPrintable(error));
    r.argv = QStringList{QStringLiteral("/bin/sh"), QStringLiteral("-c"),
                         QStringLiteral("ls -A . /tmp /dev/shm | tr -d '\\n'")};
    const RunResult res = lease.run(r);
    QCOMPARE(res.status, RunStatus::OK);
    QCOMPARE(res.stdoutData, QByteArray(".:/dev/shm:/tmp:"));
}

void TestBox::programAreaIsReadOnlyForPrograms()
{
    BoxLease lease = m_pool->acquire(5000);
    QString error;
    QVERIFY(lease->reset(true, &error));
    QVERIFY(lease->putFile(wire::Area::Program, QStringLiteral("main"), "#!/bin/sh\necho hi\n",
                           0755, &error));
    RunRequest r;
    r.limits = defaultLimits();
    r.argv = QStringList{QStringLiteral("/bin/sh"), QStringLiteral("-c"),
                         lease->programDir() + QStringLiteral("/main; echo bad > ") +
                             lease->programDir() + QStringLiteral("/main || echo refused")};
    const RunResult res = lease.run(r);
    QVERIFY2(res.stdoutData.startsWith("hi\nrefused"), res.stdoutData.constData());
    QList<BoxFile> files;
    QVERIFY(lease->getFiles(wire::Area::Program, &files, &error));
    QCOMPARE(files.value(0).data, QByteArray("#!/bin/sh\necho hi\n"));
}

// The interactive set-up: two boxes whose stdin and stdout are each other's pipes.
void TestBox::boxesTalkThroughPipes()
{
    const PipedPair p = runPipedPair(*m_pool);
    // Each run took its two ends over and closed them.
    for (int fd : p.ends)
        QCOMPARE(::fcntl(fd, F_GETFD), -1);
    const RunResult &first = p.asker;
    QCOMPARE(first.status, RunStatus::OK);
    QCOMPARE(p.doubler.status, RunStatus::OK);
    QCOMPARE(first.stderrData, QByteArray("got 40\n"));
    QVERIFY(first.stdoutData.isEmpty()); // it went to the other box
}

// The helper starts programs from its own memory (vfork): what it has held
// before (a large file collected from the box) must not show in a program's figure.
void TestBox::memoryFigureIsTheProgramsOwn()
{
    const QByteArray trivial = compileC("int main(void) { return 0; }");
    QVERIFY(!trivial.isEmpty());
    BoxLease lease = m_pool->acquire(5000);
    QString error;
    RunRequest big;
    big.argv = QStringList{QStringLiteral("/bin/sh"), QStringLiteral("-c"),
                           QStringLiteral("head -c 3670016 /dev/zero > big")};
    big.limits = defaultLimits();
    QCOMPARE(lease.run(big).status, RunStatus::OK);
    QList<BoxFile> files;
    QVERIFY2(lease->getFiles(wire::Area::Work, &files, &error), qPrintable(error));
    QCOMPARE(files.value(0).data.size(), 3670016);
    files.clear();
    const RunResult r = runProgram(lease, trivial, defaultLimits());
    QCOMPARE(r.status, RunStatus::OK);
    QVERIFY2(r.memoryKib > 0 && r.memoryKib < 5 * 1024, qPrintable(QString::number(r.memoryKib)));
}

void TestBox::poolLeasesAreExclusive()
{
    QSignalSpy changed(m_pool.get(), &BoxPool::boxesChanged);
    BoxLease a = m_pool->acquire(1000);
    BoxLease b = m_pool->acquire(1000);
    QVERIFY(a && b);
    QVERIFY(a.box() != b.box());
    QVERIFY(!m_pool->acquire(100)); // all busy
    // A lease given back in another thread wakes a waiter here.
    auto released = QtConcurrent::run([lease = std::move(a)]() mutable {
        QThread::msleep(100);
        lease.release();
    });
    BoxLease c = m_pool->acquire(5000);
    QVERIFY(c);
    released.waitForFinished();
    QTRY_VERIFY(changed.count() > 0);
}

namespace {

bool processEnded(qint64 pid)
{
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return true;
    const QByteArray line = stat.readAll();
    return line.mid(line.lastIndexOf(')') + 2, 1) == "Z";
}

} // namespace

void TestBox::brokenBoxIsReplaced()
{
    qint64 oldPid = 0;
    int index = -1;
    {
        BoxLease lease = m_pool->acquire(5000);
        oldPid = lease->helperPid();
        index = lease->config().index;
        ::kill(pid_t(oldPid), SIGKILL);
        // Dead (a zombie until the box reaps it), and with it the box's PID 1
        // (its parent-death signal): only then is the box sure to be gone.
        QTRY_VERIFY_WITH_TIMEOUT(processEnded(oldPid), 5000);
        RunRequest r;
        r.argv = QStringList{QStringLiteral("/bin/true")};
        QCOMPARE(lease.run(r).status, RunStatus::IE);
    }
    // Given back broken, it was restarted with a new helper and works again.
    bool found = false;
    for (const BoxInfo &b : m_pool->snapshot()) {
        if (b.index == index) {
            QCOMPARE(b.state, BoxState::Idle);
            QVERIFY(b.failures >= 1);
            found = true;
        }
    }
    QVERIFY(found);
    for (int i = 0; i < 2; ++i) {
        BoxLease lease = m_pool->acquire(5000);
        RunRequest r;
        r.argv = QStringList{QStringLiteral("/bin/true")};
        QCOMPARE(lease.run(r).status, RunStatus::OK);
        if (lease->config().index == index)
            QVERIFY(lease->helperPid() != oldPid);
    }
}

QTEST_GUILESS_MAIN(TestBox)
#include "tst_box.moc"

// Another process's claim (here a Python one, bound to the same abstract
// name) is skipped; a released claim is free again.
void TestBox::hostClaimsAreHostWide()
{
    const QByteArray kind = "test-" + QByteArray::number(::getpid());
    QProcess holder;
    holder.start(QStringLiteral("python3"),
                 {QStringLiteral("-c"), QStringLiteral("import socket, sys\n"
                                                       "s = socket.socket(socket.AF_UNIX)\n"
                                                       "s.bind('\\0evalx/%1/5')\n"
                                                       "print('held', flush=True)\n"
                                                       "sys.stdin.read()\n")
                                            .arg(QString::fromLatin1(kind))});
    QVERIFY(holder.waitForReadyRead(10000));
    QCOMPARE(holder.readLine().trimmed(), QByteArray("held"));

    std::optional<HostClaim> first = HostClaim::take(kind, 5, 3);
    QVERIFY(first);
    QCOMPARE(first->number(), 6);
    std::optional<HostClaim> second = HostClaim::take(kind, 5, 3);
    QVERIFY(second);
    QCOMPARE(second->number(), 7);
    QVERIFY(!HostClaim::take(kind, 5, 3)); // 5 held elsewhere, 6 and 7 here
    first.reset();
    std::optional<HostClaim> again = HostClaim::take(kind, 5, 3);
    QVERIFY(again);
    QCOMPARE(again->number(), 6);

    holder.closeWriteChannel(); // the holder exits: its claim goes with it
    QVERIFY(holder.waitForFinished(10000));
    std::optional<HostClaim> freed = HostClaim::take(kind, 5, 3);
    QVERIFY(freed);
    QCOMPARE(freed->number(), 5);
}

// Two pools on one host (two servers, a server and `evalx judge`) start from
// the same uid and still get uids of their own: the process count is per uid,
// so one pool's busy box must not fail the other's programs.
void TestBox::twoPoolsNeverShareAUid()
{
    if (!m_pool->summary().separateUsers)
        QSKIP("the boxes have no users of their own here (rootless)");
    QString error;
    std::unique_ptr<BoxPool> other = startPool(2, &error);
    QVERIFY2(other, qPrintable(error));
    QSet<uid_t> uids;
    for (BoxPool *pool : {m_pool.get(), other.get()}) {
        for (const BoxInfo &b : pool->snapshot())
            uids.insert(b.uid);
    }
    QCOMPARE(uids.size(), 4);

    // Both boxes of this pool hold 4 processes for a while...
    auto busy = [this] {
        BoxLease lease = m_pool->acquire(5000);
        RunRequest r;
        r.argv = QStringList{QStringLiteral("/bin/sh"), QStringLiteral("-c"),
                             QStringLiteral("sleep 1 & sleep 1 & sleep 1 & wait")};
        r.limits = defaultLimits();
        return lease.run(r);
    };
    auto one = QtConcurrent::run(busy);
    auto two = QtConcurrent::run(busy);
    // Whatever fails below, the runs end before the pool does.
    const auto joined = qScopeGuard([&] {
        one.waitForFinished();
        two.waitForFinished();
    });
    QThread::msleep(300);
    // ...while the other pool's boxes run with room for 2 processes.
    for (int i = 0; i < 2; ++i) {
        BoxLease lease = other->acquire(5000);
        QVERIFY(lease);
        RunRequest r;
        r.argv = QStringList{QStringLiteral("/usr/bin/id"), QStringLiteral("-u")};
        r.limits = defaultLimits();
        r.limits.processes = 2;
        const RunResult res = lease.run(r);
        QVERIFY2(res.status == RunStatus::OK, qPrintable(res.message));
        QCOMPARE(res.stdoutData.trimmed().toUInt(), uint(lease->config().uid));
    }
    QCOMPARE(one.result().status, RunStatus::OK);
    QCOMPARE(two.result().status, RunStatus::OK);
}
