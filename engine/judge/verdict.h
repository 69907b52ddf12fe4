#pragma once

#include "runtypes.h"

#include <QString>
#include <optional>

namespace evalx {

// The judgement of one test, and of a whole submission (its first failing test's).
enum class Verdict {
    AC,      // accepted
    WA,      // wrong answer
    PE,      // presentation error: right tokens, wrong layout (where a checker says so)
    TLE,     // time limit (CPU or wall)
    MLE,     // memory limit
    OLE,     // output limit
    RE,      // run-time error
    CE,      // compilation error
    IE,      // internal error: the judge, a checker or the package failed
    Skipped, // not run: an earlier test failed and the batch stops at the first failure
};

QString verdictName(Verdict verdict);                        // "AC", ..., "SK" for Skipped
std::optional<Verdict> verdictFromName(const QString &name); // the inverse
QString verdictDescription(Verdict verdict);                 // "Accepted", "Wrong answer", ...
// The verdict a run earns before its output is checked (OK maps to AC).
Verdict verdictFromRun(RunStatus status);
// A failure is anything but AC and Skipped.
inline bool isFailure(Verdict v)
{
    return v != Verdict::AC && v != Verdict::Skipped;
}

// What a checker decided about one output.
struct CheckOutcome
{
    Verdict verdict = Verdict::IE; // AC, WA, PE or IE
    QString message;               // for the judge: names the first difference
    QString teamMessage;           // for the contestant, where the checker wrote one
    std::optional<double> score;   // a checker's own score (testlib points, Kattis score.txt)
};

} // namespace evalx
