#pragma once

#include "problem.h"
#include "verdict.h"

#include <QList>
#include <QString>
#include <optional>

namespace evalx {

struct BatchResult;

// What judging one test produced.
struct TestVerdict
{
    Verdict verdict = Verdict::Skipped;
    std::optional<double> score;           // the validator's score (Kattis score.txt)
    std::optional<double> scoreMultiplier; // 2023-07 score_multiplier.txt
};

// One group's result, for reports.
struct GroupResult
{
    QString path;
    Verdict verdict = Verdict::AC;  // by the format's rules (legacy graders may accept failures)
    std::optional<double> score;    // nullopt where nothing is scored (pass-fail problems,
                                    // 2023-07 samples and the root)
    std::optional<double> maxScore; // nullopt: unbounded or not scored
    int accepted = 0;               // tests in it and its subgroups that were accepted
    int judged = 0;                 // ... that were not skipped
    int total = 0;                  // ... in all
    bool clamped = false;           // legacy: the score left `range` and was clamped into it
};

struct SubmissionScore
{
    Verdict verdict = Verdict::AC; // the first failing test's (in judging order), or AC
    int firstFailure = -1;         // index of that test, -1 when none failed
    // The root's verdict under the package's grading: the same as verdict except for legacy
    // packages whose graders pick the worst error or accept failures.
    Verdict gradedVerdict = Verdict::AC;
    std::optional<double> score;    // pass-fail problems: 1 when accepted, else 0
    std::optional<double> maxScore; // nullopt: unbounded
    QList<GroupResult> groups;      // parallel to Problem::groups
    QString error; // why verdict is IE: outcomes or validator scores break the package's rules
};

// Aggregates the outcomes of a submission's tests (one per Problem::tests entry, in that
// order) into its verdict and score. Skipped tests are not failures, and earn nothing.
// Pass-fail problems score 1 or 0. Scoring problems follow their format:
//  - legacy: each group runs the default grader over its tests and subgroups in order:
//    a test scores its validator's score, else accept_score or reject_score; on_reject
//    break stops at the first failing item; scores aggregate by sum, avg, min or max, the
//    verdict by worst_error, first_error or always_accept (accept_if_any_accepted, and
//    ignore_sample at the root); the score is clamped into range. The submission's score is
//    the root's (data/), whatever its verdict.
//  - 2023-07: only secret is scored: failed tests score 0, accepted ones their share of the
//    group's max_score (or the validator's score, or multiplier x share); groups aggregate by
//    sum, min or pass-fail; a group whose require_pass is not met scores 0.
SubmissionScore scoreSubmission(const Problem &problem, const QList<TestVerdict> &outcomes);

// The same for a batch that judged problem.tests in their order (BatchJudge), with each test's
// checker score. A batch that ended without its tests (a checker that does not build) is IE
// with the batch's message.
SubmissionScore scoreSubmission(const Problem &problem, const BatchResult &batch);

} // namespace evalx
