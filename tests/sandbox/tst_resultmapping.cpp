// Unit tests of how a helper's RunReply becomes a RunResult (status and
// message), and of the status and signal names.

#include "box.h"
#include "runtypes.h"

#include <QObject>
#include <QSet>
#include <QString>
#include <QTest>

#include <cerrno>
#include <csignal>
#include <string>

using evalx::RunLimits;
using evalx::RunResult;
using evalx::RunStatus;
using evalx::wire::Ending;
using evalx::wire::RunReply;

Q_DECLARE_METATYPE(evalx::RunStatus)
Q_DECLARE_METATYPE(evalx::wire::Ending)

namespace QTest {
template<> inline char *toString(const RunStatus &s)
{
    return qstrdup(evalx::runStatusName(s).toLatin1().constData());
}
} // namespace QTest

namespace {

constexpr RunStatus kAllStatuses[] = {RunStatus::OK,  RunStatus::RE, RunStatus::TLE, RunStatus::MLE,
                                      RunStatus::OLE, RunStatus::CE, RunStatus::IE};

constexpr quint64 kLimitKib = 65536;

} // namespace

class TestResultMapping : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void mapRunReply_data();
    void mapRunReply();
    void measurements();
    void cpuExtraTimeDoesNotMoveTheLimit();
    void statusNames();
    void signalNames();
    void internalError();
};

void TestResultMapping::mapRunReply_data()
{
    QTest::addColumn<Ending>("ending");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<int>("signal");
    QTest::addColumn<int>("errnoValue");
    QTest::addColumn<bool>("memoryLimitHit");
    QTest::addColumn<quint64>("memoryKib"); // reported peak
    QTest::addColumn<quint64>("limitKib");  // RunLimits::memoryKib
    QTest::addColumn<QString>("replyMessage");
    QTest::addColumn<bool>("outputExceeded");
    QTest::addColumn<RunStatus>("status");
    QTest::addColumn<bool>("exactMessage"); // false: any non-empty message
    QTest::addColumn<QString>("message");

    const QString none;
    const quint64 low = kLimitKib / 10;        // 10 %
    const quint64 high = kLimitKib * 95 / 100; // 95 %

    // ending, exit, signal, errno, memHit, memKib, limitKib, replyMessage, outputExceeded ->
    // status, exact, message
    QTest::newRow("exit 0") << Ending::Exited << 0 << 0 << 0 << false << quint64(1000) << kLimitKib
                            << none << false << RunStatus::OK << true << QString();
    QTest::newRow("exit 3") << Ending::Exited << 3 << 0 << 0 << false << quint64(1000) << kLimitKib
                            << none << false << RunStatus::RE << true
                            << QStringLiteral("Exited with code 3");
    QTest::newRow("exit 255") << Ending::Exited << 255 << 0 << 0 << false << quint64(0)
                              << quint64(0) << none << false << RunStatus::RE << true
                              << QStringLiteral("Exited with code 255");
    QTest::newRow("SIGSEGV") << Ending::Signaled << 0 << int(SIGSEGV) << 0 << false << quint64(1000)
                             << kLimitKib << none << false << RunStatus::RE << true
                             << QStringLiteral("Killed by signal 11 (SIGSEGV)");
    QTest::newRow("SIGKILL") << Ending::Signaled << 0 << int(SIGKILL) << 0 << false << quint64(1000)
                             << kLimitKib << none << false << RunStatus::RE << true
                             << QStringLiteral("Killed by signal 9 (SIGKILL)");
    QTest::newRow("SIGXFSZ") << Ending::Signaled << 0 << int(SIGXFSZ) << 0 << false << quint64(1000)
                             << kLimitKib << none << false << RunStatus::OLE << false << QString();
    QTest::newRow("cpu limit") << Ending::CpuLimit << 0 << int(SIGKILL) << 0 << false
                               << quint64(1000) << kLimitKib << none << false << RunStatus::TLE
                               << true << QStringLiteral("Time limit exceeded");
    QTest::newRow("wall limit") << Ending::WallLimit << 0 << int(SIGKILL) << 0 << false
                                << quint64(1000) << kLimitKib << none << false << RunStatus::TLE
                                << true << QStringLiteral("Time limit exceeded (wall)");
    QTest::newRow("memory limit") << Ending::MemoryLimit << 0 << int(SIGKILL) << 0 << true
                                  << kLimitKib << kLimitKib << none << false << RunStatus::MLE
                                  << false << QString();
    QTest::newRow("output limit") << Ending::OutputLimit << 0 << int(SIGKILL) << 0 << false
                                  << quint64(1000) << kLimitKib << none << false << RunStatus::OLE
                                  << false << QString();
    QTest::newRow("exec ENOEXEC") << Ending::ExecFailed << 0 << 0 << int(ENOEXEC) << false
                                  << quint64(0) << kLimitKib
                                  << QStringLiteral("execve: Exec format error") << false
                                  << RunStatus::RE << true << QStringLiteral("Exec format error");
    QTest::newRow("exec ENOENT") << Ending::ExecFailed << 0 << 0 << int(ENOENT) << false
                                 << quint64(0) << kLimitKib
                                 << QStringLiteral("execve /box/a.out: No such file or directory")
                                 << false << RunStatus::IE << true
                                 << QStringLiteral("execve /box/a.out: No such file or directory");
    QTest::newRow("setup failed")
        << Ending::SetupFailed << 0 << 0 << 0 << false << quint64(0) << kLimitKib
        << QStringLiteral("cannot set the box's cgroup limits: Device or resource busy") << false
        << RunStatus::IE << true
        << QStringLiteral("cannot set the box's cgroup limits: Device or resource busy");
    QTest::newRow("aborted") << Ending::Aborted << 0 << 0 << 0 << false << quint64(0) << kLimitKib
                             << QStringLiteral("stopped by the engine") << false << RunStatus::IE
                             << true << QStringLiteral("stopped by the engine");
    QTest::newRow("aborted, no message")
        << Ending::Aborted << 0 << 0 << 0 << false << quint64(0) << kLimitKib << none << false
        << RunStatus::IE << false << QString();

    // A runtime that died after the cgroup refused memory (std::bad_alloc -> abort).
    QTest::newRow("SIGABRT near the limit")
        << Ending::Signaled << 0 << int(SIGABRT) << 0 << true << high << kLimitKib << none << false
        << RunStatus::MLE << false << QString();
    QTest::newRow("SIGABRT far below the limit")
        << Ending::Signaled << 0 << int(SIGABRT) << 0 << true << low << kLimitKib << none << false
        << RunStatus::RE << true << QStringLiteral("Killed by signal 6 (SIGABRT)");
    QTest::newRow("SIGABRT near the limit, no hit")
        << Ending::Signaled << 0 << int(SIGABRT) << 0 << false << high << kLimitKib << none << false
        << RunStatus::RE << true << QStringLiteral("Killed by signal 6 (SIGABRT)");
    QTest::newRow("exit 1 near the limit (MemoryError)")
        << Ending::Exited << 1 << 0 << 0 << true << high << kLimitKib << none << false
        << RunStatus::MLE << false << QString();
    QTest::newRow("exit 0 near the limit")
        << Ending::Exited << 0 << 0 << 0 << true << high << kLimitKib << none << false
        << RunStatus::OK << true << QString();
    QTest::newRow("hit at exactly 90%")
        << Ending::Signaled << 0 << int(SIGABRT) << 0 << true << quint64(900) << quint64(1000)
        << none << false << RunStatus::MLE << false << QString();
    QTest::newRow("hit just below 90%")
        << Ending::Signaled << 0 << int(SIGABRT) << 0 << true << quint64(899) << quint64(1000)
        << none << false << RunStatus::RE << false << QString();
    QTest::newRow("hit without a memory limit")
        << Ending::Signaled << 0 << int(SIGABRT) << 0 << true << high << quint64(0) << none << false
        << RunStatus::RE << false << QString();

    // Output beyond the limit: the engine stopped reading.
    QTest::newRow("exit 0, output exceeded")
        << Ending::Exited << 0 << 0 << 0 << false << quint64(1000) << kLimitKib << none << true
        << RunStatus::OLE << false << QString();
    QTest::newRow("exit 3, output exceeded")
        << Ending::Exited << 3 << 0 << 0 << false << quint64(1000) << kLimitKib << none << true
        << RunStatus::OLE << false << QString();
    QTest::newRow("SIGPIPE, output exceeded")
        << Ending::Signaled << 0 << int(SIGPIPE) << 0 << false << quint64(1000) << kLimitKib << none
        << true << RunStatus::OLE << false << QString();
    QTest::newRow("cpu limit, output exceeded")
        << Ending::CpuLimit << 0 << int(SIGKILL) << 0 << false << quint64(1000) << kLimitKib << none
        << true << RunStatus::TLE << true << QStringLiteral("Time limit exceeded");
    QTest::newRow("memory limit, output exceeded")
        << Ending::MemoryLimit << 0 << int(SIGKILL) << 0 << true << kLimitKib << kLimitKib << none
        << true << RunStatus::MLE << false << QString();
    QTest::newRow("setup failed, output exceeded")
        << Ending::SetupFailed << 0 << 0 << 0 << false << quint64(0) << kLimitKib
        << QStringLiteral("broken") << true << RunStatus::IE << true << QStringLiteral("broken");
}

void TestResultMapping::mapRunReply()
{
    QFETCH(Ending, ending);
    QFETCH(int, exitCode);
    QFETCH(int, signal);
    QFETCH(int, errnoValue);
    QFETCH(bool, memoryLimitHit);
    QFETCH(quint64, memoryKib);
    QFETCH(quint64, limitKib);
    QFETCH(QString, replyMessage);
    QFETCH(bool, outputExceeded);
    QFETCH(RunStatus, status);
    QFETCH(bool, exactMessage);
    QFETCH(QString, message);

    RunReply reply;
    reply.ending = ending;
    reply.exitCode = exitCode;
    reply.signal = signal;
    reply.errnoValue = errnoValue;
    reply.memoryLimitHit = memoryLimitHit;
    reply.memoryKib = memoryKib;
    reply.cpuUs = 250000;
    reply.wallUs = 500000;
    reply.message = replyMessage.toStdString();
    RunLimits limits;
    limits.cpuMs = 1000;
    limits.wallMs = 3000;
    limits.memoryKib = limitKib;

    const RunResult r = evalx::mapRunReply(reply, limits, outputExceeded);
    QCOMPARE(r.status, status);
    if (exactMessage)
        QCOMPARE(r.message, message);
    else
        QVERIFY2(!r.message.isEmpty(), "a status other than OK needs a message");
    QCOMPARE(r.exitCode, exitCode);
    QCOMPARE(r.signal, signal);
    QCOMPARE(r.memoryKib, memoryKib);
    // mapRunReply knows nothing of the streams.
    QVERIFY(r.stdoutData.isEmpty());
    QVERIFY(r.stderrData.isEmpty());
    QVERIFY(!r.outputTruncated);
}

void TestResultMapping::measurements()
{
    RunReply reply;
    reply.ending = Ending::Exited;
    reply.cpuUs = 1500000;
    reply.wallUs = 2250000;
    reply.memoryKib = 4242;
    const RunResult r = evalx::mapRunReply(reply, RunLimits{}, false);
    QCOMPARE(r.status, RunStatus::OK);
    QCOMPARE(r.cpuSeconds, 1.5);
    QCOMPARE(r.wallSeconds, 2.25);
    QCOMPARE(r.memoryKib, quint64(4242));

    reply.cpuUs = 1;
    reply.wallUs = 0;
    reply.memoryKib = 0;
    const RunResult tiny = evalx::mapRunReply(reply, RunLimits{}, false);
    QCOMPARE(tiny.cpuSeconds, 1e-6);
    QCOMPARE(tiny.wallSeconds, 0.0);
    QCOMPARE(tiny.memoryKib, quint64(0));

    // The measurements survive whatever the status.
    reply.ending = Ending::CpuLimit;
    reply.cpuUs = 2000000;
    reply.wallUs = 2100000;
    reply.memoryKib = 100;
    const RunResult tle = evalx::mapRunReply(reply, RunLimits{}, true);
    QCOMPARE(tle.status, RunStatus::TLE);
    QCOMPARE(tle.cpuSeconds, 2.0);
    QCOMPARE(tle.wallSeconds, 2.1);
    QCOMPARE(tle.memoryKib, quint64(100));
}

// The box kills at cpuMs + cpuExtraMs; a program that ended inside the extra
// time still went over the limit (Judge0's cpu_extra_time).
void TestResultMapping::cpuExtraTimeDoesNotMoveTheLimit()
{
    RunLimits limits;
    limits.cpuMs = 1000;
    limits.cpuExtraMs = 1000;
    RunReply reply;
    reply.ending = Ending::Exited;
    reply.cpuUs = 1500000;
    QCOMPARE(evalx::mapRunReply(reply, limits, false).status, RunStatus::TLE);
    reply.ending = Ending::Signaled;
    reply.signal = SIGSEGV;
    QCOMPARE(evalx::mapRunReply(reply, limits, false).status, RunStatus::TLE);
    reply.ending = Ending::Exited;
    reply.cpuUs = 1000000; // at the limit is within it
    QCOMPARE(evalx::mapRunReply(reply, limits, false).status, RunStatus::OK);
    limits.cpuMs = 0; // no limit, no extra
    reply.cpuUs = 99000000;
    QCOMPARE(evalx::mapRunReply(reply, limits, false).status, RunStatus::OK);
}

void TestResultMapping::statusNames()
{
    const QStringList expected = {
        QStringLiteral("OK"),  QStringLiteral("RE"), QStringLiteral("TLE"), QStringLiteral("MLE"),
        QStringLiteral("OLE"), QStringLiteral("CE"), QStringLiteral("IE")};
    QSet<QString> seen;
    int i = 0;
    for (const RunStatus s : kAllStatuses) {
        const QString name = evalx::runStatusName(s);
        QCOMPARE(name, expected.at(i++));
        QVERIFY2(!seen.contains(name), qPrintable(name));
        seen.insert(name);
        RunStatus back = s == RunStatus::OK ? RunStatus::IE : RunStatus::OK;
        QVERIFY2(evalx::runStatusFromName(name, &back), qPrintable(name));
        QCOMPARE(back, s);
    }

    for (const QString &bad : {QString(), QStringLiteral("ok"), QStringLiteral("WA"),
                               QStringLiteral(" OK"), QStringLiteral("TLE ")}) {
        RunStatus untouched = RunStatus::CE;
        QVERIFY2(!evalx::runStatusFromName(bad, &untouched), qPrintable(bad));
        QCOMPARE(untouched, RunStatus::CE);
    }
}

void TestResultMapping::signalNames()
{
    QCOMPARE(evalx::signalName(SIGKILL), QStringLiteral("SIGKILL"));
    QCOMPARE(evalx::signalName(SIGSEGV), QStringLiteral("SIGSEGV"));
    QCOMPARE(evalx::signalName(SIGABRT), QStringLiteral("SIGABRT"));
    QCOMPARE(evalx::signalName(SIGXCPU), QStringLiteral("SIGXCPU"));
    QCOMPARE(evalx::signalName(SIGFPE), QStringLiteral("SIGFPE"));
    const QString unnamed = evalx::signalName(77);
    QVERIFY2(unnamed.contains(QStringLiteral("77")), qPrintable(unnamed));
    QVERIFY(!unnamed.startsWith(QStringLiteral("SIG")));
    QVERIFY(evalx::signalName(-1).contains(QStringLiteral("-1")));
}

void TestResultMapping::internalError()
{
    const RunResult r = RunResult::internalError(QStringLiteral("no toolchain"));
    QCOMPARE(r.status, RunStatus::IE);
    QCOMPARE(r.message, QStringLiteral("no toolchain"));
}

QTEST_GUILESS_MAIN(TestResultMapping)
#include "tst_resultmapping.moc"
