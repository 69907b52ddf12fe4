// isolate's meta files read into the same statuses and messages as EvalX's
// own boxes. The files in isolate-meta/ follow the format isolate(1)
// documents for 1.8 and later; those in isolate-meta/isolate-1.3/ were
// recorded from a real isolate 1.3 on cgroup v1 (see the README there): it
// writes no exitcode:0 and no cg-oom-killed. Fields EvalX ignores
// (csw-voluntary, csw-forced, killed) are kept to show they are tolerated.

#include "box.h"
#include "isolatemeta.h"

#include <QFile>
#include <QTest>

using namespace evalx;

class TestIsolateMeta : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void statuses_data();
    void statuses();
    void brokenFilesNameTheProblem_data();
    void brokenFilesNameTheProblem();
};

static QByteArray meta(const QString &name)
{
    QFile f(QStringLiteral(EVALX_TEST_DATA "/isolate-meta/") + name);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

void TestIsolateMeta::statuses_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<RunStatus>("status");
    QTest::addColumn<QString>("message");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<int>("signal");
    QTest::addColumn<double>("cpu");
    QTest::addColumn<double>("wall");
    QTest::addColumn<qulonglong>("memory");
    QTest::newRow("ok") << "ok.meta" << RunStatus::OK << QString() << 0 << 0 << 0.002 << 0.035
                        << 1216ull;
    QTest::newRow("exit 3") << "exit3.meta" << RunStatus::RE << "Exited with code 3" << 3 << 0
                            << 0.001 << 0.003 << 1200ull;
    QTest::newRow("segv") << "segv.meta" << RunStatus::RE << "Killed by signal 11 (SIGSEGV)" << 0
                          << 11 << 0.004 << 0.006 << 1300ull;
    QTest::newRow("cpu") << "cpu.meta" << RunStatus::TLE << "Time limit exceeded" << 0 << 0 << 1.012
                         << 1.020 << 1300ull;
    QTest::newRow("wall") << "wall.meta" << RunStatus::TLE << "Time limit exceeded (wall)" << 0 << 0
                          << 0.0 << 2.004 << 1250ull;
    QTest::newRow("oom") << "oom.meta" << RunStatus::MLE << "Memory limit exceeded" << 0 << 9
                         << 0.183 << 0.190 << 65536ull;
    QTest::newRow("internal") << "internal.meta" << RunStatus::IE
                              << "Cannot run proxy, clone failed: Operation not permitted" << 0 << 0
                              << 0.0 << 0.0 << 0ull;
    QTest::newRow("file size") << "fsize.meta" << RunStatus::OLE
                               << "File size limit exceeded (SIGXFSZ)" << 0 << 25 << 0.001 << 0.002
                               << 1400ull;
    // Recorded from isolate 1.3 (--cg --cg-mem=65536).
    QTest::newRow("1.3 ok") << "isolate-1.3/ok.meta" << RunStatus::OK << QString() << 0 << 0
                            << 0.005 << 0.008 << 256ull;
    QTest::newRow("1.3 exit 3") << "isolate-1.3/exit3.meta" << RunStatus::RE << "Exited with code 3"
                                << 3 << 0 << 0.005 << 0.008 << 256ull;
    QTest::newRow("1.3 segv") << "isolate-1.3/segv.meta" << RunStatus::RE
                              << "Killed by signal 11 (SIGSEGV)" << 0 << 11 << 0.006 << 0.006
                              << 256ull;
    QTest::newRow("1.3 cpu") << "isolate-1.3/cpu_to.meta" << RunStatus::TLE << "Time limit exceeded"
                             << 0 << 0 << 0.605 << 0.705 << 256ull;
    QTest::newRow("1.3 wall") << "isolate-1.3/wall_to.meta" << RunStatus::TLE
                              << "Time limit exceeded (wall)" << 0 << 0 << 0.006 << 1.101 << 256ull;
    QTest::newRow("1.3 cgroup oom")
        << "isolate-1.3/oom.meta" << RunStatus::MLE << "Memory limit exceeded" << 0 << 9 << 0.265
        << 0.271 << 65536ull;
    // Without --cg, --mem is an address space limit: malloc fails, the program exits 1.
    QTest::newRow("1.3 no cgroup oom")
        << "isolate-1.3/oom_nocg.meta" << RunStatus::RE << "Exited with code 1" << 1 << 0 << 0.270
        << 0.284 << 64396ull;
}

void TestIsolateMeta::statuses()
{
    QFETCH(QString, file);
    QFETCH(RunStatus, status);
    QFETCH(QString, message);
    QFETCH(int, exitCode);
    QFETCH(int, signal);
    QFETCH(double, cpu);
    QFETCH(double, wall);
    QFETCH(qulonglong, memory);
    const QByteArray text = meta(file);
    QVERIFY(!text.isEmpty());
    QString error;
    const auto reply = parseIsolateMeta(text, &error, 65536);
    QVERIFY2(reply, qPrintable(error));
    RunLimits limits;
    limits.memoryKib = 65536;
    const RunResult r = mapRunReply(*reply, limits, false);
    QCOMPARE(runStatusName(r.status), runStatusName(status));
    QCOMPARE(r.message, message);
    QCOMPARE(r.exitCode, exitCode);
    QCOMPARE(r.signal, signal);
    QCOMPARE(r.cpuSeconds, cpu);
    QCOMPARE(r.wallSeconds, wall);
    QCOMPARE(r.memoryKib, quint64(memory));
}

void TestIsolateMeta::brokenFilesNameTheProblem_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("number") << "broken-number.meta"
                            << "'time' is not a number: 'abc'";
    QTest::newRow("line") << "broken-line.meta"
                          << "line 1";
    QTest::newRow("status") << "broken-status.meta"
                            << "unknown status 'ZZ'";
}

void TestIsolateMeta::brokenFilesNameTheProblem()
{
    QFETCH(QString, file);
    QFETCH(QString, mentions);
    QString error;
    QVERIFY(!parseIsolateMeta(meta(file), &error));
    QVERIFY2(error.contains(mentions), qPrintable(error));
}

QTEST_GUILESS_MAIN(TestIsolateMeta)
#include "tst_isolatemeta.moc"
