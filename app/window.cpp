#include "window.h"
#include "appearance.h"
#include "console.h"
#include "mainwindow.h"
#include "screenshot.h"

#include <QApplication>
#include <QSettings>
#include <QTextStream>

namespace evalx::app {

int runWindow(int &argc, char **argv, const QStringList &arguments)
{
    const qsizetype shotAt = arguments.indexOf(QLatin1String("--screenshot"));
    const QString shotFile = shotAt >= 0 ? arguments.value(shotAt + 1) : QString();
    const qsizetype pageAt = arguments.indexOf(QLatin1String("--page"));
    const QString page = pageAt >= 0 ? arguments.value(pageAt + 1) : QStringLiteral("dashboard");
    if (shotAt >= 0 && (shotFile.isEmpty() || shotFile.startsWith(QLatin1Char('-')))) {
        QTextStream(stderr) << "evalx: --screenshot takes the PNG file to write\n";
        return 2;
    }

    QApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("evalx"));
    QCoreApplication::setOrganizationName(QStringLiteral("EvalX"));
    ui::ConsoleSettings settings;
    if (shotAt < 0) {
        QSettings store;
        settings = ui::ConsoleSettings::load(store);
    }
    ui::applyTheme(settings.theme);
    ui::applyLanguage(settings.uiLanguage);
    ui::Console console(settings);
    QString error;
    if (!console.start(&error))
        QTextStream(stderr) << "evalx: " << error << "\n";
    ui::MainWindow window(&console);
    if (shotAt >= 0) {
        if (!ui::takeScreenshot(window, console, shotFile, page, &error)) {
            QTextStream(stderr) << "evalx: no screenshot: " << error << "\n";
            return 1;
        }
        return 0;
    }
    window.show();
    return QApplication::exec();
}

} // namespace evalx::app
