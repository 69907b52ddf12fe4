#include "reportwriter.h"
#include "verdictcolors.h"

#include <QAbstractTextDocumentLayout>
#include <QBuffer>
#include <QFile>
#include <QFileInfo>
#include <QGuiApplication>
#include <QJsonDocument>
#include <QLocale>
#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>
#include <QTextDocument>

#include <algorithm>
#include <map>

namespace evalx {

namespace {

// Compiler output past this is cut in HTML and PDF (CSV and JSON keep it all).
constexpr qsizetype kMaxCompileChars = 20000;
constexpr qsizetype kMaxCompileLines = 200;
// Test columns per matrix table in print: what an A4 page holds readably.
constexpr qsizetype kPrintColumns = 10;

QString number(double value)
{
    return QString::number(value, 'g', QLocale::FloatingPointShortest);
}

QString optional(const std::optional<double> &v)
{
    return v ? number(*v) : QString();
}

QString optional(const std::optional<qint64> &v)
{
    return v ? QString::number(*v) : QString();
}

QString optional(const std::optional<int> &v)
{
    return v ? QString::number(*v) : QString();
}

QString esc(const QString &text)
{
    return text.toHtmlEscaped();
}

QString percent(int part, int whole)
{
    if (whole == 0)
        return QStringLiteral("–");
    return QStringLiteral("%1%").arg(QString::number(100.0 * part / whole, 'f', 1));
}

QString seconds(const std::optional<double> &s)
{
    return s ? QString::number(*s, 'f', 3) : QStringLiteral("–");
}

// CSV, RFC 4180: a field with a comma, quote, CR or LF is quoted, quotes doubled.
QString csvField(const QString &value)
{
    if (!value.contains(QLatin1Char(',')) && !value.contains(QLatin1Char('"')) &&
        !value.contains(QLatin1Char('\n')) && !value.contains(QLatin1Char('\r')))
        return value;
    QString quoted = value;
    quoted.replace(QLatin1String("\""), QLatin1String("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

void csvRow(QString &out, const QStringList &fields)
{
    for (qsizetype i = 0; i < fields.size(); ++i) {
        if (i > 0)
            out += QLatin1Char(',');
        out += csvField(fields.at(i));
    }
    out += QLatin1String("\r\n");
}

QString scoreText(const ReportEntry &e)
{
    if (!e.score)
        return QStringLiteral("–");
    return e.maxScore ? QStringLiteral("%1/%2").arg(number(*e.score), number(*e.maxScore))
                      : number(*e.score);
}

// The counts a summary and a chart show.
struct Tally
{
    std::map<int, int> submissions; // int(Verdict) -> n, finished ones only
    std::map<int, int> tests;
    int done = 0;
    int accepted = 0;
    int testsRun = 0; // every test with a verdict other than SK
    int testsPassed = 0;
    double scoreSum = 0;
    double maxSum = 0;
    int scored = 0;
};

Tally tally(const Report &report)
{
    Tally t;
    for (const ReportEntry &e : report.entries) {
        for (const ReportTest &test : e.tests) {
            ++t.tests[int(test.verdict)];
            if (test.verdict != Verdict::Skipped)
                ++t.testsRun;
            t.testsPassed += test.verdict == Verdict::AC ? 1 : 0;
        }
        if (!e.isDone())
            continue;
        ++t.done;
        ++t.submissions[int(e.verdict)];
        t.accepted += e.verdict == Verdict::AC ? 1 : 0;
        if (e.score && e.maxScore && *e.maxScore > 0) {
            t.scoreSum += *e.score;
            t.maxSum += *e.maxScore;
            ++t.scored;
        }
    }
    return t;
}

QString verdictStyle(Verdict v)
{
    return QStringLiteral("background-color:%1;color:#ffffff").arg(verdictColorName(v));
}

const char kCss[] = R"(
body { font-family: "DejaVu Sans", "Segoe UI", Arial, sans-serif; font-size: 10pt; color: #1f2328; margin: 2em; }
h1 { font-size: 18pt; margin-bottom: 0.2em; }
h2 { font-size: 14pt; margin-top: 1.4em; border-bottom: 1px solid #d0d7de; }
h3 { font-size: 12pt; margin-top: 1.2em; margin-bottom: 0.3em; }
.meta { color: #57606a; }
table { border-collapse: collapse; margin: 0.5em 0; }
th, td { border: 1px solid #d0d7de; padding: 2px 6px; text-align: left; vertical-align: top; }
th { background-color: #f6f8fa; }
td.v { text-align: center; font-weight: bold; }
td.num { text-align: right; }
.matrix { overflow-x: auto; }
pre { white-space: pre-wrap; font-family: "DejaVu Sans Mono", monospace; font-size: 8.5pt; background-color: #f6f8fa; border: 1px solid #d0d7de; padding: 4px; }
.note { color: #57606a; font-style: italic; }
* { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
)";

void summary(QString &out, const Report &report, const Tally &t)
{
    out += QLatin1String("<h2>Summary</h2>\n<table class=\"summary\">\n");
    const auto row = [&out](const QString &name, const QString &value) {
        out += QLatin1String("<tr><th>") + esc(name) + QLatin1String("</th><td>") + value +
               QLatin1String("</td></tr>\n");
    };
    const int n = int(report.entries.size());
    row(QStringLiteral("Submissions"),
        t.done == n ? QString::number(n) : QStringLiteral("%1 (%2 judged)").arg(n).arg(t.done));
    row(QStringLiteral("Accepted"), QStringLiteral("%1 of %2 (%3)")
                                        .arg(t.accepted)
                                        .arg(t.done)
                                        .arg(percent(t.accepted, t.done)));
    row(QStringLiteral("Tests passed"), QStringLiteral("%1 of %2 (%3)")
                                            .arg(t.testsPassed)
                                            .arg(t.testsRun)
                                            .arg(percent(t.testsPassed, t.testsRun)));
    if (t.scored > 0)
        row(QStringLiteral("Score"), QStringLiteral("%1 of %2 (%3 on average)")
                                         .arg(number(t.scoreSum), number(t.maxSum),
                                              percent(int(1000 * t.scoreSum / t.maxSum), 1000)));
    if (!report.problem.isEmpty())
        row(QStringLiteral("Problem"), esc(report.problem));
    if (report.timeLimitSeconds)
        row(QStringLiteral("Time limit"), number(*report.timeLimitSeconds) + QLatin1String(" s"));
    if (report.memoryLimitKib)
        row(QStringLiteral("Memory limit"),
            QStringLiteral("%1 MiB").arg(number(*report.memoryLimitKib / 1024.0)));
    out += QLatin1String("</table>\n");
}

// A bar per verdict, as inline SVG (for browsers).
void svgChart(QString &out, const QString &caption, const std::map<int, int> &counts)
{
    if (counts.empty())
        return;
    int most = 1;
    for (const auto &[v, n] : counts)
        most = std::max(most, n);
    constexpr int kRow = 22, kLabel = 48, kBar = 360, kText = 80;
    const int height = int(counts.size()) * kRow + 24;
    out += QStringLiteral("<figure class=\"chart\"><svg width=\"%1\" height=\"%2\" role=\"img\" "
                          "aria-label=\"%3\">\n")
               .arg(kLabel + kBar + kText)
               .arg(height)
               .arg(esc(caption));
    out +=
        QStringLiteral("<text x=\"0\" y=\"14\" font-size=\"12\" font-weight=\"bold\">%1</text>\n")
            .arg(esc(caption));
    int y = 24;
    for (const Verdict v : verdictOrder()) {
        const auto it = counts.find(int(v));
        if (it == counts.end())
            continue;
        const int width = std::max(2, kBar * it->second / most);
        out += QStringLiteral("<text x=\"0\" y=\"%1\" font-size=\"12\">%2</text>"
                              "<rect x=\"%3\" y=\"%4\" width=\"%5\" height=\"16\" fill=\"%6\">"
                              "<title>%7: %8</title></rect>"
                              "<text x=\"%9\" y=\"%1\" font-size=\"12\">%8</text>\n")
                   .arg(y + 13)
                   .arg(verdictName(v))
                   .arg(kLabel)
                   .arg(y)
                   .arg(width)
                   .arg(verdictColorName(v), verdictDescription(v))
                   .arg(it->second)
                   .arg(kLabel + width + 6);
        y += kRow;
    }
    out += QLatin1String("</svg></figure>\n");
}

// The same bars as table cells: QTextDocument draws no SVG.
void tableChart(QString &out, const QString &caption, const std::map<int, int> &counts)
{
    if (counts.empty())
        return;
    int most = 1;
    for (const auto &[v, n] : counts)
        most = std::max(most, n);
    out += QLatin1String("<p><b>") + esc(caption) + QLatin1String("</b></p>\n");
    out += QLatin1String("<table class=\"bars\" width=\"100%\" cellspacing=\"0\" "
                         "style=\"border-collapse:collapse;border:none\">\n");
    for (const Verdict v : verdictOrder()) {
        const auto it = counts.find(int(v));
        if (it == counts.end())
            continue;
        const int width = std::max(1, 80 * it->second / most);
        out += QStringLiteral("<tr><td width=\"8%\" style=\"border:none\">%1</td>"
                              "<td width=\"%2%\" style=\"%3;border:none\">&nbsp;</td>"
                              "<td width=\"%4%\" style=\"border:none\">&nbsp;%5</td></tr>\n")
                   .arg(verdictName(v))
                   .arg(width)
                   .arg(verdictStyle(v))
                   .arg(92 - width)
                   .arg(it->second);
    }
    out += QLatin1String("</table>\n");
}

// Print: numbered test columns when the names are long (a legend follows),
// widths fixed so that a page holds kPrintColumns tests readably.
struct PrintColumns
{
    bool print = false;
    bool numbered = false;
    qsizetype first = 0; // the first column's index among all tests
};

void matrixTable(QString &out, const Report &report, const QStringList &columns,
                 const PrintColumns &p)
{
    if (p.print) {
        const int testWidth = columns.isEmpty() ? 0 : int(62 / kPrintColumns);
        out += QStringLiteral("<table class=\"matrix\" width=\"%1%\" cellpadding=\"1\" "
                              "style=\"font-size:7.5pt\">\n"
                              "<thead><tr><th width=\"22%\">Submission</th>"
                              "<th width=\"9%\">Verdict</th><th width=\"7%\">Score</th>")
                   .arg(38 + testWidth * int(columns.size()));
        for (qsizetype c = 0; c < columns.size(); ++c)
            out += QStringLiteral("<th width=\"%1%\">%2</th>")
                       .arg(testWidth)
                       .arg(p.numbered ? QString::number(p.first + c + 1) : esc(columns.at(c)));
    } else {
        out += QLatin1String("<table class=\"matrix\">\n<thead><tr><th>Submission</th>"
                             "<th>Language</th><th>Verdict</th><th>Score</th>");
        for (const QString &name : columns)
            out += QLatin1String("<th>") + esc(name) + QLatin1String("</th>");
    }
    out += QLatin1String("</tr></thead>\n<tbody>\n");
    QList<int> passed(columns.size(), 0);
    QList<int> run(columns.size(), 0);
    for (qsizetype row = 0; row < report.entries.size(); ++row) {
        const ReportEntry &e = report.entries.at(row);
        if (p.print) {
            out += QLatin1String("<tr><td>") + esc(e.name) + QLatin1String("</td>");
        } else {
            out += QStringLiteral("<tr><td><a href=\"#s%1\">%2</a></td>")
                       .arg(row + 1)
                       .arg(esc(e.name));
            out += QLatin1String("<td>") + esc(e.language) + QLatin1String("</td>");
        }
        if (e.isDone())
            out += QStringLiteral("<td class=\"v\" style=\"%1\">%2</td>")
                       .arg(verdictStyle(e.verdict), verdictName(e.verdict));
        else
            out += QLatin1String("<td class=\"v\">") + esc(e.status) + QLatin1String("</td>");
        out += QLatin1String("<td class=\"num\">") + esc(scoreText(e)) + QLatin1String("</td>");
        for (qsizetype c = 0; c < columns.size(); ++c) {
            const ReportTest *t = e.test(columns.at(c));
            if (!t) {
                out += QStringLiteral("<td class=\"v\">–</td>");
                continue;
            }
            if (t->verdict != Verdict::Skipped)
                ++run[c];
            passed[c] += t->verdict == Verdict::AC ? 1 : 0;
            out += QStringLiteral("<td class=\"v\" style=\"%1\" title=\"%2\">%3</td>")
                       .arg(verdictStyle(t->verdict), esc(t->message), verdictName(t->verdict));
        }
        out += QLatin1String("</tr>\n");
    }
    out += QLatin1String("</tbody>\n<tfoot><tr><th>Passed</th>");
    out += p.print ? QLatin1String("<th></th><th></th>")
                   : QLatin1String("<th></th><th></th><th></th>");
    for (qsizetype c = 0; c < columns.size(); ++c)
        out += QStringLiteral("<th class=\"num\">%1/%2</th>").arg(passed[c]).arg(run[c]);
    out += QLatin1String("</tr></tfoot>\n</table>\n");
}

void matrix(QString &out, const Report &report, HtmlFlavour flavour)
{
    out += QStringLiteral("<h2>Submissions × tests</h2>\n");
    if (report.entries.isEmpty()) {
        out += QLatin1String("<p class=\"note\">No submissions.</p>\n");
        return;
    }
    if (flavour == HtmlFlavour::Browser) {
        out += QLatin1String("<div class=\"matrix\">\n");
        matrixTable(out, report, report.testNames, {});
        out += QLatin1String("</div>\n");
        return;
    }
    PrintColumns p;
    p.print = true;
    p.numbered = std::any_of(report.testNames.cbegin(), report.testNames.cend(),
                             [](const QString &name) { return name.size() > 4; });
    const qsizetype n = report.testNames.size();
    for (p.first = 0; p.first < std::max<qsizetype>(n, 1); p.first += kPrintColumns) {
        const QStringList columns = report.testNames.mid(p.first, kPrintColumns);
        if (n > kPrintColumns)
            out += QStringLiteral("<p class=\"note\">Tests %1 to %2 of %3</p>\n")
                       .arg(p.first + 1)
                       .arg(p.first + columns.size())
                       .arg(n);
        matrixTable(out, report, columns, p);
    }
    if (p.numbered) {
        out += QLatin1String("<p class=\"note\">Tests: ");
        for (qsizetype i = 0; i < n; ++i)
            out += (i > 0 ? QStringLiteral(" · ") : QString()) +
                   QStringLiteral("%1 = %2").arg(i + 1).arg(esc(report.testNames.at(i)));
        out += QLatin1String("</p>\n");
    }
}

QString cutCompileOutput(const QString &text)
{
    QString shown = text;
    qsizetype lines = 0, at = 0;
    while (at < shown.size() && lines < kMaxCompileLines) {
        at = shown.indexOf(QLatin1Char('\n'), at);
        if (at < 0)
            break;
        ++at;
        ++lines;
    }
    qsizetype cut = shown.size();
    if (lines >= kMaxCompileLines && at > 0 && at < shown.size())
        cut = at;
    cut = std::min(cut, kMaxCompileChars);
    if (cut >= shown.size())
        return esc(shown);
    return esc(shown.left(cut)) +
           QStringLiteral("\n</pre><p class=\"note\">… %1 more characters: the JSON report "
                          "has all of it.</p><pre>")
               .arg(shown.size() - cut);
}

void details(QString &out, const Report &report)
{
    out += QLatin1String("<h2>Details</h2>\n");
    for (qsizetype row = 0; row < report.entries.size(); ++row) {
        const ReportEntry &e = report.entries.at(row);
        out += QStringLiteral("<h3 id=\"s%1\"><a name=\"s%1\"></a>%2</h3>\n")
                   .arg(row + 1)
                   .arg(esc(e.name));
        out += QLatin1String("<p>");
        if (e.isDone())
            out += QStringLiteral("<span style=\"%1\">&nbsp;%2&nbsp;</span> %3")
                       .arg(verdictStyle(e.verdict), verdictName(e.verdict),
                            esc(verdictDescription(e.verdict)));
        else
            out += esc(e.status);
        out += QStringLiteral(" · %1 · score %2 · %3 of %4 tests passed")
                   .arg(esc(e.language.isEmpty() ? QStringLiteral("unknown language") : e.language),
                        esc(scoreText(e)))
                   .arg(e.passed())
                   .arg(e.tests.size());
        if (!e.origin.isEmpty() && e.origin != e.name)
            out += QStringLiteral(" · ") + esc(e.origin);
        out += QLatin1String("</p>\n");
        if (!e.message.isEmpty())
            out += QLatin1String("<p>") + esc(e.message) + QLatin1String("</p>\n");
        if (!e.compileOutput.isEmpty())
            out += QLatin1String("<p><b>Compiler output</b></p>\n<pre class=\"compile\">") +
                   cutCompileOutput(e.compileOutput) + QLatin1String("</pre>\n");
        if (e.tests.isEmpty())
            continue;
        out += QLatin1String("<table class=\"tests\">\n<thead><tr><th>Test</th><th>Verdict</th>"
                             "<th>CPU s</th><th>Wall s</th><th>Memory KiB</th><th>Exit</th>"
                             "<th>Message</th></tr></thead>\n<tbody>\n");
        for (const ReportTest &t : e.tests) {
            out += QStringLiteral("<tr><td>%1</td><td class=\"v\" style=\"%2\">%3</td>"
                                  "<td class=\"num\">%4</td><td class=\"num\">%5</td>"
                                  "<td class=\"num\">%6</td><td class=\"num\">%7</td>"
                                  "<td>%8</td></tr>\n")
                       .arg(esc(t.name), verdictStyle(t.verdict), verdictName(t.verdict),
                            seconds(t.cpuSeconds), seconds(t.wallSeconds),
                            t.memoryKib ? QString::number(*t.memoryKib) : QStringLiteral("–"),
                            t.exitCode ? QString::number(*t.exitCode) : QStringLiteral("–"),
                            esc(t.message.left(2000)));
        }
        out += QLatin1String("</tbody>\n</table>\n");
    }
}

} // namespace

std::optional<ReportFormat> reportFormatFromName(const QString &name)
{
    const QString n = name.toLower();
    if (n == QLatin1String("csv"))
        return ReportFormat::Csv;
    if (n == QLatin1String("json"))
        return ReportFormat::Json;
    if (n == QLatin1String("html") || n == QLatin1String("htm"))
        return ReportFormat::Html;
    if (n == QLatin1String("pdf"))
        return ReportFormat::Pdf;
    return std::nullopt;
}

QString reportFormatList()
{
    return QStringLiteral(".csv, .json, .html or .pdf");
}

std::optional<ReportFormat> reportFormatForPath(const QString &path, QString *error)
{
    const QString suffix = QFileInfo(path).suffix();
    if (const std::optional<ReportFormat> f = reportFormatFromName(suffix))
        return f;
    if (error)
        *error = suffix.isEmpty()
                     ? QStringLiteral("%1 has no extension; a report is %2")
                           .arg(path, reportFormatList())
                     : QStringLiteral("unknown report format '.%1' (%2); a report is %3")
                           .arg(suffix, path, reportFormatList());
    return std::nullopt;
}

QString reportFormatName(ReportFormat format)
{
    switch (format) {
    case ReportFormat::Csv:
        return QStringLiteral("csv");
    case ReportFormat::Json:
        return QStringLiteral("json");
    case ReportFormat::Html:
        return QStringLiteral("html");
    case ReportFormat::Pdf:
        break;
    }
    return QStringLiteral("pdf");
}

QByteArray reportContentType(ReportFormat format)
{
    switch (format) {
    case ReportFormat::Csv:
        return QByteArrayLiteral("text/csv; charset=utf-8");
    case ReportFormat::Json:
        return QByteArrayLiteral("application/json");
    case ReportFormat::Html:
        return QByteArrayLiteral("text/html; charset=utf-8");
    case ReportFormat::Pdf:
        break;
    }
    return QByteArrayLiteral("application/pdf");
}

QByteArray reportCsv(const Report &report)
{
    QString out;
    csvRow(out,
           {QStringLiteral("submission"), QStringLiteral("language"), QStringLiteral("origin"),
            QStringLiteral("status"), QStringLiteral("verdict"), QStringLiteral("score"),
            QStringLiteral("max_score"), QStringLiteral("passed"),
            QStringLiteral("submission_message"), QStringLiteral("test"),
            QStringLiteral("test_verdict"), QStringLiteral("time"), QStringLiteral("wall_time"),
            QStringLiteral("memory_kib"), QStringLiteral("exit_code"), QStringLiteral("test_score"),
            QStringLiteral("test_message")});
    for (const ReportEntry &e : report.entries) {
        const QStringList submission{e.name,
                                     e.language,
                                     e.origin,
                                     e.status,
                                     e.isDone() ? verdictName(e.verdict) : QString(),
                                     optional(e.score),
                                     optional(e.maxScore),
                                     QString::number(e.passed()),
                                     e.message};
        if (e.tests.isEmpty()) {
            csvRow(out, submission + QStringList(8, QString()));
            continue;
        }
        for (const ReportTest &t : e.tests)
            csvRow(out,
                   submission + QStringList{t.name, verdictName(t.verdict), optional(t.cpuSeconds),
                                            optional(t.wallSeconds), optional(t.memoryKib),
                                            optional(t.exitCode), optional(t.score), t.message});
    }
    return out.toUtf8();
}

QByteArray reportJson(const Report &report)
{
    return QJsonDocument(report.toJson()).toJson(QJsonDocument::Indented);
}

QString reportHtml(const Report &report, HtmlFlavour flavour)
{
    const Tally t = tally(report);
    QString out;
    out += QLatin1String("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                         "<meta name=\"generator\" content=\"EvalX " EVALX_VERSION "\">\n<title>");
    out += esc(report.title);
    out += QLatin1String("</title>\n<style>");
    out += QLatin1String(kCss);
    if (flavour == HtmlFlavour::Print)
        out += QLatin1String("table.matrix th, table.matrix td { padding: 1px; }\n");
    out += QLatin1String("</style>\n</head>\n<body>\n<h1>");
    out += esc(report.title);
    out += QLatin1String("</h1>\n<p class=\"meta\">Created ");
    out += report.createdAt.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"));
    out += QLatin1String(" by EvalX " EVALX_VERSION "</p>\n");
    summary(out, report, t);
    out += QLatin1String("<h2>Verdicts</h2>\n");
    if (flavour == HtmlFlavour::Browser) {
        svgChart(out, QStringLiteral("Submissions by verdict"), t.submissions);
        svgChart(out, QStringLiteral("Tests by verdict"), t.tests);
    } else {
        tableChart(out, QStringLiteral("Submissions by verdict"), t.submissions);
        tableChart(out, QStringLiteral("Tests by verdict"), t.tests);
    }
    matrix(out, report, flavour);
    details(out, report);
    out += QLatin1String("</body>\n</html>\n");
    return out;
}

bool canWritePdf(QString *why)
{
    if (qobject_cast<QGuiApplication *>(QCoreApplication::instance()))
        return true;
    if (why)
        *why = QStringLiteral("PDF reports need Qt's GUI module at run time (an application "
                              "with Qt's offscreen platform plugin, Debian package "
                              "qt6-qpa-plugins); CSV, JSON and HTML need nothing");
    return false;
}

std::optional<QByteArray> reportPdf(const Report &report, QString *error)
{
    if (!canWritePdf(error))
        return std::nullopt;
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    {
        QPdfWriter writer(&buffer);
        writer.setTitle(report.title);
        writer.setCreator(QStringLiteral("EvalX " EVALX_VERSION));
        writer.setResolution(300);
        writer.setPageLayout(QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Portrait,
                                         QMarginsF(15, 15, 15, 12), QPageLayout::Millimeter));
        QPainter painter;
        if (!painter.begin(&writer)) {
            if (error)
                *error = QStringLiteral("the PDF writer could not start");
            return std::nullopt;
        }
        const QRect page = writer.pageLayout().paintRectPixels(writer.resolution());
        QFont footerFont(QStringLiteral("DejaVu Sans"));
        footerFont.setPointSizeF(7.5);
        const int footerHeight = QFontMetrics(footerFont, &writer).height() * 2;
        const QSizeF body(page.width(), page.height() - footerHeight);

        QTextDocument document;
        document.documentLayout()->setPaintDevice(&writer);
        QFont base(QStringLiteral("DejaVu Sans"));
        base.setPointSizeF(9);
        document.setDefaultFont(base);
        document.setPageSize(body);
        document.setDocumentMargin(0);
        document.setHtml(reportHtml(report, HtmlFlavour::Print));
        const int pages = document.pageCount();
        for (int i = 0; i < pages; ++i) {
            if (i > 0)
                writer.newPage();
            painter.save();
            painter.setClipRect(QRectF(QPointF(0, 0), body));
            painter.translate(0, -i * body.height());
            QAbstractTextDocumentLayout::PaintContext context;
            context.clip = QRectF(QPointF(0, i * body.height()), body);
            document.documentLayout()->draw(&painter, context);
            painter.restore();
            painter.setFont(footerFont);
            painter.setPen(QColor(0x57, 0x60, 0x6a));
            const QRectF footer(0, body.height(), body.width(), footerHeight);
            painter.drawText(
                footer, Qt::AlignLeft | Qt::AlignBottom,
                QFontMetrics(footerFont, &writer)
                    .elidedText(report.title, Qt::ElideRight, int(body.width() * 0.7)));
            painter.drawText(footer, Qt::AlignRight | Qt::AlignBottom,
                             QStringLiteral("Page %1 of %2").arg(i + 1).arg(pages));
        }
        painter.end();
    }
    return bytes;
}

std::optional<QByteArray> renderReport(const Report &report, ReportFormat format, QString *error)
{
    switch (format) {
    case ReportFormat::Csv:
        return reportCsv(report);
    case ReportFormat::Json:
        return reportJson(report);
    case ReportFormat::Html:
        return reportHtml(report).toUtf8();
    case ReportFormat::Pdf:
        break;
    }
    return reportPdf(report, error);
}

bool writeReport(const Report &report, const QString &path, QString *error)
{
    const std::optional<ReportFormat> format = reportFormatForPath(path, error);
    if (!format)
        return false;
    const std::optional<QByteArray> bytes = renderReport(report, *format, error);
    if (!bytes)
        return false;
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(*bytes) != bytes->size() || !file.commit()) {
        if (error)
            *error = QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

} // namespace evalx
