#include "headless.h"
#include "apiserver.h"
#include "engine.h"
#include "logging.h"
#include "options.h"
#include "redisjobqueue.h"
#include "sdnotify.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QLoggingCategory>
#include <QSocketNotifier>
#include <QStandardPaths>
#include <QTextStream>
#include <QThreadPool>
#include <QTimer>

#include <csignal>
#include <memory>
#include <sys/signalfd.h>
#include <unistd.h>

Q_LOGGING_CATEGORY(lcHeadless, "evalx.headless")

namespace evalx::app {

namespace {

// How long running jobs may take to finish after SIGTERM before they are cancelled.
constexpr int kShutdownGraceMs = 20000;
// How long answers already written get to leave before the process exits.
constexpr int kFlushMs = 200;

int usageError(const QString &message)
{
    return app::usageError(QStringLiteral("--headless"), message);
}

// --history: a file, 'none', or by default systemd's state directory (the
// first of STATE_DIRECTORY's) or the user's data directory.
QString historyPath(const QCommandLineParser &parser)
{
    if (auto v = optionValue(parser, QStringLiteral("history")))
        return *v == QLatin1String("none") ? QString() : *v;
    const QString state = qEnvironmentVariable("STATE_DIRECTORY").section(QLatin1Char(':'), 0, 0);
    const QString dir =
        state.isEmpty() ? QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) : state;
    return dir + QStringLiteral("/history.sqlite");
}

} // namespace

QList<QCommandLineOption> headlessOptions()
{
    return {
        {QStringLiteral("headless"), QStringLiteral("Run as a server, without a window.")},
        {QStringLiteral("bind"), QStringLiteral("Address to listen on (default 127.0.0.1)."),
         QStringLiteral("ADDR")},
        {QStringLiteral("port"), QStringLiteral("Port to listen on (default 3000)."),
         QStringLiteral("PORT")},
        {QStringLiteral("workers"),
         QStringLiteral("Boxes in the pool (default: one per core); 0: no pool, only the API "
                        "(needs --redis)."),
         QStringLiteral("N")},
        {QStringLiteral("redis"),
         QStringLiteral("Share one queue through Redis with other processes: "
                        "redis://[[USER]:PASSWORD@]HOST[:PORT][/DB]."),
         QStringLiteral("URL")},
        // Also --serve-languages: EVALX_LANGUAGES already names a catalogue
        // file, so the environment says EVALX_SERVE_LANGUAGES.
        {{QStringLiteral("languages"), QStringLiteral("serve-languages")},
         QStringLiteral("With --redis: the languages this process judges, e.g. c,cpp "
                        "(default: every one available here; environment: "
                        "EVALX_SERVE_LANGUAGES)."),
         QStringLiteral("LIST")},
        {QStringLiteral("no-api"),
         QStringLiteral("No HTTP server: only judge jobs from the Redis queue (needs --redis).")},
        {QStringLiteral("reclaim-after"),
         QStringLiteral("With --redis: seconds a job claimed by a silent worker waits before "
                        "another worker takes it over (default 30)."),
         QStringLiteral("SECONDS")},
        {QStringLiteral("result-ttl"),
         QStringLiteral("With --redis: seconds finished jobs are kept (default 86400)."),
         QStringLiteral("SECONDS")},
        {QStringLiteral("artifact-ttl"),
         QStringLiteral("With --redis: seconds a compiled program is kept in Redis for the other "
                        "workers, which then do not compile it again; 0: not shared "
                        "(default 86400)."),
         QStringLiteral("SECONDS")},
        {QStringLiteral("result-cache"),
         QStringLiteral("With --redis: answer a job identical to one judged in the last SECONDS "
                        "(same language, sources, tests, limits, checker) from its result "
                        "(default: off)."),
         QStringLiteral("SECONDS")},
        {QStringLiteral("queue-capacity"),
         QStringLiteral("Jobs that may wait at most; more are refused with 503 (default 100)."),
         QStringLiteral("N")},
        {QStringLiteral("auth-token"),
         QStringLiteral("Require this X-Auth-Token on every API call but /health."),
         QStringLiteral("TOKEN")},
        {QStringLiteral("auth-user"),
         QStringLiteral("Require this X-Auth-User as well on Judge0's admin calls (listing "
                        "and deleting submissions)."),
         QStringLiteral("TOKEN")},
        sandboxOption(),
        {QStringLiteral("max-body-size"),
         QStringLiteral("Largest request body in MiB; larger ones answer 413 (default 16)."),
         QStringLiteral("MIB")},
        {QStringLiteral("rate-limit"),
         QStringLiteral("Requests a second one client address may make; more answer 429 "
                        "(default: no limit)."),
         QStringLiteral("N")},
        {QStringLiteral("cors-origin"),
         QStringLiteral("Origins browsers may call the API from, comma-separated, or '*'."),
         QStringLiteral("ORIGINS")},
        {QStringLiteral("history"),
         QStringLiteral("The SQLite file every job is kept in (default: "
                        "$STATE_DIRECTORY/history.sqlite under systemd, else history.sqlite in "
                        "the user's data directory); 'none': no history."),
         QStringLiteral("FILE")},
        {QStringLiteral("history-days"),
         QStringLiteral("Days finished jobs stay in the history, pruned at start and daily; "
                        "0: forever (default 90)."),
         QStringLiteral("DAYS")},
        {QStringLiteral("log-level"),
         QStringLiteral("Messages shown: debug, info (default), warning or error (every mode "
                        "takes it)."),
         QStringLiteral("LEVEL")},
        {QStringLiteral("log-rules"),
         QStringLiteral("Qt logging rules applied after the level, ';' or ',' between them, "
                        "e.g. 'evalx.sandbox.debug=true;evalx.api.info=false'."),
         QStringLiteral("RULES")},
        configOption(),
    };
}

int runHeadless(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("EvalX judge server."));
    parser.addHelpOption();
    const QList<QCommandLineOption> known = headlessOptions();
    parser.addOptions(known);
    if (const std::optional<int> done =
            parseCommandLine(parser, arguments, QStringLiteral("--headless")))
        return *done;

    QString error;
    if (!loadConfigFile(parser, known, &error))
        return usageError(error);
    // main() applied the command line and the environment; the file may add to them.
    if (!applyLogging(optionValue(parser, QStringLiteral("log-level")).value_or(QString()),
                      optionValue(parser, QStringLiteral("log-rules")).value_or(QString()), &error))
        return usageError(error);
    ApiOptions api;
    if (auto v = optionValue(parser, QStringLiteral("bind"))) {
        if (!api.address.setAddress(*v))
            return usageError(QStringLiteral("--bind takes an IP address, not '%1'").arg(*v));
    }
    if (auto v = optionValue(parser, QStringLiteral("port"))) {
        const auto port = parseCount(QStringLiteral("port"), *v, 0, 65535, &error);
        if (!port)
            return usageError(error);
        api.port = quint16(*port);
    }
    if (auto v = optionValue(parser, QStringLiteral("auth-token")))
        api.gate.authToken = *v;
    if (auto v = optionValue(parser, QStringLiteral("auth-user")))
        api.gate.authUser = *v;
    if (auto v = optionValue(parser, QStringLiteral("max-body-size"))) {
        const auto n = parseCount(QStringLiteral("max-body-size"), *v, 1, 4096, &error);
        if (!n)
            return usageError(error);
        api.gate.maxBodyBytes = qint64(*n) * 1024 * 1024;
    }
    if (auto v = optionValue(parser, QStringLiteral("rate-limit"))) {
        const auto n = parseCount(QStringLiteral("rate-limit"), *v, 0, 1000000, &error);
        if (!n)
            return usageError(error);
        api.gate.rateLimit = double(*n);
    }
    if (auto v = optionValue(parser, QStringLiteral("cors-origin")))
        api.gate.corsOrigins = v->split(QLatin1Char(','), Qt::SkipEmptyParts);
    EngineOptions options;
    if (auto v = optionValue(parser, QStringLiteral("redis"))) {
        const std::optional<RedisUrl> url = RedisUrl::parse(*v, &error);
        if (!url)
            return usageError(error);
        options.redis.url = *v;
    }
    const bool redis = !options.redis.url.isEmpty();
    if (auto v = optionValue(parser, QStringLiteral("workers"))) {
        const auto n = parseCount(QStringLiteral("workers"), *v, 0, 1024, &error);
        if (!n)
            return usageError(error);
        if (*n == 0 && !redis)
            return usageError(QStringLiteral(
                "--workers 0 (only the API, no boxes) needs --redis: someone else must judge"));
        options.sandbox.poolSize = int(*n);
        options.apiOnly = *n == 0;
    }
    const bool noApi = optionSet(parser, QStringLiteral("no-api"));
    if (noApi && !redis)
        return usageError(
            QStringLiteral("--no-api (only judging) needs --redis to take jobs from"));
    if (noApi && options.apiOnly)
        return usageError(QStringLiteral("--no-api with --workers 0 leaves nothing to do"));
    for (const char *name :
         {"serve-languages", "reclaim-after", "result-ttl", "artifact-ttl", "result-cache"}) {
        if (!redis && optionValue(parser, QLatin1String(name)))
            return usageError(QStringLiteral("--%1 needs --redis").arg(QLatin1String(name)));
    }
    if (auto v = optionValue(parser, QStringLiteral("serve-languages"))) {
        const LanguageCatalogue catalogue = LanguageCatalogue::builtIn();
        for (const QString &id : v->split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            const QString trimmed = id.trimmed();
            if (!catalogue.find(trimmed))
                return usageError(QStringLiteral("--languages: ") +
                                  unknownLanguage(catalogue, trimmed));
            options.redis.languages << trimmed;
        }
        if (options.redis.languages.isEmpty())
            return usageError(QStringLiteral("--languages takes a list such as c,cpp"));
    }
    if (auto v = optionValue(parser, QStringLiteral("reclaim-after"))) {
        const auto s = parseSeconds(QStringLiteral("reclaim-after"), *v, 86400, &error);
        if (!s)
            return usageError(error);
        options.redis.reclaimIdleMs = std::max(1, int(*s * 1000));
    }
    // Reads and heartbeats follow the reclaim time, so that a short one (in
    // tests) notices work and dead workers as quickly.
    options.redis.pollMs = std::clamp(options.redis.reclaimIdleMs / 4, 50, 1000);
    options.redis.heartbeatMs = options.redis.pollMs;
    if (auto v = optionValue(parser, QStringLiteral("result-ttl"))) {
        const auto n = parseCount(QStringLiteral("result-ttl"), *v, 1, 365 * 86400, &error);
        if (!n)
            return usageError(error);
        options.redis.resultTtlSeconds = int(*n);
    }
    if (auto v = optionValue(parser, QStringLiteral("artifact-ttl"))) {
        const auto n = parseCount(QStringLiteral("artifact-ttl"), *v, 0, 365 * 86400, &error);
        if (!n)
            return usageError(error);
        options.artifactTtlSeconds = int(*n);
    }
    if (auto v = optionValue(parser, QStringLiteral("result-cache"))) {
        const auto n = parseCount(QStringLiteral("result-cache"), *v, 1, 365 * 86400, &error);
        if (!n)
            return usageError(error);
        options.redis.resultCacheTtlSeconds = int(*n);
    }
    if (!applySandboxOption(parser, &options.sandbox, &error))
        return usageError(error);
    if (auto v = optionValue(parser, QStringLiteral("queue-capacity"))) {
        const auto n = parseCount(QStringLiteral("queue-capacity"), *v, 1, 1000000, &error);
        if (!n)
            return usageError(error);
        options.queue.capacity = int(*n);
    }

    options.historyPath = historyPath(parser);
    if (auto v = optionValue(parser, QStringLiteral("history-days"))) {
        const auto n = parseCount(QStringLiteral("history-days"), *v, 0, 100 * 365, &error);
        if (!n)
            return usageError(error);
        options.historyDays = int(*n);
    }

    Engine engine(options);
    if (!engine.start(&error)) {
        QTextStream(stderr) << "evalx: "
                            << (error.startsWith(QLatin1String("Redis"))
                                    ? QString()
                                    : QStringLiteral("the sandbox could not start: "))
                            << error << "\n";
        return 3;
    }
    std::unique_ptr<ApiServer> server;
    if (noApi) {
        QTextStream(stdout) << "EvalX " << EVALX_VERSION << " judging jobs from "
                            << engine.jobs()->status().location << " with "
                            << engine.jobs()->workers() << " workers\n"
                            << Qt::flush;
        sdNotify(QByteArrayLiteral("READY=1\nSTATUS=judging jobs from ") +
                 engine.jobs()->status().location.toUtf8());
    } else {
        server = std::make_unique<ApiServer>(engine, api);
        if (!server->listen(&error)) {
            QTextStream(stderr) << "evalx: " << error << "\n";
            return 3;
        }
        QTextStream(stdout) << "EvalX " << EVALX_VERSION << " listening on http://"
                            << api.address.toString() << ":" << server->port() << "\n"
                            << Qt::flush;
        sdNotify(QByteArrayLiteral("READY=1\nSTATUS=listening on ") +
                 api.address.toString().toUtf8() + ':' + QByteArray::number(server->port()));
    }

    // SIGTERM and SIGINT end the event loop, so that every box is torn down.
    // Blocked in main() before any thread exists, they arrive here only.
    sigset_t mask;
    sigemptyset(&mask);
    sigaddset(&mask, SIGTERM);
    sigaddset(&mask, SIGINT);
    const int sfd = ::signalfd(-1, &mask, SFD_CLOEXEC | SFD_NONBLOCK);
    QSocketNotifier notifier(sfd, QSocketNotifier::Read);
    // The first signal stops the queue taking jobs and lets the running ones
    // finish (or hands them back) while the API still answers; a second one
    // quits at once.
    bool stopping = false;
    QObject::connect(&notifier, &QSocketNotifier::activated, qApp,
                     [sfd, &stopping, &engine, &server] {
                         signalfd_siginfo info;
                         while (::read(sfd, &info, sizeof info) == sizeof info) {
                         }
                         JobQueue *jobs = engine.jobs();
                         if (stopping || !jobs) {
                             QCoreApplication::quit();
                             return;
                         }
                         stopping = true;
                         sdNotify(QByteArrayLiteral("STOPPING=1"));
                         qCInfo(lcHeadless, "stopping: %d jobs running, %d waiting",
                                jobs->running(), jobs->waiting());
                         QThreadPool::globalInstance()->start([jobs, &server] {
                             jobs->shutdown(kShutdownGraceMs);
                             // Clients waiting for a job get their answer before the sockets close.
                             QMetaObject::invokeMethod(
                                 qApp,
                                 [&server] {
                                     if (server)
                                         server->drain();
                                     QTimer::singleShot(kFlushMs, qApp, &QCoreApplication::quit);
                                 },
                                 Qt::QueuedConnection);
                         });
                     });
    const int rc = QCoreApplication::exec();
    ::close(sfd);
    return rc;
}

} // namespace evalx::app
