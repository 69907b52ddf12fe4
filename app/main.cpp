// evalx: the console window by default, --headless for servers, and verbs
// (run, ...) for scripts. This file only picks the mode and the application
// object; the work is the engine's.

#include "headless.h"
#include "judgecommand.h"
#include "offscreenapp.h"
#include "reportcommand.h"
#include "runcommand.h"

#include <QCoreApplication>
#include <QTextStream>

#include <csignal>

#ifdef EVALX_HAVE_GUI
#include "window.h"

#endif

namespace {

void printUsage(QTextStream &out)
{
    out << "Usage: evalx [--screenshot FILE [--page dashboard|submissions|local]]\n"
           "       evalx --headless [--bind ADDR] [--port N] [--workers N] ...\n"
           "       evalx run FILE [--language ID] [--stdin FILE] [--time SEC] [--wall-time SEC]\n"
           "                      [--memory MIB] [--processes N] [--output-limit KIB] [--json]\n"
           "       evalx judge --problem DIR FILE... [--language ID] [--jobs N] [--json]\n"
           "                      [--checker SPEC] [--time SEC] [--memory MIB] "
           "[--stop-on-failure]\n"
           "                      [--report FILE.csv|.json|.html|.pdf]\n"
           "       evalx report INPUT.json -o FILE.csv|.json|.html|.pdf [--title TEXT]\n"
           "       evalx --version | --help\n"
           "Without a verb EvalX opens its window when a display is available, and serves\n"
           "the API (--headless) otherwise. Every option can also be set as EVALX_<OPTION>.\n";
}

bool hasDisplay()
{
    return qEnvironmentVariableIsSet("DISPLAY") || qEnvironmentVariableIsSet("WAYLAND_DISPLAY") ||
           qEnvironmentVariableIsSet("QT_QPA_PLATFORM");
}

} // namespace

int main(int argc, char **argv)
{
    QStringList args;
    for (int i = 0; i < argc; ++i)
        args << QString::fromLocal8Bit(argv[i]);
    const QString verb = args.value(1);

    if (verb == QLatin1String("--version") || verb == QLatin1String("-v")) {
        QTextStream(stdout) << "evalx " << EVALX_VERSION << "\n";
        return 0;
    }
    if (verb == QLatin1String("--help") || verb == QLatin1String("-h")) {
        QTextStream out(stdout);
        printUsage(out);
        return 0;
    }
    if (verb == QLatin1String("run")) {
        QCoreApplication app(argc, argv);
        QCoreApplication::setApplicationName(QStringLiteral("evalx"));
        return evalx::app::runCommand(args);
    }
    // Both may write PDF reports.
    if (verb == QLatin1String("judge") || verb == QLatin1String("report")) {
        const auto app = evalx::app::makeOffscreenApplication(argc, argv);
        QCoreApplication::setApplicationName(QStringLiteral("evalx"));
        return verb == QLatin1String("judge") ? evalx::app::judgeCommand(args)
                                              : evalx::app::reportCommand(args);
    }
    if (!verb.isEmpty() && !verb.startsWith(QLatin1Char('-'))) {
        QTextStream err(stderr);
        err << "evalx: unknown command '" << verb << "'\n";
        printUsage(err);
        return 2;
    }

    bool headless = args.contains(QLatin1String("--headless"));
#ifdef EVALX_HAVE_GUI
    // A screenshot needs no display: it renders offscreen when there is none.
    if (!headless && args.contains(QLatin1String("--screenshot")) && !hasDisplay())
        qputenv("QT_QPA_PLATFORM", "offscreen");
    if (!headless && !hasDisplay()) {
        QTextStream(stderr) << "evalx: no display; serving the API instead (--headless)\n";
        headless = true;
        args << QStringLiteral("--headless");
    }
    if (!headless)
        return evalx::app::runWindow(argc, argv, args);
#else
    if (!headless && hasDisplay())
        QTextStream(stderr)
            << "evalx: built without the console (EVALX_GUI=OFF); serving the API\n";
#endif
    // Every thread inherits this mask: the server reads the signals from a signalfd.
    sigset_t mask;
    sigemptyset(&mask);
    sigaddset(&mask, SIGTERM);
    sigaddset(&mask, SIGINT);
    pthread_sigmask(SIG_BLOCK, &mask, nullptr);
    // The API writes PDF reports too.
    const auto app = evalx::app::makeOffscreenApplication(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("evalx"));
    return evalx::app::runHeadless(args);
}
