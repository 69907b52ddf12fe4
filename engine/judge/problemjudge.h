#pragma once

#include "batchjudge.h"
#include "problem.h"
#include "scoring.h"

#include <QString>
#include <optional>

namespace evalx {

struct ProblemJudgeOptions
{
    // Replaces the package's comparison (plain folders: Judge0's lines;
    // ICPC packages: the default validator with their flags).
    std::optional<CompareOptions> comparison;
    double defaultTimeSeconds = 2.0;   // where the package neither fixes nor implies one
    std::optional<double> timeSeconds; // overrides the package
    quint64 defaultMemoryMib = 1024;
    std::optional<quint64> memoryMib; // overrides the package
    quint64 defaultOutputMib = 64;
    bool stopOnFirstFailure = false;
    int parallel = 0;
};

// A submission's judgement against a problem: the batch's tests and its score.
struct ProblemResult
{
    BatchResult batch;
    SubmissionScore score;
};

// Judges submissions against a problem package: builds the batch (tests,
// checker, limits) once, deriving the time limit from the package's accepted
// submissions where the format says so, then judges and scores each.
class ProblemJudge final
{
public:
    ProblemJudge(BatchJudge &judge, const LanguageCatalogue &languages);

    // Reads the package's checker and limits; false and *error on a broken
    // package (a checker that does not build, an accepted submission that fails).
    bool prepare(const Problem &problem, const ProblemJudgeOptions &options, QString *error);

    ProblemResult judge(const Submission &submission, const BatchJudge::Progress &onTest = {},
                        const std::atomic_bool *cancel = nullptr);

    // The prepared batch (tests, checker, limits) with this submission in it: what judge()
    // runs, for a front end that hands it to a JobQueue instead.
    BatchRequest requestFor(const Submission &submission) const;

    const Problem &problem() const { return m_problem; }
    const RunLimits &limits() const { return m_template.limits; }
    QString timeLimitOrigin() const { return m_timeLimitOrigin; }

    // The batch a problem makes, without the time limit derivation.
    static std::optional<BatchRequest> batchFor(const Problem &problem,
                                                const ProblemJudgeOptions &options, QString *error);

private:
    BatchJudge &m_judge;
    const LanguageCatalogue &m_languages;
    Problem m_problem;
    BatchRequest m_template;
    QString m_timeLimitOrigin;
};

} // namespace evalx
