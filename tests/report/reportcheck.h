#pragma once

// Shared by the report tests: reading back what reportwriter wrote (CSV by
// RFC 4180, a PDF's text and pages through poppler-utils).

#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QString>
#include <QStringList>
#include <optional>

namespace evalx::test {

// RFC 4180: fields separated by commas, records by CRLF (LF accepted), a
// quoted field may hold commas, CR, LF and doubled quotes. nullopt when a
// quote is left open or stray text follows a closing quote.
inline std::optional<QList<QStringList>> parseCsv(const QString &text)
{
    QList<QStringList> rows;
    QStringList row;
    QString field;
    bool quoted = false, afterQuote = false, any = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (quoted) {
            if (c == QLatin1Char('"')) {
                if (i + 1 < text.size() && text.at(i + 1) == QLatin1Char('"')) {
                    field += c;
                    ++i;
                } else {
                    quoted = false;
                    afterQuote = true;
                }
            } else {
                field += c;
            }
            continue;
        }
        if (c == QLatin1Char(',')) {
            row << field;
            field.clear();
            afterQuote = false;
            any = true;
        } else if (c == QLatin1Char('\r') || c == QLatin1Char('\n')) {
            if (c == QLatin1Char('\r') && i + 1 < text.size() &&
                text.at(i + 1) == QLatin1Char('\n'))
                ++i;
            row << field;
            rows << row;
            row.clear();
            field.clear();
            afterQuote = false;
            any = false;
        } else if (c == QLatin1Char('"') && field.isEmpty() && !afterQuote) {
            quoted = true;
            any = true;
        } else {
            if (afterQuote)
                return std::nullopt;
            field += c;
            any = true;
        }
    }
    if (quoted)
        return std::nullopt;
    if (any || !field.isEmpty()) {
        row << field;
        rows << row;
    }
    return rows;
}

inline QString readText(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

// pdftotext's text of the whole file; nullopt (and why) when it cannot run.
inline std::optional<QString> pdfText(const QString &path, QString *why)
{
    const QString tool = QStandardPaths::findExecutable(QStringLiteral("pdftotext"));
    if (tool.isEmpty()) {
        *why = QStringLiteral("pdftotext is missing: install poppler-utils "
                              "(packaging/setup-debian.sh)");
        return std::nullopt;
    }
    QProcess p;
    p.start(tool, {QStringLiteral("-enc"), QStringLiteral("UTF-8"), path, QStringLiteral("-")});
    if (!p.waitForFinished(60000) || p.exitCode() != 0) {
        *why =
            QStringLiteral("pdftotext failed: %1").arg(QString::fromUtf8(p.readAllStandardError()));
        return std::nullopt;
    }
    return QString::fromUtf8(p.readAllStandardOutput());
}

// pdfinfo's page count; 0 (and why) when it cannot tell.
inline int pdfPages(const QString &path, QString *why)
{
    const QString tool = QStandardPaths::findExecutable(QStringLiteral("pdfinfo"));
    if (tool.isEmpty()) {
        *why = QStringLiteral("pdfinfo is missing: install poppler-utils");
        return 0;
    }
    QProcess p;
    p.start(tool, {path});
    if (!p.waitForFinished(60000) || p.exitCode() != 0) {
        *why =
            QStringLiteral("pdfinfo failed: %1").arg(QString::fromUtf8(p.readAllStandardError()));
        return 0;
    }
    const QRegularExpressionMatch m =
        QRegularExpression(QStringLiteral("^Pages:\\s+(\\d+)"), QRegularExpression::MultilineOption)
            .match(QString::fromUtf8(p.readAllStandardOutput()));
    return m.hasMatch() ? m.captured(1).toInt() : 0;
}

// The cells' texts of the matrix row whose first cell links to the submission
// (its verdict, then one per test), from reportHtml's markup.
inline QStringList matrixRow(const QString &html, const QString &escapedName)
{
    const QString link = QStringLiteral(">%1</a></td>").arg(escapedName);
    const qsizetype start = html.indexOf(link);
    if (start < 0)
        return {};
    const qsizetype end = html.indexOf(QLatin1String("</tr>"), start);
    const QString row = html.mid(start, end - start);
    QStringList cells;
    static const QRegularExpression cell(QStringLiteral("<td class=\"v\"[^>]*>([^<]*)</td>"));
    for (auto it = cell.globalMatch(row); it.hasNext();)
        cells << it.next().captured(1);
    return cells;
}

} // namespace evalx::test
