#include "reportcommand.h"
#include "options.h"
#include "report.h"
#include "reportwriter.h"

#include <QCommandLineParser>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

namespace evalx::app {

namespace {

int usageError(const QString &message)
{
    return app::usageError(QStringLiteral("report"), message);
}

} // namespace

int reportCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Writes a report of judged submissions from INPUT: what `evalx judge "
                       "--json` printed, or a JSON report (\"-\": standard input). The format "
                       "follows the output's extension: %1.\n"
                       "Exit code: 0 when written; 2 for a bad command line, input or output.")
            .arg(reportFormatList()));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("report"), QStringLiteral("The verb."));
    parser.addPositionalArgument(QStringLiteral("INPUT"), QStringLiteral("A JSON file."));
    parser.addOptions({
        {{QStringLiteral("o"), QStringLiteral("output")},
         QStringLiteral("The report to write."),
         QStringLiteral("FILE")},
        {QStringLiteral("title"), QStringLiteral("The report's title."), QStringLiteral("TEXT")},
    });
    if (const std::optional<int> done =
            parseCommandLine(parser, arguments, QStringLiteral("report")))
        return *done;
    const QStringList inputs = parser.positionalArguments().mid(1);
    if (inputs.isEmpty())
        return usageError(QStringLiteral("no INPUT given (a JSON file, or - for stdin)"));
    if (inputs.size() > 1)
        return usageError(QStringLiteral("one INPUT only, got %1").arg(inputs.size()));
    const std::optional<QString> output = optionValue(parser, QStringLiteral("output"));
    if (!output)
        return usageError(QStringLiteral("-o FILE is required (%1)").arg(reportFormatList()));
    QString error;
    const std::optional<ReportFormat> format = reportFormatForPath(*output, &error);
    if (!format)
        return usageError(error);
    if (*format == ReportFormat::Pdf && !canWritePdf(&error))
        return usageError(error);

    const QString input = inputs.first();
    QFile file(input);
    const bool opened = input == QLatin1String("-") ? file.open(stdin, QIODevice::ReadOnly)
                                                    : file.open(QIODevice::ReadOnly);
    if (!opened)
        return usageError(QStringLiteral("cannot read %1: %2").arg(input, file.errorString()));
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (document.isNull())
        return usageError(QStringLiteral("%1 is not JSON: %2 at offset %3")
                              .arg(input, parseError.errorString())
                              .arg(parseError.offset));
    if (!document.isObject())
        return usageError(QStringLiteral("%1: expected a JSON object").arg(input));
    std::optional<Report> report = Report::fromJson(document.object(), &error);
    if (!report)
        return usageError(QStringLiteral("%1: %2").arg(input, error));
    if (const std::optional<QString> title = optionValue(parser, QStringLiteral("title")))
        report->title = *title;
    if (!writeReport(*report, *output, &error))
        return usageError(error);
    return 0;
}

} // namespace evalx::app
