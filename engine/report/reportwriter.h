#pragma once

#include "report.h"

#include <QByteArray>
#include <QString>
#include <optional>

namespace evalx {

enum class ReportFormat { Csv, Json, Html, Pdf };

// "csv", "json", "html", "pdf" (any case); nullopt for anything else.
std::optional<ReportFormat> reportFormatFromName(const QString &name);
// By the file's extension; nullopt and *error naming the extension and the
// four allowed otherwise.
std::optional<ReportFormat> reportFormatForPath(const QString &path, QString *error);
QString reportFormatName(ReportFormat format);     // "csv"
QByteArray reportContentType(ReportFormat format); // "text/csv; charset=utf-8"
// ".csv, .json, .html or .pdf": for messages.
QString reportFormatList();

// One row per submission x test (a submission without tests: one row with the
// test's fields empty), a header row first; RFC 4180 quoting, CRLF, UTF-8.
QByteArray reportCsv(const Report &report);
// Report::toJson, indented.
QByteArray reportJson(const Report &report);

enum class HtmlFlavour {
    Browser, // one self-contained file: inline CSS, the chart as inline SVG
    Print,   // what QTextDocument lays out for PDF: the chart as table bars, the
             // matrix split into tables few enough columns wide to print
};
// The summary (counts, pass rates), the verdict distribution chart, the
// submissions x tests matrix and each submission's details (compile output
// and messages, escaped). No scripts, no external references.
QString reportHtml(const Report &report, HtmlFlavour flavour = HtmlFlavour::Browser);

// A4 with margins, page numbers in the footer. Needs a QGuiApplication (fonts,
// a paint engine); without one, nullopt and *error saying so.
std::optional<QByteArray> reportPdf(const Report &report, QString *error);
// Whether this process can write PDF (it has a QGuiApplication); *why when not.
bool canWritePdf(QString *why);

std::optional<QByteArray> renderReport(const Report &report, ReportFormat format, QString *error);
// Chooses the format by path's extension and writes the file; false and
// *error (naming the file or the extension) otherwise.
bool writeReport(const Report &report, const QString &path, QString *error);

} // namespace evalx
