// The console window, offscreen, over a real engine: it opens and quits,
// submits from the window, keeps and applies its settings (a new pool, a
// language turned off, the API inside the window), switches language, and
// renders screenshots.

#include "console.h"
#include "consolesource.h"
#include "engine.h"
#include "localjudgepage.h"
#include "localjudgemodel.h"
#include "localjudgesession.h"
#include "mainwindow.h"
#include "settingsdialog.h"
#include "submissionmodel.h"
#include "submissionspage.h"
#include "submitdialog.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QLabel>
#include <QMenuBar>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPointer>
#include <QProcess>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace evalx;
using namespace evalx::ui;

class TestMainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("EvalX"));
        QCoreApplication::setApplicationName(QStringLiteral("evalx-test"));
    }
    void opensAndQuits();
    void withoutEngineSaysSo();
    void submitsFromTheWindow();
    void settingsRoundTrip();
    void applyingSettingsRebuildsTheEngine();
    void servesTheApiFromTheWindow();
    void aBadRemoteUrlSaysSo();
    void aNewLanguageKeepsTheLocalJudgesWork();
    void screenshotRendersEachPage_data();
    void screenshotRendersEachPage();

private:
    static QString statusText(const MainWindow &window)
    {
        QStringList parts;
        for (const QLabel *l : window.statusBar()->findChildren<QLabel *>())
            parts << l->text();
        return parts.join(QLatin1Char('|'));
    }
};

void TestMainWindow::opensAndQuits()
{
    ConsoleSettings settings;
    settings.poolSize = 1;
    Console console(settings);
    QString error;
    QVERIFY2(console.start(&error), qPrintable(error));
    MainWindow window(&console);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QCOMPARE(window.pages()->count(), 3);
    QTRY_VERIFY(statusText(window).contains(QLatin1String("1 worker")));
    // File > Quit, with a shortcut, closes the window.
    auto *quit = window.findChild<QAction *>(QStringLiteral("actionQuit"));
    QVERIFY(quit);
    QVERIFY(!quit->shortcut().isEmpty());
    quit->trigger();
    QTRY_VERIFY(!window.isVisible());
}

void TestMainWindow::withoutEngineSaysSo()
{
    Console console({});
    MainWindow window(&console);
    window.show();
    QVERIFY(statusText(window).contains(QLatin1String("Not started")));
}

// File > Submit a program: the dialog's request is judged by the engine and
// the submissions page lists it as the window's, with its verdict.
void TestMainWindow::submitsFromTheWindow()
{
    ConsoleSettings settings;
    settings.poolSize = 1;
    Console console(settings);
    QString error;
    QVERIFY2(console.start(&error), qPrintable(error));
    MainWindow window(&console);
    window.show();
    QVERIFY(window.findChild<QAction *>(QStringLiteral("actionSubmit")));

    std::unique_ptr<SubmitDialog> dialog(window.newSubmission());
    dialog->setLanguage(QStringLiteral("python3"));
    QVERIFY(!dialog->request(&error)); // an empty source is refused, with a reason
    QVERIFY(error.contains(QLatin1String("empty")));
    dialog->setSource(QStringLiteral("print(int(input()) * 2)\n"));
    dialog->setInput(QStringLiteral("21\n"));
    dialog->setExpected(QStringLiteral("42\n"));
    const auto request = dialog->request(&error);
    QVERIFY2(request, qPrintable(error));
    QCOMPARE(request->limits.cpuMs, quint64(settings.timeSeconds * 1000));
    QCOMPARE(request->limits.memoryKib, quint64(settings.memoryMib) * 1024);
    const std::optional<QByteArray> token = dialog->submit();
    QVERIFY(token);

    auto *page = qobject_cast<SubmissionsPage *>(window.page(MainWindow::Page::Submissions));
    QVERIFY(page);
    SubmissionModel *model = page->model();
    QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 1, 20000);
    const QModelIndex row = model->index(0, 0);
    QCOMPARE(row.data(SubmissionModel::TokenRole).toByteArray(), *token);
    QCOMPARE(row.data(SubmissionModel::SourceRole).toInt(), int(SubmissionSource::Window));
    QTRY_COMPARE_WITH_TIMEOUT(model->index(0, 0).data(SubmissionModel::VerdictRole).toInt(),
                              int(Verdict::AC), 20000);

    // A wrong expectation: the same path gives WA.
    dialog->setExpected(QStringLiteral("41\n"));
    const std::optional<QByteArray> wrong = dialog->submit();
    QVERIFY(wrong);
    QTRY_COMPARE_WITH_TIMEOUT(console.source()->find(*wrong)->state, JobState::Done, 20000);
    QCOMPARE(console.source()->find(*wrong)->result.verdict, Verdict::WA);
}

// What the dialog shows is what it gives back, and what is saved is what is loaded.
void TestMainWindow::settingsRoundTrip()
{
    ConsoleSettings s;
    s.poolSize = 3;
    s.timeSeconds = 1.5;
    s.memoryMib = 512;
    s.disabledLanguages = {QStringLiteral("java"), QStringLiteral("rust")};
    s.apiEnabled = true;
    s.apiAddress = QStringLiteral("0.0.0.0");
    s.apiPort = 4000;
    s.apiToken = QStringLiteral("secret");
    s.redisUrl = QStringLiteral("redis://127.0.0.1:6390/2");
    s.remoteUrl = QStringLiteral("http://judge.example:2358");
    s.remoteToken = QStringLiteral("t");
    s.uiLanguage = QStringLiteral("de");
    s.theme = QStringLiteral("dark");

    QTemporaryDir dir;
    {
        QSettings store(dir.filePath(QStringLiteral("evalx.conf")), QSettings::IniFormat);
        s.save(store);
    }
    QSettings store(dir.filePath(QStringLiteral("evalx.conf")), QSettings::IniFormat);
    QCOMPARE(ConsoleSettings::load(store), s);

    const LanguageCatalogue languages = LanguageCatalogue::builtIn();
    SettingsDialog dialog(s, languages);
    QCOMPARE(dialog.settings(), s);
    // The languages list shows every language, the disabled ones unchecked.
    auto *tree = dialog.findChild<QTreeWidget *>();
    QVERIFY(tree);
    QCOMPARE(tree->topLevelItemCount(), languages.languages().size());
    int unchecked = 0;
    for (int i = 0; i < tree->topLevelItemCount(); ++i)
        unchecked += tree->topLevelItem(i)->checkState(0) == Qt::Unchecked ? 1 : 0;
    QCOMPARE(unchecked, 2);
    // Unchecking one more in the dialog disables it.
    for (int i = 0; i < tree->topLevelItemCount(); ++i) {
        if (tree->topLevelItem(i)->data(0, Qt::UserRole).toString() == QLatin1String("c"))
            tree->topLevelItem(i)->setCheckState(0, Qt::Unchecked);
    }
    QVERIFY(dialog.settings().disabledLanguages.contains(QStringLiteral("c")));

    // Absurd values stored by hand are brought back into range.
    store.setValue(QStringLiteral("judge/poolSize"), -5);
    store.setValue(QStringLiteral("judge/memoryMib"), 1 << 30);
    const ConsoleSettings clamped = ConsoleSettings::load(store);
    QCOMPARE(clamped.poolSize, 0);
    QCOMPARE(clamped.memoryMib, 65536);
}

// OK in the settings dialog: a new pool and a language turned off take
// effect at once, the pages follow the new engine, and the settings are saved.
void TestMainWindow::applyingSettingsRebuildsTheEngine()
{
    ConsoleSettings settings;
    settings.poolSize = 1;
    Console console(settings);
    QString error;
    QVERIFY2(console.start(&error), qPrintable(error));
    MainWindow window(&console);
    QCOMPARE(console.engine()->pool().size(), 1);
    QVERIFY(console.source()->languages().find(QStringLiteral("python3")));
    QPointer<QWidget> oldPage = window.page(MainWindow::Page::Submissions);

    ConsoleSettings changed = settings;
    changed.poolSize = 2;
    changed.disabledLanguages = {QStringLiteral("python3")};
    QVERIFY(window.applySettings(changed));
    QCOMPARE(console.engine()->pool().size(), 2);
    QVERIFY(!console.source()->languages().find(QStringLiteral("python3")));
    QVERIFY(console.source()->languages().find(QStringLiteral("c")));
    QVERIFY(console.engine()->allLanguages().find(QStringLiteral("python3")));
    QVERIFY(oldPage.isNull()); // the pages were rebuilt over the new engine
    QCOMPARE(window.pages()->count(), 3);

    // A disabled language is not offered by the window, and refused by the engine.
    std::unique_ptr<SubmitDialog> dialog(window.newSubmission());
    auto *languages = dialog->findChild<QComboBox *>();
    QVERIFY(languages);
    QCOMPARE(languages->findData(QStringLiteral("python3")), -1);
    QVERIFY(languages->findData(QStringLiteral("c")) >= 0);

    QSettings store;
    QCOMPARE(ConsoleSettings::load(store), changed);

    // Limits only: no rebuild.
    Engine *engine = console.engine();
    changed.timeSeconds = 3;
    QVERIFY(window.applySettings(changed));
    QCOMPARE(console.engine(), engine);
    std::unique_ptr<SubmitDialog> again(window.newSubmission());
    again->setLanguage(QStringLiteral("c"));
    again->setSource(QStringLiteral("int main(void) { return 0; }"));
    QCOMPARE(again->request(&error)->limits.cpuMs, quint64(3000));
}

void TestMainWindow::servesTheApiFromTheWindow()
{
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
    const int port = probe.serverPort();
    probe.close();

    ConsoleSettings settings;
    settings.poolSize = 1;
    settings.apiEnabled = true;
    settings.apiPort = port;
    settings.apiToken = QStringLiteral("tok");
    Console console(settings);
    QString error;
    QVERIFY2(console.start(&error), qPrintable(error));
    MainWindow window(&console);
    const QString address = QStringLiteral("http://127.0.0.1:%1").arg(port);
    QCOMPARE(console.apiAddress(), address);
    QTRY_VERIFY(statusText(window).contains(QLatin1String("API at ") + address));

    // A Judge0 client submits to the window's engine; the window lists it.
    QNetworkAccessManager net;
    QNetworkRequest request(QUrl(address + QStringLiteral("/submissions?wait=true")));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    request.setRawHeader("X-Auth-Token", "tok");
    std::unique_ptr<QNetworkReply> reply(
        net.post(request, R"json({"source_code":"print(7)","language_id":71})json"));
    QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 20000);
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 201);
    auto *page = qobject_cast<SubmissionsPage *>(window.page(MainWindow::Page::Submissions));
    QTRY_COMPARE(page->model()->rowCount(), 1);
    QCOMPARE(page->model()->index(0, 0).data(SubmissionModel::SourceRole).toInt(),
             int(SubmissionSource::Judge0));

    // Without the token: refused.
    request.setRawHeader("X-Auth-Token", "wrong");
    std::unique_ptr<QNetworkReply> refused(
        net.post(request, R"json({"source_code":"print(7)","language_id":71})json"));
    QTRY_VERIFY(refused->isFinished());
    QCOMPARE(refused->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 401);

    // Turning the API off closes the port.
    ConsoleSettings off = settings;
    off.apiEnabled = false;
    QVERIFY(window.applySettings(off));
    QVERIFY(console.apiAddress().isEmpty());
    QTRY_VERIFY(statusText(window).contains(QLatin1String("API off")));
    std::unique_ptr<QNetworkReply> closed(net.get(QNetworkRequest(QUrl(address + QStringLiteral("/health")))));
    QTRY_VERIFY(closed->isFinished());
    QCOMPARE(closed->error(), QNetworkReply::ConnectionRefusedError);
}

void TestMainWindow::aBadRemoteUrlSaysSo()
{
    ConsoleSettings settings;
    settings.remoteUrl = QStringLiteral("ftp://judge");
    Console console(settings);
    QString error;
    QVERIFY(!console.start(&error));
    QVERIFY2(error.contains(QLatin1String("http://")) && error.contains(QLatin1String("ftp://judge")),
             qPrintable(error));
    QVERIFY(console.source()); // the window still has something to show
    QVERIFY(!console.engine());
    MainWindow window(&console);
    QCOMPARE(window.pages()->count(), 3);
}

// The window rebuilds its pages for a new language; the class being judged
// stays, with its problem and students. A new engine ends it.
void TestMainWindow::aNewLanguageKeepsTheLocalJudgesWork()
{
    ConsoleSettings settings;
    settings.poolSize = 1;
    Console console(settings);
    QString error;
    QVERIFY2(console.start(&error), qPrintable(error));
    MainWindow window(&console);

    QTemporaryDir dir;
    QDir().mkpath(dir.filePath(QStringLiteral("problem/tests")));
    const auto write = [&dir](const QString &name, const QByteArray &data) {
        QFile f(dir.filePath(name));
        return f.open(QIODevice::WriteOnly) && f.write(data) == data.size();
    };
    QVERIFY(write(QStringLiteral("problem/tests/1.in"), "2\n"));
    QVERIFY(write(QStringLiteral("problem/tests/1.out"), "4\n"));
    QVERIFY(write(QStringLiteral("alice.py"), "print(int(input()) * 2)\n"));
    QVERIFY(write(QStringLiteral("bob.py"), "print(5)\n"));

    QPointer<LocalJudgePage> page =
        qobject_cast<LocalJudgePage *>(window.page(MainWindow::Page::LocalJudge));
    QVERIFY(page);
    QVERIFY2(page->openProblem(dir.filePath(QStringLiteral("problem")), &error), qPrintable(error));
    page->addSubmissions({dir.filePath(QStringLiteral("alice.py")), dir.filePath(QStringLiteral("bob.py"))});
    QPointer<LocalJudgeSession> session = page->session();
    QCOMPARE(session->count(), 2);

    QEvent change(QEvent::LanguageChange);
    QCoreApplication::sendEvent(&window, &change);
    QVERIFY(page.isNull()); // rebuilt
    auto *rebuilt = qobject_cast<LocalJudgePage *>(window.page(MainWindow::Page::LocalJudge));
    QVERIFY(rebuilt);
    QCOMPARE(rebuilt->session(), session.data());
    QCOMPARE(rebuilt->model()->rowCount() >= 2, true);
    // Still judges: both students, one right and one wrong.
    rebuilt->run();
    QTRY_VERIFY_WITH_TIMEOUT(!session->isRunning() && session->done() == 2, 30000);

    // New settings that rebuild the engine start a new session.
    ConsoleSettings changed = settings;
    changed.poolSize = 2;
    QVERIFY(window.applySettings(changed));
    QVERIFY(session.isNull());
    auto *fresh = qobject_cast<LocalJudgePage *>(window.page(MainWindow::Page::LocalJudge));
    QCOMPARE(fresh->session()->count(), 0);
}

void TestMainWindow::screenshotRendersEachPage_data()
{
    QTest::addColumn<QString>("page");
    QTest::newRow("dashboard") << QStringLiteral("dashboard");
    QTest::newRow("submissions") << QStringLiteral("submissions");
    QTest::newRow("local") << QStringLiteral("local");
}

// evalx --screenshot: a real workload, then a PNG of the page with colour in it.
void TestMainWindow::screenshotRendersEachPage()
{
    QFETCH(QString, page);
    QTemporaryDir dir;
    const QString file = dir.filePath(page + QStringLiteral(".png"));
    QProcess evalx;
    evalx.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    evalx.start(QStringLiteral(EVALX_BINARY),
                {QStringLiteral("--screenshot"), file, QStringLiteral("--page"), page});
    QVERIFY(evalx.waitForFinished(180000));
    QCOMPARE(evalx.exitCode(), 0);
    const QImage image(file);
    QCOMPARE(image.size(), QSize(1280, 820));
    // Verdict colours are on every page: green (accepted) at least.
    int green = 0;
    for (int y = 0; y < image.height(); y += 2) {
        for (int x = 0; x < image.width(); x += 2) {
            const QColor c = image.pixelColor(x, y);
            green += (c.green() > 140 && c.red() < 90 && c.blue() < 110) ? 1 : 0;
        }
    }
    QVERIFY2(green > 20, qPrintable(QStringLiteral("%1 green pixels").arg(green)));

    QProcess bad;
    bad.start(QStringLiteral(EVALX_BINARY),
              {QStringLiteral("--screenshot"), file, QStringLiteral("--page"), QStringLiteral("nope")});
    QVERIFY(bad.waitForFinished(180000));
    QCOMPARE(bad.exitCode(), 1);
    QVERIFY(bad.readAllStandardError().contains("dashboard, submissions or local"));
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
