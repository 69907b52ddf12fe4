#pragma once

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>
#include <limits>
#include <optional>

namespace evalx {

// How a group turns the scores of its tests and subgroups into its own.
enum class ScoreAggregation {
    Sum,      // every format
    Avg,      // legacy only
    Min,      // every format
    Max,      // legacy only
    PassFail, // 2023-07: the group's maximum when every test in it is accepted, else 0
};

// How a legacy group turns the verdicts of its items into its own (the default grader's modes).
enum class VerdictAggregation {
    WorstError,   // the most severe failure (IE, RE, MLE, TLE, OLE, WA, PE), else AC
    FirstError,   // the first failure in order, else AC
    AlwaysAccept, // AC whatever happened
};

// The grading settings of one test group, after inheritance. Legacy packages fill the first
// block from testdata.yaml (every key inherited from the parent group unless the group's own
// file sets it); 2023-07 packages fill the second from test_group.yaml (not inherited).
struct Grading
{
    // Legacy (testdata.yaml `grader_flags`, `accept_score`, `reject_score`, `range`, `on_reject`).
    ScoreAggregation aggregation = ScoreAggregation::Sum;
    VerdictAggregation verdicts = VerdictAggregation::WorstError;
    bool ignoreSample = false; // honoured at the root group only, as the format defines it
    bool acceptIfAnyAccepted = false;
    bool onRejectBreak = true; // on_reject: break (true) or continue (false)
    double acceptScore = 1.0;  // a test's score when accepted and its validator gave none
    double rejectScore = 0.0;  // a test's score when rejected
    double rangeMin = -std::numeric_limits<double>::infinity();
    double rangeMax = std::numeric_limits<double>::infinity();
    QStringList graderFlags; // as written, for reports

    // 2023-07 and later (`scoring: {score, aggregation, require_pass}` of the 2023-07 draft,
    // or `max_score`, `score_aggregation`, `require_pass` of 2025-09). aggregation above holds
    // `score_aggregation`.
    std::optional<double> maxScore;     // after inference; nullopt: unbounded
    std::optional<double> testMaxScore; // what each of its own tests is worth; nullopt: unbounded
    QStringList requirePass;            // paths under data/ of groups or tests that must all pass

    // Arguments for the output validator on this group's tests (legacy
    // `output_validator_flags`, 2023-07 `output_validator_args`), inherited.
    QStringList validatorArgs;
};

struct TestCase
{
    QString name;       // path under data/ without extension ("secret/group1/03"); the base
                        // name for plain folders
    QString inputPath;  // absolute
    QString answerPath; // absolute: NAME.ans, or NAME.out in plain folders
    QString group;      // path of its group: "sample", "secret/group1"; "" for plain folders
    bool sample = false;
    QStringList validatorFlags; // the complete extra arguments for the validator on this test
    QStringList args;           // 2023-07 `args`: command-line arguments for the submission
};

struct TestGroup
{
    QString path;           // "" for the root (data/ or the plain folder), "sample", "secret/g1"
    int parent = -1;        // index into Problem::groups; -1 for the root
    QList<int> tests;       // its own tests, indices into Problem::tests, in judging order
    QList<int> subgroups;   // its direct subgroups, indices into Problem::groups, in order
    bool hasConfig = false; // it has its own testdata.yaml / test_group.yaml
    Grading grading;
};

enum class ValidatorKind {
    Default, // token comparison by EvalX (flags: the Kattis default validator's)
    Custom,  // a Kattis output validator (exit 42 accepted, 43 wrong answer)
    Testlib, // a testlib checker of a plain folder (exit 0 OK, 1 WA, 2 PE, 3 fail, 7 points)
};

// The output validator or checker: where it is and what it is made of. Nothing is compiled here.
struct ValidatorInfo
{
    ValidatorKind kind = ValidatorKind::Default;
    QStringList flags;   // legacy `validator_flags`, split on white space
    QString directory;   // the program's directory (absolute); empty for Default
    QStringList sources; // absolute paths of its source files, compiled together
    QStringList files;   // every file the build needs (sources, headers such as testlib.h)
    QString language;    // "c", "cpp" or "python3"; empty when build/run scripts make it
    QString buildScript; // absolute path of `build`, when present
    QString runScript;   // absolute path of `run`, when present
};

struct ProblemLimits
{
    // Fixed by problem.yaml (limits.time_limit) or a .timelimit file; otherwise the judge
    // derives it from the accepted submissions (deriveTimeLimit) or uses its default.
    std::optional<double> timeSeconds;
    // Legacy `time_multiplier` (default 5) / 2023-07 `time_multipliers.ac_to_time_limit` (2.0).
    double acToTimeLimit = 2.0;
    // Legacy `time_safety_margin` (default 2) / 2023-07 `time_limit_to_tle` (1.5).
    double timeLimitToTle = 1.5;
    double timeResolution = 1.0;      // 2023-07 `time_resolution`
    std::optional<quint64> memoryMib; // nullopt: the judge's default
    std::optional<quint64> outputMib; // nullopt: the judge's default
    int validationPasses = 2;         // only meaningful for multi-pass, which is refused
};

enum class ProblemType { PassFail, Scoring };

struct Problem
{
    QString directory;     // absolute
    QString name;          // problem.yaml `name` (English or the first), else the folder's name
    QString format;        // "folder", "legacy" or "2023-07" (2023-07-draft, 2023-07, 2025-09)
    QString formatVersion; // problem_format_version as written; empty for legacy and folders
    ProblemType type = ProblemType::PassFail;
    bool interactive = false;
    ProblemLimits limits;
    QString timeLimitSource; // "problem.yaml", "problem.json", ".timelimit" or "" (not fixed)
    ValidatorInfo validator;
    QList<TestCase> tests;   // in judging order: samples first, then depth first by path
    QList<TestGroup> groups; // groups[0] is the root; parents come before their subgroups
    QHash<QString, QStringList> submissions; // "accepted" -> absolute paths, sorted
    QStringList warnings; // what loaded but looks wrong (unknown keys, stray files)

    // The group with this path, or nullptr.
    const TestGroup *group(const QString &path) const;
};

// Reads the package in dir: a Kattis/ICPC package when dir has problem.yaml (and data/, or no
// plain tests); otherwise a plain folder of NAME.in with NAME.out or NAME.ans, in dir/tests/
// when that folder exists, else in dir, in natural order. A plain folder may hold a testlib
// checker (checker.cpp, .cc, .c or .py, with testlib.h), a .timelimit file, and a
// problem.yaml or problem.json for its name and limits only. On failure returns nullopt and
// sets *error to a message that starts with the path of the file at fault.
std::optional<Problem> loadProblem(const QString &dir, QString *error);

// The time limit for a problem whose package fixes none, from the CPU time of its slowest
// accepted submission: legacy: that x time_multiplier rounded to whole seconds, at least 1 s;
// 2023-07 and plain folders: the smallest multiple of time_resolution at least that x
// ac_to_time_limit. A fixed limit is returned as it is.
double deriveTimeLimit(const Problem &problem, double slowestAcceptedSeconds);

// Orders names as people number files: "2" before "10", "a2" before "a10".
// Negative, zero or positive like QString::compare.
int naturalCompare(const QString &a, const QString &b);

} // namespace evalx
