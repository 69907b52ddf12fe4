#pragma once

#include "jobqueue.h"
#include "problemjudge.h"
#include "verdict.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

namespace evalx {

// One test of one submission, as a report shows it. Times and memory are
// empty for a test that did not run (skipped, not compiled).
struct ReportTest
{
    QString name;
    Verdict verdict = Verdict::Skipped;
    std::optional<double> cpuSeconds;
    std::optional<double> wallSeconds;
    std::optional<qint64> memoryKib;
    std::optional<int> exitCode; // empty when a signal ended it, or it did not run
    QString message;             // the checker's words, or the run's (testMessage)
    std::optional<double> score; // the checker's, where it gave one

    bool operator==(const ReportTest &) const = default;
};

// One submission: a student's file, or a job of the queue.
struct ReportEntry
{
    QString name;     // the student or file; a job's token when nothing better is known
    QString language; // a language id
    QString origin;   // where it came from: a path, "local", "api/v1", "judge0"...
    QString status = QStringLiteral("done"); // "done", "queued", "running", "not judged"...
    Verdict verdict = Verdict::Skipped;      // meaningful when status is "done"
    std::optional<double> score;
    std::optional<double> maxScore;
    QString compileOutput;
    QString message; // why, for CE and IE; the first failure otherwise, where known
    QList<ReportTest> tests;

    bool isDone() const { return status == QLatin1String("done"); }
    int passed() const;                                // accepted tests
    const ReportTest *test(const QString &name) const; // nullptr when it has none of that name
    bool operator==(const ReportEntry &) const = default;
};

// Any run of the local judge or any selection of jobs, in one shape that every
// report format (CSV, JSON, HTML, PDF: reportwriter.h) writes.
struct Report
{
    QString title;
    QDateTime createdAt; // UTC, to the millisecond (what JSON keeps)
    QString problem;     // empty when the submissions are not of one problem
    std::optional<double> timeLimitSeconds;
    std::optional<qint64> memoryLimitKib;
    QStringList testNames; // the matrix's columns, in order
    QList<ReportEntry> entries;

    bool operator==(const Report &) const = default;

    // Jobs of a queue (unfinished ones included, with the tests done so far).
    // The columns are the union of the jobs' test names, in order of appearance.
    static Report fromJobs(const QList<JobRecord> &jobs, const QString &title = {});

    // Everything as JSON (reportwriter's .json), and back. fromJson also reads
    // what `evalx judge --json` prints; nullopt and *error (naming the field) on
    // anything else.
    QJsonObject toJson() const;
    static std::optional<Report> fromJson(const QJsonObject &json, QString *error);

    // Adds names to testNames that entries use and it lacks, in order of appearance.
    void completeTestNames();
};

// What explains a test's verdict: the checker's words when the checker decided
// it, the run's when the run did.
QString testMessage(const TestOutcome &test);

ReportTest reportTest(const TestOutcome &test);
// A finished batch as an entry (name, language and origin are the caller's).
ReportEntry reportEntry(const BatchResult &result);

// One file `evalx judge` judged: its result, or why it could not be judged.
struct JudgedFile
{
    QString file;
    QString language;
    std::optional<ProblemResult> result;
    QString error; // the file could not be judged at all
};

// What `evalx judge` judged: a problem, its limits and its files.
Report reportFromJudge(const Problem &problem, const RunLimits &limits,
                       const QList<JudgedFile> &files);

} // namespace evalx
