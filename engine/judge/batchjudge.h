#pragma once

#include "checker.h"
#include "executor.h"
#include "submission.h"
#include "verdict.h"

#include <QList>
#include <QMutex>
#include <QString>
#include <QThreadPool>
#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace evalx {

// One test of a batch. Files are read when the test runs, so a batch of large
// tests never holds them all; in-memory data serves the API's small tests.
struct TestData
{
    QString name;
    QString inputPath;  // empty: input
    QString answerPath; // empty: answer
    QByteArray input;
    QByteArray answer;
    QStringList arguments;                 // the submission's command-line arguments
    QStringList checkerFlags;              // replace CheckerConfig::flags for this test when set
    std::optional<CompareOptions> compare; // replaces CheckerConfig::compare for this test
    bool hasAnswer =
        true; // false: any run that ends well is accepted (Judge0 without expected_output)
};

// How outputs are judged.
struct CheckerConfig
{
    enum class Kind {
        Compare, // a built-in comparison
        Testlib, // checker input output answer; exit 0/1/2/3/7
        Kattis,  // validator input answer feedback_dir [flags] < output; exit 42/43
    };
    Kind kind = Kind::Compare;
    CompareOptions compare;
    std::optional<Submission> program; // the checker's sources (Testlib, Kattis)
    QStringList flags;                 // passed to a Kattis validator
};

struct BatchRequest
{
    Submission submission;
    QList<TestData> tests;
    CheckerConfig checker;
    RunLimits limits;
    // The checker is an interactor: it and the submission run side by side in
    // two boxes, each one's stdout the other's stdin (the ICPC protocol).
    bool interactive = false;
    bool stopOnFirstFailure = false;
    bool mergeStderr = false; // the submission's stderr goes to its stdout
    // Placed in the box's work directory (the program's current directory)
    // before each run of the submission: data files it opens (Judge0's additional_files).
    QList<BoxFile> workFiles;
    int parallel = 0; // tests at once; 0: as many as the pool has boxes
};

struct TestOutcome
{
    int index = 0;
    QString name;
    Verdict verdict = Verdict::Skipped;
    RunResult run; // the submission's run (stdout holds its output)
    CheckOutcome check;
    std::optional<double> score; // the checker's, where it gave one
};

struct BatchResult
{
    Verdict verdict = Verdict::IE; // the first failing test's, or AC
    QString message;               // why, for CE and IE
    QString compileOutput;
    RunResult compileRun;       // the compiler's own run (times, exit code), where one ran
    bool compileCached = false; // the artifact came from the cache
    double compileSeconds = 0;  // wall time spent getting the artifact (compile or cache)
    QList<TestOutcome> tests;   // in the request's order

    double maxCpuSeconds() const;
    quint64 maxMemoryKib() const;
    int count(Verdict which) const;
};

// Judges one submission against a batch of tests: compiles it once (through
// the artifact cache), fans the tests out over the pool, checks each output
// and reports each test as it finishes. Blocking; call it from a worker thread.
class BatchJudge final
{
public:
    BatchJudge(Executor &executor, const LanguageCatalogue &languages);
    ~BatchJudge();
    Q_DISABLE_COPY_MOVE(BatchJudge)

    // onTest runs in the thread that finished the test, once per test run.
    using Progress = std::function<void(const TestOutcome &)>;
    BatchResult judge(const BatchRequest &request, const Progress &onTest = {},
                      const std::atomic_bool *cancel = nullptr);

    // Builds a Testlib or Kattis checker through the artifact cache, so that the batches
    // that use it find it built. nullptr and *error when it has no sources, its language is
    // unknown or it does not build ("the checker does not build: " and the compiler's words).
    ArtifactCache::Outcome buildChecker(const CheckerConfig &checker, QString *error,
                                        const Language **language = nullptr);

    // The limits a checker or interactor runs with: generous, never the
    // submission's own.
    static RunLimits checkerLimits(const RunLimits &submissionLimits);

private:
    struct Prepared;
    TestOutcome runTest(const Prepared &p, int index);
    TestOutcome runInteractive(const Prepared &p, int index, const QByteArray &input,
                               const QByteArray &answer);
    CheckOutcome check(const Prepared &p, const TestData &test, const QByteArray &input,
                       const QByteArray &output, const QByteArray &answer);

    std::unique_ptr<QThreadPool> takeTestPool();
    void giveBackTestPool(std::unique_ptr<QThreadPool> pool);

    Executor &m_executor;
    const LanguageCatalogue &m_languages;
    // Each batch fans its tests out on a pool of its own (its width, its
    // waitForDone), kept for the next batch: starting and ending two threads
    // per job cost more than a short job's runs, and stalled the process's
    // other threads behind its address space while stacks came and went.
    QMutex m_testPoolsMutex;
    std::vector<std::unique_ptr<QThreadPool>> m_testPools;
};

} // namespace evalx
