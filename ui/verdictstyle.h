#pragma once

#include "verdict.h"

#include <QColor>
#include <QIcon>
#include <QString>

namespace evalx::ui {

// How the console shows a verdict, the same on every page: a colour that
// reads on light and dark palettes, an icon, and a translated description.
QColor verdictColor(Verdict verdict);
QIcon verdictIcon(Verdict verdict);
QString verdictLabel(Verdict verdict); // "Accepted", translated
// Every verdict, in the order tables and charts list them.
const QList<Verdict> &allVerdicts();

} // namespace evalx::ui
