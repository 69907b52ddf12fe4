#pragma once

#include "verdict.h"

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <optional>

namespace evalx {

// How a built-in checker compares a program's output with the expected answer.
enum class Comparison {
    Lines,  // Judge0's: line by line, ignoring trailing whitespace and trailing blank lines
    Exact,  // byte for byte
    Tokens, // whitespace-separated tokens (the ICPC/Kattis default validator); options below apply
};

struct CompareOptions
{
    Comparison mode = Comparison::Lines;
    bool caseSensitive = true;         // Tokens only
    bool spaceChangeSensitive = false; // Tokens only: whitespace must match exactly between tokens
    double absoluteTolerance = -1;     // Tokens only; < 0: off. A number token matches when
                                       // |a-b| <= abs OR |a-b| <= rel*|b| (b: the answer's)
    double relativeTolerance = -1;     // Tokens only; < 0: off
};

// Compares a program's output with the expected answer. AC, WA or, in Lines and Exact modes
// when only the layout differs (same tokens), PE. The message names the first difference.
CheckOutcome compareOutputs(const QByteArray &output, const QByteArray &answer,
                            const CompareOptions &options);

// "lines" (alias "judge0"), "exact", "tokens", "case-insensitive" (tokens, case-insensitive),
// "float" (tokens, abs and rel 1e-6), "float:E" (both E), "float-abs:E", "float-rel:E".
// Token terms combine with commas ("case-insensitive,float-abs:1e-4,space-change-sensitive"),
// so that every CompareOptions has a spec. Unknown names or bad numbers: nullopt and *error
// names the problem.
std::optional<CompareOptions> parseComparison(const QString &spec, QString *error);
// The inverse, for reports and JSON: parseComparison(comparisonSpec(o)) gives o back.
QString comparisonSpec(const CompareOptions &options);

// ICPC/Kattis default validator flags (problem.yaml validator_flags, split on whitespace):
// case_sensitive, space_change_sensitive, float_tolerance E, float_absolute_tolerance E,
// float_relative_tolerance E. Default (no flags): Tokens, case-INsensitive, space-insensitive,
// no tolerance. Unknown flag or missing/bad number: nullopt with *error naming the flag.
std::optional<CompareOptions> kattisDefaultValidator(const QStringList &flags, QString *error);

// A testlib checker's exit: 0 AC, 1 WA, 2 PE, 3 IE (checker failure), 7 points (the score
// follows "points" in its message; a positive score is AC, zero or less WA), 8 PE (testlib's
// "unexpected eof" where it is enabled), anything else IE. message = stderr, trimmed, bounded.
CheckOutcome interpretTestlib(int exitCode, const QByteArray &checkerStderr);

// An ICPC/Kattis output validator's exit: 42 AC, 43 WA, anything else IE. judgemessage.txt ->
// message, teammessage.txt -> teamMessage, score.txt (a number) -> score; an unparsable
// score.txt is IE.
CheckOutcome interpretKattis(int exitCode, const QByteArray &judgeMessage,
                             const QByteArray &teamMessage,
                             const std::optional<QByteArray> &scoreText);

} // namespace evalx
