// evalx: the console window by default, --headless for servers, and verbs
// (run, ...) for scripts. This file only picks the mode and the application
// object; the work is the engine's.

#include "boxpool.h"
#include "doctorcommand.h"
#include "headless.h"
#include "judgecommand.h"
#include "logging.h"
#include "offscreenapp.h"
#include "reportcommand.h"
#include "runcommand.h"

#include <QCoreApplication>
#include <QTextStream>

#include <csignal>
#include <unistd.h>

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
           "       evalx doctor [--redis URL] [--port N] [--bind ADDR] [--config FILE] [--json]\n"
           "       evalx --version | --help\n"
           "Every mode takes --log-level debug|info|warning|error and --log-rules RULES.\n"
           "Without a verb EvalX opens its window when a display is available, and serves\n"
           "the API (--headless) otherwise. Every option can also be set as EVALX_<OPTION>.\n";
}

bool hasDisplay()
{
    return qEnvironmentVariableIsSet("DISPLAY") || qEnvironmentVariableIsSet("WAYLAND_DISPLAY") ||
           qEnvironmentVariableIsSet("QT_QPA_PLATFORM");
}

// The first line is "evalx X.Y.Z" (scripts read it); then what this build
// and this host offer the sandbox, cheaply: 'evalx doctor' tries it for real.
int printVersion(int argc, char **argv)
{
    QCoreApplication app(argc, argv); // findHelper looks next to the executable
    const evalx::CgroupHost cgroups = evalx::CgroupSetup::detectHost();
    const QString helper = evalx::BoxPool::findHelper({});
    QTextStream out(stdout);
    out << "evalx " << EVALX_VERSION << "\n"
        << "Qt " << qVersion() << " (built with " << QT_VERSION_STR << ")"
#ifdef EVALX_HAVE_GUI
        << ", console window\n"
#else
        << ", headless only (built with EVALX_GUI=OFF)\n"
#endif
        << "sandbox: namespaces, cgroup v1 and v2, seccomp (libseccomp " EVALX_LIBSECCOMP_VERSION
           "), or --sandbox isolate; Redis queue (hiredis " EVALX_HIREDIS_VERSION ")\n"
        << "box helper: " << (helper.isEmpty() ? QStringLiteral("not found") : helper) << "\n"
        << "this host: cgroup " << evalx::cgroup::versionName(cgroups.version) << ", "
        << (::geteuid() == 0 ? "running as root" : "not root (rootless boxes)")
        << "; 'evalx doctor' checks it all\n";
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    QStringList args;
    for (int i = 0; i < argc; ++i)
        args << QString::fromLocal8Bit(argv[i]);
    // Before anything else, so that every mode logs as asked.
    if (const std::optional<QString> error = evalx::app::takeLoggingOptions(&args)) {
        QTextStream(stderr) << "evalx: " << *error << "\n";
        return 2;
    }
    const QString verb = args.value(1);

    if (verb == QLatin1String("--version") || verb == QLatin1String("-v"))
        return printVersion(argc, argv);
    if (verb == QLatin1String("--help") || verb == QLatin1String("-h")) {
        QTextStream out(stdout);
        printUsage(out);
        return 0;
    }
    if (verb == QLatin1String("run") || verb == QLatin1String("doctor")) {
        QCoreApplication app(argc, argv);
        QCoreApplication::setApplicationName(QStringLiteral("evalx"));
        return verb == QLatin1String("run") ? evalx::app::runCommand(args)
                                            : evalx::app::doctorCommand(args);
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
