#include "offscreenapp.h"

#include <QDir>
#include <QFileInfo>
#include <QGuiApplication>
#include <QLibraryInfo>

#include <vector>

namespace evalx::app {

namespace {

bool offscreenPluginInstalled()
{
    QStringList dirs =
        qEnvironmentVariable("QT_PLUGIN_PATH").split(QDir::listSeparator(), Qt::SkipEmptyParts);
    dirs << QLibraryInfo::path(QLibraryInfo::PluginsPath);
    for (const QString &dir : std::as_const(dirs)) {
        if (QFileInfo::exists(dir + QLatin1String("/platforms/libqoffscreen.so")))
            return true;
    }
    return false;
}

} // namespace

std::unique_ptr<QCoreApplication> makeOffscreenApplication(int &argc, char **argv)
{
    if (!offscreenPluginInstalled())
        return std::make_unique<QCoreApplication>(argc, argv);
    // -platform on the command line wins over QT_QPA_PLATFORM, and unlike the
    // variable it is not inherited by the programs the judge runs.
    static std::vector<char *> arguments;
    static char platform[] = "-platform";
    static char offscreen[] = "offscreen";
    arguments.assign(argv, argv + argc);
    arguments.push_back(platform);
    arguments.push_back(offscreen);
    arguments.push_back(nullptr);
    static int count = 0;
    count = argc + 2;
    return std::make_unique<QGuiApplication>(count, arguments.data());
}

} // namespace evalx::app
