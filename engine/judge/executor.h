#pragma once

#include "artifactcache.h"
#include "box.h"
#include "language.h"
#include "runtypes.h"
#include "submission.h"

#include <QByteArray>
#include <QList>
#include <QMutex>
#include <QString>

namespace evalx {

class BoxPool;
class BoxLease;

// A compiled program: the files a run needs in the box's program directory.
struct Artifact
{
    QByteArray key; // hash of the language, its compile command and the sources
    QList<BoxFile> files;
    QString mainFile; // the submission's entry point ({main} in run commands)
};

struct CompileOutcome
{
    RunStatus status = RunStatus::IE; // OK, CE or IE
    QString output;                   // the compiler's stdout and stderr
    QString message;
    RunResult compileRun; // the compiler's own run
    Artifact artifact;
};

// One run of a compiled program.
struct RunJob
{
    QByteArray stdinData;
    RunLimits limits;
    QStringList arguments;
    QList<BoxFile> workFiles;      // placed in the box's work directory first
    bool collectWorkFiles = false; // return the work directory's files afterwards
    bool mergeStderr = false;
    int stdinFd = -1; // see RunRequest
    int stdoutFd = -1;
};

struct JobResult
{
    RunResult run;
    QList<BoxFile> workFiles; // when collectWorkFiles
};

// The two runs of an interactive test.
struct InteractiveResult
{
    JobResult solution;
    JobResult interactor;
    bool interactorEndedFirst = false;
};

struct Execution
{
    RunResult run; // status CE (or IE) when the compile failed
    QString compileOutput;
    bool compiled = false; // a compile step ran here (not served from the cache)
};

// Compiles sources and runs artifacts in boxes taken from a pool. Every call
// blocks and may come from any thread; compiles go through the artifact cache.
class Executor final
{
public:
    explicit Executor(BoxPool &pool);

    // The artifact for a submission: from the cache, or compiled in a box.
    ArtifactCache::Outcome compile(const Language &language, const Submission &submission,
                                   bool *cacheHit = nullptr);
    // Compiles without looking at the cache.
    CompileOutcome compileUncached(const Language &language, const Submission &submission);
    JobResult run(const Language &language, const Artifact &artifact, const RunJob &job);
    // Runs a solution and an interactor in two boxes at once, each one's
    // stdout piped into the other's stdin (the jobs' descriptors are ignored).
    InteractiveResult runInteractive(const Language &solutionLanguage, const Artifact &solution,
                                     const RunJob &solutionJob, const Language &interactorLanguage,
                                     const Artifact &interactor, const RunJob &interactorJob);
    // Compile (when the language needs it) and run once.
    Execution execute(const Language &language, const Submission &submission,
                      const QByteArray &stdinData, const RunLimits &limits);

    ArtifactCache &cache() { return m_cache; }
    int poolSize() const;

    // The limits of a compile step: generous, as Judge0's (15 s CPU, 20 s wall, 512 MB).
    static RunLimits compileLimits();
    static QByteArray artifactKey(const Language &language, const Submission &submission);

private:
    JobResult runOnLease(BoxLease &lease, const Language &language, const Artifact &artifact,
                         const RunJob &job);

    BoxPool &m_pool;
    ArtifactCache m_cache;
    // Pairs of boxes are taken one pair at a time: two interactive tests each
    // holding one box and waiting for a second would wait forever.
    QMutex m_pairMutex;
};

} // namespace evalx
