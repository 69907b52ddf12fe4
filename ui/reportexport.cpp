#include "reportexport.h"
#include "reportwriter.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>

namespace evalx::ui {

QString chooseReportFile(QWidget *parent, const QString &suggestedName)
{
    const QString html = QCoreApplication::translate("evalx::ui", "HTML report (*.html)");
    const QString pdf = QCoreApplication::translate("evalx::ui", "PDF report (*.pdf)");
    const QString csv = QCoreApplication::translate("evalx::ui", "CSV, a row per test (*.csv)");
    const QString json = QCoreApplication::translate("evalx::ui", "JSON, everything (*.json)");
    QString selected = html;
    QString path = QFileDialog::getSaveFileName(
        parent, QCoreApplication::translate("evalx::ui", "Export report"),
        QDir::home().filePath(suggestedName + QLatin1String(".html")),
        QStringList{html, pdf, csv, json}.join(QLatin1String(";;")), &selected);
    if (path.isEmpty())
        return {};
    if (QFileInfo(path).suffix().isEmpty()) {
        const qsizetype star = selected.lastIndexOf(QLatin1String("*."));
        path += selected.mid(star + 1).chopped(1); // ".html" from "(*.html)"
    }
    return path;
}

bool saveReport(QWidget *parent, const Report &report, const QString &path)
{
    QString error;
    if (writeReport(report, path, &error))
        return true;
    QMessageBox::warning(
        parent, QCoreApplication::translate("evalx::ui", "Export report"),
        QCoreApplication::translate("evalx::ui", "The report was not written: %1").arg(error));
    return false;
}

} // namespace evalx::ui
