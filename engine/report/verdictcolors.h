#pragma once

#include "verdict.h"

#include <QString>

namespace evalx {

// Each verdict's colour, the same in the console and in reports: one that
// reads on light and dark backgrounds, and under white text.
quint32 verdictRgb(Verdict verdict);       // 0xRRGGBB
QString verdictColorName(Verdict verdict); // "#2ea043"
// Every verdict, in the order tables and charts list them.
const QList<Verdict> &verdictOrder();

} // namespace evalx
