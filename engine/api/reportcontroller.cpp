#include "reportcontroller.h"
#include "apierror.h"
#include "engine.h"
#include "report.h"
#include "reportwriter.h"

#include <QJsonObject>
#include <QSet>
#include <QUrlQuery>

namespace evalx {

namespace {

QHttpServerResponse fail(ApiError error, const QString &field, const QString &message)
{
    return errorResponse(
        error, QJsonObject{{QStringLiteral("error"), message}, {QStringLiteral("field"), field}});
}

} // namespace

ReportController::ReportController(Engine &engine)
    : m_engine(engine)
{}

QHttpServerResponse ReportController::report(const QHttpServerRequest &request) const
{
    const QUrlQuery query(request.url());
    const QString formatName = query.queryItemValue(QStringLiteral("format"), QUrl::FullyDecoded);
    const std::optional<ReportFormat> format =
        formatName.isEmpty() ? ReportFormat::Json : reportFormatFromName(formatName);
    if (!format)
        return fail(
            ApiError::Invalid, QStringLiteral("format"),
            QStringLiteral("unknown format '%1'; one of csv, json, html, pdf").arg(formatName));

    const QStringList given = query.queryItemValue(QStringLiteral("tokens"), QUrl::FullyDecoded)
                                  .split(QLatin1Char(','), Qt::SkipEmptyParts);
    QList<QByteArray> tokens;
    QSet<QByteArray> seen;
    for (const QString &t : given) {
        const QByteArray token = t.trimmed().toLatin1();
        if (!token.isEmpty() && !seen.contains(token)) {
            seen.insert(token);
            tokens << token;
        }
    }
    if (tokens.isEmpty())
        return fail(ApiError::Malformed, QStringLiteral("tokens"),
                    QStringLiteral("tokens: give one or more job tokens, comma-separated"));
    if (tokens.size() > kMaxTokens)
        return fail(ApiError::TooLarge, QStringLiteral("tokens"),
                    QStringLiteral("%1 tokens; a report takes at most %2")
                        .arg(tokens.size())
                        .arg(kMaxTokens));

    JobQueue *jobs = m_engine.jobs();
    QList<JobRecord> records;
    records.reserve(tokens.size());
    for (const QByteArray &token : std::as_const(tokens)) {
        std::optional<JobRecord> job = jobs ? jobs->find(token) : std::nullopt;
        if (!job) {
            const auto [error, message] = missingJob(jobs, QString::fromLatin1(token));
            return fail(error, QStringLiteral("tokens"), message);
        }
        records << std::move(*job);
    }
    const Report report = Report::fromJobs(
        records, query.queryItemValue(QStringLiteral("title"), QUrl::FullyDecoded));
    QString error;
    const std::optional<QByteArray> body = renderReport(report, *format, &error);
    if (!body)
        return fail(ApiError::Unavailable, QStringLiteral("format"), error);

    QHttpServerResponse response(reportContentType(*format), *body);
    const QString name = QStringLiteral("evalx-report-%1.%2")
                             .arg(report.createdAt.toString(QStringLiteral("yyyyMMdd-HHmmss")),
                                  reportFormatName(*format));
    response.setHeader(QByteArrayLiteral("Content-Disposition"),
                       QStringLiteral("attachment; filename=\"%1\"").arg(name).toLatin1());
    return response;
}

} // namespace evalx
