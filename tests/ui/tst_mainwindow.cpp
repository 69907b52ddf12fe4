// The console window, offscreen: it opens over a real engine, shows the
// sandbox's state and quits cleanly.

#include "console.h"
#include "mainwindow.h"

#include <QAction>
#include <QApplication>
#include <QLabel>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QTest>

class TestMainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void opensAndQuits();
    void withoutEngineSaysSo();
};

void TestMainWindow::opensAndQuits()
{
    evalx::ui::ConsoleSettings settings;
    settings.poolSize = 1;
    evalx::ui::Console console(settings);
    QString error;
    QVERIFY2(console.start(&error), qPrintable(error));
    evalx::ui::MainWindow window(&console);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QCOMPARE(window.pages()->count(), 3);
    QTRY_VERIFY(window.statusBar()->findChild<QLabel *>()->text().contains(
        QLatin1String("1 worker")));
    // File > Quit, with a shortcut, closes the window.
    auto *quit = window.findChild<QAction *>(QStringLiteral("actionQuit"));
    QVERIFY(quit);
    QVERIFY(!quit->shortcut().isEmpty());
    quit->trigger();
    QTRY_VERIFY(!window.isVisible());
}

void TestMainWindow::withoutEngineSaysSo()
{
    evalx::ui::Console console({});
    evalx::ui::MainWindow window(&console);
    window.show();
    QVERIFY(
        window.statusBar()->findChild<QLabel *>()->text().contains(QLatin1String("Not started")));
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
