// Logging, --version and the service's notifications, through the real binary.

#include "../api/headlessserver.h"

#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTemporaryFile>
#include <QTest>

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

class TestLogging : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void defaultLevelHidesDebug();
    void debugLevelShowsEveryModule();
    void environmentSetsTheLevel();
    void warningLevelHidesInfo();
    void rulesPassThrough();
    void badLevels_data();
    void badLevels();
    void configFileSetsTheLevel();
    void versionFirstLine();
    void serviceIsNotified();
    void defaultConfigDocumentsEveryOption();

private:
    struct Outcome
    {
        int exitCode = -1;
        QByteArray out;
        QByteArray err;
    };
    static Outcome evalx(const QStringList &args,
                         const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment())
    {
        QProcess p;
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(EVALX_BINARY), args);
        Outcome o;
        if (!p.waitForFinished(120000))
            return o;
        o.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
        o.out = p.readAllStandardOutput();
        o.err = p.readAllStandardError();
        return o;
    }
    // A program that adds the two numbers of its input.
    static QString program() { return QStringLiteral(EVALX_TEST_DATA "/programs/ok.c"); }
    static QString input() { return QStringLiteral(EVALX_TEST_DATA "/programs/input.txt"); }
    // A headless server's stderr from its start until it listens, then stopped.
    static QByteArray headlessLog(const QStringList &extra);
};

void TestLogging::defaultLevelHidesDebug()
{
    const Outcome o = evalx({QStringLiteral("run"), program(), QStringLiteral("--stdin"), input()});
    QVERIFY2(o.exitCode == 0, QByteArray(o.err).constData());
    QVERIFY2(!o.err.contains("evalx.sandbox: box 0 started"), QByteArray(o.err).constData());
    QVERIFY2(!o.err.contains("evalx.judge:"), QByteArray(o.err).constData());
    // Info is shown by default.
    QVERIFY2(o.err.contains("evalx.sandbox: 1 boxes ready"), QByteArray(o.err).constData());
}

void TestLogging::debugLevelShowsEveryModule()
{
    // Anywhere on the command line, in both spellings.
    for (const QStringList &args :
         {QStringList{QStringLiteral("run"), program(), QStringLiteral("--stdin"), input(),
                      QStringLiteral("--log-level"), QStringLiteral("debug")},
          QStringList{QStringLiteral("--log-level=debug"), QStringLiteral("run"), program(),
                      QStringLiteral("--stdin"), input()}}) {
        const Outcome o = evalx(args);
        QVERIFY2(o.exitCode == 0, QByteArray(o.err).constData());
        QVERIFY2(o.err.contains("evalx.sandbox: box 0 started (helper pid "),
                 QByteArray(o.err).constData());
        QVERIFY2(o.err.contains("evalx.judge: compiled ok.c (c) in box 0: OK"),
                 QByteArray(o.err).constData());
        QVERIFY2(o.err.contains("evalx.judge: ran ok.c (c) in box 0: OK"),
                 QByteArray(o.err).constData());
    }
}

void TestLogging::environmentSetsTheLevel()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("EVALX_LOG_LEVEL"), QStringLiteral("debug"));
    Outcome o = evalx({QStringLiteral("run"), program(), QStringLiteral("--stdin"), input()}, env);
    QVERIFY2(o.exitCode == 0 && o.err.contains("evalx.sandbox: box 0 started"),
             QByteArray(o.err).constData());
    // The command line wins over the environment.
    o = evalx({QStringLiteral("run"), program(), QStringLiteral("--stdin"), input(),
               QStringLiteral("--log-level"), QStringLiteral("info")},
              env);
    QVERIFY2(o.exitCode == 0 && !o.err.contains("evalx.sandbox: box 0 started"),
             QByteArray(o.err).constData());
}

void TestLogging::warningLevelHidesInfo()
{
    for (const char *level : {"warning", "error"}) {
        const Outcome o = evalx({QStringLiteral("run"), program(), QStringLiteral("--stdin"),
                                 input(), QStringLiteral("--log-level"), QLatin1String(level)});
        QVERIFY2(o.exitCode == 0, QByteArray(o.err).constData());
        QVERIFY2(!o.err.contains("evalx.sandbox: 1 boxes ready"), QByteArray(o.err).constData());
        // The program's own result is output, not a log line: still there.
        QVERIFY2(o.err.contains("--- OK"), QByteArray(o.err).constData());
    }
}

void TestLogging::rulesPassThrough()
{
    const Outcome o = evalx({QStringLiteral("run"), program(), QStringLiteral("--stdin"), input(),
                             QStringLiteral("--log-rules"),
                             QStringLiteral("evalx.judge.debug=true;evalx.sandbox.info=false")});
    QVERIFY2(o.exitCode == 0, QByteArray(o.err).constData());
    QVERIFY2(o.err.contains("evalx.judge: ran ok.c"), QByteArray(o.err).constData());
    QVERIFY2(!o.err.contains("evalx.sandbox: box 0 started"), QByteArray(o.err).constData());
    QVERIFY2(!o.err.contains("evalx.sandbox: 1 boxes ready"), QByteArray(o.err).constData());
}

void TestLogging::badLevels_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QByteArray>("message");
    const QByteArray allowed = "--log-level takes debug, info, warning, error, not 'bogus'";
    QTest::addRow("run") << QStringList{QStringLiteral("run"),         program(),
                                        QStringLiteral("--stdin"),     input(),
                                        QStringLiteral("--log-level"), QStringLiteral("bogus")}
                         << allowed;
    QTest::addRow("headless") << QStringList{QStringLiteral("--headless"),
                                             QStringLiteral("--log-level=bogus")}
                              << allowed;
    QTest::addRow("doctor") << QStringList{QStringLiteral("doctor"), QStringLiteral("--log-level"),
                                           QStringLiteral("bogus")}
                            << allowed;
    QTest::addRow("no value") << QStringList{QStringLiteral("run"), program(),
                                             QStringLiteral("--stdin"), input(),
                                             QStringLiteral("--log-level")}
                              << QByteArray("--log-level needs a value");
}

void TestLogging::badLevels()
{
    QFETCH(QStringList, args);
    QFETCH(QByteArray, message);
    const Outcome o = evalx(args);
    QCOMPARE(o.exitCode, 2);
    QVERIFY2(o.err.contains(message), QByteArray(o.err).constData());
}

QByteArray TestLogging::headlessLog(const QStringList &extra)
{
    QProcess p;
    p.start(QStringLiteral(EVALX_BINARY),
            QStringList{QStringLiteral("--headless"), QStringLiteral("--port"),
                        QString::number(evalx::test::freePort()), QStringLiteral("--workers"),
                        QStringLiteral("1")} +
                extra);
    if (!p.waitForStarted())
        return {};
    QDeadlineTimer deadline(60000);
    while (!p.canReadLine() && p.state() == QProcess::Running && !deadline.hasExpired())
        p.waitForReadyRead(100);
    p.terminate();
    p.waitForFinished(30000);
    return p.readAllStandardError();
}

void TestLogging::configFileSetsTheLevel()
{
    QTemporaryFile config;
    QVERIFY(config.open());
    config.write("log-level = debug\n");
    config.close();
    QByteArray log = headlessLog({QStringLiteral("--config"), config.fileName()});
    QVERIFY2(log.contains("evalx.sandbox: box 0 started"), QByteArray(log).constData());
    // The command line wins over the file.
    log = headlessLog({QStringLiteral("--config"), config.fileName(), QStringLiteral("--log-level"),
                       QStringLiteral("info")});
    QVERIFY2(!log.contains("evalx.sandbox: box 0 started") &&
                 log.contains("evalx.sandbox: 1 boxes ready"),
             QByteArray(log).constData());
    // Rules in the file: ',' between them, '=' inside them.
    QTemporaryFile rules;
    QVERIFY(rules.open());
    rules.write("log-rules = evalx.sandbox.debug=true,evalx.sandbox.info=false\n");
    rules.close();
    log = headlessLog({QStringLiteral("--config"), rules.fileName()});
    QVERIFY2(log.contains("evalx.sandbox: box 0 started") &&
                 !log.contains("evalx.sandbox: 1 boxes ready"),
             QByteArray(log).constData());
}

void TestLogging::versionFirstLine()
{
    const Outcome o = evalx({QStringLiteral("--version")});
    QCOMPARE(o.exitCode, 0);
    const QList<QByteArray> lines = o.out.split('\n');
    QCOMPARE(lines.value(0), QByteArray("evalx " EVALX_VERSION));
    QVERIFY2(lines.value(1).startsWith(QByteArray("Qt " + QByteArray(qVersion()))),
             QByteArray(o.out).constData());
    QVERIFY2(o.out.contains("seccomp (libseccomp 2."), QByteArray(o.out).constData());
    QVERIFY2(o.out.contains("box helper: /") && o.out.contains("evalx-box"),
             QByteArray(o.out).constData());
    QVERIFY2(o.out.contains("this host: cgroup v"), QByteArray(o.out).constData());
}

void TestLogging::serviceIsNotified()
{
    // systemd's side of Type=notify: a datagram socket named by NOTIFY_SOCKET.
    QTemporaryDir dir;
    const QByteArray path = QFile::encodeName(dir.filePath(QStringLiteral("notify")));
    const int fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    QVERIFY(fd >= 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    std::memcpy(address.sun_path, path.constData(), std::size_t(path.size()));
    QVERIFY(::bind(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) == 0);
    const timeval timeout{1, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    auto receive = [fd] {
        char buffer[512];
        const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
        return n > 0 ? QByteArray(buffer, n) : QByteArray();
    };
    QCOMPARE(receive(), QByteArray()); // nothing yet

    evalx::test::HeadlessServer server;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("NOTIFY_SOCKET"), QString::fromLocal8Bit(path));
    server.process().setProcessEnvironment(env);
    QVERIFY(server.start({QStringLiteral("--workers"), QStringLiteral("1")}));
    const QByteArray ready = receive();
    QVERIFY2(ready.startsWith(QByteArray("READY=1\nSTATUS=listening on 127.0.0.1:" +
                                         QByteArray::number(server.port()))),
             QByteArray(ready).constData());
    server.stop();
    QCOMPARE(receive(), QByteArray("STOPPING=1"));
    ::close(fd);
}

void TestLogging::defaultConfigDocumentsEveryOption()
{
    // Every long option of the server, as --help lists it.
    const Outcome help = evalx({QStringLiteral("--headless"), QStringLiteral("--help")});
    QCOMPARE(help.exitCode, 0);
    QSet<QString> options;
    const QRegularExpression optionRe(QStringLiteral("--([a-z-]+)"));
    for (const QByteArray &line : help.out.split('\n')) {
        if (!line.trimmed().startsWith('-'))
            continue;
        auto it = optionRe.globalMatch(QString::fromUtf8(line.left(line.indexOf("  ", 4))));
        while (it.hasNext())
            options.insert(it.next().captured(1));
    }
    for (const char *notSettings : {"help", "help-all", "headless", "config", "serve-languages"})
        options.remove(QLatin1String(notSettings));
    QVERIFY2(options.contains(QStringLiteral("queue-capacity")), help.out.constData());

    QFile file(QStringLiteral(EVALX_SOURCE_DIR "/packaging/evalx.conf"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(file.readAll());
    QSet<QString> documented;
    const QRegularExpression settingRe(QStringLiteral("^# ([a-z-]+) =( .*)?$"),
                                       QRegularExpression::MultilineOption);
    auto it = settingRe.globalMatch(text);
    while (it.hasNext())
        documented.insert(it.next().captured(1));
    QCOMPARE(documented, options);
    // Every setting commented out: the file as installed changes nothing.
    const QRegularExpression activeRe(QStringLiteral("^[a-z-]+ *="),
                                      QRegularExpression::MultilineOption);
    QVERIFY(!activeRe.match(text).hasMatch());
    // The server reads it (no unknown or malformed setting).
    QByteArray log = headlessLog({QStringLiteral("--config"), file.fileName()});
    QVERIFY2(log.contains("evalx.sandbox: 1 boxes ready"), QByteArray(log).constData());
}

QTEST_GUILESS_MAIN(TestLogging)
#include "tst_logging.moc"
