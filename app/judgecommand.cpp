#include "judgecommand.h"
#include "engine.h"
#include "options.h"
#include "problemjudge.h"
#include "report.h"
#include "reportwriter.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

namespace evalx::app {

namespace {

int usageError(const QString &message)
{
    return app::usageError(QStringLiteral("judge"), message);
}

QJsonValue scoreValue(const std::optional<double> &score)
{
    return score ? QJsonValue(*score) : QJsonValue(QJsonValue::Null);
}

QJsonObject toJson(const JudgedFile &f)
{
    QJsonObject o{{QStringLiteral("file"), f.file}, {QStringLiteral("language"), f.language}};
    if (!f.result) {
        o.insert(QStringLiteral("verdict"), verdictName(Verdict::IE));
        o.insert(QStringLiteral("score"), QJsonValue::Null);
        o.insert(QStringLiteral("max_score"), QJsonValue::Null);
        o.insert(QStringLiteral("compile_output"), QString());
        o.insert(QStringLiteral("message"), f.error);
        o.insert(QStringLiteral("tests"), QJsonArray());
        return o;
    }
    const BatchResult &b = f.result->batch;
    o.insert(QStringLiteral("verdict"), verdictName(b.verdict));
    o.insert(QStringLiteral("score"), scoreValue(f.result->score.score));
    o.insert(QStringLiteral("max_score"), scoreValue(f.result->score.maxScore));
    o.insert(QStringLiteral("compile_output"), b.compileOutput);
    o.insert(QStringLiteral("message"), b.message);
    QJsonArray tests;
    for (const TestOutcome &t : b.tests) {
        QJsonObject to{
            {QStringLiteral("name"), t.name},
            {QStringLiteral("verdict"), verdictName(t.verdict)},
            {QStringLiteral("time"), t.run.cpuSeconds},
            {QStringLiteral("wall_time"), t.run.wallSeconds},
            {QStringLiteral("memory"), qint64(t.run.memoryKib)},
            {QStringLiteral("message"), testMessage(t)},
        };
        if (t.score)
            to.insert(QStringLiteral("score"), *t.score);
        tests.append(to);
    }
    o.insert(QStringLiteral("tests"), tests);
    return o;
}

void printHuman(QTextStream &out, const JudgedFile &f)
{
    if (!f.result) {
        out << f.file << ": " << verdictName(Verdict::IE) << " (" << f.error << ")\n";
        return;
    }
    const BatchResult &b = f.result->batch;
    const SubmissionScore &s = f.result->score;
    out << f.file << " [" << f.language << "]: " << verdictName(b.verdict);
    if (s.score) {
        out << ", score " << QString::number(*s.score, 'g', 6);
        if (s.maxScore)
            out << "/" << QString::number(*s.maxScore, 'g', 6);
    }
    const int judged = int(b.tests.size()) - b.count(Verdict::Skipped);
    out << " (" << b.count(Verdict::AC) << "/" << b.tests.size() << " tests passed";
    if (judged != b.tests.size())
        out << ", " << (b.tests.size() - judged) << " skipped";
    out << ")\n";
    if (!b.message.isEmpty())
        out << "  " << b.message << "\n";
    if (b.verdict == Verdict::CE) {
        out << b.compileOutput;
        if (!b.compileOutput.endsWith(QLatin1Char('\n')))
            out << "\n";
        return;
    }
    int width = 4;
    for (const TestOutcome &t : b.tests)
        width = std::max(width, int(t.name.size()));
    for (const TestOutcome &t : b.tests) {
        out << "  " << t.name.leftJustified(width) << "  "
            << verdictName(t.verdict).leftJustified(3) << "  "
            << QString::number(t.run.cpuSeconds, 'f', 3).rightJustified(7) << " s  "
            << QString::number(t.run.memoryKib).rightJustified(8) << " KiB";
        const QString message = testMessage(t);
        if (!message.isEmpty() && t.verdict != Verdict::AC)
            out << "  " << message.left(200).replace(QLatin1Char('\n'), QLatin1Char(' '));
        out << "\n";
    }
}

} // namespace

int judgeCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Judges each FILE (a source file or a directory of sources) against a problem package: "
        "a folder of NAME.in with NAME.out or NAME.ans, or an ICPC/Kattis package.\n"
        "Exit code: 0 when every file was judged, whatever the verdicts; 1 when some file could "
        "not be judged; 2 for a bad command line or a broken package; 3 for an internal error."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("judge"), QStringLiteral("The verb."));
    parser.addPositionalArgument(QStringLiteral("FILE..."), QStringLiteral("Submissions."));
    parser.addOptions({
        {QStringLiteral("problem"), QStringLiteral("The problem package."), QStringLiteral("DIR")},
        {QStringLiteral("language"),
         QStringLiteral("Language id of every FILE (default: from the extensions)."),
         QStringLiteral("ID")},
        {QStringLiteral("jobs"), QStringLiteral("Runs at once (default: the number of cores)."),
         QStringLiteral("N")},
        {QStringLiteral("checker"),
         QStringLiteral("Built-in comparison instead of the package's: lines, exact, tokens, "
                        "case-insensitive, float[:E], float-abs:E, float-rel:E."),
         QStringLiteral("SPEC")},
        {QStringLiteral("time"),
         QStringLiteral("CPU time limit per test, replacing the package's."),
         QStringLiteral("SEC")},
        {QStringLiteral("memory"), QStringLiteral("Memory limit, replacing the package's."),
         QStringLiteral("MIB")},
        {QStringLiteral("stop-on-failure"),
         QStringLiteral("Skip the remaining tests of a file after its first failure.")},
        {QStringLiteral("json"), QStringLiteral("Print one JSON object.")},
        {QStringLiteral("report"),
         QStringLiteral("Also write a report, its format chosen by the extension: %1.")
             .arg(reportFormatList()),
         QStringLiteral("FILE")},
        sandboxOption(),
    });
    if (const std::optional<int> done =
            parseCommandLine(parser, arguments, QStringLiteral("judge")))
        return *done;
    const QStringList files = parser.positionalArguments().mid(1);
    if (files.isEmpty())
        return usageError(QStringLiteral("no submission given"));
    const std::optional<QString> problemDir = optionValue(parser, QStringLiteral("problem"));
    if (!problemDir)
        return usageError(QStringLiteral("--problem DIR is required"));

    QString error;
    const std::optional<QString> reportPath = optionValue(parser, QStringLiteral("report"));
    if (reportPath && !reportFormatForPath(*reportPath, &error))
        return usageError(QStringLiteral("--report: %1").arg(error));
    if (reportPath && reportFormatForPath(*reportPath, nullptr) == ReportFormat::Pdf &&
        !canWritePdf(&error))
        return usageError(QStringLiteral("--report: %1").arg(error));
    ProblemJudgeOptions options;
    options.stopOnFirstFailure = optionSet(parser, QStringLiteral("stop-on-failure"));
    if (auto v = optionValue(parser, QStringLiteral("checker"))) {
        options.comparison = parseComparison(*v, &error);
        if (!options.comparison)
            return usageError(QStringLiteral("--checker: %1").arg(error));
    }
    if (auto v = optionValue(parser, QStringLiteral("time"))) {
        options.timeSeconds = parseSeconds(QStringLiteral("time"), *v, 600, &error);
        if (!options.timeSeconds)
            return usageError(error);
    }
    if (auto v = optionValue(parser, QStringLiteral("memory"))) {
        options.memoryMib = parseCount(QStringLiteral("memory"), *v, 1, 64 * 1024, &error);
        if (!options.memoryMib)
            return usageError(error);
    }
    EngineOptions engineOptions;
    engineOptions.detectLanguages = false;
    if (!applySandboxOption(parser, &engineOptions.sandbox, &error))
        return usageError(error);
    if (auto v = optionValue(parser, QStringLiteral("jobs"))) {
        const auto n = parseCount(QStringLiteral("jobs"), *v, 1, 256, &error);
        if (!n)
            return usageError(error);
        engineOptions.sandbox.poolSize = int(*n);
    }
    const std::optional<Problem> problem = loadProblem(*problemDir, &error);
    if (!problem)
        return usageError(QStringLiteral("broken problem package: %1").arg(error));

    Engine engine(engineOptions);
    const QString languageId = optionValue(parser, QStringLiteral("language")).value_or(QString());
    if (!languageId.isEmpty() && !engine.languages().find(languageId))
        return usageError(unknownLanguage(engine.languages(), languageId));
    if (!engine.start(&error)) {
        QTextStream(stderr) << "evalx judge: the sandbox could not start: " << error << "\n";
        return 3;
    }
    ProblemJudge judge(engine.batchJudge(), engine.languages());
    if (!judge.prepare(*problem, options, &error))
        return usageError(QStringLiteral("broken problem package: %1").arg(error));

    const bool json = optionSet(parser, QStringLiteral("json"));
    QTextStream out(stdout);
    if (!json) {
        out << problem->name << ": " << problem->tests.size() << " tests, time limit "
            << QString::number(judge.limits().cpuMs / 1000.0, 'g', 4) << " s ("
            << judge.timeLimitOrigin() << "), memory " << judge.limits().memoryKib / 1024
            << " MiB\n";
        out.flush();
    }
    QList<JudgedFile> results;
    bool everyFileJudged = true;
    for (const QString &file : files) {
        JudgedFile f;
        f.file = file;
        const std::optional<Submission> s =
            loadSubmission(file, engine.languages(), languageId, &f.error);
        if (s) {
            f.language = s->languageId;
            f.result = judge.judge(*s);
            if (f.result->batch.verdict == Verdict::IE) {
                everyFileJudged = false;
                if (f.error.isEmpty())
                    f.error = f.result->batch.message;
            }
        } else {
            everyFileJudged = false;
        }
        if (!json) {
            printHuman(out, f);
            out.flush();
        }
        results << f;
    }
    if (json) {
        QJsonArray list;
        for (const JudgedFile &f : std::as_const(results))
            list.append(toJson(f));
        const QJsonObject root{
            {QStringLiteral("problem"), problem->name},
            {QStringLiteral("time_limit"), judge.limits().cpuMs / 1000.0},
            {QStringLiteral("memory_limit"), qint64(judge.limits().memoryKib)},
            {QStringLiteral("submissions"), list},
        };
        out << QJsonDocument(root).toJson(QJsonDocument::Compact) << "\n";
    }
    out.flush();
    if (reportPath &&
        !writeReport(reportFromJudge(*problem, judge.limits(), results), *reportPath, &error)) {
        QTextStream(stderr) << "evalx judge: --report: " << error << "\n";
        return 2;
    }
    return everyFileJudged ? 0 : 1;
}

} // namespace evalx::app
