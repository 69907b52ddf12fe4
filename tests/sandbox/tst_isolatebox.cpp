// The isolate backend: the same box interface driven through an installed
// isolate's command line. isolate is not packaged by Debian, so this suite
// runs only where one is installed (on PATH or named by EVALX_ISOLATE) and is
// skipped elsewhere, CI included.

#include "boxfixture.h"

#include <QtConcurrent/QtConcurrentRun>

using namespace evalx;
using namespace evalx::test;

class TestIsolateBox : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void summarySaysIsolate();
    void exitCodeAndStreams();
    void stdinIsFed();
    void mergedStderr();
    void limits_data();
    void limits();
    void filesAndReset();
    void programAreaIsReadOnly();
    void hostFilesAreHidden();
    void boxesTalkThroughPipes();

private:
    RunResult shell(const QString &script, const RunLimits &limits = defaultLimits(),
                    const QByteArray &input = {});
    std::unique_ptr<BoxPool> m_pool;
};

void TestIsolateBox::initTestCase()
{
    IsolateSetup probe;
    QString error;
    if (!IsolateSetup::probe({}, &probe, &error))
        QSKIP(qPrintable(error));
    if (::geteuid() != 0)
        QSKIP("isolate needs root");
    SandboxOptions options;
    options.backend = SandboxOptions::Backend::Isolate;
    options.poolSize = 2;
    options.isolateFirstBox = 90; // clear of boxes someone else may use
    m_pool = std::make_unique<BoxPool>(options);
    QVERIFY2(m_pool->start(&error), qPrintable(error));
}

RunResult TestIsolateBox::shell(const QString &script, const RunLimits &limits,
                                const QByteArray &input)
{
    BoxLease lease = m_pool->acquire(5000);
    RunRequest r;
    r.argv = QStringList{QStringLiteral("/bin/sh"), QStringLiteral("-c"), script};
    r.limits = limits;
    r.stdinData = input;
    return lease.run(r);
}

void TestIsolateBox::summarySaysIsolate()
{
    const SandboxSummary s = m_pool->summary();
    QCOMPARE(s.mode, QStringLiteral("isolate"));
    QVERIFY(!s.seccomp);
    QVERIFY(s.warnings.join(QLatin1Char(' ')).contains(QLatin1String("isolate backend")));
    for (const BoxInfo &b : m_pool->snapshot())
        QCOMPARE(b.state, BoxState::Idle);
}

void TestIsolateBox::exitCodeAndStreams()
{
    const RunResult r = shell(QStringLiteral("echo out; echo err >&2; exit 7"));
    QCOMPARE(r.status, RunStatus::RE);
    QCOMPARE(r.exitCode, 7);
    QCOMPARE(r.stdoutData, QByteArray("out\n"));
    QCOMPARE(r.stderrData, QByteArray("err\n"));
    QCOMPARE(r.message, QStringLiteral("Exited with code 7"));
}

void TestIsolateBox::stdinIsFed()
{
    const RunResult r = shell(QStringLiteral("wc -c"), defaultLimits(), QByteArray(100000, 'a'));
    QCOMPARE(r.status, RunStatus::OK);
    QCOMPARE(r.stdoutData.trimmed(), QByteArray("100000"));
}

void TestIsolateBox::mergedStderr()
{
    BoxLease lease = m_pool->acquire(5000);
    RunRequest r;
    r.argv = QStringList{QStringLiteral("/bin/sh"), QStringLiteral("-c"),
                         QStringLiteral("echo a; echo b >&2")};
    r.limits = defaultLimits();
    r.mergeStderr = true;
    const RunResult res = lease.run(r);
    QCOMPARE(res.status, RunStatus::OK);
    QVERIFY2(res.stdoutData.contains("a\n") && res.stdoutData.contains("b\n"),
             res.stdoutData.constData());
}

void TestIsolateBox::limits_data()
{
    QTest::addColumn<QByteArray>("source");
    QTest::addColumn<RunStatus>("status");
    QTest::addColumn<QString>("message");
    QTest::newRow("cpu") << QByteArray("int main(void) { for (;;); }") << RunStatus::TLE
                         << "Time limit exceeded";
    QTest::newRow("wall") << QByteArray("#include <unistd.h>\nint main(void) { sleep(30); }")
                          << RunStatus::TLE << "Time limit exceeded (wall)";
    QTest::newRow("memory") << QByteArray("#include <stdlib.h>\n#include <string.h>\n"
                                          "int main(void) { for (;;) { char *p = malloc(1 << 20);"
                                          " if (!p) return 3; memset(p, 1, 1 << 20); } }")
                            << RunStatus::MLE << "Memory limit exceeded";
    QTest::newRow("output") << QByteArray("#include <stdio.h>\nint main(void) { for (;;) "
                                          "puts(\"flood flood flood flood\"); }")
                            << RunStatus::OLE << "Output limit exceeded";
    QTest::newRow("signal") << QByteArray("int main(void) { return *(volatile int *)0; }")
                            << RunStatus::RE << "Killed by signal 11 (SIGSEGV)";
}

void TestIsolateBox::limits()
{
    QFETCH(QByteArray, source);
    QFETCH(RunStatus, status);
    QFETCH(QString, message);
    const QByteArray binary = compileC(source);
    QVERIFY(!binary.isEmpty());
    BoxLease lease = m_pool->acquire(5000);
    RunLimits l = defaultLimits();
    l.cpuMs = 1000;
    l.wallMs = 2000;
    l.memoryKib = 64 * 1024;
    l.outputKib = 64;
    const RunResult r = runProgram(lease, binary, l);
    QCOMPARE(runStatusName(r.status), runStatusName(status));
    QCOMPARE(r.message, message);
    if (status == RunStatus::OLE)
        QVERIFY(r.stdoutData.size() <= 64 * 1024);
}

void TestIsolateBox::filesAndReset()
{
    BoxLease lease = m_pool->acquire(5000);
    QString error;
    QVERIFY2(lease->putFile(wire::Area::Work, QStringLiteral("dir/in.txt"), "hello", 0644, &error),
             qPrintable(error));
    QVERIFY(!lease->putFile(wire::Area::Work, QStringLiteral("../escape"), "x", 0644, &error));
    QVERIFY2(error.contains(QLatin1String("unsafe")), qPrintable(error));
    RunRequest r;
    r.argv = QStringList{QStringLiteral("/bin/sh"), QStringLiteral("-c"),
                         QStringLiteral("cat dir/in.txt > out.txt; echo tmp > /tmp/t")};
    r.limits = defaultLimits();
    const RunResult wrote = lease.run(r);
    QVERIFY2(wrote.status == RunStatus::OK, qPrintable(wrote.message));
    QList<BoxFile> files;
    QVERIFY2(lease->getFiles(wire::Area::Work, &files, &error), qPrintable(error));
    QStringList names;
    for (const BoxFile &f : files)
        names << f.path;
    names.sort();
    QCOMPARE(names, (QStringList{QStringLiteral("dir/in.txt"), QStringLiteral("out.txt")}));
    QVERIFY(lease->reset(false, &error));
    files.clear();
    QVERIFY(lease->getFiles(wire::Area::Work, &files, &error));
    QVERIFY(files.isEmpty());
    r.argv = QStringList{QStringLiteral("/bin/sh"), QStringLiteral("-c"),
                         QStringLiteral("test ! -e /tmp/t")};
    QCOMPARE(lease.run(r).status, RunStatus::OK); // /tmp went with the reset
}

void TestIsolateBox::programAreaIsReadOnly()
{
    BoxLease lease = m_pool->acquire(5000);
    QString error;
    QVERIFY(lease->reset(true, &error));
    QVERIFY(lease->putFile(wire::Area::Program, QStringLiteral("run.sh"), "#!/bin/sh\necho hi\n",
                           0755, &error));
    RunRequest r;
    r.argv = QStringList{lease->programDir() + QStringLiteral("/run.sh")};
    r.limits = defaultLimits();
    const RunResult ran = lease.run(r);
    QVERIFY2(ran.status == RunStatus::OK, qPrintable(ran.message));
    QCOMPARE(ran.stdoutData, QByteArray("hi\n"));
    r.argv = QStringList{QStringLiteral("/bin/sh"), QStringLiteral("-c"),
                         QStringLiteral("echo x > /prog/run.sh")};
    QCOMPARE(lease.run(r).status, RunStatus::RE);
}

void TestIsolateBox::hostFilesAreHidden()
{
    // isolate shows /usr, /bin, /lib; EvalX adds a copy of a few /etc entries.
    const RunResult r =
        shell(QStringLiteral("test ! -e /etc/shadow && test ! -e /root && test -e /etc/ld.so.cache"
                             " && test ! -e /home"));
    QVERIFY2(r.status == RunStatus::OK, qPrintable(r.message));
}

void TestIsolateBox::boxesTalkThroughPipes()
{
    const PipedPair p = runPipedPair(*m_pool);
    QVERIFY2(p.asker.status == RunStatus::OK, qPrintable(p.asker.message));
    QVERIFY2(p.doubler.status == RunStatus::OK, qPrintable(p.doubler.message));
    QCOMPARE(p.asker.stderrData, QByteArray("got 40\n"));
}

QTEST_GUILESS_MAIN(TestIsolateBox)
#include "tst_isolatebox.moc"
