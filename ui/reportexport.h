#pragma once

#include <QString>

class QWidget;

namespace evalx {
struct Report;
}

namespace evalx::ui {

// Asks where to save a report (CSV, JSON, HTML or PDF, the filter choosing the
// extension when the name has none); empty when cancelled.
QString chooseReportFile(QWidget *parent, const QString &suggestedName);
// Writes it, showing a message box when it fails; false then.
bool saveReport(QWidget *parent, const Report &report, const QString &path);

} // namespace evalx::ui
