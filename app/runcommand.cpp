#include "runcommand.h"
#include "engine.h"
#include "options.h"

#include <QCommandLineParser>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

#include <cstdio>

namespace evalx::app {

namespace {

int usageError(const QString &message)
{
    return app::usageError(QStringLiteral("run"), message);
}

QString round3(double seconds)
{
    return QString::number(seconds, 'f', 3);
}

} // namespace

int runCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Compiles FILE if its language needs it, runs it once in the sandbox and prints the "
        "result.\n"
        "Exit code: 0 when the program ran and exited with 0, 1 for any other verdict, 2 for a bad "
        "command line, 3 for an internal error."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("run"), QStringLiteral("The verb."));
    parser.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("The source file."));
    parser.addOptions({
        {QStringLiteral("language"), QStringLiteral("Language id (default: from the extension)."),
         QStringLiteral("ID")},
        {QStringLiteral("stdin"), QStringLiteral("File fed to the program's standard input."),
         QStringLiteral("FILE")},
        {QStringLiteral("time"), QStringLiteral("CPU time limit (default 5)."),
         QStringLiteral("SEC")},
        {QStringLiteral("wall-time"),
         QStringLiteral("Wall time limit (default: twice the CPU limit + 1)."),
         QStringLiteral("SEC")},
        {QStringLiteral("memory"), QStringLiteral("Memory limit (default 256)."),
         QStringLiteral("MIB")},
        {QStringLiteral("processes"), QStringLiteral("Processes and threads (default 64)."),
         QStringLiteral("N")},
        {QStringLiteral("output-limit"),
         QStringLiteral("Captured stdout and stderr, each (default 65536)."),
         QStringLiteral("KIB")},
        {QStringLiteral("json"), QStringLiteral("Print one JSON object.")},
        sandboxOption(),
    });
    if (const std::optional<int> done = parseCommandLine(parser, arguments, QStringLiteral("run")))
        return *done;
    const QStringList positional = parser.positionalArguments().mid(1);
    if (positional.size() != 1)
        return usageError(positional.isEmpty() ? QStringLiteral("no source file given")
                                               : QStringLiteral("one source file at a time"));
    const QString path = positional.first();

    QString error;
    RunLimits limits;
    limits.cpuMs = 5000;
    limits.memoryKib = 256 * 1024;
    limits.processes = 64;
    limits.outputKib = 65536;
    limits.fileSizeKib = 64 * 1024;
    limits.stackKib = 256 * 1024;
    if (auto v = optionValue(parser, QStringLiteral("time"))) {
        const auto s = parseSeconds(QStringLiteral("time"), *v, 3600, &error);
        if (!s)
            return usageError(error);
        limits.cpuMs = quint64(*s * 1000 + 0.5);
    }
    limits.wallMs = limits.cpuMs * 2 + 1000;
    if (auto v = optionValue(parser, QStringLiteral("wall-time"))) {
        const auto s = parseSeconds(QStringLiteral("wall-time"), *v, 3600, &error);
        if (!s)
            return usageError(error);
        limits.wallMs = quint64(*s * 1000 + 0.5);
    }
    if (auto v = optionValue(parser, QStringLiteral("memory"))) {
        const auto m = parseCount(QStringLiteral("memory"), *v, 1, 64 * 1024, &error);
        if (!m)
            return usageError(error);
        limits.memoryKib = *m * 1024;
    }
    if (auto v = optionValue(parser, QStringLiteral("processes"))) {
        const auto n = parseCount(QStringLiteral("processes"), *v, 1, 4096, &error);
        if (!n)
            return usageError(error);
        limits.processes = quint32(*n);
    }
    if (auto v = optionValue(parser, QStringLiteral("output-limit"))) {
        const auto k = parseCount(QStringLiteral("output-limit"), *v, 1, 1024 * 1024, &error);
        if (!k)
            return usageError(error);
        limits.outputKib = *k;
    }

    QByteArray input;
    if (auto v = optionValue(parser, QStringLiteral("stdin"))) {
        QFile f(*v);
        if (!f.open(QIODevice::ReadOnly))
            return usageError(QStringLiteral("cannot read %1: %2").arg(*v, f.errorString()));
        input = f.readAll();
    }

    EngineOptions options;
    options.sandbox.poolSize = 1;
    options.detectLanguages = false;
    if (!applySandboxOption(parser, &options.sandbox, &error))
        return usageError(error);
    Engine engine(options);
    const QString languageId = optionValue(parser, QStringLiteral("language")).value_or(QString());
    if (!languageId.isEmpty() && !engine.languages().find(languageId))
        return usageError(unknownLanguage(engine.languages(), languageId));
    const std::optional<Submission> submission =
        loadSubmission(path, engine.languages(), languageId, &error);
    if (!submission)
        return usageError(error);
    const Language *language = engine.languages().find(submission->languageId);

    Execution e;
    if (!engine.start(&error))
        e.run =
            RunResult::internalError(QStringLiteral("the sandbox could not start: %1").arg(error));
    else
        e = engine.executor().execute(*language, *submission, input, limits);
    const RunResult &r = e.run;

    if (optionSet(parser, QStringLiteral("json"))) {
        const QJsonObject o{
            {QStringLiteral("status"), runStatusName(r.status)},
            {QStringLiteral("exit_code"), r.exitCode},
            {QStringLiteral("signal"), r.signal},
            {QStringLiteral("time"), r.cpuSeconds},
            {QStringLiteral("wall_time"), r.wallSeconds},
            {QStringLiteral("memory"), qint64(r.memoryKib)},
            {QStringLiteral("stdout"), QString::fromUtf8(r.stdoutData)},
            {QStringLiteral("stderr"), QString::fromUtf8(r.stderrData)},
            {QStringLiteral("compile_output"), e.compileOutput},
            {QStringLiteral("message"), r.message},
        };
        QTextStream(stdout) << QJsonDocument(o).toJson(QJsonDocument::Compact) << "\n";
    } else {
        QTextStream err(stderr);
        if (!e.compileOutput.isEmpty())
            err << "--- compile output ---\n" << e.compileOutput << "\n";
        std::fwrite(r.stdoutData.constData(), 1, std::size_t(r.stdoutData.size()), stdout);
        std::fflush(stdout);
        err << r.stderrData;
        err << "--- " << runStatusName(r.status);
        if (!r.message.isEmpty())
            err << ": " << r.message;
        err << " | time " << round3(r.cpuSeconds) << " s, wall " << round3(r.wallSeconds)
            << " s, memory " << r.memoryKib << " KiB, exit code " << r.exitCode << "\n";
    }
    if (r.status == RunStatus::OK)
        return 0;
    return r.status == RunStatus::IE ? 3 : 1;
}

} // namespace evalx::app
