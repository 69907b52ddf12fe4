// The console window, offscreen: it opens over a real engine, shows the
// sandbox's state and quits cleanly.

#include "engine.h"
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
    evalx::EngineOptions options;
    options.sandbox.poolSize = 1;
    evalx::Engine engine(options);
    QString error;
    QVERIFY2(engine.start(&error), qPrintable(error));
    evalx::ui::MainWindow window(&engine);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QCOMPARE(window.pages()->count(), 3);
    QTRY_VERIFY(window.statusBar()->findChild<QLabel *>()->text().contains(
        QLatin1String("1 of 1 boxes idle")));
    // File > Quit, on the platform's Quit shortcut, closes the window.
    QAction *quit = nullptr;
    for (QAction *a : window.findChildren<QAction *>()) {
        if (a->shortcut() == QKeySequence(QKeySequence::Quit))
            quit = a;
    }
    QVERIFY(quit);
    quit->trigger();
    QTRY_VERIFY(!window.isVisible());
}

void TestMainWindow::withoutEngineSaysSo()
{
    evalx::ui::MainWindow window(nullptr);
    window.show();
    QVERIFY(
        window.statusBar()->findChild<QLabel *>()->text().contains(QLatin1String("not running")));
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
